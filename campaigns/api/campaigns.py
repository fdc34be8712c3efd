"""`campaigns/`: plans, their workflow actions, readiness and coverage.

Objects outside `campaign_list_visible` are 404 for every action; what a visible user may not
do is 403 (from the services), and a step the workflow does not allow now is 409.
"""

from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Model, Prefetch, QuerySet
from django.urls import reverse
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns.api.common import StepViewSetMixin, step_responses
from campaigns.api.fields import (
    CommentSerializer,
    ProblemSerializer,
    TextField,
    acting_user,
    error_responses,
)
from campaigns.channels import CHANNEL_LIMITS
from campaigns.models import Campaign, CampaignTransition, Theme
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.coverage import campaign_coverage
from campaigns.selectors.readiness import campaign_readiness
from campaigns.selectors.workflow import campaign_step_check
from campaigns.services.access import campaign_require_member
from campaigns.services.campaign_workflow import (
    campaign_activate,
    campaign_approve,
    campaign_close,
    campaign_reopen,
    campaign_submit_for_review,
)
from campaigns.services.campaigns import campaign_create, campaign_update
from common.api_history import HistoryViewSetMixin
from common.api_rows import RowListMixin, related_order
from common.serializers import UnknownKeysRefused
from common.text import TextKind, text_pattern
from common.versioning import ConditionalUpdateMixin

__all__ = ["CampaignSerializer", "CampaignViewSet"]


@extend_schema_field(
    {
        "oneOf": [
            {"type": "number"},
            {
                "type": "string",
                "maxLength": 300,
                # Not blank, and valid text (`common.text`), as `validate_target` checks.
                "allOf": [{"pattern": r"\S"}, {"pattern": text_pattern(TextKind.NAME)}],
            },
        ],
        "description": "A number or a short text (e.g. 10000, '5%')",
    }
)
class IndicatorTargetField(serializers.JSONField):
    pass


class IndicatorSerializer(UnknownKeysRefused, serializers.Serializer):
    name = TextField(max_length=300)
    target = IndicatorTargetField()

    def validate_target(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise serializers.ValidationError("A target is a number or a text.")
        if isinstance(value, str):
            value = value.strip()
            if not value or len(value) > 300:
                raise serializers.ValidationError("Give a target of at most 300 characters.")
            TextField().run_validators(value)
        return value


class CampaignSerializer(serializers.ModelSerializer):
    name = TextField(max_length=200)
    goal = TextField(required=False, allow_blank=True, max_length=10_000)
    call_to_action = TextField(required=False, allow_blank=True, max_length=5_000)
    audiences = serializers.ListField(
        child=TextField(max_length=300), required=False, max_length=50
    )
    messengers = serializers.ListField(
        child=TextField(max_length=300), required=False, max_length=50
    )
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=list(CHANNEL_LIMITS)), required=False, max_length=20
    )
    indicators = IndicatorSerializer(many=True, required=False)
    themes = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Theme.objects.all(), required=False
    )
    team = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        help_text="User ids of the Communications staff working on the campaign",
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "goal",
            "audiences",
            "messengers",
            "channels",
            "call_to_action",
            "indicators",
            "starts_on",
            "ends_on",
            "themes",
            "team",
            "owner",
            "status",
            "follows_main_idea",
            "minimum_reliability",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["owner", "status", "created_at", "updated_at"]


def _team_members() -> QuerySet[Any]:
    users = get_user_model()
    return users.objects.order_by(*related_order(users))


class CampaignFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Campaign.Status.choices)

    class Meta:
        model = Campaign
        fields = ["status"]


class TransitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CampaignTransition
        fields = ["id", "from_status", "to_status", "actor", "comment", "created_at"]


ReadinessSerializer = inline_serializer(
    "CampaignReadiness",
    {"ready": serializers.BooleanField(), "problems": ProblemSerializer(many=True)},
)
CoverageSerializer = inline_serializer(
    "CampaignCoverage",
    {
        "themes": serializers.ListField(child=serializers.DictField()),
        "cells": serializers.ListField(
            child=inline_serializer(
                "CoverageCell",
                {
                    "theme": serializers.IntegerField(allow_null=True),
                    "victim_community": serializers.CharField(),
                    "bucket": serializers.CharField(),
                    "target_type": serializers.CharField(),
                    "facts": serializers.IntegerField(),
                    "links": serializers.IntegerField(),
                },
            )
        ),
        "buckets": serializers.DictField(child=serializers.IntegerField()),
        "main_idea": serializers.DictField(child=serializers.BooleanField()),
        "gaps": serializers.ListField(child=serializers.DictField()),
    },
)
_STEP_RESPONSES = step_responses(CampaignSerializer)


