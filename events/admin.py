"""Curation in the Django admin: events, event actors, statements and reactions.

Review state changes only through the two actions (core/admin.py, core/review.py); the change history
(django-simple-history) records every change, including who reviewed what and when.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from core.admin import RECORD_FIELDS, REVIEW_FIELDS, FoldedSearchMixin, ReviewActionsMixin
from core.dates import display
from events import quotes
from events.models import Event, EventActor, Reaction, Statement
from events.plover.forms import PloverCodingForm, mapping_text
from sources import verification
from sources.admin import (
    EventCitationInline,
    ReactionCitationInline,
    StatementCitationInline,
    passage_html,
    unverified_html,
)


class ReviewedAdmin(ReviewActionsMixin, FoldedSearchMixin, SimpleHistoryAdmin):
    """Shared by the dated records a curator reviews: review columns and actions (core/admin.py)."""

    date_hierarchy = "date"

    @admin.display(description="Date", ordering="date")
    def when(self, obj):
        return display(obj.date, obj.date_precision)


class PloverAdminMixin:
    """PLOVER coding in the admin: the fields, what the CAMEO mapping gives, and whether a curator coded
    it by hand (changing the coding sets that; clearing it returns the record to the mapping)."""

    form = PloverCodingForm
    plover_list_filter = ["plover_type", "plover_mode", "plover_hand_coded"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "plover_from_cameo"]

    @admin.display(description="PLOVER", ordering="plover_type")
    def plover(self, obj):
        if not obj.plover_type:
            return "-"
        text = " / ".join(part for part in (obj.plover_type, obj.plover_mode) if part)
        return f"{text} (by hand)" if obj.plover_hand_coded else text

    @admin.display(description="From the CAMEO code")
    def plover_from_cameo(self, obj):
        text = mapping_text(obj)
        if obj is not None and obj.plover_hand_coded:
            return f"{text}. Coded by hand: the mapping does not apply."
        return f"{text}. Applied on save (not coded by hand)."


def _plover_fieldset():
    return ("PLOVER", {"fields": ["plover_type", "plover_mode", "plover_contexts", "plover_hand_coded",
                                  "plover_from_cameo"],
                       "description": "Derived from the CAMEO code unless coded by hand. Changing the type, "
                                      "mode or contexts marks the record as coded by hand."})


def _review_fieldset():
    return ("Review", {"fields": REVIEW_FIELDS})


def _record_fieldset():
    return ("Record", {"fields": RECORD_FIELDS, "classes": ["collapse"]})


class ActorKindFilter(admin.ChoicesFieldListFilter):
    """The related actor's kind, titled so it is not confused with the record's own kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "actor kind"


