"""The advisors' action that keeps assessments out of the firms' comparison (a test run, a
duplicate, a firm that is not a firm), with a reason recorded beside each."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from readiness.benchmarks import membership
from readiness.security.text import visible


class ExclusionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Why these results should not count, e.g. a test run or a duplicate."),
    )

    def clean_reason(self):
        reason = visible(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason."))
        return reason


@admin.action(description=_("Exclude from benchmarks"), permissions=["change"])
def exclude_from_benchmarks(modeladmin, request, queryset):
    """First a page asking for the reason; then each selected assessment is excluded, the
    reason kept with it and the admin log noting the exclusion (without the reason's words)."""
    form = ExclusionForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "admin/assessments/exclude_from_benchmarks.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": _("Exclude from benchmarks"),
                "form": form,
                "assessments": queryset,
                "opts": modeladmin.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
    excluded = []
    with transaction.atomic():
        for assessment in queryset:
            if membership.exclude(assessment, form.cleaned_data["reason"], request.user):
                excluded.append(assessment)
        if excluded:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=excluded,
                action_flag=CHANGE,
                change_message=[{"changed": {"fields": ["counts in benchmarks"]}}],
            )
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d assessment excluded from benchmarks.",
            "%(count)d assessments excluded from benchmarks.",
            len(excluded),
        )
        % {"count": len(excluded)},
        messages.SUCCESS,
    )
    return None
