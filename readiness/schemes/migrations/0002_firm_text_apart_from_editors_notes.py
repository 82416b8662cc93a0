from django.db import migrations, models

NOTES = (("name_note", "On the name"), ("status_note", "Status"), ("changes", "What changed"))


def forwards(apps, schema_editor):
    """What a firm read and what was research notes, told apart: the notes go to the editors'
    notes, the check before applying becomes the conditions. `load_content --update` brings in
    the reviewed catalogue (docs/deploy.md)."""
    Scheme = apps.get_model("schemes", "Scheme")
    for scheme in Scheme.objects.all():
        notes = []
        for field, title in NOTES:
            text = getattr(scheme, f"{field}_en").strip()
            if text:
                notes.append(f"{title}: {text}")
        scheme.editor_notes = "\n".join(notes)
        scheme.conditions_en, scheme.conditions_zh_hant = scheme.check_en, scheme.check_zh_hant
        scheme.pays_for_en, scheme.pays_for_zh_hant = scheme.fit_en[:200], scheme.fit_zh_hant[:200]
        scheme.free = scheme.kind == "advisory"
        if scheme.status == "upcoming":
            scheme.expected_en = scheme.status_note_en
            scheme.expected_zh_hant = scheme.status_note_zh_hant
        if scheme.status == "closed":
            scheme.closed_note_en = scheme.status_note_en
            scheme.closed_note_zh_hant = scheme.status_note_zh_hant
            scheme.mention_when_closed = True
        scheme.save()


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="scheme",
            name="free",
            field=models.BooleanField(default=False, verbose_name="free of charge"),
        ),
        migrations.AddField(
            model_name="scheme",
            name="pays_for_en",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="scheme",
            name="pays_for_zh_hant",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="scheme",
            name="conditions_en",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="scheme",
            name="conditions_zh_hant",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="scheme", name="expected_en", field=models.TextField(blank=True)
        ),
        migrations.AddField(
            model_name="scheme", name="expected_zh_hant", field=models.TextField(blank=True)
        ),
        migrations.AddField(
            model_name="scheme", name="closed_note_en", field=models.TextField(blank=True)
        ),
        migrations.AddField(
            model_name="scheme", name="closed_note_zh_hant", field=models.TextField(blank=True)
        ),
        migrations.AddField(
            model_name="scheme",
            name="mention_when_closed",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="scheme",
            name="contact_url",
            field=models.URLField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="scheme", name="editor_notes", field=models.TextField(blank=True)
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        *(
            migrations.RemoveField(model_name="scheme", name=f"{field}_{language}")
            for field in ("name_note", "status_note", "changes", "fit", "check")
            for language in ("en", "zh_hant")
        ),
    ]
