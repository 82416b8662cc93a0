"""The scheme catalogue's seed: content/schemes.yaml, validated and loaded into the database.

Loading creates the schemes that are missing and leaves existing ones alone, so an editor's
corrections in the admin survive every `make run`; only an explicit update overwrites them."""

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from readiness.content import tiers
from readiness.content.questionnaire import Questionnaire
from readiness.schemes.models import Scheme

SEED_PATH = Path(__file__).resolve().parent / "content" / "schemes.yaml"
BILINGUAL_REQUIRED = ("name", "administrator", "summary", "fit", "check")
BILINGUAL_OPTIONAL = ("name_note", "funding_ratio", "cap_note", "status_note", "changes")
FLAGS = (
    "listed_allowed",
    "sme_only",
    "hk_incorporation_required",
    "hk_production_line_required",
    "itf_project_required",
    "individuals_only",
)
POSITION_STEP = 10


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
    known = {
        "business_scopes": {c.key for c in questionnaire.business_scopes},
        "suits_scopes": {c.key for c in questionnaire.business_scopes},
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
    for name in BILINGUAL_REQUIRED + BILINGUAL_OPTIONAL:
        for language in ("en", "zh_hant"):
            value = raw.get(f"{name}_{language}") or ""
            if not isinstance(value, str):
                raise SeedError(f"{where}: {name}_{language} must be text")
            if name in BILINGUAL_REQUIRED and not value.strip():
                raise SeedError(f"{where}: {name}_{language} is missing or empty")
            fields[f"{name}_{language}"] = value.strip()
    fields["short_name"] = str(raw.get("short_name") or "")
    fields["apply_url"] = str(raw.get("apply_url") or "")
    if fields["apply_url"] and not fields["apply_url"].startswith("https://"):
        raise SeedError(f"{where}: apply_url must be an https:// address")
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
    the seed's facts (an editor's changes to them are lost)."""
    version, entries = read_seed(questionnaire, path)
    created = updated = kept = 0
    with transaction.atomic():
        existing = {s.key: s for s in Scheme.objects.select_for_update()}
        for fields in entries:
            scheme = existing.get(fields["key"])
            if scheme is None:
                Scheme.objects.create(**fields)
                created += 1
            elif update:
                for name, value in fields.items():
                    setattr(scheme, name, value)
                scheme.save()
                updated += 1
            else:
                kept += 1
    return LoadReport(created=created, updated=updated, kept=kept, version=version)
