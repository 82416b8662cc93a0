"""The two staff roles and what each may do. Deleting assessments and managing users are left
to superusers: neither group is ever granted those permissions."""

ADVISOR = "Advisor"
CONTENT_EDITOR = "Content editor"

# app_label -> codenames.
GROUP_PERMISSIONS = {
    ADVISOR: {
        "assessments": ["view_assessment", "change_assessment"],
        "advisors": [
            "view_contact",
            "view_followup",
            "add_followup",
            "change_followup",
            "view_note",
            "add_note",
            "view_answerverification",
            "add_answerverification",
            "change_answerverification",
            "export_assessments",
        ],
        "workspaces": ["view_workspace", "view_entry", "view_teamround", "view_teamresponse"],
        # The exclusions they made, and lifting one (deleting it counts the result again).
        "benchmarks": ["view_exclusion", "delete_exclusion"],
    },
    CONTENT_EDITOR: {
        # A check of the facts is a record: added, never changed. The history is read through
        # the scheme's own permissions.
        "schemes": [
            "view_scheme",
            "add_scheme",
            "change_scheme",
            "view_schemecheck",
            "add_schemecheck",
        ],
    },
}


def grant_group_permissions(apps, using="default"):
    """Create the groups and add their permissions; idempotent and only ever adds, so a
    superuser's manual additions survive. Apps not installed yet are skipped."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        for app_label, codenames in grants.items():
            permissions = Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            group.permissions.add(*permissions)


def sync_groups(sender, using="default", apps=None, **kwargs):
    """post_migrate: top up the groups once later apps (such as schemes) have permissions."""
    if apps is None:
        return
    try:
        apps.get_model("auth", "Group")
    except LookupError:
        return
    grant_group_permissions(apps, using=using)
