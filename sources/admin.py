"""Admin for sources (with their archived texts) and citations, and the citation inlines used on
reactions, statements and events.

Every excerpt is checked against its source's archived text by ``Citation.clean()``
(sources.verification): a form error names the nearest passage and nothing is saved. A text edit
goes through ``sources.services.set_text``, which refuses a text that would break a citation.
"""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, F
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from core.dates import display
from sources import services, verification
from sources.choices import TextOrigin
from sources.models import Citation, Source

UNVERIFIED = "Unverified: the source has no archived text."
_SPACES = re.compile(r"\s+")


# --- showing a passage ------------------------------------------------------------------------------

def passage_html(text, start, end, *, what="excerpt"):
    """The passage highlighted within the sentence before and after it, and where it stands."""
    # Line breaks and runs of spaces read as one space here, as HTML shows them anyway.
    before, passage, after = (_SPACES.sub(" ", part) for part in verification.context(text.text, start, end))
    return format_html(
        '<div class="archived-passage" style="min-width:26em;max-width:48em;line-height:1.5">'
        '{}<mark>{}</mark>{}</div>'
        '<div class="help archived-offsets">Verified: the {} is characters {}–{} of the archived text.</div>',
        before, passage, after, what, start, end)


def unverified_html(message=UNVERIFIED):
    return format_html('<strong class="archived-unverified" style="color:#ba2121">{}</strong>', message)


def citation_passage(citation):
    if citation is None or citation.pk is None:
        return "-"
    text = verification.archived_text(citation.source)
    if text is None:
        return unverified_html()
    if not verification.matches_at(text, citation.excerpt, citation.excerpt_start, citation.excerpt_end):
        return unverified_html("Not verified: the stored position does not hold the excerpt; save it again.")
    return passage_html(text, citation.excerpt_start, citation.excerpt_end)


# --- citations --------------------------------------------------------------------------------------

