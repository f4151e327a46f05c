from django.db import models
from django.db.models import Count, Q

from intake.choices import ProposalStatus


class ArticleImportQuerySet(models.QuerySet):
    def with_counts(self):
        """Each import with ``pending_count``, ``accepted_count`` and ``rejected_count`` (one query)."""
        return self.annotate(**{
            f"{status}_count": Count("proposals", filter=Q(proposals__status=status))
            for status in ProposalStatus.values
        })

    def for_admin(self):
        return self.select_related("source", "event", "created_by").with_counts()


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProposalStatus.PENDING)

    def for_review(self):
        """What the review page shows with each proposal: its record and who decided it."""
        return self.select_related("reaction__actor", "statement__speaker", "actor", "citation",
                                   "decided_by")
