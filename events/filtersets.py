"""FilterSets for events, statements and reactions (shared filters: core/filters.py)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.utils import extend_schema_field

from actors.choices import REACTING_KINDS
from actors.models import Actor
from core.filters import (
    COUNTRY_HELP,
    DATE_AFTER_HELP,
    DATE_BEFORE_HELP,
    ChoiceListFilter,
    CountryListFilter,
    ReviewedFilterSet,
    SearchFilter,
    SlugListFilter,
    choice_filter,
    related_ids,
    search_terms,
)
from events.choices import Certainty, ReactionKind, Stance
from events.models import Event, EventActor, Reaction, Statement
from events.plover.coding import any_context
from events.plover.ontology import PloverContext, PloverMode, PloverType
from sources.models import Citation


class PloverFilters(django_filters.FilterSet):
    """PLOVER coding filters shared by reactions and events; each takes several values, comma-separated."""

    plover_type = ChoiceListFilter(choices=PloverType.choices,
                                   help_text="PLOVER event type; several comma-separated (any of them).")
    plover_mode = ChoiceListFilter(choices=PloverMode.choices,
                                   help_text="PLOVER mode; several comma-separated (any of them).")
    plover_context = ChoiceListFilter(choices=PloverContext.choices, method="filter_plover_context",
                                      help_text="PLOVER context; several comma-separated: records with any "
                                                "of them.")

    def filter_plover_context(self, queryset, name, value):
        return queryset.filter(any_context(value))


PLOVER_FILTERS = ["plover_type", "plover_mode", "plover_context"]


def citing_source(model_field: str, slug: str) -> Exists:
    """True for records of which a citation is to the source with this slug."""
    return Exists(Citation.objects.filter(**{model_field: OuterRef("pk"), "source__slug": slug}))




class ReactionFilterSet(PloverFilters, ReviewedFilterSet):
    country = CountryListFilter(country_fields=("actor__country",),
                                help_text="The reacting actor's country. " + COUNTRY_HELP)
    actor = SlugListFilter(field_name="actor__slug",
                           help_text="Slug of the reacting actor; several comma-separated.")
    actor_kind = choice_filter([(k.value, k.label) for k in REACTING_KINDS], field_name="actor__kind",
                               help_text="Kind of the reacting actor.")
    event = django_filters.CharFilter(field_name="event__slug", help_text="Slug of the event reacted to.")
    kind = choice_filter(ReactionKind.choices, help_text="Kind of reaction.")
    stance = choice_filter(Stance.choices, help_text="Stance taken towards the event.")
    certainty = choice_filter(Certainty.choices,
                              help_text="'alleged' when one outlet claims it without proof.")
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", help_text=DATE_AFTER_HELP)
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", help_text=DATE_BEFORE_HELP)
    source = django_filters.CharFilter(method="filter_source",
                                       help_text="Slug of a source cited by the reaction.")
    q = SearchFilter(help_text="Words to find in the description or in the actor's name and aliases, "
                               "ignoring accents and case (barcena finds Bárcena). Every word must match.")

    class Meta:
        model = Reaction
        fields = ["country", "actor", "actor_kind", "event", "kind", "stance", "certainty", *PLOVER_FILTERS,
                  "date_after", "date_before", "source", "q", "status", "updated_after"]

    def filter_source(self, queryset, name, value):
        return queryset.filter(citing_source("reaction", value))

    def filter_q(self, queryset, name, value):
        terms = search_terms(value)
        if not terms:
            return queryset.none()  # nothing to search for (see SearchFilter)
        for term in terms:
            actors = related_ids(Actor, search_text__contains=term)
            queryset = queryset.filter(Q(search_text__contains=term) | Q(actor_id__in=actors))
        return queryset


class StatementFilterSet(ReviewedFilterSet):
    speaker = SlugListFilter(field_name="speaker__slug",
                             help_text="Slug of the speaker; several comma-separated.")
    country = CountryListFilter(country_fields=("speaker__country", "on_behalf_of__country"),
                                help_text="Country of the speaker or of whom they speak for. " + COUNTRY_HELP)
    event = django_filters.CharFilter(field_name="event__slug", help_text="Slug of the event it is about.")
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", help_text=DATE_AFTER_HELP)
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", help_text=DATE_BEFORE_HELP)
    q = SearchFilter(help_text="Words to find in the quote or its context, ignoring accents and case. "
                               "Every word must match.")

    class Meta:
        model = Statement
        fields = ["speaker", "country", "event", "date_after", "date_before", "q", "status", "updated_after"]


CAMEO_PREFIX = r"^[0-9]{1,4}$"  # ASCII digits: Python's \d would also take other scripts' digits


class CameoField(forms.RegexField):
    def __init__(self, *args, **kwargs):
        super().__init__(CAMEO_PREFIX, *args, **kwargs)
        self.error_messages["invalid"] = "A CAMEO code or prefix is 1 to 4 digits, e.g. 11 or 111."


@extend_schema_field({"type": "string", "pattern": CAMEO_PREFIX})
class CameoFilter(django_filters.CharFilter):
    field_class = CameoField


class EventFilterSet(PloverFilters, ReviewedFilterSet):
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", help_text=DATE_AFTER_HELP)
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", help_text=DATE_BEFORE_HELP)
    country = CountryListFilter(method="filter_country",
                                help_text="Country where the event happened or of one of its participants. "
                                          + COUNTRY_HELP)
    actor = SlugListFilter(method="filter_actor",
                           help_text="Slug of a participating actor; several comma-separated (any of them).")
    cameo = CameoFilter(field_name="cameo_code", lookup_expr="startswith",
                        help_text="CAMEO code or prefix: 11 finds 11, 111, 112...")
    parent = django_filters.CharFilter(field_name="parent__slug", help_text="Slug of the parent event.")
    q = SearchFilter(help_text="Words to find in the title, description or place, ignoring accents and "
                               "case. Every word must match.")

    class Meta:
        model = Event
        fields = ["date_after", "date_before", "country", "actor", "cameo", *PLOVER_FILTERS, "parent", "q",
                  "status", "updated_after"]

    def filter_country(self, queryset, name, value):
        if not value:
            return queryset
        participant = EventActor.objects.filter(event=OuterRef("pk"), actor__country__in=value)
        return queryset.filter(Q(country__in=value) | Exists(participant))

    def filter_actor(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(EventActor.objects.filter(event=OuterRef("pk"), actor__slug__in=value)))

