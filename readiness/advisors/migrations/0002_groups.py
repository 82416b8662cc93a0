from django.contrib.auth.management import create_permissions
from django.db import migrations

from readiness.advisors.roles import grant_group_permissions


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now so the groups can
    # be granted them in this migration.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    grant_group_permissions(apps, using=schema_editor.connection.alias)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Advisor", "Content editor"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advisors", "0001_initial"),
        ("assessments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("schemes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
