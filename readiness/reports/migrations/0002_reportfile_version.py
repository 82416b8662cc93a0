from django.db import migrations, models


def forget_renders(apps, schema_editor):
    # Stored renders were keyed by a hand-kept number; they are rendered again on demand.
    apps.get_model("reports", "ReportFile").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="reportfile", name="one_report_per_language_and_version"
        ),
        migrations.RunPython(forget_renders, migrations.RunPython.noop),
        migrations.RemoveField(model_name="reportfile", name="template_version"),
        migrations.AddField(
            model_name="reportfile",
            name="version",
            field=models.CharField(default="", max_length=16, verbose_name="report version"),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="reportfile",
            constraint=models.UniqueConstraint(
                fields=("assessment", "language", "version"), name="one_report_per_version"
            ),
        ),
    ]
