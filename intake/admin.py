"""Article imports in the admin: "Import an article" (the add page) and the review page (the change page).

The review page shows the archived article with every proposal's passage highlighted
(intake/views.py builds the markup from offsets, escaping the text) and the proposals in a list, each
accepted or rejected on its own or with others selected. Every decision goes through
intake/services.py (one transaction each); a refusal there is a message on the page, never an error
page. Imports are never deleted here: they and their proposals are the audit trail of what was decided.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse

from actors.models import Actor
from intake import services
from intake.choices import ImportOrigin, ProposalKind, ProposalStatus
from intake.forms import INPUTS, ImportForm
from intake.models import ArticleImport, Proposal
from intake.views import Passage, anchor_id, highlighted

PASSAGE_SHOWN = 240  # characters of a passage quoted in the proposals list; the article shows it whole
ACCEPT, REJECT = "accept", "reject"


def change_url(record):
    """The admin change page of ``record``, or None when it has none (or is gone)."""
    if record is None:
        return None
    opts = record._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return None


class MergeActorForm(forms.Form):
    into = forms.ModelChoiceField(queryset=Actor.objects.all(), label="Merge into",
                                  help_text="The existing actor this name stands for. The draft's records "
                                            "move to it, the name becomes one of its aliases and the draft "
                                            "is deleted.")

    def __init__(self, *args, draft, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].widget = AutocompleteSelect(Proposal._meta.get_field("actor"), admin_site)
        self.fields["into"].queryset = Actor.objects.exclude(pk=draft.pk)  # also binds the widget's choices


@admin.register(ArticleImport)
class ArticleImportAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "origin", "pending", "accepted", "rejected", "created_by", "created_at"]
    list_filter = ["origin", "created_at"]
    search_fields = ["source__title", "source__publisher", "event__title", "origin_detail"]
    autocomplete_fields = ["event"]  # serves the import form's event autocomplete
    import_template = "admin/intake/articleimport/import_form.html"
    review_template = "admin/intake/articleimport/review.html"
    merge_template = "admin/intake/articleimport/merge_actor.html"

    def get_queryset(self, request):
        return super().get_queryset(request).for_admin()

    def has_delete_permission(self, request, obj=None):
        return False  # the audit trail of what the intake proposed and who decided

    def get_urls(self):
        merge = self.admin_site.admin_view(self.merge_actor_view)
        return [path("<path:object_id>/merge-actor/<int:proposal_id>/", merge,
                     name="intake_articleimport_merge_actor"), *super().get_urls()]

    # --- list columns -------------------------------------------------------------------------------

    @admin.display(description="Article", ordering="source__title")
    def title(self, obj):
        return obj.source.title

    @admin.display(description="Left to review", ordering="pending_count")
    def pending(self, obj):
        return obj.pending

    @admin.display(description="Accepted", ordering="accepted_count")
    def accepted(self, obj):
        return obj.accepted

    @admin.display(description="Rejected", ordering="rejected_count")
    def rejected(self, obj):
        return obj.rejected

    # --- "Import an article" ------------------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None, admin_site=self.admin_site)
        if request.method == "POST" and form.is_valid():
            try:
                result = self._import(request, form)
            except ValidationError as exc:
                self._show_refusal(form, exc)
            else:
                level = messages.SUCCESS if result.created else messages.WARNING
                self.message_user(request, result.message, level)
                if result.article_import is None:  # the text is a source's that no import made
                    return HttpResponseRedirect(change_url(result.source))
                return HttpResponseRedirect(self._review_url(result.article_import))
        context = {
            **self.admin_site.each_context(request),
            "title": "Import an article",
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, self.import_template, context)

    def _import(self, request, form):
        data = form.cleaned_data
        common = dict(event=data["event"], new_event_title=data["new_event_title"],
                      publisher=data["publisher"], title=data["title"], published=data["published"],
                      author=data["author"] or None, language=data["language"], user=request.user)
        used = form.article_input
        if used == "file":
            upload = data["file"]
            return services.import_file(name=upload.name, data=upload.read(), **common)
        if used == "url":
            return services.import_url(url=data["url"], **common)
        return services.import_article(text=data["text"], origin=ImportOrigin.PASTED, **common)

    @staticmethod
    def _show_refusal(form, exc):
        """The services' refusal on the field it is about: the one it names, else the article input used."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
            return
        named = getattr(exc, "field", None)
        used = form.article_input
        if named in INPUTS or named is None:
            named = used  # "text" from the services may mean the file's or page's text
        form.add_error(named if named in form.fields else None, exc)

    def _review_url(self, article_import):
        return reverse("admin:intake_articleimport_change", args=[article_import.pk])

    # --- the review page ----------------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article_import = self.get_object(request, object_id)
        if article_import is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, article_import):
            raise PermissionDenied
        if request.method == "POST":
            self._decide(request, article_import)
            return HttpResponseRedirect(request.get_full_path())
        return TemplateResponse(request, self.review_template, self._review_context(request, article_import))

    def can_decide(self, request) -> bool:
        return request.user.has_perm("intake.change_proposal")

    def _decide(self, request, article_import):
        if not self.can_decide(request):
            raise PermissionDenied
        decision, ids = self._decision(request.POST)
        if decision is None:
            self.message_user(request, "Nothing was done: choose Accept or Reject.", messages.WARNING)
            return
        if not ids:
            self.message_user(request, "Nothing was done: select the proposals first.", messages.WARNING)
            return
        chosen = article_import.proposals.filter(pk__in=ids)
        pending = chosen.pending()
        settled = chosen.count() - pending.count()
        if not pending.exists():
            self.message_user(request, "Nothing was done: the selected proposals were already decided.",
                              messages.WARNING)
            return
        act = services.accept_proposals if decision == ACCEPT else services.reject_proposals
        try:
            done = act(proposals=pending, user=request.user)
        except ValidationError as exc:
            # The services' messages say that nothing changed and why.
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        verb = "Accepted" if decision == ACCEPT else "Rejected"
        text = f"{verb} {done} proposal(s)."
        if decision == REJECT:
            text += " Their drafts were deleted with their citations (an extra citation: only it)."
        if settled:
            text += f" {settled} selected proposal(s) had been decided before and were left as they were."
        left = article_import.proposals.pending().count()
        text += f" {left} left to review." if left else " Every proposal of this article is decided."
        self.message_user(request, text, messages.SUCCESS)

    @staticmethod
    def _decision(post):
        """(accept|reject|None, proposal ids) from the buttons: one row's, or the bulk ones with boxes."""
        for decision in (ACCEPT, REJECT):
            one = post.get(f"{decision}_one")
            if one:
                return decision, [int(one)] if one.isdigit() else []
            if f"{decision}_selected" in post:
                return decision, [int(pk) for pk in post.getlist("proposal") if pk.isdigit()]
        return None, []

    def _review_context(self, request, article_import):
        archived = getattr(article_import.source, "archived_text", None)
        text = archived.text if archived is not None else ""
        proposals = list(article_import.proposals.for_review())
        rows = [self._row(proposal, text) for proposal in proposals]
        passages = [Passage(p.pk, p.start, p.end, p.summary) for p in proposals
                    if p.start is not None and p.status != ProposalStatus.REJECTED]
        counts = {status: sum(p.status == status for p in proposals) for status in ProposalStatus.values}
        return {
            **self.admin_site.each_context(request),
            "title": f"Review: {article_import.source.title}",
            "subtitle": None,
            "opts": self.opts,
            "original": article_import,
            "article_import": article_import,
            "source_url": change_url(article_import.source),
            "event_url": change_url(article_import.event),
            "article_html": highlighted(text, passages),
            "rows": rows,
            "total": len(proposals),
            "pending": counts[ProposalStatus.PENDING],
            "accepted": counts[ProposalStatus.ACCEPTED],
            "rejected": counts[ProposalStatus.REJECTED],
            "can_decide": self.can_decide(request),
            "has_view_permission": True,
        }

    def _row(self, proposal, text):
        record = proposal.record
        excerpt = ""
        if proposal.start is not None and proposal.end <= len(text):
            excerpt = text[proposal.start:proposal.end]
            if len(excerpt) > PASSAGE_SHOWN:
                excerpt = excerpt[:PASSAGE_SHOWN - 1] + "…"
        pending = proposal.status == ProposalStatus.PENDING
        return {
            "proposal": proposal,
            "pending": pending,
            "record_url": change_url(record),
            "record": record,
            "citation_url": change_url(proposal.citation) if proposal.kind == ProposalKind.CITATION else None,
            "excerpt": excerpt,
            "anchor": anchor_id(proposal.pk) if excerpt else None,
            "merge_url": (reverse("admin:intake_articleimport_merge_actor",
                                  args=[proposal.article_import_id, proposal.pk])
                          if pending and proposal.kind == ProposalKind.ACTOR else None),
        }

    # --- merging a draft actor into an existing one ---------------------------------------------------

    def merge_actor_view(self, request, object_id, proposal_id):
        article_import = self.get_object(request, object_id)
        if article_import is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.can_decide(request) or not request.user.has_perm("actors.change_actor"):
            raise PermissionDenied
        proposal = get_object_or_404(article_import.proposals.select_related("actor"), pk=proposal_id,
                                     kind=ProposalKind.ACTOR)
        back = self._review_url(article_import)
        if proposal.status != ProposalStatus.PENDING or proposal.actor is None:
            self.message_user(request, "This actor proposal was already decided.", messages.WARNING)
            return HttpResponseRedirect(back)
        draft = proposal.actor
        form = MergeActorForm(request.POST or None, draft=draft, admin_site=self.admin_site)
        if request.method == "POST" and form.is_valid():
            into = form.cleaned_data["into"]
            try:
                services.merge_actor(draft=draft, into=into, user=request.user)
            except ValidationError as exc:
                form.add_error("into", exc)
            else:
                self.message_user(request, f"Merged the draft actor “{draft.name}” into “{into.name}”: its "
                                           "records now name that actor.", messages.SUCCESS)
                return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge the draft actor “{draft.name}” into an existing actor",
            "opts": self.opts,
            "original": article_import,
            "article_import": article_import,
            "draft": draft,
            "draft_url": change_url(draft),
            "form": form,
            "media": self.media + form.media,
            "back": back,
        }
        return TemplateResponse(request, self.merge_template, context)

