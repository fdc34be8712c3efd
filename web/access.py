"""Page access: the same predicates as the API (`common.access`), as view decorators.

Anonymous visitors are sent to the sign-in page; a signed-in user who lacks the role gets the
site's 403 page, which names the role they need.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from common.access import (
    NO_ROLE_MESSAGE,
    NOT_PLANNER_MESSAGE,
    NOT_REVIEWER_MESSAGE,
    NOT_SOURCE_ADMIN_MESSAGE,
    may_change_evidence,
    may_plan_campaigns,
    may_review,
    may_use_counterpoint,
)

__all__ = ["evidence_editor_required", "planner_required", "reviewer_required", "role_required"]

View = Callable[..., HttpResponse]


def _requiring(predicate: Callable[[Any], bool], refusal: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not may_use_counterpoint(request.user):
                raise PermissionDenied(NO_ROLE_MESSAGE)
            if not predicate(request.user):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return login_required(guarded)

    return decorator


# Every page but sign-in: one of the three roles.
role_required = _requiring(may_use_counterpoint, NO_ROLE_MESSAGE)
reviewer_required = _requiring(may_review, NOT_REVIEWER_MESSAGE)
evidence_editor_required = _requiring(may_change_evidence, NOT_SOURCE_ADMIN_MESSAGE)
planner_required = _requiring(may_plan_campaigns, NOT_PLANNER_MESSAGE)
