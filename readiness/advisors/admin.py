"""The advisors' admin: a read-only view of what each firm answered and was told, with the
follow-up workflow (status, assignment, internal notes) and exports beside it."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Q, Value, When
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from readiness.advisors import export
from readiness.advisors.benchmark_exclusion import exclude_from_benchmarks
from readiness.advisors.filters import (
    AssignedAdvisorFilter,
    AssignedToMeFilter,
    BusinessScopeFilter,
    FollowUpRequestedFilter,
    OverallScoreFilter,
    QueueStatusFilter,
    SizeBandFilter,
    StatusFilter,
    SubmittedBetweenFilter,
    advisors,
    choice_label,
)
from readiness.advisors.models import Contact, FollowUp, FollowUpStatus, Note
from readiness.advisors.retention import admin_log_of
from readiness.advisors.verification import VerifyAnswersForm, verified_score
from readiness.assessments.models import Assessment
from readiness.assessments.results import summarise
from readiness.content import tiers as tier_table
from readiness.reports.views import pdf_response
from readiness.schemes.advice import Advice, priorities
from readiness.security.text import visible

admin.site.site_header = _("Readiness: advisors' workspace")
admin.site.site_title = _("Readiness admin")
admin.site.index_title = _("Assessments, follow-up and content")

EXPORT_PERMISSION = "advisors.export_assessments"
MAX_SEARCH_WORDS = 8
MAX_SEARCH_WORD = 100


def firm_text(value) -> str:
    """Text a firm typed, for staff pages: without invisible characters, and isolated so that
    right-to-left words cannot reorder what is around them."""
    return format_html("<bdi>{}</bdi>", visible(value or "")) if value else "—"


def person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "—"


def local_date(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else "—"


def local_minute(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


class ContactInline(admin.StackedInline):
    model = Contact
    fields = readonly_fields = (
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_company",
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

    @admin.display(description=_("contact name"))
    def contact_name(self, obj):
        return firm_text(obj.name)

    @admin.display(description=_("email"))
    def contact_email(self, obj):
        return firm_text(obj.email)

    @admin.display(description=_("phone"))
    def contact_phone(self, obj):
        return firm_text(obj.phone)

    @admin.display(description=_("company name"))
    def contact_company(self, obj):
        return firm_text(obj.company_name)


class FollowUpInline(admin.StackedInline):
    model = FollowUp
    fields = ("status", "closing_reason", "assigned_to", "requested_at", "steps", "updated_at")
    readonly_fields = ("requested_at", "steps", "updated_at")
    can_delete = False
    extra = 1
    max_num = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = advisors()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("steps so far"))
    def steps(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        dated = [
            (gettext("Contacted"), obj.contacted_at),
            (gettext("Meeting booked"), obj.meeting_booked_at),
            (gettext("Supported"), obj.supported_at),
            (gettext("Closed"), obj.closed_at),
        ]
        return " · ".join(f"{label} {local_date(at)}" for label, at in dated if at) or "—"


class NoteInline(admin.TabularInline):
    """Notes are a dated record: new ones can be added, none can be edited or removed."""

    model = Note
    fields = ("written", "written_by", "text")
    readonly_fields = ("written", "written_by")
    can_delete = False
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_change_permission(self, request, obj=None):
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "text":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # The blank row for a new note has no date or author yet: it shows none.
    @admin.display(description=_("written"))
    def written(self, obj):
        return local_minute(obj.created_at) if obj and obj.pk else ""

    @admin.display(description=_("author"))
    def written_by(self, obj):
        return person(obj.author) if obj and obj.pk else ""


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
    readonly_fields = (
        "created_at",
        "questionnaire_version",
        "language_answered_in",
        "report",
        "verify",
    )
    fieldsets = [(_("The assessment"), {"fields": readonly_fields})]
    save_on_top = True
    # The firm's result link is the firm's key to read and delete its result: never shown to
    # staff. Advisors read the result here, and its PDF through report_view.
    view_on_site = False
    # The work first: status and assignment, the notes and the new-note box, who to call.
    inlines = (FollowUpInline, NoteInline, ContactInline)
    actions = [exclude_from_benchmarks]

    @admin.display(description=_("submitted"), ordering="created_at")
    def submitted(self, obj):
        return timezone.localtime(obj.created_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description=_("company"), ordering="company_name")
    def company(self, obj):
        contact = getattr(obj, "contact", None)
        return firm_text(obj.company_name or (contact.company_name if contact else ""))

    @admin.display(description=_("business scope"), ordering="business_scope")
    def scope(self, obj):
        return choice_label(obj.questionnaire.business_scopes, obj.business_scope)

    @admin.display(description=_("size"), ordering="employee_band")
    def size(self, obj):
        return choice_label(obj.questionnaire.employee_bands, obj.employee_band)

    @admin.display(description=_("follow-up requested"), ordering="followup__requested_at")
    def follow_up_requested(self, obj):
        followup = getattr(obj, "followup", None)
        return local_date(followup.requested_at) if followup else "—"

    @admin.display(description=_("status"), ordering="followup__status")
    def status(self, obj):
        followup = getattr(obj, "followup", None)
        return followup.get_status_display() if followup else "—"

    @admin.display(description=_("assigned advisor"), ordering="followup__assigned_to")
    def advisor(self, obj):
        followup = getattr(obj, "followup", None)
        return person(followup.assigned_to if followup else None)

    @admin.display(description=_("language answered in"))
    def language_answered_in(self, obj):
        try:
            return get_language_info(obj.language)["name_translated"]
        except KeyError:
            return obj.language

    @admin.display(description=_("PDF report"))
    def report(self, obj):
        url = reverse("admin:assessments_assessment_report", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the firm's PDF report"))

    @admin.display(description=_("answers verified on a visit"))
    def verify(self, obj):
        url = reverse("admin:assessments_assessment_verify", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Confirm or correct the answers"))

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
        extra_context = dict(extra_context or {}, is_nav_sidebar_enabled=False)
        if assessment is not None:
            extra_context.update(review_context(assessment))
            contact = getattr(assessment, "contact", None)
            name = assessment.company_name or (contact.company_name if contact else "")
            extra_context["title"] = visible(name) or str(assessment)
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        extra_context["can_export"] = request.user.has_perm(EXPORT_PERMISSION)
        extra_context.setdefault("title", _("Assessments"))
        # The list needs the width; the home page lists the same links.
        extra_context["is_nav_sidebar_enabled"] = False
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        export_view = self.admin_site.admin_view(self.export_view)
        return [
            path("export.csv", export_view, {"fmt": "csv"}, name="assessments_export_csv"),
            path("export.xlsx", export_view, {"fmt": "xlsx"}, name="assessments_export_xlsx"),
            path(
                "<int:object_id>/verify/",
                self.admin_site.admin_view(self.verify_view),
                name="assessments_assessment_verify",
            ),
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

    def verify_view(self, request, object_id):
        """An advisor confirms or corrects the firm's answers, question by question."""
        assessment = self.get_object(request, str(object_id))
        if assessment is None:
            raise Http404
        if not request.user.has_perm("advisors.add_answerverification"):
            raise PermissionDenied
        form = VerifyAnswersForm(assessment, request.POST or None)
        if request.method == "POST" and form.is_valid():
            saved = form.save(request.user)
            messages.success(
                request,
                gettext("%(count)s checked answers recorded.") % {"count": saved}
                if saved
                else gettext("Nothing changed."),
            )
            return redirect(reverse("admin:assessments_assessment_change", args=[assessment.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Verify the answers on a visit"),
            "is_nav_sidebar_enabled": False,
            "opts": self.opts,
            "original": assessment,
            "form": form,
            "self_assessed": assessment.overall_score,
            "verified": verified_score(assessment, assessment.verifications.all()),
        }
        return TemplateResponse(request, "admin/assessments/assessment/verify.html", context)

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


def workspace_history(assessment):
    """The firm's other assessments when it keeps a workspace, oldest first, and its team
    rounds (the workspaces app's models, reached through their reverse names)."""
    entry = getattr(assessment, "workspace_entry", None)
    if entry is None:
        return None
    workspace_id = entry.workspace_id
    assessments = Assessment.objects.filter(workspace_entry__workspace_id=workspace_id).order_by(
        "created_at", "pk"
    )
    return {
        "workspace_id": workspace_id,
        "assessments": list(assessments.only("pk", "created_at", "overall_score", "tier")),
        "rounds": entry.workspace.rounds.count(),
    }


def review_context(assessment) -> dict:
    """Everything the firm answered and was told, for the read-only assessment page."""
    advice = Advice.of(assessment)
    q = assessment.questionnaire
    summary = summarise(assessment)
    checks = {v.question: v for v in assessment.verifications.select_related("verified_by").all()}
    verified = verified_score(assessment, checks.values())
    pillars = []
    for pillar, result in zip(q.pillars, summary.pillars, strict=True):
        dimensions = []
        for dimension, dim_result in zip(pillar.dimensions, result.dimensions, strict=True):
            answers = []
            for question in dimension.questions:
                value = assessment.answers.get(question.key)
                option = question.option(value) if value in question.values else None
                check = checks.get(question.key)
                answers.append(
                    {
                        "question": question,
                        "value": value,
                        "option": option,
                        "check": check,
                        "checked_option": question.option(check.value)
                        if check and check.value in question.values
                        else None,
                    }
                )
            dimensions.append(
                {"dimension": dimension, "score": dim_result.score, "answers": answers}
            )
        pillars.append({"pillar": pillar, "score": result.score, "dimensions": dimensions})
    return {
        "assessment": assessment,
        "summary": summary,
        "profile_rows": [(label, visible(value)) for label, value in assessment.profile_rows()],
        "answer_pillars": pillars,
        "advice": advice,
        "plan": priorities(advice, q),
        "workspace_history": workspace_history(assessment),
        "verified": verified,
        "verified_tier": tier_table.BY_KEY.get(verified.tier) if verified else None,
    }


def queue_order():
    """New requests first, then the later steps in order, closed last."""
    return Case(
        *[When(status=status, then=Value(i)) for i, status in enumerate(FollowUpStatus.values)],
        default=Value(len(FollowUpStatus.values)),
    )


@admin.register(FollowUp)
class FollowUpQueueAdmin(admin.ModelAdmin):
    """The advisors' home: every request for follow-up, new ones first and the longest
    waiting first among them; one click takes a request. Work on a request happens on its
    assessment's page."""

    change_list_template = "admin/advisors/followup/change_list.html"
    list_display = (
        "waiting",
        "firm",
        "tier",
        "contact_details",
        "requested",
        "status_label",
        "advisor",
        "take",
    )
    list_display_links = None
    list_filter = (AssignedToMeFilter, QueueStatusFilter)
    list_select_related = ("assessment__contact", "assigned_to")
    list_per_page = 50
    show_full_result_count = False
    paginator = IdsFirstPaginator
    actions = None
    search_fields = ()

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(requested_at__isnull=False)
            .annotate(step=queue_order())
            .order_by("step", "requested_at")
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # One firm on one screen: a request is worked on from its assessment's page.
        if not self.has_view_permission(request):
            raise PermissionDenied
        return redirect(reverse("admin:assessments_assessment_change", args=[object_id]))

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "title": _("Follow-up queue"),
            "is_nav_sidebar_enabled": False,
            "target_days": settings.FOLLOW_UP_TARGET_DAYS,
            **(extra_context or {}),
        }
        self._today = timezone.localdate()
        self._user = request.user
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("days waiting"))
    def waiting(self, obj):
        days = obj.working_days_waiting(getattr(self, "_today", None))
        if obj.contacted_at is None and days > settings.FOLLOW_UP_TARGET_DAYS:
            return format_html('<strong class="overdue">{}</strong>', days)
        return days

    @admin.display(description=_("firm"), ordering="assessment__company_name")
    def firm(self, obj):
        a = obj.assessment
        contact = getattr(a, "contact", None)
        name = a.company_name or (contact.company_name if contact else "")
        url = reverse("admin:assessments_assessment_change", args=[a.pk])
        label = firm_text(name) if name else gettext("Assessment #%(id)s") % {"id": a.pk}
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description=_("tier"), ordering="assessment__tier")
    def tier(self, obj):
        tier = tier_table.BY_KEY.get(obj.assessment.tier)
        return f"{tier.name} · {obj.assessment.overall_score}" if tier else "—"

    @admin.display(description=_("contact"))
    def contact_details(self, obj):
        contact = getattr(obj.assessment, "contact", None)
        if contact is None or not self._user.has_perm("advisors.view_contact"):
            return "—"
        lines = [firm_text(v) for v in (contact.name, contact.phone, contact.email) if v]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))

    @admin.display(description=_("requested"), ordering="requested_at")
    def requested(self, obj):
        return local_date(obj.requested_at)

    @admin.display(description=_("status"), ordering="step")
    def status_label(self, obj):
        label = obj.get_status_display()
        if obj.status == FollowUpStatus.CLOSED and obj.closing_reason:
            return f"{label}: {obj.get_closing_reason_display()}"
        return label

    @admin.display(description=_("assigned advisor"), ordering="assigned_to__username")
    def advisor(self, obj):
        return person(obj.assigned_to)

    @admin.display(description=_("take"), empty_value="")
    def take(self, obj):
        if obj.assigned_to_id is not None or obj.status == FollowUpStatus.CLOSED:
            return None
        url = reverse("admin:advisors_followup_take", args=[obj.pk])
        # The changelist is one form with Django's CSRF token: the button posts it here.
        return format_html(
            '<button type="submit" class="button take" formaction="{}" formmethod="post">'
            "{}</button>",
            url,
            _("Take"),
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/take/",
                self.admin_site.admin_view(require_POST(self.take_view)),
                name="advisors_followup_take",
            ),
            *super().get_urls(),
        ]

    def take_view(self, request, object_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        followup = FollowUp.objects.filter(pk=object_id).select_related("assigned_to").first()
        if followup is None:
            raise Http404
        if followup.take(request.user):
            messages.success(
                request,
                gettext("Request #%(id)s is yours now.") % {"id": followup.pk},
            )
        else:
            messages.warning(
                request,
                gettext("Request #%(id)s was already taken by %(advisor)s.")
                % {"advisor": person(followup.assigned_to), "id": followup.pk},
            )
        return redirect(reverse("admin:advisors_followup_changelist"))
