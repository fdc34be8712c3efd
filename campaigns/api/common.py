"""What the campaigns viewsets share: the workflow step with a comment, and its responses."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from campaigns.api.fields import CommentSerializer, acting_user, error_responses

__all__ = ["StepViewSetMixin", "step_responses"]


def step_responses(serializer: type[serializers.Serializer]) -> dict[int | str, Any]:
    """A workflow step answers with the object in its new state, or 400/403/404/409."""
    return {200: serializer, **error_responses(400, 403, 404, 409)}


# Workflow actions on one object: fetch it (404 if not visible), read the comment, call the
# service (which guards the step: 403/409), answer with the object in its new state. No class
# docstring: drf-spectacular would publish it as every operation's description.
class StepViewSetMixin(GenericViewSet):
    # The services' keyword for the object (`link=`, `message=`, `campaign=`).
    step_target: str

    def step(
        self,
        request: Request,
        service: Callable[..., Model],
        *,
        actor: str = "reviewer",
    ) -> Response:
        obj = self.get_object()
        # Who may take the step is answered before the body is read: someone who may not gets
        # 403, whatever they sent (the service checks it again, under its lock).
        self.step_guard(obj, acting_user(request))
        # The body's form only (text, length): whether this step needs a comment is the
        # service's rule, so the API refuses an empty one in the pages' words.
        body = CommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        changed = service(
            **{self.step_target: obj, actor: acting_user(request)},
            comment=body.validated_data["comment"],
        )
        return Response(self.get_serializer(self.step_result(changed)).data)

    def step_guard(self, obj: Model, user: Any) -> None:
        """Raise if `user` may not take this step (`self.action`) on `obj`; by default the
        service alone decides."""

    def step_result(self, changed: Model) -> Model:
        """The object to answer with; a viewset that prefetches may load it again."""
        return changed
