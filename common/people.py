"""Naming people on pages: who proposed, decided or resolved something is stored as a user id,
and a page shows the username."""

from django.contrib.auth import get_user_model

from common.compiled import Statement

__all__ = ["usernames"]

# One query of ids and names (never the password and the rest of the row), compiled once per
# number of ids: the review page asks on every view.
_USERNAMES = Statement(
    lambda ids: get_user_model().objects.filter(pk__in=ids).values_list("pk", "username")
)


def usernames(ids: set[int | None]) -> dict[int, str]:
    """The usernames of these users by id; None (nobody yet) is left out."""
    wanted = sorted(pk for pk in ids if pk is not None)
    return dict(_USERNAMES.rows(ids=wanted)) if wanted else {}