class CitationForm(forms.ModelForm):
    occurrence = forms.IntegerField(
        min_value=1, required=False, label="Occurrence",
        widget=forms.NumberInput(attrs={"style": "width:4em"}),
        help_text="When the excerpt stands more than once in the source's text: which one (1 = first). "
                  "Empty: the one stored, else the first.")

    class Meta:
        model = Citation
        fields = ["source", "excerpt"]
        widgets = {"excerpt": forms.Textarea(attrs={"rows": 4, "cols": 44})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        citation = self.instance
        if citation.pk and citation.excerpt_start is not None:
            text = verification.archived_text(citation.source)
            if text is not None:
                self.initial["occurrence"] = verification.occurrence_of(
                    text, citation.excerpt, citation.excerpt_start, citation.excerpt_end)

    def clean(self):
        data = super().clean()
        # Read by Citation.clean(), which places the offsets: only a number the curator typed, so an
        # edited excerpt is not held to the old excerpt's occurrence.
        self.instance.occurrence = data.get("occurrence") if "occurrence" in self.changed_data else None
        return data


class CitationInline(admin.TabularInline):
    """Citations of one record; each inline subclass sets ``fk_name`` to the record's foreign key."""

    model = Citation
    form = CitationForm
    fields = ["source", "excerpt", "occurrence", "passage"]
    readonly_fields = ["passage"]
    autocomplete_fields = ["source"]
    extra = 1
    min_num = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    @admin.display(description="Passage in the source's text")
    def passage(self, obj):
        return citation_passage(obj)


class ReactionCitationInline(CitationInline):
    fk_name = "reaction"


class StatementCitationInline(CitationInline):
    fk_name = "statement"


class EventCitationInline(CitationInline):
    fk_name = "event"


# --- sources and their texts ------------------------------------------------------------------------

class ArchivedTextField(forms.CharField):
    """A text box whose value is compared and stored in the archived form (``\\n`` line endings, NFC):
    a browser sends a textarea back with ``\\r\\n``, which must not count as an edit."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        return unicodedata.normalize("NFC", verification.canonical_newlines(value.removeprefix("\ufeff")))


TEXT_DETAILS = ["text_origin", "text_origin_detail", "text_language"]


class SourceForm(forms.ModelForm):
    # A URL typed without a scheme means https (Django 6's default; says so now, without a warning).
    url = forms.URLField(required=False, max_length=500, assume_scheme="https", empty_value=None)
    text = ArchivedTextField(
        required=False, strip=False, label="Archived text",
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text="The article as plain text. Every excerpt and quote citing this source must stand in it "
                  "(typography aside); an edit that would break one is refused, naming it.")
    text_file = forms.FileField(required=False, label="Or upload a text file",
                                help_text="A UTF-8 plain-text (.txt) file; it replaces the text above.")
    text_origin = forms.ChoiceField(choices=[("", "(pasted, or uploaded file)"), *TextOrigin.choices],
                                    required=False, label="How the text was obtained")
    text_origin_detail = forms.CharField(required=False, max_length=500, label="Obtained from",
                                         help_text="The URL fetched or the file's name, when known.")
    text_language = forms.CharField(required=False, max_length=8, label="Language of the text",
                                    help_text="BCP 47 code; empty: the source's language.")

    class Meta:
        model = Source
        fields = ["title", "slug", "publisher", "author", "kind", "language", "url", "published_on",
                  "published_precision", "summary", "corpus_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.archived = verification.archived_text(self.instance)
        if self.archived is not None:
            self.initial.update(text=self.archived.text, text_origin=self.archived.origin,
                                text_origin_detail=self.archived.origin_detail,
                                text_language=self.archived.language)
        self.new_text = None  # set by clean() when the text is to be archived or replaced

    def clean_text_file(self):
        upload = self.cleaned_data.get("text_file")
        limit = settings.SOURCE_TEXT_MAX_BYTES
        if upload and upload.size > limit:
            raise ValidationError(f"The file is {upload.size:,} bytes; the limit is {limit:,} bytes "
                                  "(setting SOURCE_TEXT_MAX_BYTES).", code="too_large")
        return upload

    def _incoming_text(self, data):
        """(text, form field, default origin) the curator gave, None when the text is left alone, or a
        ValidationError saying why it cannot be archived."""
        upload = data.get("text_file")
        if upload:
            return verification.clean_text(upload.read()), "text_file", TextOrigin.UPLOADED_FILE
        if "text" not in self.changed_data:
            return None
        raw = data.get("text") or ""
        if raw.strip():
            return verification.clean_text(raw), "text", TextOrigin.PASTED
        if self.archived is not None:
            raise ValidationError("An archived text cannot be removed here: this source's citations were "
                                  "checked against it. Replace it with the corrected text.")
        return None

    def clean(self):
        data = super().clean()
        upload = data.get("text_file")
        if upload and "text" in self.changed_data:
            self.add_error("text_file", "Upload a file or edit the text, not both.")
            return data
        try:
            incoming = self._incoming_text(data)
        except ValidationError as exc:
            self.add_error("text_file" if upload else "text", exc)
            return data
        if incoming is None:
            return data
        text, field, default_origin = incoming
        problems = services.problems_for_text(source=self.instance, text=text)
        if problems:
            self.add_error(field, ValidationError(
                [f"This text no longer contains what {len(problems)} record(s) cite; nothing was saved:",
                 *problems]))
            return data
        # An origin the curator chose; otherwise what the input says (an edited seed text is no longer
        # the corpus file).
        chosen = "text_origin" in self.changed_data and data.get("text_origin")
        self.new_text = dict(
            text=text, origin=chosen or default_origin,
            origin_detail=(data.get("text_origin_detail") if "text_origin_detail" in self.changed_data
                           else (upload.name if upload else "")),
            language=data.get("text_language") or "")
        return data

    def text_details_changed(self) -> bool:
        return self.archived is not None and self.new_text is None and any(
            name in self.changed_data for name in TEXT_DETAILS)


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    form = SourceForm
    list_display = ["title", "publisher", "author", "kind", "language", "published", "has_text",
                    "citation_count"]
    list_filter = ["kind", "language", "publisher", "published_precision"]
    search_fields = ["title", "publisher", "author", "slug", "url"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["public_id", "created_at", "updated_at", "text_record"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "publisher", "author", "kind", "language", "url"]}),
        ("Publication date", {"fields": ["published_on", "published_precision"]}),
        (None, {"fields": ["summary", "corpus_name"]}),
        ("Archived text", {
            "fields": ["text_record", "text", "text_file", *TEXT_DETAILS],
            "description": "The plain text this source was read from: every citation excerpt and statement "
                           "quote citing it is checked against it and keeps its position in it. Only staff "
                           "can read it (news articles are copyrighted).",
        }),
        ("Record", {"fields": ["public_id", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        # With an aggregate (GROUP BY), Django drops Meta.ordering; restate it so the reaction form's
        # source autocomplete pages through sources in a stable order. The text's hash comes through a
        # join; the text itself is never loaded for the list.
        return super().get_queryset(request).annotate(
            citation_count=Count("citations"), text_sha256=F("archived_text__sha256"),
        ).order_by(*Source._meta.ordering)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.new_text is not None:
            services.set_text(source=obj, **form.new_text)
        elif form.text_details_changed():
            archived = form.archived
            archived.origin = form.cleaned_data.get("text_origin") or archived.origin
            archived.origin_detail = form.cleaned_data.get("text_origin_detail") or ""
            archived.language = form.cleaned_data.get("text_language") or obj.language
            archived.full_clean()
            archived.save()

    @admin.display(description="Published", ordering="published_on")
    def published(self, obj):
        return display(obj.published_on, obj.published_precision)

    @admin.display(description="Citations", ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count

    @admin.display(description="Text", boolean=True)
    def has_text(self, obj):
        return obj.text_sha256 is not None

    @admin.display(description="Archived text")
    def text_record(self, obj):
        archived = verification.archived_text(obj) if obj is not None else None
        if archived is None:
            return unverified_html("No archived text: the citations of this source are unverified.")
        return format_html(
            "SHA-256 <code>{}</code><br>{} characters, language {}; obtained {} ({}{}).",
            archived.sha256, f"{len(archived.text):,}", archived.language,
            archived.obtained_at.strftime("%Y-%m-%d %H:%M UTC"), archived.get_origin_display(),
            f": {archived.origin_detail}" if archived.origin_detail else "")


class StandaloneCitationForm(CitationForm):
    class Meta(CitationForm.Meta):
        fields = ["source", "excerpt", "reaction", "statement", "event"]

    def clean(self):
        data = super().clean()
        if data.get("statement") is not None:
            self.add_error("statement", "A statement's citations are added and changed on the statement's "
                                        "page, where its quote is checked against them.")
        return data


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    """Citations one by one. A statement's citations are edited on the statement's page, where its
    quote is checked against the texts of the sources it cites; here they are read-only. Deleting is
    one citation at a time (no bulk action) for the same reason."""

    form = StandaloneCitationForm
    list_display = ["short_excerpt", "source", "target_kind", "target", "verified"]
    list_filter = ["source__kind", "source__publisher"]
    search_fields = ["excerpt", "source__title", "source__publisher"]
    autocomplete_fields = ["source", "reaction", "statement", "event"]
    list_select_related = ["source", "reaction__actor", "reaction__event", "statement__speaker", "event"]
    fields = ["source", "excerpt", "occurrence", "reaction", "statement", "event", "passage"]
    readonly_fields = ["passage"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            return [f for f in fields if f != "occurrence"]  # a form-only field; the view is read-only
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.statement_id is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.statement_id is not None:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="Excerpt", ordering="excerpt")
    def short_excerpt(self, obj):
        return obj.excerpt if len(obj.excerpt) <= 80 else obj.excerpt[:77] + "..."

    @admin.display(description="Supports")
    def target_kind(self, obj):
        target = obj.target
        return target._meta.verbose_name if target is not None else "-"

    @admin.display(description="Verified", boolean=True, ordering="excerpt_start")
    def verified(self, obj):
        return obj.verified

    @admin.display(description="Passage in the source's text")
    def passage(self, obj):
        return citation_passage(obj)
