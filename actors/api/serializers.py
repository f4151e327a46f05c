from rest_framework import serializers

from actors.models import Actor, Role
from core.api.representation import country_fields


class ActorBriefSerializer(serializers.ModelSerializer):
    """An actor as shown inside other records: enough to display it without a second call."""

    country = serializers.CharField(source="country.code", read_only=True,
                                    help_text="ISO 3166-1 alpha-2 code; empty when none.")
    country_name = serializers.CharField(source="country.name", read_only=True,
                                         help_text="English country name; empty when none.")

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "country", "country_name"]

    def to_representation(self, instance):
        # Written out: it runs for every row of a list (see core/api/representation.py).
        code, name = country_fields(instance)
        return {"slug": instance.slug, "name": instance.name, "kind": instance.kind, "country": code,
                "country_name": name}


class RoleSerializer(serializers.ModelSerializer):
    organization = ActorBriefSerializer(read_only=True)

    class Meta:
        model = Role
        fields = ["title", "organization", "is_current", "start_date", "start_precision", "end_date",
                  "end_precision"]


class ActorSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True,
                                    help_text="ISO 3166-1 alpha-2 code; empty when none.")
    country_name = serializers.CharField(source="country.name", read_only=True,
                                         help_text="English country name; empty when none.")
    aliases = serializers.ListField(child=serializers.CharField(), read_only=True,
                                    help_text="Other names and spellings the sources use.")
    roles = RoleSerializer(many=True, read_only=True,
                           help_text="Positions a person holds, with the state or body they act for.")

    class Meta:
        model = Actor
        fields = ["public_id", "slug", "name", "kind", "country", "country_name", "aliases", "description",
                  "status", "roles", "created_at", "updated_at"]