class EventActorInline(admin.TabularInline):
    model = EventActor
    fields = ["actor", "role"]
    autocomplete_fields = ["actor"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class _ReadOnlyInline(admin.TabularInline):
    """An event's reactions or statements, listed on its page; each row links to its own form."""

    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventReactionInline(_ReadOnlyInline):
    model = Reaction
    fk_name = "event"
    fields = ["actor", "kind", "stance", "date", "certainty", "status"]
    readonly_fields = fields
    verbose_name_plural = "Reactions to this event"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class EventStatementInline(_ReadOnlyInline):
    model = Statement
    fk_name = "event"
    fields = ["speaker", "quote", "date", "status"]
    readonly_fields = fields
    verbose_name_plural = "Statements about this event"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


@admin.register(Event)
class EventAdmin(PloverAdminMixin, ReviewedAdmin):
    list_display = ["title", "when", "place", "country", "cameo_code", "plover", "certainty", "status",
                    "reviewed_by", "parent"]
    list_filter = ["status", "certainty", ("country", CountryFilter), "date_precision", "cameo_code",
                   *PloverAdminMixin.plover_list_filter]
    list_select_related = ["parent", "reviewed_by"]
    search_fields = ["search_text", "slug", "participants__actor__search_text"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [EventActorInline, EventCitationInline, EventReactionInline, EventStatementInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "description"]}),
        ("When and where", {"fields": ["date", "date_precision", "place", "country"]}),
        ("Coding", {"fields": ["cameo_code", "certainty"]}),
        _plover_fieldset(),
        (None, {"fields": ["related"]}),
        _review_fieldset(),
        _record_fieldset(),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "related"]

    @admin.display(description="Reactions and statements")
    def related(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        reactions = reverse("admin:events_reaction_changelist") + f"?event__id__exact={obj.pk}"
        statements = reverse("admin:events_statement_changelist") + f"?event__id__exact={obj.pk}"
        return format_html('<a href="{}">{} reaction(s)</a> · <a href="{}">{} statement(s)</a>',
                           reactions, obj.reactions.count(), statements, obj.statements.count())


@admin.register(EventActor)
class EventActorAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["event", "actor", "role"]
    list_filter = ["role", ("actor__kind", ActorKindFilter), ("actor__country", CountryFilter)]
    list_select_related = ["event", "actor"]
    search_fields = ["event__search_text", "actor__search_text"]
    autocomplete_fields = ["event", "actor"]


@admin.register(Reaction)
class ReactionAdmin(PloverAdminMixin, ReviewedAdmin):
    list_display = ["actor", "actor_country", "event", "kind", "stance", "plover", "when", "certainty",
                    "status", "reviewed_by", "reviewed_at"]
    list_filter = ["status", ("actor__country", CountryFilter), ("actor__kind", ActorKindFilter), "kind",
                   "stance", "certainty", "date_precision", *PloverAdminMixin.plover_list_filter]
    list_select_related = ["actor", "event", "reviewed_by"]
    search_fields = ["search_text", "slug", "actor__search_text", "event__search_text"]
    autocomplete_fields = ["actor", "event"]
    inlines = [ReactionCitationInline]
    fieldsets = [
        (None, {"fields": ["slug", "actor", "event", "kind", "stance", "description"]}),
        ("When", {"fields": ["date", "date_precision"]}),
        ("Coding", {"fields": ["cameo_code", "certainty"]}),
        _plover_fieldset(),
        _review_fieldset(),
        _record_fieldset(),
    ]

    @admin.display(description="Country", ordering="actor__country")
    def actor_country(self, obj):
        return obj.actor.country.name if obj.actor.country else "-"


class QuoteCheckingFormSet(BaseInlineFormSet):
    """A statement's citations, and its quote checked against the texts of the sources they cite.

    Runs after every citation row is valid and before anything is saved: the quote's position is set
    on the statement the admin then saves, or the formset shows why the quote is not in any text.
    """

    def clean(self):
        super().clean()
        statement = self.instance
        if any(self.errors) or not statement.quote:
            return
        sources = [form.cleaned_data["source"] for form in self.forms
                   if form.cleaned_data.get("source") is not None and not self._should_delete_form(form)]
        try:
            quotes.place_quote(statement, sources=sources)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc


class QuoteCheckingCitationInline(StatementCitationInline):
    formset = QuoteCheckingFormSet


@admin.register(Statement)
class StatementAdmin(ReviewedAdmin):
    list_display = ["short_quote", "speaker", "on_behalf_of", "event", "when", "status", "reviewed_by"]
    list_filter = ["status", ("on_behalf_of__country", CountryFilter), "speaker__kind", "date_precision"]
    list_select_related = ["speaker", "on_behalf_of", "event", "reviewed_by"]
    search_fields = ["search_text", "slug", "speaker__search_text", "on_behalf_of__search_text",
                     "event__search_text"]
    autocomplete_fields = ["speaker", "on_behalf_of", "event"]
    inlines = [QuoteCheckingCitationInline]
    fieldsets = [
        (None, {"fields": ["slug", "speaker", "on_behalf_of", "event", "quote", "quote_position",
                           "context"]}),
        ("When", {"fields": ["date", "date_precision"]}),
        _review_fieldset(),
        _record_fieldset(),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "quote_position"]

    @admin.display(description="Quote in its source")
    def quote_position(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        if obj.quote_source_id is None:
            return unverified_html("Unverified: no source this statement cites has an archived text.")
        text = verification.archived_text(obj.quote_source)
        if text is None or not verification.matches_at(text, obj.quote, obj.quote_start, obj.quote_end):
            return unverified_html("Not verified: the stored position does not hold the quote; "
                                   "save it again.")
        passage = passage_html(text, obj.quote_start, obj.quote_end, what="quote")
        return format_html("In “{}”:<br>{}", obj.quote_source, passage)

    @admin.display(description="Quote", ordering="quote")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) <= 80 else obj.quote[:77] + "..."
