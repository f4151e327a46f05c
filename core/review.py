"""Review state across relations: a reviewed record never points at a draft one.

Anonymous users see reviewed records only (``ReviewedQuerySet.visible_to``), and the API inlines what a
record points at (a reaction its actor and event, an event its parent and participants). So that nothing
hidden ever shows through a visible record, each reviewed model declares in ``review_requires`` the
relations whose records must be reviewed before it may be, as query paths:

    class Reaction(ReviewedRecord):
        review_requires = ("actor", "event")                 # its own foreign keys
    class Event(ReviewedRecord):
        review_requires = ("parent", "participants__actor")  # a foreign key of a related table

This module reads the declarations (``core`` imports no app) and enforces the rule where people write:

- ``mark_reviewed`` refuses while a required record is a draft (unless it is reviewed in the same call),
  naming what must be reviewed first, and changes nothing;
- ``return_to_draft`` also returns to draft, in the same transaction, every reviewed record that depends
  on what it withdraws (and what depends on those), and reports them: withdrawing is how a curator hides
  something now, so it must take one step and leave nothing public that shows the hidden record;
- ``check_requirements`` (called by the models' ``clean()``, so by admin forms and ``load_seeds``) refuses
  to point a reviewed record at a draft one.

The database refuses the same (triggers, events migration 0011), whatever writes: the shell, raw SQL,
``loaddata``. That invariant is what lets ``visible_to`` filter on each record's own indexed ``status``
alone, with no join per relation, and still never show a draft through a reviewed record.
"""

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.choices import ReviewStatus

REVIEW_FIELDS = ["status", "reviewed_by", "reviewed_at", "updated_at"]
NAMED = 5  # how many records a message names before "and N more"
REASON_LENGTH = 100  # django-simple-history's history_change_reason column


@dataclass(frozen=True)
class Requirement:
    """``model``'s records may be reviewed only while the ``target`` records at ``path`` are."""

    model: type
    path: str
    target: type

    @property
    def link(self):
        """For a path through a related table (``participants__actor``): (link model, its foreign key to
        ``model``, its field holding the target); None for a foreign key of ``model`` itself."""
        if "__" not in self.path:
            return None
        relation, target_field = self.path.split("__", 1)
        reverse = self.model._meta.get_field(relation)
        return reverse.related_model, reverse.field.name, target_field


def _target(model, path):
    current = model
    for part in path.split("__"):
        current = current._meta.get_field(part).related_model
    return current


@functools.cache
def requirements() -> tuple[Requirement, ...]:
    """Every declared requirement of every installed model."""
    return tuple(Requirement(model, path, _target(model, path)) for model in apps.get_models()
                 for path in getattr(model, "review_requires", ()))


def describe(record) -> str:
    name = str(record)
    slug = getattr(record, "slug", None)
    return f"{record._meta.verbose_name} “{name}” ({slug})" if slug else f"{record._meta.verbose_name} {name}"


def _names(records) -> str:
    records = list(records)
    named = ", ".join(f"{r._meta.verbose_name} {getattr(r, 'slug', r.pk)}" for r in records[:NAMED])
    return named + (f" and {len(records) - NAMED} more" if len(records) > NAMED else "")


class ReviewBlocked(ValidationError):
    """Marking records reviewed would make them point at drafts. ``blockers``: {draft: [dependents]}."""

    def __init__(self, blockers: dict):
        self.blockers = blockers
        parts = [f"{describe(draft)}, needed by {_names(needed_by)}" for draft, needed_by in blockers.items()]
        super().__init__("Nothing was marked reviewed. Review these drafts first: " + "; ".join(parts) + ".",
                         code="requires_review")


# --- validation of one record (forms, loaders) ------------------------------------------------------

def check_requirements(instance) -> None:
    """Raise a ValidationError (by field) if saving ``instance`` would point a reviewed record at a draft.

    ``instance`` is a reviewed record (its own foreign keys are checked) or a row of a related table
    that a declaration goes through (an event's participant: its actor, when the event is reviewed).
    """
    errors = {}
    for requirement in requirements():
        link = requirement.link
        if link is None and isinstance(instance, requirement.model):
            owner, name = instance, requirement.path
        elif link is not None and isinstance(instance, link[0]):
            owner_id = getattr(instance, f"{link[1]}_id")
            owner = getattr(instance, link[1]) if owner_id is not None else None
            name = link[2]
        else:
            continue
        if owner is None or getattr(owner, "status", None) != ReviewStatus.REVIEWED:
            continue
        if getattr(instance, f"{name}_id") is None:
            continue
        target = getattr(instance, name)
        if target.status == ReviewStatus.DRAFT:
            errors[name] = (f"{describe(target)} is a draft: review it first. A reviewed "
                            f"{owner._meta.verbose_name} may point only at reviewed records.")
    if errors:
        raise ValidationError(errors, code="requires_review")


# --- writes -----------------------------------------------------------------------------------------

def _save_state(record, *, user, status, reviewed_by, reviewed_at, reason):
    # Saved one by one (not a bulk update) so django-simple-history records who, when and why.
    record.status = status
    record.reviewed_by = reviewed_by
    record.reviewed_at = reviewed_at
    record._history_user = user
    record._change_reason = reason[:REASON_LENGTH]
    record.save(update_fields=REVIEW_FIELDS)


def _locked(model, pks):
    """The rows, locked for the transaction (PostgreSQL), by primary key."""
    return list(model._default_manager.select_for_update().filter(pk__in=pks).order_by("pk"))


