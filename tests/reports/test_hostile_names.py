"""Whatever a firm types prints as text and makes WeasyPrint fetch nothing: the report's own
stylesheet is all it reads."""

import socket
import threading

import pytest
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from readiness.reports.fetcher import StaticFilesFetcher, base_url
from readiness.reports.rendering import render_report
from tests.reports.pdf import pdf_pages, reported_assessment, squeezed

pytestmark = pytest.mark.django_db

STYLESHEET = base_url() + "reports/report.css"


class RecordingFetcher(StaticFilesFetcher):
    """The report's own fetcher, noting every URL WeasyPrint asks it for."""

    def __init__(self):
        super().__init__()
        self.asked = []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        return super().fetch(url, headers)


@pytest.fixture
def listener():
    """A TCP socket on 127.0.0.1 that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            connections.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


def test_the_listener_does_see_an_unguarded_fetch(listener):
    # The control: without the project's fetcher WeasyPrint would connect, so the tests
    # below can fail.
    port, connections = listener
    HTML(string=f'<img src="http://127.0.0.1:{port}/x">').write_pdf(
        url_fetcher=URLFetcher(timeout=2)
    )
    assert len(connections) >= 1


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_an_img_tag_as_company_name_prints_as_text_and_fetches_nothing(listener, language):
    port, connections = listener
    name = f'<img src="http://127.0.0.1:{port}/x">'
    assessment = reported_assessment(company_name=name)
    fetcher = RecordingFetcher()

    pages = pdf_pages(render_report(assessment, language, url_fetcher=fetcher))

    assert squeezed(name) in squeezed(pages[0])
    assert squeezed(name) in squeezed(pages[-1])  # the page footer
    assert connections == []
    assert fetcher.asked == [STYLESHEET]


def test_a_file_url_as_company_name_prints_as_text_and_fetches_nothing():
    name = "file:///etc/passwd"
    assessment = reported_assessment(company_name=name)
    first = assessment.advice["recommendations"][0]
    assessment.advice["recommendations"][0] = {**first, "apply_url": name, "contact_url": name}
    assessment.save()
    fetcher = RecordingFetcher()

    text = squeezed("".join(pdf_pages(render_report(assessment, "en", url_fetcher=fetcher))))

    assert "file:///etc/passwd" in text
    assert "root:" not in text
    assert fetcher.asked == [STYLESHEET]
