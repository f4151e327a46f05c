"""Article imports and the proposals they made, kept for review (issue 14).

An ``ArticleImport`` is one article brought in (pasted, uploaded or fetched): its source, with the
archived text, and the event the curator chose. Each ``Proposal`` is one draft the intake engine
made from it (a reaction, a statement, a new actor) or an extra citation it added to a record that
already existed, with the passage of the archived text it stands on (``start``/``end``, for
highlighting). Proposals are the review queue and, once decided, the audit trail: a rejected draft
is deleted, its proposal stays, status "rejected". Writes go through intake/services.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from intake.choices import ImportOrigin, ProposalKind, ProposalStatus
from intake.querysets import ArticleImportQuerySet, ProposalQuerySet


class ArticleImport(models.Model):
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="imports")
    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="imports",
                              help_text="The event the article is about; its proposals attach to it.")
    made_event = models.BooleanField(default=False, editable=False,
                                     help_text="Whether the import created its event (as a draft).")
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the archived text's UTF-8 bytes.")
    origin = models.CharField(max_length=20, choices=ImportOrigin.choices)
    origin_detail = models.CharField(max_length=500, blank=True, help_text="The file name or the URL.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_at"], name="articleimport_created_idx")]
        constraints = [
            # The same text imported twice creates nothing (intake.services.import_article).
            models.UniqueConstraint(fields=["sha256"], name="articleimport_unique_sha256"),
            models.CheckConstraint(condition=Q(origin__in=ImportOrigin.values),
                                   name="articleimport_origin_valid"),
        ]

    def __str__(self):
        return self.source.title

    def _count(self, status: str) -> int:
        annotated = getattr(self, f"{status}_count", None)  # ArticleImportQuerySet.with_counts()
        return annotated if annotated is not None else self.proposals.filter(status=status).count()

    @property
    def pending(self) -> int:
        return self._count(ProposalStatus.PENDING)

    @property
    def accepted(self) -> int:
        return self._count(ProposalStatus.ACCEPTED)

    @property
    def rejected(self) -> int:
        return self._count(ProposalStatus.REJECTED)


def record_deleted(collector, field, sub_objs, using):
    """on_delete of a proposal's record: the record is gone (deleted in its own admin, say), so a
    proposal still pending is settled as rejected, then its link is cleared. In that order: a pending
    proposal must point at its record (constraint proposal_pending_has_record)."""
    status = field.model._meta.get_field("status")
    pending = [p for p in sub_objs if p.status == ProposalStatus.PENDING]
    if pending:
        collector.add_field_update(status, ProposalStatus.REJECTED, pending)
    collector.add_field_update(field, None, sub_objs)



# Which foreign key holds the record of each kind of proposal (a citation proposal also points at the
# existing record it cites, through "reaction" or "statement").
RECORD_FIELD = {ProposalKind.REACTION: "reaction", ProposalKind.STATEMENT: "statement",
                ProposalKind.ACTOR: "actor", ProposalKind.CITATION: "citation"}


class Proposal(models.Model):
    article_import = models.ForeignKey(ArticleImport, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=10, choices=ProposalKind.choices)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    reaction = models.ForeignKey("events.Reaction", null=True, blank=True, on_delete=record_deleted,
                                 related_name="proposals")
    statement = models.ForeignKey("events.Statement", null=True, blank=True, on_delete=record_deleted,
                                  related_name="proposals")
    actor = models.ForeignKey("actors.Actor", null=True, blank=True, on_delete=record_deleted,
                              related_name="proposals")
    citation = models.ForeignKey("sources.Citation", null=True, blank=True, on_delete=record_deleted,
                                 related_name="proposals")
    start = models.PositiveIntegerField(null=True, blank=True,
                                        help_text="Offset of the passage in the archived text.")
    end = models.PositiveIntegerField(null=True, blank=True, help_text="Offset just past the passage.")
    rule = models.CharField(max_length=100, blank=True, help_text="Which rule of the engine proposed it.")
    summary = models.CharField(max_length=300, help_text="One line: who, what, stance or quote.")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["article_import", "start", "id"]
        indexes = [models.Index(fields=["article_import", "status"], name="proposal_import_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ProposalKind.values), name="proposal_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=ProposalStatus.values),
                                   name="proposal_status_valid"),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False, end__gt=models.F("start")),
                name="proposal_passage_offsets_valid",
                violation_error_message="A passage has both offsets, the start before the end, or neither."),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.PENDING)
                | Q(kind=ProposalKind.REACTION, reaction__isnull=False)
                | Q(kind=ProposalKind.STATEMENT, statement__isnull=False)
                | Q(kind=ProposalKind.ACTOR, actor__isnull=False)
                | Q(kind=ProposalKind.CITATION, citation__isnull=False),
                name="proposal_pending_has_record",
                violation_error_message="A pending proposal points at the record of its kind."),
        ]

    def __str__(self):
        return self.summary

    @property
    def record(self):
        """The draft (or the existing record, for a citation) this proposal is about, if still there."""
        if self.kind == ProposalKind.CITATION:
            return self.reaction or self.statement
        return getattr(self, RECORD_FIELD[self.kind])
