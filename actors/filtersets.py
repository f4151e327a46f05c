"""FilterSet for actors (states, organizations, bodies, people...)."""

from actors.choices import ActorKind
from actors.models import Actor
from core.filters import COUNTRY_HELP, CountryListFilter, ReviewedFilterSet, SearchFilter, choice_filter


class ActorFilterSet(ReviewedFilterSet):
    kind = choice_filter(ActorKind.choices, help_text="Kind of actor.")
    country = CountryListFilter(help_text="The actor's country. " + COUNTRY_HELP)
    q = SearchFilter(help_text="Words to find in the name or aliases, ignoring accents and case "
                               "(lopez obrador finds López Obrador). Every word must match.")

    class Meta:
        model = Actor
        fields = ["kind", "country", "q", "status", "updated_after"]
