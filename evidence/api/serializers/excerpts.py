from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.serializers import UnknownKeysRefused
from evidence.figure_text import suggest_figures
from evidence.models import Actor, Excerpt, Fact, FigureReport, Source
from evidence.services.excerpts import FIGURE_FIELDS

__all__ = ["ExcerptSerializer", "FigureReportSerializer"]


class FigureReportSerializer(UnknownKeysRefused, serializers.ModelSerializer):
    value_min = serializers.IntegerField(min_value=0, max_value=2_000_000_000)
    value_max = serializers.IntegerField(
        min_value=0, max_value=2_000_000_000, required=False, allow_null=True
    )
    qualifier = serializers.ChoiceField(
        choices=FigureReport.Qualifier.choices, default=FigureReport.Qualifier.EXACT
    )

    class Meta:
        model = FigureReport
        fields = list(FIGURE_FIELDS)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        top = attrs.get("value_max")
        if top is not None and top < attrs["value_min"]:
            raise serializers.ValidationError({"value_max": ["Must not be below value_min."]})
        return attrs


class SuggestedFigureSerializer(serializers.Serializer):
    kind = serializers.CharField()
    value_min = serializers.IntegerField()
    value_max = serializers.IntegerField(allow_null=True)
    qualifier = serializers.CharField()


class ExcerptSerializer(serializers.ModelSerializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())  # type: ignore[assignment]
    fact = serializers.PrimaryKeyRelatedField(
        queryset=Fact.objects.all(), required=False, allow_null=True
    )
    exact = serializers.CharField(trim_whitespace=False, max_length=20_000)
    prefix = serializers.CharField(
        trim_whitespace=False, max_length=200, required=False, allow_blank=True
    )
    suffix = serializers.CharField(
        trim_whitespace=False, max_length=200, required=False, allow_blank=True
    )
    credibility = serializers.IntegerField(
        min_value=1, max_value=6, required=False, help_text="1 confirmed … 6 cannot be judged"
    )
    figures = FigureReportSerializer(many=True, required=False)
    reported_claimed_by = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Actor.objects.all(), required=False
    )
    reported_attributed_to = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Actor.objects.all(), required=False
    )
    reported_denied_by = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Actor.objects.all(),
        required=False,
        help_text="The actors this excerpt says denied responsibility.",
    )
    reported_relation = serializers.ChoiceField(
        choices=Fact.Relation.choices, required=False, allow_blank=True
    )
    suggested_figures = serializers.SerializerMethodField(
        help_text="Figures read from the quote's words, for a source admin to confirm."
    )

    class Meta:
        model = Excerpt
        fields = [
            "id",
            "source",
            "fact",
            "exact",
            "prefix",
            "suffix",
            "start",
            "end",
            "credibility",
            "figures",
            "anchored",
            "reported_on",
            "reported_claimed_by",
            "reported_attributed_to",
            "reported_denied_by",
            "reported_relation",
            "suggested_figures",
            "created_by",
            "created_at",
        ]
        read_only_fields = ["start", "end", "anchored", "created_by", "created_at"]

    @extend_schema_field(SuggestedFigureSerializer(many=True))
    def get_suggested_figures(self, excerpt: Excerpt) -> list[dict[str, Any]]:
        return suggest_figures(excerpt.exact, excerpt.source.language)

    def to_representation(self, instance: Excerpt) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["reported_claimed_by"] = [a.pk for a in instance.reported_claimed_by.all()]
        data["reported_attributed_to"] = [a.pk for a in instance.reported_attributed_to.all()]
        data["reported_denied_by"] = [a.pk for a in instance.reported_denied_by.all()]
        return data