def _in_order(records: list, edges: dict) -> list:
    """``records`` so that each comes after every record in ``edges[record]`` (those it must follow)."""
    ordered, pending = [], list(records)
    while pending:
        waiting = set(pending)
        ready = [r for r in pending if not any(e in waiting for e in edges.get(r, ()))]
        if not ready:
            raise ValidationError(f"These records point at each other in a cycle: {_names(pending)}. "
                                  "Break the cycle (a parent, a role) first.", code="cycle")
        ordered += ready
        done = set(ready)
        pending = [r for r in pending if r not in done]
    return ordered


@transaction.atomic
def mark_reviewed(*, queryset, user, reason: str = "Marked as reviewed") -> int:
    """Mark the drafts among ``queryset`` as reviewed by ``user`` now. Returns how many changed.

    Refuses (``ReviewBlocked``, nothing changes) while any of them requires a draft that is not among
    them. Records already reviewed keep their reviewer and time.
    """
    model = queryset.model
    drafts = _locked(model, queryset.filter(status=ReviewStatus.DRAFT).values_list("pk", flat=True))
    by_pk = {r.pk: r for r in drafts}
    blockers, edges = defaultdict(set), defaultdict(set)
    for requirement in requirements():
        if requirement.model is not model:
            continue
        draft_targets = {f"{requirement.path}__status": ReviewStatus.DRAFT}
        pairs = (model._default_manager.filter(pk__in=by_pk, **draft_targets)
                 .values_list("pk", f"{requirement.path}__pk").distinct())
        for pk, target_pk in pairs:
            if requirement.target is model and target_pk in by_pk:
                edges[by_pk[pk]].add(by_pk[target_pk])  # reviewed in this call, before it
            else:
                blockers[(requirement.target, target_pk)].add(by_pk[pk])
    if blockers:
        targets = {}
        for target_model, target_pk in blockers:
            targets[(target_model, target_pk)] = target_model._default_manager.get(pk=target_pk)
        raise ReviewBlocked({targets[key]: sorted(needed_by, key=lambda r: r.pk)
                             for key, needed_by in blockers.items()})
    now = timezone.now()
    for record in _in_order(drafts, edges):
        _save_state(record, user=user, status=ReviewStatus.REVIEWED, reviewed_by=user, reviewed_at=now,
                    reason=reason)
    return len(drafts)


@dataclass
class Withdrawal:
    """What ``return_to_draft`` changed: the records asked for, and the reviewed records that depended
    on them and went back to draft with them (each with the record it depended on)."""

    records: list = field(default_factory=list)
    dependents: list = field(default_factory=list)
    because: dict = field(default_factory=dict)  # dependent -> a withdrawn record it points at
    order: list = field(default_factory=list)  # all of them, dependents before what they point at

    @property
    def changed(self) -> int:
        return len(self.records)


def withdrawal_plan(queryset) -> Withdrawal:
    """What ``return_to_draft(queryset=...)`` would change, without changing it (for a confirmation)."""
    return _plan(queryset, lock=False)


def _plan(queryset, *, lock: bool) -> Withdrawal:
    model = queryset.model
    pks = list(queryset.filter(status=ReviewStatus.REVIEWED).values_list("pk", flat=True))
    fetch = _locked if lock else (lambda m, p: list(m._default_manager.filter(pk__in=p).order_by("pk")))
    plan = Withdrawal(records=fetch(model, pks))
    known = {(model, r.pk): r for r in plan.records}
    edges = defaultdict(set)  # record -> records that must go to draft before it (its dependents)
    frontier = {model: set(pks)}
    while frontier:
        found = defaultdict(dict)  # model -> {pk: [targets]}
        for requirement in requirements():
            targets = frontier.get(requirement.target)
            if not targets:
                continue
            pairs = (requirement.model._default_manager
                     .filter(status=ReviewStatus.REVIEWED, **{f"{requirement.path}__in": targets})
                     .values_list("pk", f"{requirement.path}__pk").distinct())
            for pk, target_pk in pairs:
                found[requirement.model].setdefault(pk, []).append(known[(requirement.target, target_pk)])
        frontier = {}
        for dependent_model, dependents in found.items():
            new = [pk for pk in dependents if (dependent_model, pk) not in known]
            for record in fetch(dependent_model, new):
                known[(dependent_model, record.pk)] = record
                plan.dependents.append(record)
                plan.because[record] = dependents[record.pk][0]
            if new:
                frontier[dependent_model] = set(new)
            for pk, targets in dependents.items():
                for target in targets:
                    edges[target].add(known[(dependent_model, pk)])
    plan.order = _in_order(plan.dependents + plan.records, edges)
    return plan


@transaction.atomic
def return_to_draft(*, queryset, user, reason: str = "Returned to draft") -> Withdrawal:
    """Return the reviewed records among ``queryset`` to draft, hiding them from anonymous users.

    Every reviewed record that points at one of them (through its ``review_requires``), directly or
    through others, goes back to draft too, first, in the same transaction; the history gives each the
    reason. The reviewer and review time are cleared; the history keeps them.
    """
    plan = _plan(queryset, lock=True)
    for record in plan.order:
        cause = plan.because.get(record)
        why = reason if cause is None else f"{reason} with {_names([cause])}"
        _save_state(record, user=user, status=ReviewStatus.DRAFT, reviewed_by=None, reviewed_at=None,
                    reason=why)
    return plan
