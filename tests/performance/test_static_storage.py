"""Production's static files storage: the hashed URL from the manifest, worked out once, and an
unknown file still refused every time."""

import json

import pytest

from readiness.storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    manifest = {
        "paths": {"css/readiness.css": "css/readiness.0123abcd4567.css"},
        "version": "1.1",
        "hash": "x",
    }
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_a_file_gets_its_hashed_url_and_the_same_url_again(storage):
    assert storage.url("css/readiness.css") == "/static/css/readiness.0123abcd4567.css"
    storage.hashed_files.clear()  # what it found is kept: the manifest is not read again
    assert storage.url("css/readiness.css") == "/static/css/readiness.0123abcd4567.css"


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
