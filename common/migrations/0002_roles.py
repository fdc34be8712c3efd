"""Create the three roles of PRODUCT.md as groups, with the model permissions the admin needs.

The API checks roles by group name (common.roles); these permissions make the same split hold
in the Django admin.
"""

from django.db import migrations

from common.role_permissions import ROLE_PERMISSIONS, roles_ensure


def create_roles(apps, schema_editor):
    roles_ensure(apps=apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


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
