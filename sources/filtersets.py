"""FilterSet for sources (the published texts that records cite)."""

import django_filters

from core.filters import PublicFilterSet, choice_filter
from sources.choices import SourceKind
from sources.models import Source


class SourceFilterSet(PublicFilterSet):
    publisher = django_filters.CharFilter(lookup_expr="icontains",
                                          help_text="Part of the publisher's name, any case "
                                                    "(reuters finds Reuters).")
    kind = choice_filter(SourceKind.choices, help_text="Kind of source.")
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte",
                                                help_text="Published on or after this date (YYYY-MM-DD).")
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte",
                                                 help_text="Published on or before this date (YYYY-MM-DD).")

    class Meta:
        model = Source
        fields = ["publisher", "kind", "published_after", "published_before", "updated_after"]