@extend_schema_view(
    create=extend_schema(responses={201: CampaignSerializer, **error_responses(400, 403)}),
    retrieve=extend_schema(responses={200: CampaignSerializer, **error_responses(404)}),
    update=extend_schema(
        responses={200: CampaignSerializer, **error_responses(400, 403, 404, 409)}
    ),
    partial_update=extend_schema(
        responses={200: CampaignSerializer, **error_responses(400, 403, 404, 409)}
    ),
)
class CampaignViewSet(
    ConditionalUpdateMixin,
    RowListMixin,
    HistoryViewSetMixin,
    StepViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    step_target = "campaign"
    lookup_value_converter = "int"
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilter

    def check_write_allowed(self, instance: Campaign) -> None:
        campaign_require_member(
            user=acting_user(self.request), campaign=instance, doing="edit the campaign"
        )

    def get_queryset(self) -> QuerySet[Campaign]:
        # Themes and team in one order on every read (the list reads them as rows, the
        # detail prefetched: common/api_rows.py), ties broken by id.
        return (
            campaign_list_visible(user=self.request.user)
            .prefetch_related(
                Prefetch("themes", queryset=Theme.objects.order_by(*related_order(Theme))),
                Prefetch("team", queryset=_team_members()),
            )
            .order_by("-created_at", "-id")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        campaign = campaign_create(owner=acting_user(request), **serializer.validated_data)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=campaign.pk)).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("v1:campaign-detail", kwargs={"pk": campaign.pk})},
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        campaign = self.get_object()
        serializer = self.get_serializer(
            campaign, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        campaign_update(campaign=campaign, actor=acting_user(request), **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=campaign.pk)).data)

    def step_guard(self, obj: Model, user: Any) -> None:
        assert isinstance(obj, Campaign) and self.action is not None
        campaign_step_check(campaign=obj, user=user, action=self.action)

    def step_result(self, changed: Model) -> Campaign:
        # Loaded again so the answer carries the prefetched themes and team.
        return self.get_queryset().get(pk=changed.pk)

    @extend_schema(
        request=CommentSerializer,
        responses=_STEP_RESPONSES,
        summary="Submit a draft campaign for review (owner, team)",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, campaign_submit_for_review, actor="actor")

    @extend_schema(
        request=CommentSerializer,
        responses=_STEP_RESPONSES,
        summary="Approve a campaign (Reviewers outside its team); 409 lists readiness problems",
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, campaign_approve)

    @extend_schema(
        request=CommentSerializer,
        responses=_STEP_RESPONSES,
        summary="Activate an approved campaign (owner, team)",
    )
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, campaign_activate, actor="actor")

    @extend_schema(
        request=CommentSerializer,
        responses=_STEP_RESPONSES,
        summary="Close an approved or active campaign (owner, team)",
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, campaign_close, actor="actor")

    @extend_schema(
        request=CommentSerializer,
        responses=_STEP_RESPONSES,
        summary="Re-open a campaign to draft (from in review, approved, active or closed)",
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        return self.step(request, campaign_reopen, actor="actor")

    @extend_schema(responses={200: ReadinessSerializer, **error_responses(404)})
    @action(detail=True, methods=["get"])
    def readiness(self, request: Request, pk: str | None = None) -> Response:
        return Response(campaign_readiness(campaign=self.get_object()))

    @extend_schema(responses={200: CoverageSerializer, **error_responses(404)})
    @action(detail=True, methods=["get"])
    def coverage(self, request: Request, pk: str | None = None) -> Response:
        return Response(campaign_coverage(campaign=self.get_object()))

    @extend_schema(responses={200: TransitionSerializer(many=True), **error_responses(404)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def transitions(self, request: Request, pk: str | None = None) -> Response:
        campaign = self.get_object()
        return Response(TransitionSerializer(campaign.transitions.all(), many=True).data)
