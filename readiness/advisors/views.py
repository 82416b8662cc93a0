import csv
import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from readiness.advisors import dashboard as figures
from readiness.advisors.charts import count_chart, stacked_chart
from readiness.advisors.export import csv_cell
from readiness.content.questionnaire import current_questionnaire
from readiness.content.tiers import TIERS

# Far enough back for any programme; a typo such as 0202 is refused rather than scanned for.
EARLIEST = datetime.date(2020, 1, 1)


class DateRangeForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False)
    end = forms.DateField(label=gettext_lazy("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day and not EARLIEST <= day <= timezone.localdate() + datetime.timedelta(days=1):
                self.add_error(
                    name,
                    _("Choose a day from %(earliest)s to today.")
                    % {"earliest": EARLIEST.isoformat()},
                )
        if start and end and start > end:
            self.add_error("end", _("The end of the range comes before its start."))
        return cleaned

    def days(self) -> tuple[datetime.date | None, datetime.date | None]:
        if not self.is_valid():
            return None, None
        return self.cleaned_data["start"], self.cleaned_data["end"]


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _allowed(request):
    if not request.user.has_perm("assessments.view_assessment"):
        raise PermissionDenied


def funnel_label(key: str) -> str:
    return {
        "requested": _("Requested follow-up"),
        "contacted": _("Contacted"),
        "supported": _("Supported"),
    }[key]


@require_GET
def dashboard(request):
    _allowed(request)
    range_form = DateRangeForm(request.GET or None)
    start, end = range_form.days()
    data = figures.build(start=start, end=end)
    q = current_questionnaire()
    tier_names = [(t.key, str(t.name), t.colour) for t in TIERS]
    tier_keys = [t.key for t in q.tiers]
    months = [(formats.date_format(day, "M Y"), n) for day, n in data.months]
    tiers = [(str(t.name), data.tiers.get(t.key, 0)) for t in q.tiers]
    funnel = [(funnel_label(step.key), step.count, step.median_days) for step in data.funnel]
    requested = data.funnel[0].count if data.funnel else 0
    movement = data.movement
    movement_rows = [
        (
            str(before.name),
            [(str(after.name), movement.counts.get((before.key, after.key), 0)) for after in TIERS],
        )
        for before in TIERS
    ]

    def groups_chart(groups):
        rows = [(b.label, b.tiers) for b in groups if b.total >= figures.SUPPRESS_BELOW]
        return stacked_chart(rows, tier_keys, suppress_below=figures.SUPPRESS_BELOW)

    query = request.GET.urlencode() if range_form.is_bound and range_form.is_valid() else ""
    context = {
        **admin.site.each_context(request),
        "is_nav_sidebar_enabled": False,
        "title": _("Dashboard: where Hong Kong's SMEs stand"),
        "range_form": range_form,
        "range_query": query,
        "start": start,
        "end": end,
        "data": data,
        "suppress_below": figures.SUPPRESS_BELOW,
        "tier_names": tier_names,
        "months": months,
        "months_chart": count_chart(months),
        "tier_rows": [(name, n, _percent(n, data.total)) for name, n in tiers],
        "tier_chart": count_chart(tiers),
        "scope_chart": groups_chart(data.by_scope),
        "band_chart": groups_chart(data.by_band),
        "pillar_chart": count_chart(
            [(name, avg) for _key, name, avg in data.pillar_averages], maximum=5
        ),
        "difficulty_rows": [
            (label, n, _percent(n, data.total)) for _key, label, n in data.difficulties
        ],
        "difficulty_chart": count_chart([(label, n) for _key, label, n in data.difficulties]),
        "funnel_rows": [(label, n, _percent(n, requested), days) for label, n, days in funnel],
        "funnel_chart": count_chart([(label, n) for label, n, _days in funnel]),
        "movement": movement,
        "movement_rows": movement_rows,
        "movement_chart": count_chart(
            [
                (_("Moved up a tier or more"), movement.up),
                (_("Stayed in the same tier"), movement.same),
                (_("Moved down"), movement.down),
            ]
        ),
    }
    return render(request, "advisors/dashboard.html", context)


@require_GET
def dashboard_csv(request):
    """The dashboard's tier tables (by business scope and by size band) as CSV, with the
    same cells suppressed as on the page."""
    _allowed(request)
    start, end = DateRangeForm(request.GET or None).days()
    data = figures.build(start=start, end=end)
    tier_keys = [t.key for t in TIERS]
    fewer = _("fewer than %(n)s") % {"n": figures.SUPPRESS_BELOW}

    def cell(n):
        return fewer if n is None else n

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="tier-distribution-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("From"),
            start.isoformat() if start else "",
            _("To"),
            end.isoformat() if end else "",
        ]
    )
    heading = [str(t.name) for t in TIERS] + [_("Total")]
    for title, groups in (
        (_("Business scope"), data.by_scope),
        (_("Full-time employees"), data.by_band),
    ):
        writer.writerow([])
        writer.writerow([title, *heading])
        for group in groups:
            published = group.published
            writer.writerow(
                [
                    csv_cell(group.label),
                    *[cell(published.get(key, 0)) for key in tier_keys],
                    cell(group.shown_total),
                ]
            )
    return response
