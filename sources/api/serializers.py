from rest_framework import serializers

from sources.models import Citation, Source


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
    """A source and the verbatim excerpt of it that supports the record."""

    source = SourceBriefSerializer(read_only=True)

    class Meta:
        model = Citation
        fields = ["source", "excerpt"]

    def to_representation(self, instance):
        return {"source": _SOURCE_BRIEF.to_representation(instance.source), "excerpt": instance.excerpt}


class SourceSerializer(serializers.ModelSerializer):
    url = serializers.URLField(read_only=True, allow_null=True, help_text="The source's address; null when "
                                                                          "not known (never guessed).")

    class Meta:
        model = Source
        fields = ["public_id", "slug", "publisher", "title", "author", "published_on", "published_precision",
                  "kind", "language", "url", "summary", "created_at", "updated_at"]
