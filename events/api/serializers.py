from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import ActorBriefSerializer
from events.cameo import cameo_label
from events.models import Event, EventActor, Reaction, Statement
from sources.api.serializers import CitationSerializer


class CameoLabelMixin(serializers.Serializer):
    cameo_label = serializers.SerializerMethodField(help_text="CAMEO name of cameo_code; empty when none.")

    @extend_schema_field(serializers.CharField())
    def get_cameo_label(self, obj) -> str:
        return cameo_label(obj.cameo_code)


class EventBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["slug", "title", "date", "date_precision"]


class ParticipantSerializer(serializers.ModelSerializer):
    actor = ActorBriefSerializer(read_only=True)

    class Meta:
        model = EventActor
        fields = ["actor", "role"]


class EventSerializer(CameoLabelMixin, serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True,
                                    help_text="ISO 3166-1 alpha-2 code of the place; empty when none.")
    country_name = serializers.CharField(source="country.name", read_only=True,
                                         help_text="English country name; empty when none.")
    parent = EventBriefSerializer(read_only=True, allow_null=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = ["public_id", "slug", "title", "date", "date_precision", "place", "country", "country_name",
                  "description", "cameo_code", "cameo_label", "certainty", "status", "parent", "participants",
                  "citations", "created_at", "updated_at"]


class StatementSerializer(serializers.ModelSerializer):
    speaker = ActorBriefSerializer(read_only=True)
    on_behalf_of = ActorBriefSerializer(read_only=True, allow_null=True)
    event = EventBriefSerializer(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Statement
        fields = ["public_id", "slug", "speaker", "on_behalf_of", "quote", "context", "event", "date",
                  "date_precision", "status", "citations", "created_at", "updated_at"]


class ReactionSerializer(CameoLabelMixin, serializers.ModelSerializer):
    actor = ActorBriefSerializer(read_only=True)
    event = EventBriefSerializer(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Reaction
        fields = ["public_id", "slug", "actor", "event", "kind", "stance", "date", "date_precision",
                  "description", "cameo_code", "cameo_label", "certainty", "status", "citations",
                  "created_at", "updated_at"]
