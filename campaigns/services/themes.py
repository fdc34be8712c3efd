"""The theme catalogue: Source admins curate it; the recommendation seeds it."""

from typing import Any

from django.db import transaction

from campaigns.models import Theme
from campaigns.recommendation import RECOMMENDATION_CLAUSES, THEME_CATALOGUE
from common.errors import Conflict, InvalidInput

__all__ = ["theme_catalogue_ensure", "theme_create", "theme_delete", "theme_update"]

_FIELDS = ("slug", "name", "description", "recommendation_clause", "victim_focus")


def _validate(theme: Theme) -> None:
    if theme.recommendation_clause not in RECOMMENDATION_CLAUSES:
        raise InvalidInput(
            f"The recommendation has clauses 1 to {len(RECOMMENDATION_CLAUSES)}.",
            field="recommendation_clause",
        )
    theme.full_clean()


@transaction.atomic
def theme_create(
    *,
    slug: str,
    name: str,
    recommendation_clause: int,
    description: str = "",
    victim_focus: str = Theme.VictimFocus.NONE,
) -> Theme:
    theme = Theme(
        slug=slug,
        name=name,
        description=description,
        recommendation_clause=recommendation_clause,
        victim_focus=victim_focus,
    )
    _validate(theme)
    theme.save()
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, **fields: Any) -> Theme:
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown theme fields: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(theme, name, value)
    _validate(theme)
    theme.save()
    return theme


@transaction.atomic
def theme_delete(*, theme: Theme) -> None:
    """Delete an unused theme; one that a campaign or message uses stays (409)."""
    if theme.campaigns.exists() or theme.messages.exists():
        raise Conflict("This theme is used by a campaign or a message; it cannot be deleted.")
    theme.delete()


@transaction.atomic
def theme_catalogue_ensure() -> int:
    """Create the catalogue themes that are missing; returns how many were created."""
    created = 0
    for definition in THEME_CATALOGUE:
        _, was_created = Theme.objects.get_or_create(
            slug=definition["slug"],
            defaults={k: v for k, v in definition.items() if k != "slug"},
        )
        created += was_created
    return created
