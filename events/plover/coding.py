"""PLOVER coding on a record: the fields, their database constraints, and the default from CAMEO.

A record (Event, Reaction) inherits ``PloverCoded`` and adds ``plover_constraints(prefix)`` to its
Meta. Its PLOVER coding is derived from its CAMEO code through the mapping (mapping.py) in one place,
``apply_plover_mapping``, which ``save()`` and ``clean()`` call: so a record gets its default coding
when it is created and again whenever its CAMEO code changes, however it is saved (admin, seed loader,
factories). A curator who sets the coding by hand sets ``plover_hand_coded``, and from then on the
mapping never touches that record's coding. Bulk writes that bypass ``save()`` (the synthetic
generator's COPY, ``QuerySet.update``) call ``plover_for_cameo`` themselves or run ``recode_plover``.

Contexts are a JSON list of names rather than a text column: a list is what PLOVER's interchange
format and the API show, both databases store and compare it natively, and PostgreSQL can answer
"any of these contexts" with an indexable ``?|``. Its validity is still a database constraint on both:
see ``KnownContexts``.
"""

import json
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import BooleanField, Expression, F, Q
from django.utils.deconstruct import deconstructible

from events.plover.mapping import plover_for_cameo
from events.plover.ontology import (
    MODES,
    PloverContext,
    PloverMode,
    PloverType,
    mode_constraint_condition,
    mode_fits,
    normalise_contexts,
)

PLOVER_FIELDS = ("plover_type", "plover_mode", "plover_contexts")


@deconstructible(path="events.plover.coding.KnownContexts")
class KnownContexts(Expression):
    """True when a JSON field holds an array whose elements are all among ``names``.

    One constraint, the SQL each database does best: PostgreSQL's ``jsonb <@`` (array containment);
    SQLite allows no subquery in a CHECK (so no json_each), so it checks each position up to
    ``len(names)`` entries, a flat AND its parser takes (nested REPLACE calls overflowed it). Both
    refuse non-arrays, unknown names, non-strings and JSON null entries.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, names):
        super().__init__()
        self.field_name, self.names = field, tuple(names)
        self.lhs = F(field)

    def get_source_expressions(self):
        return [self.lhs]

    def set_source_expressions(self, exprs):
        (self.lhs,) = exprs

    def as_postgresql(self, compiler, connection):
        lhs, params = compiler.compile(self.lhs)
        return (f"(jsonb_typeof({lhs}) = 'array' AND {lhs} <@ %s::jsonb)",
                [*params, *params, json.dumps(list(self.names))])

    def as_sql(self, compiler, connection):  # SQLite
        lhs, params = compiler.compile(self.lhs)
        names = "|" + "|".join(self.names) + "|"
        parts = [f"json_type({lhs}) = 'array'", f"json_array_length({lhs}) <= {len(self.names)}"]
        used = [*params, *params]
        for i in range(len(self.names)):
            parts.append(f"(json_type({lhs}, '$[{i}]') IS NULL OR (json_type({lhs}, '$[{i}]') = 'text' "
                         f"AND instr(%s, '|' || json_extract({lhs}, '$[{i}]') || '|') > 0))")
            used += [*params, *params, names, *params]
        return "(" + " AND ".join(parts) + ")", used


def plover_constraints(prefix: str) -> list[models.CheckConstraint]:
    """The named constraints of a record's PLOVER fields; ``prefix`` is the model's, e.g. 'reaction'."""
    return [
        models.CheckConstraint(condition=Q(plover_type__in=["", *PloverType.values]),
                               name=f"{prefix}_plover_type_valid",
                               violation_error_message="Unknown PLOVER type."),
        models.CheckConstraint(condition=mode_constraint_condition(), name=f"{prefix}_plover_mode_fits_type",
                               violation_error_message="The PLOVER mode is not one its type allows."),
        models.CheckConstraint(condition=KnownContexts("plover_contexts", PloverContext.values),
                               name=f"{prefix}_plover_contexts_valid",
                               violation_error_message="PLOVER contexts must be a list of known contexts."),
    ]


def any_context(values) -> Q:
    """Records with at least one of these contexts (names already validated)."""
    values = list(values)
    if connection.vendor == "postgresql":
        # jsonb ?| text[]: "does any of these strings occur as an array element"; a GIN index can serve it.
        return Q(plover_contexts__has_any_keys=values)
    # Elsewhere the JSON text: each name appears in it quoted, exactly as stored.
    return reduce(or_, (Q(plover_contexts__contains_text=f'"{v}"') for v in values))


class _ContainsText(models.Lookup):
    """Substring test on a JSON column's text (SQLite; PostgreSQL uses ?| instead)."""

    lookup_name = "contains_text"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # INSTR, not LIKE: "_" in a name would be a LIKE wildcard. The text as given, not JSON-encoded.
        return f"INSTR({lhs}, %s) > 0", [*lhs_params, str(self.rhs)]


