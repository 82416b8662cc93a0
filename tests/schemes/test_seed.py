"""The seed catalogue: every scheme the issue names, loaded by `load_content` without ever
overwriting an editor's changes unless asked to."""

import copy
import datetime
from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from readiness.schemes import seed
from readiness.schemes.models import Scheme
from tests.schemes.conftest import questionnaire

RAW = yaml.safe_load(seed.SEED_PATH.read_text(encoding="utf-8"))


def load(**kwargs):
    out = StringIO()
    call_command("load_content", stdout=out, **kwargs)
    return out.getvalue()


def test_the_seed_holds_every_scheme_the_issue_names():
    _version, entries = seed.read_seed(questionnaire())
    keys = {e["key"] for e in entries}
    assert {
        "nittp", "ess", "rth", "nifs", "manufacturing_plus", "aiss", "bud", "dtspp", "cef",
        "erb", "ai_training_for_all", "sme_one", "sme_reachout", "success", "tecone", "tvp",
    } <= keys  # fmt: skip
    by_key = {e["key"]: e for e in entries}
    assert by_key["tvp"]["status"] == "closed"
    assert by_key["tvp"]["closes_on"] == datetime.date(2024, 12, 31)
    assert by_key["dtspp"]["status"] == "upcoming"
    assert len(entries) == 23


def test_nittp_shows_the_most_recent_official_figures_and_what_changed():
    nittp = next(e for e in seed.read_seed(questionnaire())[1] if e["key"] == "nittp")
    assert nittp["cap_hkd"] == 250000
    assert nittp["funding_ratio_en"].startswith("Government 1 : company 1")
    assert "Government 2 : company 1" in nittp["changes_en"]
    assert "HK$500,000" in nittp["changes_en"]


@pytest.mark.django_db
def test_load_content_creates_the_catalogue_once():
    output = load()
    assert "Schemes (2026-06 research snapshot): 23 created, 0 updated" in output
    assert Scheme.objects.count() == 23
    output = load()
    assert "0 created, 0 updated, 23 already present, left as they are." in output
    assert Scheme.objects.count() == 23
    assert list(Scheme.objects.values_list("key", flat=True)[:3]) == ["nittp", "cef", "erb"]


@pytest.mark.django_db
def test_load_content_never_overwrites_an_editors_change_without_update():
    load()
    Scheme.objects.filter(key="nittp").update(funding_ratio_en="Edited by an editor")
    Scheme.objects.filter(key="cef").delete()
    output = load()
    assert "1 created, 0 updated, 22 already present" in output
    assert Scheme.objects.get(key="nittp").funding_ratio_en == "Edited by an editor"
    assert Scheme.objects.filter(key="cef").exists()


@pytest.mark.django_db
def test_load_content_update_restores_the_seeds_facts():
    load()
    Scheme.objects.filter(key="nittp").update(funding_ratio_en="Edited by an editor")
    output = load(update=True)
    assert "0 created, 23 updated" in output
    assert Scheme.objects.get(key="nittp").funding_ratio_en.startswith("Government 1 : company 1")


def write(tmp_path, data) -> object:
    path = tmp_path / "schemes.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda s: s[0].update(kind="grant"), "scheme 'nittp': kind must be one of"),
        (lambda s: s[0].update(name_zh_hant=""), "scheme 'nittp': name_zh_hant is missing"),
        (lambda s: s[0].update(tiers=["expert"]), "scheme 'nittp': unknown tiers: expert"),
        (
            lambda s: s[0].update(business_scopes=["retail"]),
            "scheme 'nittp': unknown business_scopes: retail",
        ),
        (lambda s: s[1].update(key="nittp"), "scheme 'nittp': duplicate key"),
        (lambda s: s[0].update(last_verified="soon"), "scheme 'nittp': last_verified must be"),
        (lambda s: s[0].update(cap_hkd="250k"), "scheme 'nittp': cap_hkd must be a whole"),
        (lambda s: s[0].update(apply_url="ftp://x"), "scheme 'nittp': apply_url must be"),
    ],
)
def test_a_bad_seed_is_refused_with_the_entry_named(tmp_path, change, message):
    data = copy.deepcopy(RAW)
    change(data["schemes"])
    with pytest.raises(seed.SeedError, match=message):
        seed.read_seed(questionnaire(), write(tmp_path, data))


@pytest.mark.django_db
def test_a_bad_seed_loads_nothing(tmp_path):
    data = copy.deepcopy(RAW)
    data["schemes"][-1]["status"] = "paused"
    with pytest.raises(seed.SeedError):
        seed.load_seed(questionnaire(), path=write(tmp_path, data))
    assert Scheme.objects.count() == 0
