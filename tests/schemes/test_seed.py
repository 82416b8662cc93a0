"""The seed catalogue: every scheme the issue names, loaded by `load_content` without ever
overwriting an editor's changes unless asked to."""

import copy
import datetime
import re
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


def entries() -> dict[str, dict]:
    return {e["key"]: e for e in seed.read_seed(questionnaire())[1]}


def test_the_seed_holds_the_reviewed_catalogue():
    by_key = entries()
    assert {
        "nittp", "ess", "rth", "nifs", "manufacturing_plus", "aiss", "bud", "dtspp", "cef",
        "erb", "sme_one", "sme_reachout", "success", "tecone", "hktdc_sme_centre",
        "pcpd_ai_guidance", "pcpd_ai_hotline", "tvp", "emf",
    } <= set(by_key)  # fmt: skip
    assert by_key["tvp"]["status"] == "closed" and by_key["tvp"]["mention_when_closed"]
    assert by_key["emf"]["status"] == "closed" and "BUD" in by_key["emf"]["closed_note_en"]
    assert by_key["dtspp"]["status"] == "upcoming"
    assert len(by_key) == 24


def test_the_december_review_corrections_are_in_what_firms_read():
    by_key = entries()
    # BUD: the Easy BUD ceiling raised to HK$150,000; the old cap and economy count gone.
    bud = by_key["bud"]
    firm_text = " ".join(bud[f] for f in ("summary_en", "cap_note_en", "conditions_en"))
    assert "HK$150,000" in firm_text and "HK$100,000" not in firm_text
    assert "39 economies" not in firm_text
    assert "unaware" in bud["tiers"]
    # DTSPP: the Digital Policy Office's programme, Cyberport the secretariat; the enhanced
    # round only expected, its terms not announced; no first-round sectors as hard rules.
    dtspp = by_key["dtspp"]
    assert dtspp["administrator_en"].startswith("Digital Policy Office")
    assert "Cyberport" in dtspp["administrator_en"]
    assert "not been announced" in dtspp["expected_en"]
    assert dtspp["business_scopes"] == []
    # The four-in-one centres, under their names; SME ReachOut is HKPC's 中小企資援組 and not
    # one of them, and nobody promises a free review of an AI plan.
    assert by_key["hktdc_sme_centre"]["kind"] == "advisory"
    assert by_key["sme_reachout"]["name_zh_hant"] == "中小企資援組"
    for entry in by_key.values():
        read = " ".join(str(v) for k, v in entry.items() if k.endswith(("_en", "_zh_hant")))
        assert "review your" not in read.lower() or "AI plan" not in read
        assert "中小企專門服務" not in read
    # The PCPD's model framework under its right title, and its free AI security hotline.
    pcpd = by_key["pcpd_ai_guidance"]
    assert pcpd["name_en"] == "Artificial Intelligence: Model Personal Data Protection Framework"
    assert "模範框架" in pcpd["name_zh_hant"]
    assert (
        "2110 1155"
        in by_key["pcpd_ai_hotline"]["summary_en"] + by_key["pcpd_ai_hotline"]["conditions_en"]
    )
    # NITTP: the current ratio and cap, its own application site.
    assert by_key["nittp"]["cap_hkd"] == 250000
    assert "1:1" in by_key["nittp"]["funding_ratio_en"]
    assert by_key["nittp"]["apply_url"] == "https://nittp.vtc.edu.hk"


RESEARCH_WORDS = ("source", "vendor", "blog", "not verified", "unconfirmed", "snapshot", "LegCo")
FIRM_FIELDS = ("summary", "pays_for", "funding_ratio", "cap_note", "conditions", "expected",
               "closed_note")  # fmt: skip


def test_firms_read_plain_words_and_editors_keep_the_notes():
    for key, entry in entries().items():
        for field in FIRM_FIELDS:
            text = entry[f"{field}_en"]
            for word in RESEARCH_WORDS:
                assert not re.search(rf"\b{word}\b", text, re.IGNORECASE), (key, field, word)
        assert entry["editor_notes"], key
    pays_for = [e["pays_for_en"] for e in entries().values() if e["status"] != "closed"]
    assert len(set(pays_for)) == len(pays_for)


def test_every_scheme_links_to_its_application_or_its_administrator():
    for key, entry in entries().items():
        if entry["status"] != "closed":
            assert entry["apply_url"] or entry["contact_url"], key


def test_no_entry_claims_a_check_later_than_its_sources_allow():
    # The December review found no source later than about July 2026 confirming a status.
    assert {e["last_verified"] for e in entries().values()} == {datetime.date(2026, 6, 30)}


@pytest.mark.django_db
def test_load_content_creates_the_catalogue_once():
    output = load()
    assert "Schemes (2026-12 review): 24 created, 0 updated" in output
    assert Scheme.objects.count() == 24
    output = load()
    assert "0 created, 0 updated, 24 already present, left as they are." in output
    assert Scheme.objects.count() == 24
    assert list(Scheme.objects.values_list("key", flat=True)[:3]) == [
        "sme_one",
        "sme_reachout",
        "hktdc_sme_centre",
    ]
    # Each starts its history of checks with the seed's own.
    nittp = Scheme.objects.get(key="nittp")
    [check] = nittp.checks.all()
    assert (check.checked_on, check.source_url) == (nittp.last_verified, nittp.sources[0]["url"])
    assert nittp.history.count() == 1


@pytest.mark.django_db
def test_load_content_never_overwrites_an_editors_change_without_update():
    load()
    Scheme.objects.filter(key="nittp").update(funding_ratio_en="Edited by an editor")
    Scheme.objects.filter(key="cef").delete()
    output = load()
    assert "1 created, 0 updated, 23 already present" in output
    assert Scheme.objects.get(key="nittp").funding_ratio_en == "Edited by an editor"
    assert Scheme.objects.filter(key="cef").exists()


@pytest.mark.django_db
def test_load_content_update_restores_the_seeds_facts():
    load()
    Scheme.objects.filter(key="nittp").update(funding_ratio_en="Edited by an editor")
    output = load(update=True)
    assert "0 created, 24 updated" in output
    nittp = Scheme.objects.get(key="nittp")
    assert nittp.funding_ratio_en == entries()["nittp"]["funding_ratio_en"]
    # The overwrite is in the scheme's history, with why.
    assert nittp.history.first().history_change_reason == "Loaded from the seed (2026-12 review)"


def write(tmp_path, data) -> object:
    path = tmp_path / "schemes.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda s: s[0].update(kind="grant"), "scheme 'sme_one': kind must be one of"),
        (lambda s: s[0].update(name_zh_hant=""), "scheme 'sme_one': name_zh_hant is missing"),
        (lambda s: s[0].update(pays_for_en=""), "scheme 'sme_one': pays_for_en is missing"),
        (lambda s: s[0].update(tiers=["expert"]), "scheme 'sme_one': unknown tiers: expert"),
        (
            lambda s: s[0].update(business_scopes=["shops"]),
            "scheme 'sme_one': unknown business_scopes: shops",
        ),
        (lambda s: s[1].update(key="sme_one"), "scheme 'sme_one': duplicate key"),
        (lambda s: s[0].update(last_verified="soon"), "scheme 'sme_one': last_verified must be"),
        (lambda s: s[0].update(cap_hkd="250k"), "scheme 'sme_one': cap_hkd must be a whole"),
        (lambda s: s[0].update(contact_url="ftp://x"), "scheme 'sme_one': contact_url must be"),
        (
            lambda s: s[0].update(status="upcoming", expected_en=""),
            "scheme 'sme_one': an upcoming scheme needs expected_en",
        ),
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