class PloverContextsField(models.JSONField):
    """A JSON list of PLOVER context names (validity: ``KnownContexts`` and ``PloverCoded.clean``)."""


PloverContextsField.register_lookup(_ContainsText)


class PloverCoded(models.Model):
    """PLOVER type, mode and contexts, derived from ``cameo_code`` unless a curator coded them by hand."""

    plover_type = models.CharField(
        "PLOVER type", max_length=10, blank=True, default="", choices=PloverType.choices,
        help_text="PLOVER event type; empty when PLOVER has no equivalent (CAMEO 01 and 02, no CAMEO code).")
    plover_mode = models.CharField(
        "PLOVER mode", max_length=20, blank=True, default="", choices=PloverMode.choices,
        help_text="How, in PLOVER's terms; only a mode the type allows.")
    plover_contexts = PloverContextsField(
        "PLOVER contexts", default=list, blank=True,
        help_text="What it is about, in PLOVER's terms: zero or more contexts.")
    plover_hand_coded = models.BooleanField(
        "PLOVER coded by hand", default=False,
        help_text="Set by a curator: the CAMEO mapping no longer changes this record's PLOVER coding. "
                  "Clear it to return to the coding the CAMEO code gives.")

    class Meta:
        abstract = True

    def apply_plover_mapping(self) -> bool:
        """Unless coded by hand, set the PLOVER fields from the CAMEO code. True when they changed."""
        if self.plover_hand_coded:
            return False
        coding = plover_for_cameo(self.cameo_code)
        new = (coding.type, coding.mode, list(coding.contexts))
        changed = new != (self.plover_type, self.plover_mode, self.plover_contexts)
        self.plover_type, self.plover_mode, self.plover_contexts = new
        return changed

    def prepare_plover(self, update_fields=None):
        """Call from ``save()``: the default coding, contexts in canonical form; the fields to save."""
        self.apply_plover_mapping()
        try:
            self.plover_contexts = normalise_contexts(self.plover_contexts)
        except ValueError:
            pass  # the database constraint refuses it, as it refuses any other invalid value
        if update_fields is not None and {"cameo_code", "plover_hand_coded"} & set(update_fields):
            update_fields = {*update_fields, *PLOVER_FIELDS}
        return update_fields

    def clean_plover(self):
        """Call from ``clean()``: the default coding, then the rules of the manual as form errors."""
        self.apply_plover_mapping()
        errors = {}
        if self.plover_mode and not self.plover_type:
            errors["plover_mode"] = "A PLOVER mode needs a PLOVER type."
        elif not mode_fits(self.plover_type, self.plover_mode):
            allowed = ", ".join(MODES[self.plover_type]) or "none"
            errors["plover_mode"] = (f"{self.plover_mode!r} is not a mode of {self.plover_type}; "
                                     f"its modes: {allowed}.")
        try:
            self.plover_contexts = normalise_contexts(self.plover_contexts)
        except ValueError as exc:
            errors["plover_contexts"] = str(exc)
        if errors:
            raise ValidationError(errors)
