"""Admin for actors and their roles."""

from django.contrib import admin
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from actors.models import Actor, Role
from core.admin import RECORD_FIELDS, REVIEW_FIELDS, FoldedSearchMixin, ReviewActionsMixin
from core.dates import display


class RoleInline(admin.TabularInline):
    """Roles a person holds, edited on the person's page."""

    model = Role
    fk_name = "person"
    fields = ["title", "organization", "is_current", "start_date", "start_precision", "end_date",
              "end_precision"]
    autocomplete_fields = ["organization"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


@admin.register(Actor)
class ActorAdmin(ReviewActionsMixin, FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "alias_list", "status", "reviewed_by", "updated_at"]
    list_filter = ["status", "kind", ("country", CountryFilter)]
    list_select_related = ["reviewed_by"]
    # search_text holds the folded name and every alias, so "AMLO" and "Lopez Obrador" both match.
    search_fields = ["search_text", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "country", "aliases", "description"]}),
        ("Review", {"fields": REVIEW_FIELDS}),
        ("Record", {"fields": RECORD_FIELDS, "classes": ["collapse"]}),
    ]

    @admin.display(description="Aliases")
    def alias_list(self, obj):
        return ", ".join(obj.aliases or [])


@admin.register(Role)
class RoleAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["person", "title", "organization", "is_current", "start", "end"]
    list_filter = ["is_current", "organization__kind", ("organization__country", CountryFilter)]
    list_select_related = ["person", "organization"]
    search_fields = ["person__search_text", "organization__search_text", "title"]
    autocomplete_fields = ["person", "organization"]

    @admin.display(description="From", ordering="start_date")
    def start(self, obj):
        return display(obj.start_date, obj.start_precision)

    @admin.display(description="Until", ordering="end_date")
    def end(self, obj):
        return display(obj.end_date, obj.end_precision)
