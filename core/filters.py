"""Filter building blocks every app's FilterSets share.

Invalid input never passes silently: each filter validates through its form field, so DRF's
DjangoFilterBackend answers with a JSON 400 naming the parameter, e.g. {"country": ["Unknown ..."]}.
"""

import copy
import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.http import QueryDict
from django_countries import countries
from django_filters.filters import FilterMethod
from drf_spectacular.utils import extend_schema_field

from core.choices import ReviewStatus
from core.text import fold

COUNTRY_CODES = [code for code, _name in countries]


def choice_filter(choices, help_text, **kwargs):
    """A ChoiceFilter whose error lists the allowed values."""
    allowed = ", ".join(value for value, _label in choices)
    return django_filters.ChoiceFilter(
        choices=choices,
        help_text=help_text,
        error_messages={"invalid_choice": f"%(value)s is not a valid choice; use one of: {allowed}."},
        **kwargs,
    )


def resolve_country(value: str) -> str:
    """ISO alpha-2 code for an alpha-2 or alpha-3 code or an English name, any case; '' if unknown."""
    value = value.strip()
    if not value:
        return ""
    if len(value) in (2, 3) and value.isalpha():
        code = countries.alpha2(value.upper())
        if code:
            return code
    return countries.by_name(value) or ""


class CountryListField(forms.CharField):
    """Comma-separated countries (alpha-2, alpha-3 or English name) -> list of alpha-2 codes."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        codes, unknown = [], []
        for part in value.split(","):
            if not part.strip():
                continue
            code = resolve_country(part)
            if code:
                codes.append(code)
            else:
                unknown.append(part.strip())
        if unknown:
            raise forms.ValidationError(
                "Unknown country: %(bad)s. Use ISO 3166-1 alpha-2 (NI), alpha-3 (NIC) or the English "
                "name (Nicaragua), comma-separated.",
                code="unknown_country",
                params={"bad": ", ".join(unknown)},
            )
        return codes


def related_ids(model, **lookups) -> list[int]:
    """Ids of the (few) related rows matching ``lookups``, fetched before the main query.

    Filtering a big table through a join on a small one (reactions by their actor's country or name)
    hides the condition's selectivity from PostgreSQL's planner, and an OR across both tables rules
    out their indexes; ``fk_id IN (ids)`` keeps both usable (bench/README.md).
    """
    return list(model.objects.filter(**lookups).order_by().values_list("id", flat=True))


@extend_schema_field({"type": "array", "items": {"type": "string", "enum": COUNTRY_CODES}})
class CountryListFilter(django_filters.CharFilter):
    """Matches records whose country field(s) are any of the given countries.

    The schema lists the ISO 3166-1 alpha-2 codes, which typed clients send; people may also type
    alpha-3 codes and English names, in any case.
    """

    field_class = CountryListField
    many = True

    def __init__(self, *args, country_fields=("country",), **kwargs):
        self.country_fields = country_fields
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q()
        for field in self.country_fields:
            relation, _, column = field.rpartition("__")
            if relation:
                # Resolve the (few) related ids first: a join on the related country hides its
                # selectivity from PostgreSQL's planner, which then scans the whole table (see bench/).
                related = qs.model._meta.get_field(relation).related_model
                condition |= Q(**{f"{relation}_id__in": related_ids(related, **{f"{column}__in": value})})
            else:
                condition |= Q(**{f"{field}__in": value})
        return qs.filter(condition)


class ChoiceListFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    """One choice or several, comma-separated (`?plover_type=SANCTION,ACCUSE`): records with any of
    them. An unknown value is a 400 that lists the allowed ones; the schema shows an array of the enum."""

    many = True

    def __init__(self, *args, choices, **kwargs):
        allowed = ", ".join(value for value, _label in choices)
        kwargs.setdefault("error_messages", {
            "invalid_choice": f"%(value)s is not a valid choice; use one or more of: {allowed} "
                              f"(comma-separated)."})
        super().__init__(*args, choices=choices, **kwargs)

    def filter(self, qs, value):
        value = [v for v in value or [] if v]  # "A," is A; an empty part is no value, not ""
        if not value:
            return qs
        if self.method is not None:
            return self.method(qs, self.field_name, value)
        return qs.filter(**{f"{self.field_name}__in": value})


class SlugListFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """One slug or several, comma-separated (`?actor=mexico,ecuador`)."""

    many = True


def is_list_filter(filter_) -> bool:
    """Whether a filter takes several values (comma-separated, or the parameter repeated)."""
    return bool(getattr(filter_, "many", False))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, **kwargs)


class AwareDateTimeField(forms.DateTimeField):
    """An ISO 8601 date-time that must carry a time zone (Z or +hh:mm)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            parsed = value
        else:
            try:
                parsed = datetime.datetime.fromisoformat(str(value).strip())
            except ValueError:
                raise forms.ValidationError(
                    "Enter an ISO 8601 date-time with a time zone, e.g. 2024-04-06T00:00:00Z.",
                    code="invalid") from None
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            raise forms.ValidationError(
                "Include a time zone (Z or +hh:mm), e.g. 2024-04-06T00:00:00Z; a naive time is ambiguous.",
                code="naive")
        # In UTC from here on: Python accepts offsets up to ±23:59, PostgreSQL only up to ±15:59, and
        # the moment is what counts, not how it was written.
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError:
            # A valid RFC 3339 moment that falls outside years 1-9999 once in UTC (0001-01-01T00:00+05:00)
            # is before or after every moment the database can hold: the nearest one answers the same.
            edge = datetime.datetime.min if parsed.year == 1 else datetime.datetime.max
            return edge.replace(tzinfo=datetime.UTC)


class UpdatedAfterFilter(django_filters.IsoDateTimeFilter):
    field_class = AwareDateTimeField

    def filter(self, qs, value):
        if value is None:
            return qs
        # Inclusive, so a client resuming from the last updated_at it saw never misses a record that
        # shares that timestamp; it may see a few again and should upsert by public_id.
        # changed_since() also catches changes to what a record inlines (its actor's name, its event's
        # title, a cited source), so a mirror's copy never goes stale.
        return qs.changed_since(value).order_by("updated_at", "id")


def search_terms(value: str) -> list[str]:
    return fold(value).split()


class SearchFilter(django_filters.CharFilter):
    """``q``: words that must all match, folded (accents and case ignored) by the FilterSet's filter_q.

    A value with nothing left to search for once folded (only spaces, an emoji) matches no record,
    rather than every record; an empty ``q=`` is no filter, as for every parameter.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("method", "filter_q")
        kwargs.setdefault("strip", False)  # "  " must reach filter_q, not become "no filter"
        super().__init__(*args, **kwargs)


STATUS_CHOICES = [(ReviewStatus.REVIEWED.value, "Reviewed"), (ReviewStatus.DRAFT.value, "Draft"),
                  ("all", "All")]


class _SharedFields(dict):
    """A filter form's fields, shared by every form built from the class: Django deep-copies a form's
    fields for each form (about 1 ms for a reaction list's 16 fields, widgets and validators included),
    so that a form may change its own. Filter forms never do, and the API never renders them. A field
    reading a queryset still gets its own copy (a copy starts with an empty result cache)."""

    def __deepcopy__(self, memo):
        return {name: copy.deepcopy(field, memo) if hasattr(field, "queryset") else field
                for name, field in self.items()}


class PublicFilterSet(django_filters.FilterSet):
    """Base for every API FilterSet: `updated_after` for mirrors."""

    def get_form_class(self):
        # django-filter builds the form class, and a form field with its label for every filter, on
        # every request: 40 % of the filtering cost (~0.5 ms) of a list request. Nothing in them
        # depends on the request here (no request-dependent querysets), so build it once per class.
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            form_class.base_fields = _SharedFields(form_class.base_fields)
            cls._form_class = form_class
        return form_class

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # django-filter's __init__ deep-copies every filter for every request, choices and all (half a
        # millisecond for a reaction list's 16 filters). Otherwise as django-filter does it.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        # A shallow copy of each filter is enough: a request sets only the copy's model and parent (which
        # a method filter calls back into), and nothing changes a filter's options.
        self.filters = {}
        for name, base in self.base_filters.items():
            filter_ = copy.copy(base)
            if isinstance(base.filter, FilterMethod):
                filter_.filter = FilterMethod(filter_)
            filter_.model = queryset.model
            filter_.parent = self
            self.filters[name] = filter_

    def filter_q(self, queryset, name, value):
        """Records whose folded search text contains every word of ``value`` (see SearchFilter)."""
        terms = search_terms(value)
        if not terms:
            return queryset.none()
        for term in terms:
            queryset = queryset.filter(search_text__contains=term)
        return queryset

    updated_after = UpdatedAfterFilter(
        help_text="Only records created or changed at or after this ISO 8601 date-time, which must "
                  "include a time zone (2024-04-06T00:00:00Z). Results then come in (updated_at, id) "
                  "order so a mirror can resume; records at the boundary may repeat.")


class ReviewedFilterSet(PublicFilterSet):
    """Base for reviewed record types: only reviewed records unless staff ask for drafts."""

    status = choice_filter(
        STATUS_CHOICES, method="filter_status",
        help_text="Review status. Defaults to reviewed. 'draft' and 'all' are for staff only; anyone "
                  "else asking for them gets a 400.")

    def is_valid(self):
        valid = super().is_valid()
        if valid and self.form.cleaned_data.get("status") in (ReviewStatus.DRAFT, "all"):
            user = getattr(self.request, "user", None)
            if not (user is not None and user.is_authenticated and user.is_staff):
                self.form.add_error("status",
                                    "Only staff can see drafts; leave status out or use 'reviewed'.")
                return False
        return valid

    def filter_status(self, queryset, name, value):
        # Applied in filter_queryset so the default (reviewed) holds when the parameter is absent.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("status") or ReviewStatus.REVIEWED
        if status != "all":
            queryset = queryset.filter(status=status)
        return queryset



DATE_AFTER_HELP = ("On or after this date (YYYY-MM-DD). A partial date counts as the first day of its "
                   "known period; records with an unknown date are left out.")
DATE_BEFORE_HELP = "On or before this date (YYYY-MM-DD). Records with an unknown date are left out."
COUNTRY_HELP = ("Country: ISO 3166-1 alpha-2 (NI), alpha-3 (NIC) or English name (Nicaragua), any case; "
                "several comma-separated (NI,SLV,honduras). Unknown values are a 400.")
