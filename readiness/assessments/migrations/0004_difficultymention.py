import django.db.models.deletion
from django.db import migrations, models


def index_difficulties(apps, schema_editor):
    """The index moves here from the advisors app; it is rebuilt from each assessment's own
    list, which is what it indexes."""
    Assessment = apps.get_model("assessments", "Assessment")
    DifficultyMention = apps.get_model("assessments", "DifficultyMention")
    batch = []
    for pk, difficulties in Assessment.objects.values_list("pk", "difficulties").iterator():
        for key in dict.fromkeys(difficulties or []):
            batch.append(DifficultyMention(assessment_id=pk, difficulty=key))
        if len(batch) >= 2000:
            DifficultyMention.objects.bulk_create(batch)
            batch = []
    DifficultyMention.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_advisors_admin_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="DifficultyMention",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("difficulty", models.CharField(max_length=40)),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="difficulty_mentions",
                        to="assessments.assessment",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["difficulty"], name="difficulty_mentions")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assessment", "difficulty"), name="one_difficulty_mention"
                    )
                ],
            },
        ),
        migrations.RunPython(index_difficulties, migrations.RunPython.noop),
    ]
