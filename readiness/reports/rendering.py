"""The PDF report: the stored assessment, summarised once (results.summarise), printed by
WeasyPrint from templates/reports/report.html with its own small print stylesheet."""

import gc
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from tinyhtml5 import inputstream
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from readiness.assessments.questionnaire import content_language
from readiness.assessments.results import summarise, tier_bands
from readiness.reports import fonts
from readiness.reports.fetcher import StaticFilesFetcher, base_url

# Bump whenever templates/reports/ or static/reports/ change what a report looks like:
# stored renders of older versions are then replaced on their next download.
TEMPLATE_VERSION = 2

# The print stylesheet's fonts (html and html[lang="zh-Hant"] in report.css), repeated for the
# chart (see chart_svg). English prints in a Latin font and falls back to the CJK font only for
# Chinese characters (a company name, say): subsetting the huge CJK font for Latin text alone
# cost about 0.08 s per report. Chinese prints in the report's own cut of the CJK font
# (readiness/reports/fonts.py) and falls back to the full font for a character the cut lacks.
PRINT_FONTS = {
    "en": f"Liberation Sans, DejaVu Sans, {fonts.FAMILY}, Noto Sans CJK TC, sans-serif",
    "zh_hant": f"{fonts.FAMILY}, Noto Sans CJK TC, DejaVu Sans, sans-serif",
}

STYLESHEET = "reports/report.css"

# What the template promises, checked by the tests: a cover, a page of scores, next steps with
# the schemes (one page, about one more per three schemes) and a page of methodology: 4 pages
# without schemes, 8 at most with the matcher's longest list (eight schemes, two closed).
PAGES_PROMISED = range(4, 9)

KIND_LABELS = {
    "funding": _("Funding"),
    "training": _("Training"),
    "advisory": _("Free advice"),
}
STATUS_LABELS = {
    "open": _("Open"),
    "upcoming": _("Opening soon"),
    "closed": _("Closed"),
}
TEXT_FIELDS = (
    "name",
    "administrator",
    "summary",
    "funding_ratio",
    "cap_note",
    "status_note",
    "changes",
    "why",
    "check",
)


@dataclass(frozen=True)
class SchemeCard:
    """One recommendation of the stored snapshot, in one language, safe to print."""

    key: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    name: str
    short_name: str
    administrator: str
    summary: str
    funding_ratio: str
    cap: str
    cap_note: str
    status_note: str
    changes: str
    why: str
    check: str
    apply_url: str
    last_verified: date | None
    rank: int | None
    closed: bool
    dimensions: tuple[str, ...]


def _pick(value, language: str) -> str:
    if isinstance(value, dict):
        text = value.get(language) or value.get("en") or ""
        return text if isinstance(text, str) else ""
    return value if isinstance(value, str) else ""


