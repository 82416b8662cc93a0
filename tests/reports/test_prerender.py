"""The PDF is ready before the click: storing an assessment queues its render in the result
page's language; a download after it reads the file; a download that comes first renders once
and the queued task then finds the file."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from readiness.reports import rendering
from readiness.reports.models import RenderLease, ReportFile
from readiness.reports.tasks import prerender_report
from tests.factory import complete_wizard, make_assessment, uniform_answers


def no_render(*args, **kwargs):
    raise AssertionError("the report was rendered again")


@pytest.mark.django_db
def test_finishing_the_wizard_renders_the_pdf_in_the_page_language(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.RATE_LIMIT_PDF = "off"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    with django_capture_on_commit_callbacks(execute=True):
        assessment = complete_wizard(client, uniform_answers(3))

    [stored] = ReportFile.objects.all()
    assert (stored.assessment, stored.language) == (assessment, "zh-hant")

    monkeypatch.setattr(rendering, "render_report", no_render)
    response = client.get(f"/result/{assessment.token}/report.pdf?lang=zh-hant")
    assert response.content == bytes(stored.pdf)


@pytest.mark.django_db
def test_a_download_before_the_task_renders_and_the_task_then_finds_the_file(client, monkeypatch):
    assessment = make_assessment()
    first = client.get(f"/result/{assessment.token}/report.pdf?lang=en").content

    monkeypatch.setattr(rendering, "render_report", no_render)
    prerender_report.enqueue(assessment.pk, "en")

    assert list(ReportFile.objects.values_list("pdf", flat=True)) == [first]
    assert not RenderLease.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_while_one_render_runs_a_download_waits_for_its_file_instead_of_rendering(
    monkeypatch,
):
    assessment = make_assessment()
    # Stored with autocommit, so its render already ran (immediate backend): forget it.
    ReportFile.objects.all().delete()
    version = rendering.report_version(assessment)
    # Another process is rendering this report.
    assert RenderLease.objects.take(assessment, "en", version)
    monkeypatch.setattr(rendering, "render_report", no_render)
    got = []

    def download():
        try:
            got.append(ReportFile.objects.get_or_render(assessment, "en"))
        finally:
            connection.close()

    waiting = threading.Thread(target=download)
    waiting.start()
    waiting.join(0.5)
    assert waiting.is_alive()
    # The other render finishes.
    ReportFile.objects.store(assessment, "en", version, b"%PDF-the other render")
    RenderLease.objects.all().delete()
    waiting.join(10)

    assert got == [b"%PDF-the other render"]


@pytest.mark.django_db
def test_a_lease_left_by_a_render_that_died_does_not_block(client):
    assessment = make_assessment()
    version = rendering.report_version(assessment)
    RenderLease.objects.create(
        assessment=assessment,
        language="en",
        version=version,
        taken_at=timezone.now() - timedelta(minutes=5),
    )

    assert not ReportFile.objects.exists()
    assert ReportFile.objects.get_or_render(assessment, "en").startswith(b"%PDF-")
    assert ReportFile.objects.count() == 1
    assert not RenderLease.objects.exists()


@pytest.mark.django_db
def test_only_one_of_two_callers_takes_the_lease():
    assessment = make_assessment()
    assert RenderLease.objects.take(assessment, "en", "v1") is True
    assert RenderLease.objects.take(assessment, "en", "v1") is False
    assert RenderLease.objects.take(assessment, "zh-hant", "v1") is True
