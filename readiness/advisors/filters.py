"""List filters for the advisors' assessment list."""

import datetime

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from readiness.advisors.models import FollowUpStatus
from readiness.advisors.roles import ADVISOR
from readiness.content.questionnaire import current_questionnaire


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class SubmittedBetweenFilter(admin.ListFilter):
    """A from/to date range on the submission date, both ends inclusive (Hong Kong time)."""

    title = _("date submitted")
    template = "admin/assessments/date_range_filter.html"
    parameters = ("submitted_from", "submitted_to")

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        for name in self.parameters:
            if name in params:
                value = params.pop(name)
                self.used_parameters[name] = value[-1] if isinstance(value, list) else value

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters)

    def day(self, name) -> datetime.date | None:
        try:
            return parse_date(self.used_parameters.get(name, "").strip())
        except ValueError:
            return None

    def queryset(self, request, queryset):
        # An unreadable date is ignored rather than answered with an error page.
        start, end = self.day("submitted_from"), self.day("submitted_to")
        if start:
            queryset = queryset.filter(created_at__gte=_start_of_day(start))
        if end:
            next_day = end + datetime.timedelta(days=1)
            queryset = queryset.filter(created_at__lt=_start_of_day(next_day))
        return queryset

    def choices(self, changelist):
        start, end = self.day("submitted_from"), self.day("submitted_to")
        yield {
            "selected": bool(start or end),
            "start": start.isoformat() if start else "",
            "end": end.isoformat() if end else "",
            "keep": [
                (key, value)
                for key, values in changelist.filter_params.items()
                if key not in self.parameters
                for value in values
            ],
            "clear_query_string": changelist.get_query_string(remove=self.parameters),
        }


class ChoiceFilter(admin.SimpleListFilter):
    """A filter whose options come from the questionnaire content, not from the database."""

    field = ""

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field: self.value()})
        return queryset


class BusinessScopeFilter(ChoiceFilter):
    title = _("business scope")
    parameter_name = field = "business_scope"

    def lookups(self, request, model_admin):
        return [(c.key, str(c.label)) for c in current_questionnaire().business_scopes]


class SizeBandFilter(ChoiceFilter):
    title = _("full-time employees")
    parameter_name = field = "employee_band"

    def lookups(self, request, model_admin):
        return [(c.key, str(c.label)) for c in current_questionnaire().employee_bands]


SCORE_BANDS = {
    "1": ("1.0", "1.9"),
    "2": ("2.0", "2.9"),
    "3": ("3.0", "3.9"),
    "4": ("4.0", "5.0"),
}


class OverallScoreFilter(admin.SimpleListFilter):
    title = _("overall score")
    parameter_name = "score"

    def lookups(self, request, model_admin):
        return [(key, f"{low} – {high}") for key, (low, high) in SCORE_BANDS.items()]

    def queryset(self, request, queryset):
        if self.value() in SCORE_BANDS:
            low, high = SCORE_BANDS[self.value()]
            return queryset.filter(overall_score__gte=low, overall_score__lte=high)
        return queryset


class FollowUpRequestedFilter(admin.SimpleListFilter):
    title = _("follow-up requested")
    parameter_name = "requested"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(followup__requested_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(
                Q(followup__isnull=True) | Q(followup__requested_at__isnull=True)
            )
        return queryset


class StatusFilter(admin.SimpleListFilter):
    title = _("follow-up status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*FollowUpStatus.choices, ("none", _("No follow-up"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(followup__isnull=True)
        if self.value() in FollowUpStatus.values:
            return queryset.filter(followup__status=self.value())
        return queryset


# The largest id a user can have on every supported database (a 32-bit key on PostgreSQL).
MAX_ID = 2**31 - 1


def advisors():
    """People an assessment can be assigned to: active advisors and superusers."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=ADVISOR) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("username")
    )


class AssignedAdvisorFilter(admin.SimpleListFilter):
    title = _("assigned advisor")
    parameter_name = "advisor"

    def lookups(self, request, model_admin):
        return [("none", _("Unassigned"))] + [
            (str(user.pk), user.get_full_name() or user.get_username()) for user in advisors()
        ]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(followup__assigned_to__isnull=True)
        # isdecimal, not isdigit: "²" is a digit that int() refuses. Past the largest id no
        # advisor can match, and SQLite would overflow.
        value = self.value() or ""
        if value.isascii() and value.isdecimal() and int(value) <= MAX_ID:
            return queryset.filter(followup__assigned_to=int(value))
        return queryset


def choice_label(choices, key: str) -> str:
    """The label of a questionnaire choice, or its key if the content no longer has it."""
    match = next((c for c in choices if c.key == key), None)
    return str(match.label) if match else key


class AssignedToMeFilter(admin.SimpleListFilter):
    """The follow-up queue's view: the requests an advisor has taken, or nobody has."""

    title = _("assigned")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Assigned to me")), ("none", _("Unassigned"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "none":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


OPEN_STATUSES = [
    FollowUpStatus.NEW,
    FollowUpStatus.CONTACTED,
    FollowUpStatus.MEETING_BOOKED,
]


class QueueStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", _("Open (not supported or closed)")), *FollowUpStatus.choices]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        if self.value() in FollowUpStatus.values:
            return queryset.filter(status=self.value())
        return queryset
