from django.db import migrations


class Migration(migrations.Migration):
    """The difficulty index now lives in the assessments app (assessments 0004)."""

    dependencies = [
        ("advisors", "0001_initial"),
        ("assessments", "0004_difficultymention"),
    ]

    operations = [
        migrations.DeleteModel(name="DifficultyMention"),
    ]
