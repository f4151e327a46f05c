from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sources.models import Citation, Source, SourceText


class SourceBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["slug", "title", "publisher", "kind"]

    def to_representation(self, instance):
        # Written out: it runs for every citation of every listed record.
        return {"slug": instance.slug, "title": instance.title, "publisher": instance.publisher,
                "kind": instance.kind}


_SOURCE_BRIEF = SourceBriefSerializer()


class CitationSerializer(serializers.ModelSerializer):
    """A source and the verbatim excerpt of it that supports the record, with where it stands."""

    source = SourceBriefSerializer(read_only=True)
    excerpt_start = serializers.IntegerField(
        read_only=True, allow_null=True,
        help_text="Offset (characters) of the excerpt in the source's archived text; null when unverified.")
    excerpt_end = serializers.IntegerField(
        read_only=True, allow_null=True,
        help_text="Offset just past the excerpt: text[excerpt_start:excerpt_end] is the excerpt as the "
                  "source prints it; null when unverified.")
    verified = serializers.BooleanField(
        read_only=True,
        help_text="True when the excerpt was found in the source's archived text (typography aside); false "
                  "when the source has no archived text.")

    class Meta:
        model = Citation
        fields = ["source", "excerpt", "excerpt_start", "excerpt_end", "verified"]

    def to_representation(self, instance):
        return {"source": _SOURCE_BRIEF.to_representation(instance.source), "excerpt": instance.excerpt,
                "excerpt_start": instance.excerpt_start, "excerpt_end": instance.excerpt_end,
                "verified": instance.excerpt_start is not None}


class SourceSerializer(serializers.ModelSerializer):
    url = serializers.URLField(read_only=True, allow_null=True, help_text="The source's address; null when "
                                                                          "not known (never guessed).")
    has_text = serializers.SerializerMethodField(
        help_text="Whether the database archives the text this source was read from (its citations are "
                  "then verified against it). The text itself is served to staff only.")
    text_sha256 = serializers.CharField(
        read_only=True, allow_null=True,
        help_text="SHA-256 of the archived text's UTF-8 bytes; null when there is none.")

    class Meta:
        model = Source
        fields = ["public_id", "slug", "publisher", "title", "author", "published_on", "published_precision",
                  "kind", "language", "url", "summary", "has_text", "text_sha256", "created_at", "updated_at"]

    @extend_schema_field(serializers.BooleanField())
    def get_has_text(self, obj) -> bool:
        return obj.text_sha256 is not None  # annotated by SourceQuerySet.for_api(), no query per row


class SourceTextSerializer(serializers.ModelSerializer):
    """A source's archived text (staff only)."""

    source = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text="The source's slug.")
    length = serializers.SerializerMethodField(help_text="Length of the text in characters (the unit of "
                                                         "every offset).")

    class Meta:
        model = SourceText
        fields = ["source", "sha256", "language", "origin", "origin_detail", "obtained_at", "length", "text"]

    @extend_schema_field(serializers.IntegerField())
    def get_length(self, obj) -> int:
        return len(obj.text)
