"""The theme catalogue: Source admins curate it; the recommendation seeds it."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from campaigns.models import Theme
from campaigns.recommendation import RECOMMENDATION_CLAUSES, THEME_CATALOGUE
from common.audit import audit_record
from common.errors import Conflict, InvalidInput

__all__ = [
    "THEME_FIELDS",
    "theme_catalogue_ensure",
    "theme_clause_check",
    "theme_create",
    "theme_delete",
    "theme_update",
]

THEME_FIELDS = ("slug", "name", "description", "recommendation_clause", "victim_focus")


def theme_clause_check(clause: int | None) -> None:
    """Refuse a clause the recommendation does not have (400 naming the field)."""
    if clause not in RECOMMENDATION_CLAUSES:
        raise InvalidInput(
            f"The recommendation has clauses 1 to {len(RECOMMENDATION_CLAUSES)}.",
            field="recommendation_clause",
        )


def _validate(theme: Theme) -> None:
    theme_clause_check(theme.recommendation_clause)
    theme.full_clean()


@transaction.atomic
def theme_create(
    *,
    slug: str,
    name: str,
    recommendation_clause: int,
    description: str = "",
    victim_focus: str = Theme.VictimFocus.NONE,
    actor: AbstractBaseUser | None = None,
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
    audit_record(actor=actor, action="theme.create", target=theme)
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, actor: AbstractBaseUser | None = None, **fields: Any) -> Theme:
    unknown = set(fields) - set(THEME_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown theme fields: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(theme, name, value)
    _validate(theme)
    theme.save()
    audit_record(actor=actor, action="theme.update", target=theme, data={"fields": sorted(fields)})
    return theme


@transaction.atomic
def theme_delete(*, theme: Theme, actor: AbstractBaseUser | None = None) -> None:
    """Delete an unused theme; one that a campaign or message uses stays (409)."""
    if theme.campaigns.exists() or theme.messages.exists():
        raise Conflict("This theme is used by a campaign or a message; it cannot be deleted.")
    audit_record(actor=actor, action="theme.delete", target=theme)
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
