"""Seed the theme catalogue from the recommendation (campaigns.recommendation)."""

from django.db import migrations


def create_themes(apps, schema_editor):
    from campaigns.recommendation import THEME_CATALOGUE

    Theme = apps.get_model("campaigns", "Theme")
    for definition in THEME_CATALOGUE:
        # get_or_create: themes a Source admin already edited are left as they are.
        Theme.objects.get_or_create(
            slug=definition["slug"],
            defaults={k: v for k, v in definition.items() if k != "slug"},
        )


def remove_themes(apps, schema_editor):
    from campaigns.recommendation import THEME_CATALOGUE

    Theme = apps.get_model("campaigns", "Theme")
    Theme.objects.filter(
        slug__in=[d["slug"] for d in THEME_CATALOGUE], messages__isnull=True, campaigns__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_message_review_and_grades")]

    operations = [migrations.RunPython(create_themes, remove_themes)]
