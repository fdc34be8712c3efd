from django.conf import settings
from rest_framework import serializers

from evidence.models import Source
from evidence.services.sources import SOURCE_EDITABLE_FIELDS

__all__ = [
    "SourcePasteSerializer",
    "SourceRetractSerializer",
    "SourceSerializer",
    "SourceUploadSerializer",
    "SourceWriteSerializer",
]


class SourceSerializer(serializers.ModelSerializer):
    # A source without an address has `""`, which the schema must allow (not only a URI).
    url = serializers.URLField(read_only=True, allow_blank=True)

    class Meta:
        model = Source
        fields = [
            "id",
            *SOURCE_EDITABLE_FIELDS,
            "content_sha256",
            "status",
            "retraction_reason",
            "retracted_at",
            "retracted_by",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields


class SourceWriteSerializer(serializers.Serializer):
    """Pasted `text`, or a `file` (.txt, .html, .pdf, .docx) sent as multipart form data."""

    title = serializers.CharField(max_length=500, required=False)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True)
    author = serializers.CharField(max_length=200, required=False, allow_blank=True)
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    language = serializers.CharField(max_length=16, required=False)
    kind = serializers.ChoiceField(choices=Source.Kind.choices, required=False)
    reliability = serializers.ChoiceField(choices=Source.Reliability.choices, required=False)
    # No max_length: the service answers an oversized text with 413, not 400.
    text = serializers.CharField(required=False, trim_whitespace=False)
    file = serializers.FileField(
        required=False,
        write_only=True,
        help_text=f"Instead of `text`: a .txt, .html, .pdf or .docx file (at most "
        f"{settings.SOURCE_UPLOAD_MAX_BYTES} bytes) whose text is extracted.",
    )

    def validate(self, attrs: dict) -> dict:
        if "text" in attrs and "file" in attrs:
            raise serializers.ValidationError({"file": ["Send either text or a file, not both."]})
        if self.instance is None:
            if "text" not in attrs and "file" not in attrs:
                raise serializers.ValidationError({"text": ["Paste the text or upload a file."]})
            if "reliability" not in attrs:
                raise serializers.ValidationError({"reliability": ["This field is required."]})
            if "title" not in attrs and "file" not in attrs:
                raise serializers.ValidationError({"title": ["This field is required."]})
        return attrs


class SourcePasteSerializer(SourceWriteSerializer):
    """The JSON body of a new source as the schema states it: JSON cannot carry a file, so the
    title, grade and text are required (the rule itself is `SourceWriteSerializer.validate`)."""

    title = serializers.CharField(max_length=500)
    reliability = serializers.ChoiceField(choices=Source.Reliability.choices)
    text = serializers.CharField(trim_whitespace=False)
    file = None  # type: ignore[assignment]  # DRF: a declared field set to None is removed


class SourceUploadSerializer(SourceWriteSerializer):
    """The multipart body of a new source as the schema states it: a file and its grade."""

    reliability = serializers.ChoiceField(choices=Source.Reliability.choices)
    text = None  # type: ignore[assignment]  # DRF: a declared field set to None is removed
    file = serializers.FileField(
        write_only=True,
        help_text=f"A .txt, .html, .pdf or .docx file (at most "
        f"{settings.SOURCE_UPLOAD_MAX_BYTES} bytes) whose text is extracted.",
    )


class SourceRetractSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)
