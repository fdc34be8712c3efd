"""Template context every page needs: the signed-in user's role names for the header."""

from django.http import HttpRequest

from common.roles import ALL_ROLES, role_names

__all__ = ["roles"]


def roles(request: HttpRequest) -> dict[str, list[str]]:
    """`roles`: the user's roles in the catalogue's order (empty for anonymous visitors).

    A superuser holds every role, so the header says so instead of listing no group at all.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"roles": []}
    if user.is_superuser:
        return {"roles": list(ALL_ROLES)}
    names = role_names(user)
    return {"roles": [name for name in ALL_ROLES if name in names]}
