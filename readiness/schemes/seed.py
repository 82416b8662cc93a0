"""The scheme catalogue's seed: content/schemes.yaml, validated and loaded into the database.

Loading creates the schemes that are missing and leaves existing ones alone, so an editor's
corrections in the admin survive every `make run`; only an explicit update overwrites them."""

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from readiness.content import tiers
from readiness.content.questionnaire import Questionnaire
from readiness.schemes.models import Scheme, SchemeCheck

SEED_PATH = Path(__file__).resolve().parent / "content" / "schemes.yaml"
BILINGUAL_REQUIRED = ("name", "administrator", "summary")
# What a firm reads of a scheme it may apply to: needed unless the scheme has closed.
BILINGUAL_UNLESS_CLOSED = ("pays_for", "conditions")
BILINGUAL_OPTIONAL = ("funding_ratio", "cap_note", "expected", "closed_note")
FLAGS = (
    "free",
    "mention_when_closed",
    "listed_allowed",
    "sme_only",
    "hk_incorporation_required",
    "hk_production_line_required",
    "itf_project_required",
    "individuals_only",
)
POSITION_STEP = 10
# Retail and wholesale, the two halves of trade_wholesale_retail a firm tells apart.
SUB_SCOPES = ("retail", "wholesale")
SUB_SCOPE_LABELS = {
    "retail": _("Retail (a half of trade)"),
    "wholesale": _("Import/export and wholesale"),
}


class SeedError(ValueError):
    """The seed file is malformed; the message names the bad entry."""


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    kept: int
    version: str


def read_seed(questionnaire: Questionnaire, path: Path = SEED_PATH) -> tuple[str, list[dict]]:
    """The seed's catalogue version and one dict of Scheme field values per entry, in order."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SeedError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("schemes"), list):
        raise SeedError(f"{path.name}: needs a 'schemes' list")
    scopes = {c.key for c in questionnaire.business_scopes} | set(SUB_SCOPES)
    known = {
        "business_scopes": scopes,
        "suits_scopes": scopes,
        "tiers": set(tiers.KEYS),
        "dimensions": set(questionnaire.dimensions),
        "difficulties": {c.key for c in questionnaire.difficulties},
    }
    seen: set[str] = set()
    entries = []
    for index, raw in enumerate(data["schemes"], 1):
        entries.append(_entry(raw, index, known, seen))
    return str(data.get("catalogue_version") or ""), entries


def _entry(raw, index: int, known: dict, seen: set[str]) -> dict:
    if not isinstance(raw, dict) or not str(raw.get("key") or "").strip():
        raise SeedError(f"scheme #{index}: no key")
    key = str(raw["key"]).strip()
    where = f"scheme '{key}'"
    if key in seen:
        raise SeedError(f"{where}: duplicate key")
    seen.add(key)
    fields = {"key": key, "position": index * POSITION_STEP}
    for name, choices in (("kind", Scheme.Kind.values), ("status", Scheme.Status.values)):
        if raw.get(name) not in choices:
            raise SeedError(f"{where}: {name} must be one of {', '.join(choices)}")
        fields[name] = raw[name]
    required = BILINGUAL_REQUIRED + (
        BILINGUAL_UNLESS_CLOSED if fields["status"] != "closed" else ()
    )
    for name in BILINGUAL_REQUIRED + BILINGUAL_UNLESS_CLOSED + BILINGUAL_OPTIONAL:
        for language in ("en", "zh_hant"):
            value = raw.get(f"{name}_{language}") or ""
            if not isinstance(value, str):
                raise SeedError(f"{where}: {name}_{language} must be text")
            if name in required and not value.strip():
                raise SeedError(f"{where}: {name}_{language} is missing or empty")
            fields[f"{name}_{language}"] = value.strip()
    fields["short_name"] = str(raw.get("short_name") or "")
    fields["editor_notes"] = str(raw.get("editor_notes") or "").strip()
    for name in ("apply_url", "contact_url"):
        fields[name] = str(raw.get(name) or "")
        if fields[name] and not fields[name].startswith("https://"):
            raise SeedError(f"{where}: {name} must be an https:// address")
    for name in ("cap_hkd", "max_employees"):
        value = raw.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise SeedError(f"{where}: {name} must be a whole number or null")
        fields[name] = value
    for name in FLAGS:
        default = name == "listed_allowed"
        value = raw.get(name, default)
        if not isinstance(value, bool):
            raise SeedError(f"{where}: {name} must be true or false")
        fields[name] = value
    for name, allowed in known.items():
        values = raw.get(name) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise SeedError(f"{where}: {name} must be a list of keys")
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise SeedError(f"{where}: unknown {name}: {', '.join(unknown)}")
        fields[name] = values
    for name in ("opens_on", "closes_on", "last_verified"):
        value = raw.get(name)
        if value is None and name != "last_verified":
            fields[name] = None
            continue
        if not isinstance(value, datetime.date):
            raise SeedError(f"{where}: {name} must be a date (YYYY-MM-DD)")
        fields[name] = value
    fields["sources"] = _sources(raw.get("sources"), where)
    if fields["status"] == "upcoming" and not fields["expected_en"]:
        raise SeedError(f"{where}: an upcoming scheme needs expected_en and expected_zh_hant")
    if (
        fields["status"] == "closed"
        and fields["mention_when_closed"]
        and not fields["closed_note_en"]
    ):
        raise SeedError(f"{where}: a closed scheme that is mentioned needs a closed_note")
    return fields


def _sources(raw, where: str) -> list[dict]:
    if not isinstance(raw, list) or not raw:
        raise SeedError(f"{where}: needs at least one source")
    sources = []
    for item in raw:
        if not isinstance(item, dict):
            raise SeedError(f"{where}: each source needs url, date and note")
        sources.append({k: str(item.get(k) or "") for k in ("url", "date", "note")})
    return sources


def load_seed(questionnaire: Questionnaire, *, update: bool = False, path: Path = SEED_PATH):
    """Create the schemes missing from the database; with update, overwrite existing ones with
    the seed's facts (an editor's changes to them are lost, and kept in each scheme's history).
    A scheme created from the seed starts its check history with the seed's own check."""
    version, entries = read_seed(questionnaire, path)
    reason = f"Loaded from the seed ({version})"
    created = updated = kept = 0
    with transaction.atomic():
        existing = {s.key: s for s in Scheme.objects.select_for_update()}
        for fields in entries:
            scheme = existing.get(fields["key"])
            if scheme is None:
                scheme = Scheme(**fields)
                scheme._change_reason = reason
                scheme.save()
                SchemeCheck.objects.create(
                    scheme=scheme,
                    checked_on=fields["last_verified"],
                    source_url=next((s["url"] for s in fields["sources"] if s["url"]), ""),
                    changes=f"{reason}: the facts as its sources stated them.",
                )
                created += 1
            elif update:
                # The seed never moves a later recorded check back.
                latest = scheme.checks.aggregate(latest=Max("checked_on"))["latest"]
                if latest and latest > fields["last_verified"]:
                    fields = {**fields, "last_verified": latest}
                for name, value in fields.items():
                    setattr(scheme, name, value)
                scheme._change_reason = reason
                scheme.save()
                updated += 1
            else:
                kept += 1
    return LoadReport(created=created, updated=updated, kept=kept, version=version)