def _date_or_none(value) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _int_or_none(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def scheme_cards(snapshot, language: str) -> list[SchemeCard]:
    """The assessment's recommendations snapshot as printable cards, best fit first.

    A malformed entry prints with blanks rather than breaking the report."""
    lang = content_language(language)
    cards = []
    for item in snapshot if isinstance(snapshot, list) else []:
        if not isinstance(item, dict):
            continue
        kind, status = str(item.get("kind") or ""), str(item.get("status") or "")
        url = str(item.get("apply_url") or "")
        cap = _int_or_none(item.get("cap_hkd"))
        texts = {field: _pick(item.get(field), lang) for field in TEXT_FIELDS}
        cards.append(
            SchemeCard(
                key=str(item.get("key") or ""),
                kind=kind,
                kind_label=str(KIND_LABELS.get(kind, "")),
                status=status,
                status_label=str(STATUS_LABELS.get(status, "")),
                short_name=str(item.get("short_name") or ""),
                cap=f"HK${cap:,}" if cap is not None else "",
                # Only web links become links: the snapshot is data, not markup.
                apply_url=url if url.startswith(("https://", "http://")) else "",
                last_verified=_date_or_none(item.get("last_verified")),
                rank=_int_or_none(item.get("rank")),
                closed=bool(item.get("mentioned_as_closed")),
                dimensions=tuple(d for d in item.get("dimensions") or () if isinstance(d, str)),
                **texts,
            )
        )
    return sorted(cards, key=lambda c: (c.closed, c.rank is None, c.rank or 0))


def help_by_dimension(assessment, schemes: list[SchemeCard], language: str) -> dict:
    """Scheme names to print under each weak dimension's next step: the matcher's saved advice
    (as the result page shows it), else the recommendations that name the dimension."""
    lang = content_language(language)
    advice = getattr(assessment, "dimension_advice", None)
    found = {}
    for entry in advice if isinstance(advice, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("dimension"), str):
            links = [x for x in entry.get("schemes") or [] if isinstance(x, dict)]
            found[entry["dimension"]] = [
                str(x.get("short_name") or "") or _pick(x.get("name"), lang) for x in links
            ]
    if found:
        return found
    helpers = {}
    for card in schemes:
        for key in card.dimensions:
            helpers.setdefault(key, []).append(card.short_name or card.name)
    return helpers


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
    questionnaire = assessment.questionnaire
    cards = scheme_cards(assessment.recommendations, language)
    schemes = [c for c in cards if not c.closed]
    helpers = help_by_dimension(assessment, schemes, language)
    verified = sorted({c.last_verified for c in cards if c.last_verified})
    bands = tier_bands()
    return {
        "assessment": assessment,
        "summary": summary,
        "chart_svg": chart_svg(summary, language),
        "questionnaire": questionnaire,
        "html_lang": "zh-Hant" if content_language(language) == "zh_hant" else "en",
        "submitted_on_html": format_html(
            '<span class="report-date">{}</span>',
            report_date(timezone.localtime(assessment.created_at).date()),
        ),
        "page_counter_css": page_counter_css(),
        "printed_on": report_date(timezone.localdate()),
        "profile_rows": assessment.profile_rows(),
        "tier_rows": [{"tier": t, "range": bands[t.key]} for t in questionnaire.tiers],
        "schemes": schemes,
        # Each of the three next steps with the schemes that help with it.
        "next_steps": [(d, helpers.get(d.key, [])) for d in summary.weakest],
        "closed_schemes": [c for c in cards if c.closed],
        "verified_first": report_date(verified[0]) if verified else "",
        "verified_last": report_date(verified[-1]) if verified else "",
        "template_version": TEMPLATE_VERSION,
        "date_format": pgettext("date format in the PDF report", "j F Y"),
    }


def report_html(assessment, language: str) -> str:
    with translation.override(language):
        return render_to_string("reports/report.html", report_context(assessment, language))


@cache
def _parsed_stylesheet(path, modified_ns: int) -> CSS:
    return CSS(string=path.read_text(encoding="utf-8"), base_url=path.as_uri())


def print_stylesheet() -> CSS:
    """The print stylesheet, parsed once per process (about 0.06 s a report) and again only
    when the file changes. Found through the report's own fetcher, so it can only be ours."""
    path = StaticFilesFetcher().path_for(base_url() + STYLESHEET)
    return _parsed_stylesheet(path, path.stat().st_mtime_ns)


_fonts = threading.local()


@dataclass
class ReportFonts:
    config: FontConfiguration
    # The @font-face rules of the report's own CJK cut, registered in `config`; None without one.
    faces: CSS | None


def report_fonts() -> ReportFonts:
    """One font configuration per thread (and fonts directory), kept between reports: with a
    new one Pango loads every font again, which cost about 0.1 s a report. Per thread because
    Pango's font map is not safe to share between threads. The cut's @font-face rules are
    registered once, when the configuration is made, so nothing accumulates."""
    directory = fonts.fonts_dir()
    cached = getattr(_fonts, "by_directory", None)
    if cached is None:
        cached = _fonts.by_directory = {}
    if directory not in cached:
        config = FontConfiguration()
        css = fonts.font_face_css(directory)
        faces = None
        if css:
            # Its own fetcher, which may read the fonts directory and nothing else.
            fetcher = StaticFilesFetcher(roots=(directory,))
            faces = CSS(string=css, font_config=config, url_fetcher=fetcher)
        cached[directory] = ReportFonts(config, faces)
    return cached[directory]


def font_config() -> FontConfiguration:
    return report_fonts().config


class _TokenizerPatterns(dict):
    """tinyhtml5 (WeasyPrint's HTML parser, 2.1.0) means to cache the pattern of each
    chars_until() call but files it under the pattern instead of the characters, so it builds
    the pattern again for every run of text: about 0.013 s a report. A cache that builds a
    missing entry under the right key never reaches that code; with a fixed tinyhtml5 it is a
    plain cache."""

    def __missing__(self, key):
        characters, opposite = key
        escaped = "".join(f"\\x{ord(c):02x}" for c in characters)
        pattern = self[key] = re.compile(f"[{'' if opposite else '^'}{escaped}]+")
        return pattern


if isinstance(getattr(inputstream, "characters_until_regex", None), dict):
    inputstream.characters_until_regex = _TokenizerPatterns()


@contextmanager
def collector_paused():
    """No cyclic garbage collection while WeasyPrint builds a report, one collection of the
    young generation after it. A report makes some 40,000 objects, most of them in reference
    cycles only the collector frees; left on, the collector ran about 80 times per report and,
    three reports in five, walked every object in the process (0.05 to 0.08 s a report). The
    collection after frees the same garbage in one pass (about 0.02 s). Left alone if the
    collector is already off (another thread's report, or the caller's choice)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def render_report(assessment, language: str, url_fetcher=None) -> bytes:
    """The assessment's report as PDF bytes, in `language` (a Django language code).

    The template links no stylesheet: the print stylesheet comes parsed (print_stylesheet), so
    a report makes WeasyPrint fetch nothing at all; the fetcher guards against anything else."""
    with collector_paused():
        pdf = _write_pdf(report_html(assessment, language), url_fetcher or StaticFilesFetcher())
    return pdf


def _write_pdf(html: str, url_fetcher) -> bytes:
    # A function of its own so that the document is garbage, ready to collect, once it returns.
    document = HTML(string=html, base_url=base_url(), url_fetcher=url_fetcher)
    report = report_fonts()
    stylesheets = [report.faces, print_stylesheet()] if report.faces else [print_stylesheet()]
    return document.write_pdf(stylesheets=stylesheets, font_config=report.config)
