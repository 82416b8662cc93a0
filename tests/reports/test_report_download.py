"""The "Download PDF report" link: headers, languages, and renders stored for reuse."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from readiness.reports import rendering
from readiness.reports.models import ReportFile
from tests.reports.pdf import pdf_pages, reported_assessment, squeezed

pytestmark = pytest.mark.django_db


def pdf_url(assessment, lang=None):
    url = f"/result/{assessment.token}/report.pdf"
    return f"{url}?lang={lang}" if lang else url


def test_it_downloads_a_pdf_attachment_with_safe_headers(client):
    assessment = reported_assessment(company_name='Kitchen "Ltd"; filename=x.exe')
    response = client.get(pdf_url(assessment))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="readiness-report-2026-11-22.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"
    assert response["Content-Language"] == "en"
    assert response.content.startswith(b"%PDF-")


def test_an_unknown_or_malformed_token_is_a_404(client):
    reported_assessment()
    for token in ["A" * 43, "short", "x" * 65]:
        assert client.get(f"/result/{token}/report.pdf").status_code == 404
    assert ReportFile.objects.count() == 0


def test_only_get_is_allowed(client):
    assert client.post(pdf_url(reported_assessment())).status_code == 405


def test_a_repeated_download_reads_the_stored_render(client, django_assert_num_queries, settings):
    # The limit's own count is measured in tests/performance/test_query_counts.
    settings.RATE_LIMIT_PDF = "off"
    assessment = reported_assessment()
    first = client.get(pdf_url(assessment)).content

    # One query for the assessment, one for the comparison's cohort sizes (a stored render is
    # valid while the comparison's figures are; with fewer than 10 firms there are none to
    # read), one for the stored PDF; nothing is rendered.
    with django_assert_num_queries(3):
        again = client.get(pdf_url(assessment))

    assert again.content == first
    assert ReportFile.objects.count() == 1


def test_each_language_is_rendered_once_and_named_apart(client):
    assessment = reported_assessment()
    english = client.get(pdf_url(assessment, "en"))
    chinese = client.get(pdf_url(assessment, "zh-hant"))
    client.get(pdf_url(assessment, "zh-hant"))

    assert sorted(ReportFile.objects.values_list("language", flat=True)) == ["en", "zh-hant"]
    assert chinese["Content-Language"] == "zh-hant"
    assert chinese["Content-Disposition"].endswith('readiness-report-2026-11-22-zh-hant.pdf"')
    assert "AI Aware" in "".join(pdf_pages(english.content))
    assert squeezed("認識 AI") in squeezed("".join(pdf_pages(chinese.content)))


def test_without_a_valid_lang_the_page_language_is_used(client):
    assessment = reported_assessment()
    client.get(pdf_url(assessment), HTTP_ACCEPT_LANGUAGE="zh-hant")
    client.get(pdf_url(assessment, "klingon"))

    assert sorted(ReportFile.objects.values_list("language", flat=True)) == ["en", "zh-hant"]


def test_a_render_of_an_older_report_version_is_replaced(client, monkeypatch):
    assessment = reported_assessment()
    client.get(pdf_url(assessment))
    first = ReportFile.objects.get().version
    monkeypatch.setattr(rendering, "report_version", lambda assessment: "0123456789abcdef")

    client.get(pdf_url(assessment))

    assert first != "0123456789abcdef"
    assert list(ReportFile.objects.values_list("version", flat=True)) == ["0123456789abcdef"]


def copied(directory, tmp_path) -> Path:
    copy = tmp_path / directory.name
    shutil.copytree(directory, copy)
    return copy


def test_the_report_version_follows_what_a_report_is_made_of(settings, tmp_path):
    """Templates, stylesheet, translations: change any and stored renders are stale. Nothing to
    remember to bump."""
    assessment = reported_assessment()
    versions = [rendering.report_version(assessment)]

    static = copied(Path(settings.STATICFILES_DIRS[0]), tmp_path)
    with open(static / "reports" / "report.css", "a") as css:
        css.write("\nh1 { letter-spacing: 0; }\n")
    settings.STATICFILES_DIRS = [static]
    versions.append(rendering.report_version(assessment))

    templates = copied(Path(settings.TEMPLATES[0]["DIRS"][0]), tmp_path)
    with open(templates / "assessments" / "_method_steps.html", "a") as template:
        template.write("\n")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates]}]
    versions.append(rendering.report_version(assessment))

    locale = copied(Path(settings.LOCALE_PATHS[0]), tmp_path)
    with open(locale / "zh_Hant" / "LC_MESSAGES" / "django.po", "a") as catalogue:
        catalogue.write("\n")
    settings.LOCALE_PATHS = [locale]
    versions.append(rendering.report_version(assessment))

    assert len(set(versions)) == 4
    assert all(len(v) == 16 for v in versions)


def test_the_report_version_digests_every_template_the_report_includes():
    template = Path(settings.TEMPLATES[0]["DIRS"][0]) / rendering.TEMPLATE
    included = set(re.findall(r'{% include "([^"]+)"', template.read_text()))
    chart = {"assessments/_pillar_chart.svg.html"}  # rendered by rendering.chart_svg

    assert set(rendering.TEMPLATES) == {rendering.TEMPLATE} | included | chart


def test_a_second_store_of_the_same_report_is_a_quiet_no_op():
    # Two first downloads at once: both render, the second one to store must not fail.
    assessment = reported_assessment()
    assert ReportFile.objects.store(assessment, "en", "v1", b"%PDF-first") is True
    assert ReportFile.objects.store(assessment, "en", "v1", b"%PDF-second") is False
    assert bytes(ReportFile.objects.get().pdf) == b"%PDF-first"


def test_deleting_an_assessment_deletes_its_reports(client):
    assessment = reported_assessment()
    client.get(pdf_url(assessment))
    assessment.delete()
    assert ReportFile.objects.count() == 0


def test_the_result_page_offers_the_report_in_the_page_language(client):
    assessment = reported_assessment()
    english = client.get(assessment.result_url())
    chinese = client.get(assessment.result_url(), HTTP_ACCEPT_LANGUAGE="zh-hant")

    assert f'href="{pdf_url(assessment, "en")}"' in english.content.decode()
    assert f'href="{pdf_url(assessment, "zh-hant")}"' in chinese.content.decode()
