"""The PDF report: the stored assessment, summarised once (results.summarise) with the advice it
was shown (schemes.advice), printed by WeasyPrint from templates/reports/report.html with its own
small print stylesheet (static/reports/report.css)."""

import hashlib
import re
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext
from weasyprint import HTML

from readiness.assessments.results import summarise
from readiness.benchmarks.comparison import compare
from readiness.benchmarks.context import comparison_context
from readiness.content import study, tiers
from readiness.content.questionnaire import CONTENT_DIR, content_language
from readiness.reports.fetcher import StaticFilesFetcher, base_url
from readiness.schemes.advice import Advice, priorities

TEMPLATE = "reports/report.html"
STYLESHEET = "reports/report.css"
# What a report looks like depends on these files, on the translations and on the
# questionnaire version it was answered in; report_version() digests them all.
TEMPLATES = (
    TEMPLATE,
    "assessments/_method_steps.html",
    "assessments/_pillar_chart.svg.html",
    "reports/_comparison.html",
    "schemes/_terms.html",
)

# English prints in a Latin font and falls back to the CJK font only for Chinese characters (a
# company name, say); Chinese prints in the CJK font. The chart repeats them (see chart_svg).
PRINT_FONTS = {
    "en": "Liberation Sans, DejaVu Sans, Noto Sans CJK TC, sans-serif",
    "zh_hant": "Noto Sans CJK TC, DejaVu Sans, sans-serif",
}

# What the template promises, checked by the tests: a cover, the plan, the scores, the schemes
# in detail and the method: 5 pages without schemes, 8 at most with the matcher's longest list.
PAGES_PROMISED = range(5, 9)


def report_version(assessment) -> str:
    """What a stored render of this assessment is valid for: a digest of the report's templates,
    its stylesheet, the translations and the questionnaire file the assessment was answered
    with. A change to any of them makes stored renders stale; nothing to remember to bump."""
    digest = hashlib.sha256()
    template_dirs = [d for engine in settings.TEMPLATES for d in engine["DIRS"]]
    paths = [next(d / name for d in template_dirs if (d / name).is_file()) for name in TEMPLATES]
    paths.append(StaticFilesFetcher().path_for(base_url() + STYLESHEET))
    paths += sorted(path for root in settings.LOCALE_PATHS for path in root.glob("*/*/*.po"))
    paths.append(CONTENT_DIR / f"questionnaire-{assessment.questionnaire_version}.yaml")
    paths.append(study.STUDY_FILE)
    for path in paths:
        digest.update(path.read_bytes())
    # The comparison is made on the day: a stored render stays valid while its figures do.
    digest.update(compare(assessment).fingerprint().encode())
    return digest.hexdigest()[:16]


def css_string(text: str) -> str:
    """`text` as a CSS string literal; everything but ASCII letters and digits is hex-escaped,
    so no character can end the string or the <style> element early."""
    escaped = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def page_counter_css() -> SafeString:
    """The CSS `content` value for "Page X of Y" in the active language."""
    parts = re.split(r"(%\(pages?\)s)", gettext("Page %(page)s of %(pages)s"))
    tokens = [
        f"counter({part[2:-2]})" if part in ("%(page)s", "%(pages)s") else css_string(part)
        for part in parts
        if part
    ]
    # Safe: only CSS-escaped strings and counter() calls.
    return mark_safe(" ".join(tokens))


def chart_svg(summary, language: str) -> SafeString:
    """The result page's pillar chart. WeasyPrint draws inline SVG as a separate image that
    cannot inherit the page's font, so the chart names the print fonts itself."""
    svg = render_to_string("assessments/_pillar_chart.svg.html", {"chart": summary.chart})
    families = PRINT_FONTS[content_language(language)]
    return mark_safe(svg.replace('font-family="inherit"', f'font-family="{families}"', 1))


def report_date(value: date) -> str:
    return date_format(value, pgettext("date format in the PDF report", "j F Y"))


def report_context(assessment, language: str) -> dict:
    """Everything report.html prints; call inside translation.override(language)."""
    summary = summarise(assessment)
    advice = Advice.of(assessment)
    return {
        "assessment": assessment,
        "summary": summary,
        "advice": advice,
        "priorities": priorities(advice, assessment.questionnaire),
        "chart_svg": chart_svg(summary, language),
        "questionnaire": assessment.questionnaire,
        "html_lang": "zh-Hant" if content_language(language) == "zh_hant" else "en",
        "submitted_on_html": format_html(
            '<span class="report-date">{}</span>',
            report_date(timezone.localtime(assessment.created_at).date()),
        ),
        "page_counter_css": page_counter_css(),
        "printed_on": report_date(timezone.localdate()),
        "profile_rows": assessment.profile_rows(),
        "tier_rows": [
            {"tier": t, "range": tiers.band(t.key)} for t in assessment.questionnaire.tiers
        ],
        "date_format": pgettext("date format in the PDF report", "j F Y"),
        **comparison_context(assessment),
    }


def report_html(assessment, language: str) -> str:
    with translation.override(language):
        return render_to_string(TEMPLATE, report_context(assessment, language))


def render_report(assessment, language: str, url_fetcher=None) -> bytes:
    """The assessment's report as PDF bytes, in `language` (a Django language code). WeasyPrint
    may fetch only the project's own static files (StaticFilesFetcher)."""
    document = HTML(
        string=report_html(assessment, language),
        base_url=base_url(),
        url_fetcher=url_fetcher or StaticFilesFetcher(),
    )
    return document.write_pdf()
