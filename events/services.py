"""Writes that change review state: small keyword-only functions, each in one transaction.

The rules live in core/review.py, shared by every reviewed record type (actors too): ``mark_reviewed``
refuses while a record points at drafts, naming them; ``return_to_draft`` also withdraws the reviewed
records that depend on what it withdraws, and reports them. Each record is saved on its own (not a bulk
``.update()``) so django-simple-history records who changed the review state, when and why.
"""

from core.review import ReviewBlocked, Withdrawal, mark_reviewed, return_to_draft, withdrawal_plan

__all__ = ["ReviewBlocked", "Withdrawal", "mark_reviewed", "return_to_draft", "withdrawal_plan"]
