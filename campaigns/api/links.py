"""`evidence-links/`: claims tied to facts, and the Reviewers' queue (`?status=proposed`)."""

from typing import Any

import django_filters
from django.db.models import Model, QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
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
from campaigns.models import EvidenceLink, EvidenceLinkReview, Message
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.messages import evidence_link_list_visible, message_list_visible
from campaigns.services.links import (
    evidence_link_approve,
    evidence_link_delete,
    evidence_link_propose,
    evidence_link_reject,
    evidence_link_request_changes,
    evidence_link_review_check,
    evidence_link_update,
)
from common.api_history import HistoryViewSetMixin
from common.api_rows import RowListMixin
from common.versioning import ETagMixin
from evidence.models import Fact

__all__ = ["EvidenceLinkSerializer", "EvidenceLinkViewSet"]


class VisibleMessageField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet[Message]:
        return message_list_visible(user=self.context["request"].user).select_related("campaign")


class EvidenceLinkSerializer(serializers.ModelSerializer):
    message = VisibleMessageField()
    fact = serializers.PrimaryKeyRelatedField(queryset=Fact.objects.all())
    claim = TextField(max_length=2_000, help_text="The words of the message the fact supports")
    flags = FlagsField()

    class Meta:
        model = EvidenceLink
        fields = [
            "id",
            "message",
            "fact",
            "claim",
            "status",
            "proposed_by",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            "reopened_reason",
            "flags",
            "created_at",
            "updated_at",
        ]
        # The service answers a duplicate open claim with 409, not the serializer with 400.
        validators: list[Any] = []
        read_only_fields = [
            "status",
            "proposed_by",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            "reopened_reason",
            "created_at",
            "updated_at",
        ]


class EvidenceLinkUpdateSerializer(serializers.Serializer):
    claim = TextField(max_length=2_000)


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceLinkReview
        fields = ["id", "decision", "reviewer", "comment", "created_at"]


class EvidenceLinkFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=EvidenceLink.Status.choices)
    # Choices are what the caller may see: a hidden id is refused like an unknown one.
    message = django_filters.ModelChoiceFilter(
        queryset=lambda request: message_list_visible(user=request.user)
    )
    campaign = django_filters.ModelChoiceFilter(
        field_name="message__campaign",
        queryset=lambda request: campaign_list_visible(user=request.user),
    )

    class Meta:
        model = EvidenceLink
        fields = ["status", "message", "fact", "campaign"]


_REVIEW = step_responses(EvidenceLinkSerializer)


@extend_schema_view(
    list=extend_schema(description="Oldest first; `?status=proposed` is the Reviewers' queue."),
    create=extend_schema(responses={201: EvidenceLinkSerializer, **error_responses(400, 403, 409)}),
    retrieve=extend_schema(responses={200: EvidenceLinkSerializer, **error_responses(404)}),
    partial_update=extend_schema(
        request=EvidenceLinkUpdateSerializer,
        responses={200: EvidenceLinkSerializer, **error_responses(400, 403, 404, 409)},
    ),
    destroy=extend_schema(responses={204: None, **error_responses(403, 404, 409)}),
)
class EvidenceLinkViewSet(
    ETagMixin,
    RowListMixin,
    HistoryViewSetMixin,
    StepViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    step_target = "link"
    lookup_value_converter = "int"
    serializer_class = EvidenceLinkSerializer
    filterset_class = EvidenceLinkFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def step_guard(self, obj: Model, user: Any) -> None:
        # Every step on a link is a review (approve, reject, request changes).
        assert isinstance(obj, EvidenceLink)
        evidence_link_review_check(link=obj, user=user)

    def get_queryset(self) -> QuerySet[EvidenceLink]:
        return evidence_link_list_visible(user=self.request.user).select_related(
            "message__campaign"
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = evidence_link_propose(actor=acting_user(request), **serializer.validated_data)
        return Response(
            self.get_serializer(link).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("v1:evidencelink-detail", kwargs={"pk": link.pk})},
        )

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        link = self.get_object()
        # A PATCH names what it changes (no field of a PATCH body is required): without
        # `claim` the claim stays, after the same checks of who may edit the link and when.
        body = EvidenceLinkUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        link = evidence_link_update(
            link=link,
            actor=acting_user(request),
            claim=body.validated_data.get("claim", link.claim),
        )
        return Response(self.get_serializer(link).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        evidence_link_delete(link=self.get_object(), actor=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=CommentSerializer,
        responses=_REVIEW,
        summary="Approve (a Reviewer, not the proposer)",
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, evidence_link_approve)

    @extend_schema(
        request=RequiredCommentSerializer,
        responses=_REVIEW,
        summary="Reject, saying why (a Reviewer, not the proposer)",
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, evidence_link_reject)

    @extend_schema(
        request=RequiredCommentSerializer,
        responses=_REVIEW,
        summary="Send back to the team with what to change (a Reviewer, not the proposer)",
    )
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, evidence_link_request_changes)

    @extend_schema(responses={200: ReviewSerializer(many=True), **error_responses(404)})
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def reviews(self, request: Request, pk: str | None = None) -> Response:
        link = self.get_object()
        return Response(ReviewSerializer(link.reviews.all(), many=True).data)
