"""`messages/`: drafts per channel and language, their revisions and their review."""

from typing import Any

import django_filters
from django.db.models import Model, QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns.api.common import StepViewSetMixin, step_responses
from campaigns.api.fields import (
    CommentSerializer,
    FlagsField,
    RequiredCommentSerializer,
    TextField,
    acting_user,
    error_responses,
)
from campaigns.models import Campaign, Message, MessageRevision, Theme
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.claim_suggestions import message_claim_suggestions
from campaigns.selectors.messages import message_list_visible, message_revisions
from campaigns.services.access import campaign_require_member
from campaigns.services.acknowledgements import message_acknowledge_number
from campaigns.services.messages import (
    message_approve,
    message_create,
    message_delete,
    message_reject,
    message_review_check,
    message_submit,
    message_update,
)
from common.api_history import HistoryViewSetMixin
from common.errors import InvalidInput
from common.permissions import HasRole, IsReviewer
from common.versioning import ConditionalUpdateMixin

__all__ = ["MessageSerializer", "MessageViewSet"]

# Longer than any channel allows (WhatsApp, 65,536), so the channel's own limit is what a
# writer meets; anything beyond is refused before it is parsed further.
_TEXT_MAX_CHARS = 70_000


class VisibleCampaignField(serializers.PrimaryKeyRelatedField):
    """A campaign id the caller may see; others get the same answer as an unknown id."""

    def get_queryset(self) -> QuerySet[Campaign]:
        return campaign_list_visible(user=self.context["request"].user)


class MessageSerializer(serializers.ModelSerializer):
    campaign = VisibleCampaignField()
    theme = serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(), allow_null=True, required=False
    )
    language = TextField(
        max_length=16, required=False, help_text="BCP 47: en, ur, ps, sd, bal, ar …"
    )
    text = TextField(max_length=_TEXT_MAX_CHARS, trim_whitespace=False)
    flags = FlagsField()

    class Meta:
        model = Message
        fields = [
            "id",
            "campaign",
            "theme",
            "channel",
            "language",
            "text",
            "direction",
            "status",
            "revision",
            "flags",
            "created_by",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "direction",
            "status",
            "revision",
            "created_by",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            "created_at",
            "updated_at",
        ]


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = MessageRevision
        fields = ["revision", "text", "language", "channel", "status", "edited_by", "created_at"]


class AcknowledgeNumberSerializer(serializers.Serializer):
    words = TextField(
        max_length=200, help_text="The words of an `unread_number` (or `unread_actor`) flag."
    )
    reason = TextField(max_length=5000, help_text="Why these words are not a count.")


class SuggestedFactSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    score = serializers.FloatField()
    why = serializers.ListField(child=serializers.CharField())


class ClaimSuggestionSerializer(serializers.Serializer):
    sentence = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    facts = SuggestedFactSerializer(many=True)


class MessageFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Message.Status.choices)
    channel = django_filters.ChoiceFilter(choices=Message.Channel.choices)
    # Choices are what the caller may see: a hidden id is refused like an unknown one.
    campaign = django_filters.ModelChoiceFilter(
        queryset=lambda request: campaign_list_visible(user=request.user)
    )

    class Meta:
        model = Message
        fields = ["campaign", "theme", "status", "channel", "language"]


_REVIEW = step_responses(MessageSerializer)


@extend_schema_view(
    create=extend_schema(responses={201: MessageSerializer, **error_responses(400, 403, 409)}),
    retrieve=extend_schema(responses={200: MessageSerializer, **error_responses(404)}),
    update=extend_schema(responses={200: MessageSerializer, **error_responses(400, 403, 404, 409)}),
    partial_update=extend_schema(
        responses={200: MessageSerializer, **error_responses(400, 403, 404, 409)}
    ),
    destroy=extend_schema(responses={204: None, **error_responses(403, 404, 409)}),
)
class MessageViewSet(
    ConditionalUpdateMixin, HistoryViewSetMixin, StepViewSetMixin, viewsets.ModelViewSet
):
    step_target = "message"
    lookup_value_converter = "int"
    serializer_class = MessageSerializer
    filterset_class = MessageFilter

    def step_guard(self, obj: Model, user: Any) -> None:
        assert isinstance(obj, Message) and self.action is not None
        message_review_check(message=obj, user=user, doing=self.action)

    def check_write_allowed(self, instance: Message) -> None:
        campaign_require_member(
            user=acting_user(self.request), campaign=instance.campaign, doing="edit its messages"
        )

    def get_queryset(self) -> QuerySet[Message]:
        return (
            message_list_visible(user=self.request.user)
            .select_related("campaign")
            .order_by("campaign_id", "id")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        message = message_create(campaign=data.pop("campaign"), actor=acting_user(request), **data)
        return Response(
            self.get_serializer(message).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("v1:message-detail", kwargs={"pk": message.pk})},
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        message = self.get_object()
        serializer = self.get_serializer(
            message, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        campaign = data.pop("campaign", message.campaign)
        if campaign.pk != message.campaign_id:
            raise InvalidInput("A message cannot move to another campaign.", field="campaign")
        message = message_update(message=message, actor=acting_user(request), **data)
        return Response(self.get_serializer(message).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        message_delete(message=self.get_object(), actor=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=None, responses=_REVIEW, summary="Submit a message for review (the team)"
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        message = message_submit(message=self.get_object(), actor=acting_user(request))
        return Response(self.get_serializer(message).data)

    @extend_schema(
        request=CommentSerializer,
        responses=_REVIEW,
        summary="Approve a message (a Reviewer who wrote no revision of it)",
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, message_approve)

    @extend_schema(
        request=RequiredCommentSerializer,
        responses=_REVIEW,
        summary="Reject a message, saying why (a Reviewer who wrote no revision of it)",
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, message_reject)

    @extend_schema(
        request=AcknowledgeNumberSerializer,
        responses=_REVIEW,
        summary="Mark a number in the message as not a count, saying why (a Reviewer)",
    )
    # Reviewers only, decided before the body is read (the service refuses the others too).
    @action(
        detail=True,
        methods=["post"],
        url_path="acknowledge-number",
        permission_classes=[HasRole, IsReviewer],
    )
    def acknowledge_number(self, request: Request, pk: str | None = None) -> Response:
        message = self.get_object()
        body = AcknowledgeNumberSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        message = message_acknowledge_number(
            message=message, reviewer=acting_user(request), **body.validated_data
        )
        return Response(self.get_serializer(message).data)

    @extend_schema(
        responses={200: ClaimSuggestionSerializer(many=True), **error_responses(404)},
        summary="Facts that could support each checkable sentence of the message, ranked",
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="claim-suggestions",
        pagination_class=None,
        filterset_class=None,
    )
    def claim_suggestions(self, request: Request, pk: str | None = None) -> Response:
        message = self.get_object()
        data = message_claim_suggestions(message=message)
        return Response(ClaimSuggestionSerializer(data, many=True).data)

    @extend_schema(responses={200: RevisionSerializer(many=True), **error_responses(404)})
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def revisions(self, request: Request, pk: str | None = None) -> Response:
        message = self.get_object()
        return Response(RevisionSerializer(message_revisions(message=message), many=True).data)
