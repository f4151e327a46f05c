"""Admin building blocks shared by every app's admin."""

from core.text import fold


class FoldedSearchMixin:
    """Search the accent- and case-folded ``search_text`` columns: "lopez" and "López" both match.

    Every field in ``search_fields`` of an admin using this mixin holds folded text (or ASCII slugs).
    """

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))
