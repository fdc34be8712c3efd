from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from evidence.models import Actor, Fact
from evidence.services.facts import FACT_EDITABLE_FIELDS

__all__ = ["FactSerializer", "ResolveConflictSerializer"]


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "properties": {
                "min": {"type": "integer"},
                "max": {"type": "integer", "nullable": True},
                "reports": {"type": "integer"},
                "wording": {"type": "string"},
                "disputed": {"type": "boolean"},
            },
        },
        "example": {
            "killed": {
                "min": 70,
                "max": 75,
                "reports": 3,
                "wording": "at least 70",
                "disputed": True,
            }
        },
    }
)
class FiguresField(serializers.JSONField):
    pass


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "kind": {
                    "type": "string",
                    "enum": Fact.ConflictKind.values,
                },
                "field": {"type": "string"},
                "values": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "value": {"type": "string"},
                            "excerpt": {"type": "integer"},
                            "source": {"type": "integer"},
                        },
                    },
                },
                "resolution": {
                    "type": "object",
                    "nullable": True,
                    "properties": {
                        "wording": {"type": "string"},
                        "reason": {"type": "string"},
                        "resolved_by": {"type": "integer"},
                        "resolved_at": {"type": "string", "format": "date-time"},
                    },
                },
            },
        },
    }
)
class ConflictsField(serializers.JSONField):
    pass


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "reports": {"type": "integer", "description": "Sources reporting the fact."},
            "independent": {
                "type": "integer",
                "description": "Independent origins among them (near-duplicate copies of one "
                "story, or one publisher's reports, are one origin).",
            },
            "groups": {
                "type": "array",
                "items": {"type": "array", "items": {"type": "integer"}},
                "description": "Source ids, one list per origin.",
            },
        },
        "example": {"reports": 3, "independent": 2, "groups": [[4, 7], [9]]},
    }
)
class OriginsField(serializers.JSONField):
    pass


class FactSerializer(serializers.ModelSerializer):
    claimed_by = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Actor.objects.all(), required=False
    )
    attributed_to = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Actor.objects.all(), required=False
    )
    figures = FiguresField(read_only=True)
    conflicts = ConflictsField(read_only=True)
    origins = OriginsField(read_only=True)

    class Meta:
        model = Fact
        fields = [
            "id",
            *FACT_EDITABLE_FIELDS,
            "status",
            "figures",
            "conflicts",
            "excerpt_count",
            "origins",
            "verified_by",
            "verified_at",
            "created_by",
            "created_at",
        ]
        read_only_fields = [
            "status",
            "excerpt_count",
            "verified_by",
            "verified_at",
            "created_by",
            "created_at",
        ]


class ResolveConflictSerializer(serializers.Serializer):
    field = serializers.CharField(max_length=32, help_text="One of the fact's conflicts' fields.")
    wording = serializers.CharField(max_length=300)
    reason = serializers.CharField(max_length=5000)
