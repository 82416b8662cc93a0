from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from readiness.advisors import dashboard as figures
from readiness.advisors.charts import count_chart, stacked_chart
from readiness.content.questionnaire import current_questionnaire
from readiness.content.tiers import TIERS


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@require_GET
def dashboard(request):
    if not request.user.has_perm("assessments.view_assessment"):
        raise PermissionDenied
    data = figures.build()
    q = current_questionnaire()
    tier_names = [(t.key, str(t.name), t.colour) for t in TIERS]
    tier_keys = [t.key for t in q.tiers]
    months = [(formats.date_format(start, "M Y"), n) for start, n in data.months]
    tiers = [(str(t.name), data.tiers.get(t.key, 0)) for t in q.tiers]
    context = {
        **admin.site.each_context(request),
        "title": _("Dashboard: where Hong Kong's SMEs stand"),
        "data": data,
        "tier_names": tier_names,
        "months": months,
        "months_chart": count_chart(months),
        "tier_rows": [(name, n, _percent(n, data.total)) for name, n in tiers],
        "tier_chart": count_chart(tiers),
        "scope_chart": stacked_chart([(b.label, b.tiers) for b in data.by_scope], tier_keys),
        "band_chart": stacked_chart([(b.label, b.tiers) for b in data.by_band], tier_keys),
        "pillar_chart": count_chart(
            [(name, avg) for _key, name, avg in data.pillar_averages], maximum=5
        ),
        "difficulty_rows": [
            (label, n, _percent(n, data.total)) for _key, label, n in data.difficulties
        ],
        "difficulty_chart": count_chart([(label, n) for _key, label, n in data.difficulties]),
    }
    return render(request, "advisors/dashboard.html", context)
