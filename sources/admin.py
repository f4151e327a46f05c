"""Admin for sources and citations, and the citation inlines used on reactions, statements and events."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from core.dates import display
from sources.models import Citation, Source


class CitationInline(admin.TabularInline):
    """Citations of one record; each inline subclass sets ``fk_name`` to the record's foreign key."""

    model = Citation
    fields = ["source", "excerpt"]
    autocomplete_fields = ["source"]
    extra = 1
    min_num = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class ReactionCitationInline(CitationInline):
    fk_name = "reaction"


class StatementCitationInline(CitationInline):
    fk_name = "statement"


class EventCitationInline(CitationInline):
    fk_name = "event"


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "author", "kind", "language", "published", "citation_count"]
    list_filter = ["kind", "language", "publisher", "published_precision"]
    search_fields = ["title", "publisher", "author", "slug", "url"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["public_id", "created_at", "updated_at"]
    # A URL typed without a scheme means https (Django 6's default; says so now, without a warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "publisher", "author", "kind", "language", "url"]}),
        ("Publication date", {"fields": ["published_on", "published_precision"]}),
        (None, {"fields": ["summary", "corpus_name"]}),
        ("Record", {"fields": ["public_id", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        # With an aggregate (GROUP BY), Django drops Meta.ordering; restate it so the reaction form's
        # source autocomplete pages through sources in a stable order.
        return super().get_queryset(request).annotate(citation_count=Count("citations")).order_by(
            *Source._meta.ordering)

    @admin.display(description="Published", ordering="published_on")
    def published(self, obj):
        return display(obj.published_on, obj.published_precision)

    @admin.display(description="Citations", ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["short_excerpt", "source", "target_kind", "target"]
    list_filter = ["source__kind", "source__publisher"]
    search_fields = ["excerpt", "source__title", "source__publisher"]
    autocomplete_fields = ["source", "reaction", "statement", "event"]
    list_select_related = ["source", "reaction__actor", "reaction__event", "statement__speaker", "event"]
    fields = ["source", "excerpt", "reaction", "statement", "event"]

    @admin.display(description="Excerpt", ordering="excerpt")
    def short_excerpt(self, obj):
        return obj.excerpt if len(obj.excerpt) <= 80 else obj.excerpt[:77] + "..."

    @admin.display(description="Supports")
    def target_kind(self, obj):
        target = obj.target
        return target._meta.verbose_name if target is not None else "-"
