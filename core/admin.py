"""Admin building blocks shared by every app's admin."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

from core import review
from core.choices import ReviewStatus
from core.text import fold


class FoldedSearchMixin:
    """Search the accent- and case-folded ``search_text`` columns: "lopez" and "López" both match.

    Every field in ``search_fields`` of an admin using this mixin holds folded text (or ASCII slugs).
    """

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


REVIEW_FIELDS = ["status", "reviewed_by", "reviewed_at"]
LISTED = 100  # dependents of one type named on the confirmation page
RECORD_FIELDS = ["public_id", "created_at", "updated_at"]


class ReviewActionsMixin:
    """For admins of reviewed records: review columns read-only, the two review actions, drafts-only deletion.

    Review state changes only through the actions, which call core/review.py: marking reviewed is refused
    while a record points at drafts (the message names them); returning to draft first shows what else
    goes back to draft with the selection (the reviewed records that point at it) and asks to confirm.
    """

    actions = ["mark_reviewed", "return_to_draft"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *REVIEW_FIELDS, *RECORD_FIELDS]

    def has_delete_permission(self, request, obj=None):
        # Reviewed records are public; curators return them to draft (recorded) before deleting.
        if obj is not None and obj.status == ReviewStatus.REVIEWED and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description="Mark selected as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        try:
            changed = review.mark_reviewed(queryset=queryset, user=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return None
        self.message_user(request, f"Marked {changed} record(s) as reviewed.", messages.SUCCESS)
        return None

    @admin.action(description="Return selected to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        plan = review.withdrawal_plan(queryset)
        if plan.dependents and request.POST.get("confirm") != "yes":
            return self._confirm_withdrawal(request, queryset, plan)
        try:
            done = review.return_to_draft(queryset=queryset, user=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return None
        text = f"Returned {done.changed} record(s) to draft."
        if done.dependents:
            text += (f" {len(done.dependents)} reviewed record(s) that point at them went back to draft "
                     f"with them (review them again when they may be public): "
                     + "; ".join(review.describe(r) for r in done.dependents[:20])
                     + (f" and {len(done.dependents) - 20} more." if len(done.dependents) > 20 else "."))
        self.message_user(request, text, messages.WARNING if done.dependents else messages.SUCCESS)
        return None

    def _confirm_withdrawal(self, request, queryset, plan):
        opts = self.model._meta
        groups, counts = {}, {}
        for record in plan.dependents:
            label = record._meta.verbose_name_plural
            counts[label] = counts.get(label, 0) + 1
            if counts[label] <= LISTED:  # a page that stays readable; the count says how many in all
                groups.setdefault(label, []).append(
                    (review.describe(record), _change_url(record), review.describe(plan.because[record])))
        context = {
            **self.admin_site.each_context(request),
            "title": "Return to draft: records that depend on the selection",
            "opts": opts,
            "records": [review.describe(r) for r in plan.records],
            "groups": [(label, counts[label], counts[label] - len(rows), rows)
                       for label, rows in sorted(groups.items())],
            "dependent_count": len(plan.dependents),
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/core/return_to_draft_confirmation.html", context)


def _change_url(record):
    opts = record._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return None
