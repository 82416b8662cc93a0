"""Faults a firm must not see as a traceback: the database unreachable for a moment, Redis
stopped, the report store refusing to keep a file or the disk too full to make one."""

import errno
import shutil
import subprocess
import time
import uuid
from contextlib import contextmanager

import pytest
from django.contrib.sessions.models import Session
from django.db import InterfaceError, OperationalError, connection, transaction
from django.test import Client

from readiness.assessments.models import Assessment
from readiness.reports import rendering
from readiness.reports.models import ReportFile
from tests.factory import PROFILE, make_assessment, post_step, questionnaire, uniform_answers
from tests.resilience.live import free_port


def unreachable(error):
    def fail(*args, **kwargs):
        raise error('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    return fail


def assert_try_again_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Please try again in a minute" in page
    assert "請一分鐘後再試" in page
    assert "Connection refused" not in page and "Traceback" not in page and "5432" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_while_the_database_is_unreachable_says_try_again_in_a_minute(error, monkeypatch):
    assessment = make_assessment()
    client = Client(raise_request_exception=False)
    monkeypatch.setattr(Assessment.objects, "with_token", unreachable(error))

    pdf = f"/result/{assessment.token}/report.pdf"

    assert_try_again_page(client.get(pdf))

    monkeypatch.undo()
    ReportFile.objects.create(
        assessment=assessment,
        language="en",
        version=rendering.report_version(assessment),
        pdf=b"%PDF-1.7",
    )
    assert client.get(pdf).content == b"%PDF-1.7"


@pytest.mark.django_db
def test_a_wizard_step_whose_session_cannot_be_saved_says_try_again(monkeypatch):
    client = Client(raise_request_exception=False)
    client.get("/assessment/")
    # Django's session store turns the failed write into "session interrupted", a 400.
    monkeypatch.setattr(Session, "save", unreachable(InterfaceError))

    assert_try_again_page(post_step(client, "profile", PROFILE))

    monkeypatch.undo()
    assert post_step(client, "profile", PROFILE).status_code == 302


@pytest.mark.django_db
def test_other_server_errors_keep_the_something_went_wrong_page(monkeypatch):
    assessment = make_assessment()
    client = Client(raise_request_exception=False)
    monkeypatch.setattr(Assessment.objects, "with_token", unreachable(RuntimeError))

    response = client.get(f"/result/{assessment.token}/report.pdf")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


# -- Redis stopped ------------------------------------------------------------------------------


@pytest.fixture
def own_redis(settings, tmp_path):
    """A redis-server of this test's own, so that stopping it stops nobody else's."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing: run scripts/system-deps redis")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    settings.REDIS_URL = url
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    settings.SESSION_ENGINE = "readiness.security.session_store"
    yield process
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.django_db
def test_with_redis_stopped_a_firm_goes_on_and_finishes_on_the_database_alone(own_redis):
    client = Client(raise_request_exception=False)
    pillars = questionnaire().pillars
    answers = uniform_answers(4)
    assert client.get("/assessment/").status_code == 302
    assert post_step(client, "profile", PROFILE).status_code == 302
    first = pillars[0]
    fields = {q.key: str(answers[q.key]) for q in first.questions}
    assert post_step(client, first.key, fields).status_code == 302

    own_redis.terminate()
    own_redis.wait(timeout=10)

    # What was answered before Redis stopped is read back from the database.
    assert client.get(f"/assessment/{pillars[1].key}/").status_code == 200
    for pillar in pillars[1:]:
        fields = {q.key: str(answers[q.key]) for q in pillar.questions}
        assert post_step(client, pillar.key, fields).status_code == 302
    assert post_step(client, "review", {}).status_code == 302
    done = client.post("/assessment/contact/", {"assessment-current_step": "contact", "skip": "1"})
    result = client.get(done["Location"])
    assert result.status_code == 302

    assessment = Assessment.objects.get()
    assert result["Location"] == assessment.result_url()
    assert assessment.company_name == PROFILE["company_name"]
    assert assessment.answers == answers
    assert client.get(assessment.result_url()).status_code == 200
    # A new firm starts (a new session key, counted against the limit that cannot count).
    assert post_step(Client(), "profile", PROFILE).status_code == 302
    assert Session.objects.count() == 2
    # The probe keeps the server in the load balancer, and says what is wrong.
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok", "cache": "error"}


# -- the report store -----------------------------------------------------------------------


@contextmanager
def read_only_database():
    """The database refuses every write, as a read-only or full one does."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only = ON")
            else:
                cursor.execute("SET transaction_read_only = on")
        try:
            yield
        finally:
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA query_only = OFF")
            else:
                # PostgreSQL takes it back only with the savepoint it was set in.
                transaction.set_rollback(True)


@pytest.mark.django_db
def test_when_the_report_store_refuses_to_keep_a_file_the_firm_still_gets_its_pdf():
    assessment = make_assessment()
    client = Client(raise_request_exception=False)
    with read_only_database():
        result = client.get(assessment.result_url())
        pdf = client.get(f"/result/{assessment.token}/report.pdf?lang=en")

    assert result.status_code == 200
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert ReportFile.objects.count() == 0  # nothing was kept, so the next download renders


@pytest.mark.django_db
def test_when_the_disk_is_too_full_to_make_the_pdf_the_link_explains_and_leads_back(monkeypatch):
    assessment = make_assessment()
    client = Client(raise_request_exception=False)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rendering, "render_report", disk_full)
    response = client.get(f"/result/{assessment.token}/report.pdf?lang=en")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "The PDF report cannot be made right now" in page
    assert f'href="{assessment.result_url()}"' in page
    assert "No space left" not in page
    assert "no-store" in response["Cache-Control"]
    assert client.get(assessment.result_url()).status_code == 200


@pytest.mark.django_db
def test_the_report_unavailable_page_speaks_chinese(monkeypatch):
    assessment = make_assessment()
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="zh-hant")

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rendering, "render_report", disk_full)
    page = client.get(f"/result/{assessment.token}/report.pdf").content.decode()

    assert "暫時未能製作 PDF 報告" in page
    assert "返回你的結果" in page
