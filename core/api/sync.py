from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from core.api.pagination import PageNumberOnlyPagination
from core.api.views import MethodFirstMixin, QueryParametersMixin
from core.filters import AwareDateTimeField
from core.sync import removals_since, sync_types


class RemovalSerializer(serializers.Serializer):
    public_id = serializers.UUIDField(help_text="The removed record's stable identifier.")
    type = serializers.ChoiceField(choices=list(sync_types()), help_text="The record's type.")
    reason = serializers.ChoiceField(
        choices=["deleted", "withdrawn"],
        help_text="deleted: a curator deleted it; withdrawn: it went back to draft, so anonymous users "
                  "no longer see it.")
    removed_at = serializers.DateTimeField()


class AwareDateTimeSerializerField(serializers.DateTimeField):
    def to_internal_value(self, value):
        from django import forms

        if value in (None, ""):
            self.fail("required")
        try:
            return AwareDateTimeField().to_python(value)
        except forms.ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None


class CommaSeparatedChoicesField(serializers.MultipleChoiceField):
    """Several choices, comma-separated (``reaction,event``), like every list parameter of the API."""

    def get_value(self, dictionary):
        if self.field_name not in dictionary:
            return serializers.empty
        return [part.strip() for part in dictionary.get(self.field_name, "").split(",") if part.strip()]


class DeletionQuerySerializer(serializers.Serializer):
    since = AwareDateTimeSerializerField(
        help_text="Required. ISO 8601 date-time with a time zone (2024-04-06T00:00:00Z): list removals at "
                  "or after it.")
    type = CommaSeparatedChoicesField(
        choices=list(sync_types()), required=False,
        help_text="Only removals of these record types; several comma-separated (reaction,event).")


class DeletionFeedView(MethodFirstMixin, QueryParametersMixin, generics.ListAPIView):
    """Records removed since a moment: deleted by a curator, or (for anonymous users) returned to draft.

    A mirror applies these after fetching each list endpoint with `updated_after`; both together keep
    a copy exact. Ordered by removal time.
    """

    serializer_class = RemovalSerializer
    pagination_class = PageNumberOnlyPagination
    filter_backends = []
    extra_query_parameters = {"since": False, "type": True}

    def get_queryset(self):
        # The feed's parameters are validated here rather than by a FilterSet: they select which
        # removals to compute, over several history tables, not a filter on one model's queryset.
        params = DeletionQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return removals_since(since=params.validated_data["since"], user=self.request.user,
                              types=sorted(params.validated_data.get("type") or []) or None)

    @extend_schema(summary="List removed records", parameters=[DeletionQuerySerializer],
                   responses=RemovalSerializer(many=True))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
