from decimal import Decimal

from django.db import migrations, models

TEXTS = ("name", "administrator", "summary", "funding_ratio", "cap_note", "why")


def _both(value):
    if isinstance(value, dict):
        return {"en": value.get("en") or "", "zh_hant": value.get("zh_hant") or ""}
    return {"en": "", "zh_hant": ""}


def _card(item):
    status = item.get("status") or ""
    if item.get("mentioned_as_closed"):
        status = "closed"
    note = _both(item.get("status_note"))
    card = {
        "key": item.get("key") or "",
        "kind": item.get("kind") or "",
        "free": item.get("kind") == "advisory",
        "status": status,
        "short_name": item.get("short_name") or "",
        "cap_hkd": item.get("cap_hkd"),
        "apply_url": item.get("apply_url") or "",
        "contact_url": "",
        "last_verified": item.get("last_verified"),
        "dimensions": list(item.get("dimensions") or []),
        "pays_for": {"en": "", "zh_hant": ""},
        "conditions": _both(item.get("check")),
        "expected": note if status == "upcoming" else {"en": "", "zh_hant": ""},
        "closed_note": note if status == "closed" else {"en": "", "zh_hant": ""},
    }
    card.update({name: _both(item.get(name)) for name in TEXTS})
    return card


def _level(score):
    # The tier table's bands as they stood when these results were given.
    try:
        value = Decimal(str(score))
    except Exception:
        return "low"
    return "low" if value < Decimal("2.5") else "mid" if value < Decimal("3.5") else "high"


def convert(recommendations, dimension_advice):
    """The advice of version 1 (a list of schemes and one next step per weak dimension) in the
    plan format of version 2, for results given before it."""
    items = [i for i in recommendations or [] if isinstance(i, dict)]
    open_ = sorted(
        (i for i in items if not i.get("mentioned_as_closed") and i.get("status") == "open"),
        key=lambda i: i.get("rank") or 0,
    )
    upcoming = [i for i in items if not i.get("mentioned_as_closed") and i.get("status") == "upcoming"]
    closed = [i for i in items if i.get("mentioned_as_closed")]
    shown = {i.get("key"): i for i in open_}
    plan = []
    for entry in dimension_advice or []:
        if not isinstance(entry, dict):
            continue
        links = [link for link in entry.get("schemes") or [] if isinstance(link, dict)]
        listed = [link for link in links if link.get("key") in shown]
        free = [link["key"] for link in listed if link.get("kind") == "advisory"][:1]
        pay = next((link["key"] for link in listed if link.get("kind") == "funding"), None)
        plan.append(
            {
                "dimension": entry.get("dimension") or "",
                "score": entry.get("score") or "",
                "level": _level(entry.get("score")),
                "actions": _both(entry.get("action")),
                "next_level": [],
                "free_help": free,
                "pay": pay,
            }
        )
    return {
        "version": 2,
        "plan": plan,
        "recommendations": [_card(i) for i in open_],
        "upcoming": [_card(i) for i in upcoming],
        "closed": [_card(i) for i in closed],
    }


def forwards(apps, schema_editor):
    Assessment = apps.get_model("assessments", "Assessment")
    for assessment in Assessment.objects.only("recommendations", "dimension_advice").iterator():
        assessment.advice = convert(assessment.recommendations, assessment.dimension_advice)
        assessment.save(update_fields=["advice"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_difficultymention"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="trade_type",
            field=models.CharField(blank=True, max_length=20, verbose_name="retail or wholesale"),
        ),
        migrations.AddField(
            model_name="assessment",
            name="hk_production_line",
            field=models.BooleanField(
                blank=True, null=True, verbose_name="production line in Hong Kong"
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="advice",
            field=models.JSONField(blank=True, default=dict, verbose_name="advice shown"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="assessment", name="dimension_advice"),
        migrations.RemoveField(model_name="assessment", name="recommendations"),
    ]
