"""The advisors' admin: a read-only view of what each firm answered and was told, with the
follow-up workflow (status, assignment, internal notes) and exports beside it."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import DELETION
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from readiness.advisors import export
from readiness.advisors.benchmark_exclusion import exclude_from_benchmarks
from readiness.advisors.filters import (
    AssignedAdvisorFilter,
    BusinessScopeFilter,
    FollowUpRequestedFilter,
    OverallScoreFilter,
    SizeBandFilter,
    StatusFilter,
    SubmittedBetweenFilter,
    advisors,
    choice_label,
)
from readiness.advisors.models import Contact, FollowUp, Note
from readiness.advisors.retention import admin_log_of
from readiness.assessments.models import Assessment
from readiness.assessments.results import summarise
from readiness.reports.views import pdf_response
from readiness.schemes.advice import Advice
from readiness.security.text import visible

admin.site.site_header = _("Readiness: advisors' workspace")
admin.site.site_title = _("Readiness admin")
admin.site.index_title = _("Assessments, follow-up and content")

EXPORT_PERMISSION = "advisors.export_assessments"
MAX_SEARCH_WORDS = 8
MAX_SEARCH_WORD = 100


class ContactInline(admin.StackedInline):
    model = Contact
    fields = readonly_fields = (
        "name",
        "email",
        "phone",
        "company_name",
        "consented_at",
        "pics_version",
    )
    can_delete = False
    extra = 0
    max_num = 1

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class FollowUpInline(admin.StackedInline):
    model = FollowUp
    fields = ("requested_at", "status", "assigned_to", "updated_at")
    readonly_fields = ("requested_at", "updated_at")
    can_delete = False
    extra = 1
    max_num = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = advisors()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NoteInline(admin.TabularInline):
    """Notes are a dated record: new ones can be added, none can be edited or removed."""

    model = Note
    fields = ("created_at", "author", "text")
    readonly_fields = ("created_at", "author")
    can_delete = False
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_change_permission(self, request, obj=None):
        return False


class IdsFirstPaginator(Paginator):
    """Finds a page's ids first, then fetches just those rows with their joins.

    Skipping to a deep page then walks the narrow (created_at, id) index instead of tens of
    thousands of wide assessment rows."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = self.object_list.filter(pk__in=ids).in_bulk()
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    change_list_template = "admin/assessments/assessment/change_list.html"
    change_form_template = "admin/assessments/assessment/change_form.html"
    list_display = (
        "submitted",
        "company",
        "scope",
        "size",
        "overall_score",
        "tier",
        "follow_up_requested",
        "status",
        "advisor",
    )
    list_display_links = ("submitted", "company")
    list_filter = (
        SubmittedBetweenFilter,
        BusinessScopeFilter,
        SizeBandFilter,
        OverallScoreFilter,
        "tier",
        FollowUpRequestedFilter,
        StatusFilter,
        AssignedAdvisorFilter,
    )
    search_fields = ("company_name", "contact__company_name", "contact__name", "contact__email")
    search_help_text = _("Company name, contact name or email.")
    list_select_related = ("followup__assigned_to", "contact")
    ordering = ("-created_at",)
    list_per_page = 50
    # The unfiltered total is shown anyway when no filter is set; a second count of the whole
    # table on every filtered page is not worth its cost at 100,000 rows.
    show_full_result_count = False
    paginator = IdsFirstPaginator
    # Nothing a firm said can be edited; advisors only work in the follow-up sections.
    fields = readonly_fields = ("created_at", "questionnaire_version", "language", "report")
    # The firm's result link is the firm's key to read and delete its result: never shown to
    # staff. Advisors read the result here, and its PDF through report_view.
    view_on_site = False
    inlines = (ContactInline, FollowUpInline, NoteInline)
    actions = [exclude_from_benchmarks]

    @admin.display(description=_("submitted"), ordering="created_at")
    def submitted(self, obj):
        return timezone.localtime(obj.created_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description=_("company"), ordering="company_name")
    def company(self, obj):
        contact = getattr(obj, "contact", None)
        return visible(obj.company_name or (contact.company_name if contact else "")) or "—"

    @admin.display(description=_("business scope"), ordering="business_scope")
    def scope(self, obj):
        return choice_label(obj.questionnaire.business_scopes, obj.business_scope)

    @admin.display(description=_("size"), ordering="employee_band")
    def size(self, obj):
        return choice_label(obj.questionnaire.employee_bands, obj.employee_band)

    @admin.display(description=_("follow-up requested"), boolean=True)
    def follow_up_requested(self, obj):
        followup = getattr(obj, "followup", None)
        return bool(followup and followup.requested_at)

    @admin.display(description=_("status"), ordering="followup__status")
    def status(self, obj):
        followup = getattr(obj, "followup", None)
        return followup.get_status_display() if followup else "—"

    @admin.display(description=_("assigned advisor"), ordering="followup__assigned_to")
    def advisor(self, obj):
        followup = getattr(obj, "followup", None)
        user = followup.assigned_to if followup else None
        return (user.get_full_name() or user.get_username()) if user else "—"

    @admin.display(description=_("PDF report"))
    def report(self, obj):
        url = reverse("admin:assessments_assessment_report", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the firm's PDF report"))

    def get_search_results(self, request, queryset, search_term):
        """Every word (the first MAX_SEARCH_WORDS of them) must appear in the company name or
        the contact's name, email or company.

        Contacts are few, so they are searched on their own and joined by id: no join of the
        whole assessment table just to filter it."""
        # Each word costs a scan of the names and contacts; a pasted essay is not a search.
        words = [word[:MAX_SEARCH_WORD] for word in search_term.split()][:MAX_SEARCH_WORDS]
        for word in words:
            contacts = Contact.objects.filter(
                Q(name__icontains=word) | Q(email__icontains=word) | Q(company_name__icontains=word)
            ).values("assessment_id")
            queryset = queryset.filter(Q(company_name__icontains=word) | Q(pk__in=contacts))
        return queryset, False

    def has_add_permission(self, request):
        return False

    def get_actions(self, request):
        # Only exclude_from_benchmarks: deleting goes through the assessment page (delete_model).
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        # The assessment row itself is never written from the admin.
        pass

    def delete_model(self, request, obj):
        """Only a superuser gets here (no group has the delete permission). Django has just
        logged the deletion, which is kept as the record of who deleted what; the earlier
        entries about it, which may quote the firm, go with the assessment."""
        admin_log_of(Assessment.objects.filter(pk=obj.pk)).exclude(action_flag=DELETION).delete()
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Note) and instance._state.adding:
                instance.author = request.user
            instance.save()
        formset.save_m2m()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        assessment = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if assessment is not None:
            extra_context.update(review_context(assessment))
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        extra_context["can_export"] = request.user.has_perm(EXPORT_PERMISSION)
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        export_view = self.admin_site.admin_view(self.export_view)
        return [
            path("export.csv", export_view, {"fmt": "csv"}, name="assessments_export_csv"),
            path("export.xlsx", export_view, {"fmt": "xlsx"}, name="assessments_export_xlsx"),
            path(
                "<int:object_id>/report.pdf",
                self.admin_site.admin_view(self.report_view),
                name="assessments_assessment_report",
            ),
            *super().get_urls(),
        ]

    def report_view(self, request, object_id):
        """The firm's PDF report for staff allowed to view assessments, by id, never by token."""
        assessment = self.get_object(request, str(object_id))
        if assessment is None:
            raise Http404
        if not self.has_view_permission(request, assessment):
            raise PermissionDenied
        return pdf_response(assessment, get_language() or settings.LANGUAGE_CODE)

    def export_view(self, request, fmt):
        if not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:assessments_assessment_changelist") + "?e=1")
        queryset = changelist.get_queryset(request)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        if fmt == "csv":
            response = StreamingHttpResponse(
                export.csv_lines(queryset), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(
                export.xlsx_bytes(queryset),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="assessments-{stamp}.{fmt}"'
        return response


def review_context(assessment) -> dict:
    """Everything the firm answered and was told, for the read-only assessment page."""
    q = assessment.questionnaire
    summary = summarise(assessment)
    pillars = []
    for pillar, result in zip(q.pillars, summary.pillars, strict=True):
        dimensions = []
        for dimension, dim_result in zip(pillar.dimensions, result.dimensions, strict=True):
            answers = []
            for question in dimension.questions:
                value = assessment.answers.get(question.key)
                option = question.option(value) if value in question.values else None
                answers.append({"question": question, "value": value, "option": option})
            dimensions.append(
                {"dimension": dimension, "score": dim_result.score, "answers": answers}
            )
        pillars.append({"pillar": pillar, "score": result.score, "dimensions": dimensions})
    return {
        "assessment": assessment,
        "summary": summary,
        "profile_rows": assessment.profile_rows(),
        "answer_pillars": pillars,
        "advice": Advice.of(assessment),
    }
