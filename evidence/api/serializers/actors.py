from rest_framework import serializers

from evidence.models import Actor
from evidence.selectors.actors import alias_normalize

__all__ = ["ActorSerializer"]


class ActorSerializer(serializers.ModelSerializer):
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=200,
        help_text="Other names; each names this actor only (case, accents and punctuation "
        "are ignored when comparing).",
    )

    class Meta:
        model = Actor
        fields = ["id", "name", "aliases", "kind", "description"]
        # Uniqueness is the service's to judge (names and aliases together, tolerantly).
        extra_kwargs: dict[str, dict] = {"name": {"validators": []}}

    def to_representation(self, instance: Actor) -> dict:
        own = alias_normalize(instance.name)
        return {
            "id": instance.pk,
            "name": instance.name,
            # The name is stored among the aliases (see evidence.services.actors); not shown twice.
            "aliases": [a.alias for a in instance.aliases.all() if a.normalized != own],
            "kind": instance.kind,
            "description": instance.description,
        }
