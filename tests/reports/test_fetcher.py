from pathlib import Path

import pytest
from django.conf import settings

from readiness.reports.fetcher import RefusedURL, StaticFilesFetcher, base_url

STATIC = Path(settings.STATICFILES_DIRS[0]).resolve()


def test_it_serves_the_report_stylesheet_from_the_static_directory():
    response = StaticFilesFetcher().fetch(base_url() + "reports/report.css")
    assert response.content_type == "text/css"
    assert response.read() == (STATIC / "reports" / "report.css").read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "https://example.com/style.css",
        "ftp://example.com/file",
        "data:text/css,body{color:red}",
        "file:///etc/passwd",
        "file://evil.example/etc/passwd",
        "file://localhost/etc/passwd",
    ],
)
def test_it_refuses_anything_but_a_static_file(url):
    with pytest.raises(RefusedURL):
        StaticFilesFetcher().fetch(url)


@pytest.mark.parametrize(
    "relative",
    [
        "../readiness/settings.py",
        "reports/../../readiness/settings.py",
        "%2e%2e/readiness/settings.py",
        "reports/",
        "reports/no-such-file.css",
    ],
)
def test_it_refuses_escapes_directories_and_missing_files(relative):
    with pytest.raises(RefusedURL):
        StaticFilesFetcher().fetch(base_url() + relative)


def test_it_refuses_a_symlink_that_leads_out_of_the_static_directory(tmp_path):
    root = tmp_path / "static"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the report")
    (root / "link.css").symlink_to(secret)
    (root / "ok.css").write_text("p { color: black }")
    fetcher = StaticFilesFetcher(roots=(root,))

    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"p { color: black }"
    with pytest.raises(RefusedURL):
        fetcher.fetch((root / "link.css").as_uri())
