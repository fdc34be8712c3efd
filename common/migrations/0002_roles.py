"""Create the three roles of PRODUCT.md as groups, with the model permissions the admin needs.

The API checks roles by group name (common.roles); these permissions make the same split hold
in the Django admin.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EVIDENCE = ["source", "excerpt", "figurereport", "actor", "actoralias", "fact", "conflictresolution"]
CAMPAIGNS = ["theme", "campaign", "message", "messagerevision", "evidencelink", "evidencelinkreview"]

ROLES = {
    "Communications": [
        *[("evidence", m, "view") for m in EVIDENCE],
        ("campaigns", "theme", "view"),
        *[("campaigns", m, a) for m in ("campaign", "message", "evidencelink") for a in ("view", "add", "change")],
        ("reports", "report", "view"),
        ("reports", "report", "add"),
    ],
    "Reviewers": [
        *[("evidence", m, "view") for m in EVIDENCE],
        ("evidence", "fact", "change"),
        ("evidence", "conflictresolution", "add"),
        *[("campaigns", m, "view") for m in CAMPAIGNS],
        ("campaigns", "evidencelink", "change"),
        ("campaigns", "campaign", "change"),
        ("reports", "report", "view"),
        ("reports", "report", "add"),
    ],
    "Source admins": [
        *[("evidence", m, a) for m in EVIDENCE for a in ("view", "add", "change", "delete")],
        *[("campaigns", "theme", a) for a in ("view", "add", "change", "delete")],
        *[("campaigns", m, "view") for m in CAMPAIGNS],
        ("reports", "report", "view"),
        ("reports", "report", "add"),
        *[("auth", m, a) for m in ("user", "group") for a in ("view", "add", "change")],
    ],
}


def create_roles(apps, schema_editor):
    for app_label in ("auth", "evidence", "campaigns", "reports"):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, action in grants:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
            group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("evidence", "0001_initial"),
        ("campaigns", "0001_initial"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
