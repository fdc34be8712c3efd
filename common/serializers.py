"""What request serializers share beyond DRF's own fields."""

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

__all__ = ["UnknownKeysRefused"]


# For an object nested in a request body (a figure, an indicator): a key it does not have is
# refused (400 naming it) instead of dropped. The schema says the same (`additionalProperties:
# false`, `common.schema.AutoSchema`), so a client's typo such as `"value_mx"` is not silently
# lost, and no text hides in a key nothing reads. No docstring: drf-spectacular would publish
# it as the description of every serializer that mixes this in.
class UnknownKeysRefused:
    fields: Any

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = sorted(str(key) for key in data if key not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {key: ["This object has no such field."] for key in unknown}
                )
        return super().to_internal_value(data)  # type: ignore[misc]
