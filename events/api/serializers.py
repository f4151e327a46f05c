from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import ActorBriefSerializer
from core.api.representation import country_fields, date_text, datetime_text, uuid_text
from events.cameo import cameo_label
from events.models import Event, EventActor, Reaction, Statement
from events.plover.ontology import PloverContext, PloverMode, PloverType
from sources.api.serializers import CitationSerializer

# Every serializer here writes its dict out in to_representation (see core/api/representation.py);
# the declared fields define the schema, and tests/api/test_representation.py checks both agree.


class PloverMixin(serializers.Serializer):
    """The PLOVER coding (events/plover/), declared so the schema shows each enum."""

    plover_type = serializers.ChoiceField(
        choices=PloverType.choices, allow_blank=True, read_only=True,
        help_text="PLOVER event type; empty when PLOVER has no equivalent (CAMEO 01 and 02, no CAMEO code).")
    plover_mode = serializers.ChoiceField(
        choices=PloverMode.choices, allow_blank=True, read_only=True,
        help_text="PLOVER mode, one the type allows; empty when none.")
    plover_contexts = serializers.ListField(
        child=serializers.ChoiceField(choices=PloverContext.choices), read_only=True,
        help_text="PLOVER contexts, in the manual's order; empty when none.")
    plover_hand_coded = serializers.BooleanField(
        read_only=True, help_text="True when a curator set the PLOVER coding by hand; false when it comes "
                                  "from cameo_code through the CAMEO-to-PLOVER mapping.")


def _plover(instance):
    return {"plover_type": instance.plover_type, "plover_mode": instance.plover_mode,
            "plover_contexts": list(instance.plover_contexts),
            "plover_hand_coded": instance.plover_hand_coded}


PLOVER_FIELDS = ["plover_type", "plover_mode", "plover_contexts", "plover_hand_coded"]


class CameoLabelMixin(serializers.Serializer):
    cameo_label = serializers.SerializerMethodField(help_text="CAMEO name of cameo_code; empty when none.")

    @extend_schema_field(serializers.CharField())
    def get_cameo_label(self, obj) -> str:
        return cameo_label(obj.cameo_code)


class EventBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["slug", "title", "date", "date_precision"]

    def to_representation(self, instance):
        return {"slug": instance.slug, "title": instance.title, "date": date_text(instance.date),
                "date_precision": instance.date_precision}


class ParticipantSerializer(serializers.ModelSerializer):
    actor = ActorBriefSerializer(read_only=True)

    class Meta:
        model = EventActor
        fields = ["actor", "role"]

    def to_representation(self, instance):
        return {"actor": _ACTOR.to_representation(instance.actor), "role": instance.role}


_ACTOR = ActorBriefSerializer()
_EVENT = EventBriefSerializer()
_PARTICIPANT = ParticipantSerializer()
_CITATION = CitationSerializer()


def _timestamps(instance):
    return {"created_at": datetime_text(instance.created_at),
            "updated_at": datetime_text(instance.updated_at)}


def _citations(instance):
    return [_CITATION.to_representation(c) for c in instance.citations.all()]


class EventSerializer(PloverMixin, CameoLabelMixin, serializers.ModelSerializer):
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
                  "description", "cameo_code", "cameo_label", *PLOVER_FIELDS, "certainty", "status", "parent",
                  "participants", "citations", "created_at", "updated_at"]

    def to_representation(self, instance):
        code, name = country_fields(instance)
        parent = instance.parent
        return {
            "public_id": uuid_text(instance.public_id), "slug": instance.slug, "title": instance.title,
            "date": date_text(instance.date), "date_precision": instance.date_precision,
            "place": instance.place, "country": code, "country_name": name,
            "description": instance.description, "cameo_code": instance.cameo_code,
            "cameo_label": cameo_label(instance.cameo_code), **_plover(instance),
            "certainty": instance.certainty, "status": instance.status,
            "parent": None if parent is None else _EVENT.to_representation(parent),
            "participants": [_PARTICIPANT.to_representation(p) for p in instance.participants.all()],
            "citations": _citations(instance),
            **_timestamps(instance),
        }


class StatementSerializer(serializers.ModelSerializer):
    speaker = ActorBriefSerializer(read_only=True)
    on_behalf_of = ActorBriefSerializer(read_only=True, allow_null=True)
    quote_source = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True,
        help_text="Slug of the cited source whose archived text holds the quote; null when no cited source "
                  "has an archived text (the quote is unverified).")
    quote_start = serializers.IntegerField(read_only=True, allow_null=True,
                                           help_text="Offset of the quote in that text; null if unverified.")
    quote_end = serializers.IntegerField(read_only=True, allow_null=True,
                                         help_text="Offset just past the quote; null when unverified.")
    event = EventBriefSerializer(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Statement
        fields = ["public_id", "slug", "speaker", "on_behalf_of", "quote", "quote_source", "quote_start",
                  "quote_end", "context", "event", "date", "date_precision", "status", "citations",
                  "created_at", "updated_at"]

    def to_representation(self, instance):
        on_behalf_of, quote_source = instance.on_behalf_of, instance.quote_source
        return {
            "public_id": uuid_text(instance.public_id), "slug": instance.slug,
            "speaker": _ACTOR.to_representation(instance.speaker),
            "on_behalf_of": None if on_behalf_of is None else _ACTOR.to_representation(on_behalf_of),
            "quote": instance.quote, "quote_source": None if quote_source is None else quote_source.slug,
            "quote_start": instance.quote_start, "quote_end": instance.quote_end,
            "context": instance.context,
            "event": _EVENT.to_representation(instance.event), "date": date_text(instance.date),
            "date_precision": instance.date_precision, "status": instance.status,
            "citations": _citations(instance),
            **_timestamps(instance),
        }


class ReactionSerializer(PloverMixin, CameoLabelMixin, serializers.ModelSerializer):
    actor = ActorBriefSerializer(read_only=True)
    event = EventBriefSerializer(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Reaction
        fields = ["public_id", "slug", "actor", "event", "kind", "stance", "date", "date_precision",
                  "description", "cameo_code", "cameo_label", *PLOVER_FIELDS, "certainty", "status",
                  "citations", "created_at", "updated_at"]

    def to_representation(self, instance):
        return {
            "public_id": uuid_text(instance.public_id), "slug": instance.slug,
            "actor": _ACTOR.to_representation(instance.actor),
            "event": _EVENT.to_representation(instance.event),
            "kind": instance.kind, "stance": instance.stance, "date": date_text(instance.date),
            "date_precision": instance.date_precision, "description": instance.description,
            "cameo_code": instance.cameo_code, "cameo_label": cameo_label(instance.cameo_code),
            **_plover(instance),
            "certainty": instance.certainty, "status": instance.status, "citations": _citations(instance),
            **_timestamps(instance),
        }
