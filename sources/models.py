from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from core.dates import DatePrecision, precision_constraint
from core.models import PublicRecord, offsets_constraint
from core.text import Typographic
from sources import verification
from sources.choices import SourceKind, TextOrigin
from sources.querysets import CitationQuerySet, SourceQuerySet, SourceTextQuerySet


class Source(PublicRecord):
    """A published text that records cite. Its URL is stored only when known, never guessed."""

    slug = models.SlugField(max_length=200, unique=True)
    publisher = models.CharField(max_length=200)
    title = models.CharField(max_length=400)
    # Null, not "", for unknown: the issue asks for a nullable author and URL, and null means "not known".
    author = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    published_on = models.DateField(null=True, blank=True)
    published_precision = models.CharField(max_length=10, choices=DatePrecision.choices,
                                           default=DatePrecision.UNKNOWN)
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    language = models.CharField(max_length=8, default="en", help_text="BCP 47 code, e.g. en or es.")
    url = models.URLField(max_length=500, null=True, blank=True)  # noqa: DJ001
    summary = models.TextField(help_text="In the curator's own words.")
    corpus_name = models.CharField(max_length=200, blank=True,
                                   help_text="File name of the source's text in the citation corpus, "
                                             "used by verify_citations.")

    history = HistoricalRecords()
    objects = SourceQuerySet.as_manager()
    # In the deletions feed (core/sync.py) as type "source", fifth in its list of types.
    sync_type, sync_order = "source", 5

    class Meta:
        ordering = ["published_on", "title", "id"]
        indexes = [
            models.Index(fields=["publisher"], name="source_publisher_idx"),
            models.Index(fields=["kind", "published_on"], name="source_kind_date_idx"),
            models.Index(fields=["updated_at", "id"], name="source_updated_idx"),
        ]
        constraints = [
            precision_constraint(date_field="published_on", precision_field="published_precision",
                                 name="source_date_precision_matches"),
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="source_kind_valid"),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def natural_key(self):
        return (self.slug,)


class SourceText(models.Model):
    """The plain text a source was read from, as archived: what its citations are checked against.

    Kept apart from Source so that listing sources never loads a text (up to SOURCE_TEXT_MAX_BYTES).
    Change it only through ``sources.services.set_text``, which re-checks every citation that points
    at it. Texts of news articles are copyrighted: only staff can read them (API and admin).
    """

    source = models.OneToOneField(Source, on_delete=models.CASCADE, related_name="archived_text")
    text = models.TextField(help_text="Plain text (Unicode NFC, \\n line endings), as archived.")
    sha256 = models.CharField(max_length=64, editable=False, help_text="SHA-256 of the text's UTF-8 bytes.")
    origin = models.CharField(max_length=20, choices=TextOrigin.choices,
                              help_text="How the text was obtained.")
    origin_detail = models.CharField(max_length=500, blank=True,
                                     help_text="The URL fetched, the file uploaded or the corpus file, "
                                               "when known.")
    language = models.CharField(max_length=8, help_text="BCP 47 code of the text, e.g. en or es.")
    obtained_at = models.DateTimeField(help_text="When this text was obtained.")

    # The text itself is left out of the history: each edit would copy the whole article. The history
    # still records who changed it, when, and the hash before and after.
    history = HistoricalRecords(excluded_fields=["text"])
    objects = SourceTextQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="sourcetext_not_empty"),
            models.CheckConstraint(condition=Exact(Length("sha256"), 64), name="sourcetext_sha256_length"),
            models.CheckConstraint(condition=Q(origin__in=TextOrigin.values), name="sourcetext_origin_valid"),
        ]

    def __str__(self):
        return f"Text of {self.source}"

    def save(self, *args, **kwargs):
        self.sha256 = verification.sha256(self.text)
        super().save(*args, **kwargs)

    def natural_key(self):
        return self.source.natural_key()

    natural_key.dependencies = ["sources.source"]

    @cached_property
    def typographic(self) -> Typographic:
        """The text's typographic normal form, built once per instance (sources.verification)."""
        return Typographic(self.text)


class Citation(models.Model):
    """Ties exactly one reaction, statement or event to a source, with a verbatim excerpt."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    excerpt = models.TextField(help_text="Short and verbatim, as the source prints it.")
    # Where the excerpt stands in the source's archived text: text[excerpt_start:excerpt_end]. Set by
    # clean() (sources.verification); empty while the source has no text ("unverified").
    excerpt_start = models.PositiveIntegerField(null=True, blank=True, editable=False,
                                                help_text="Offset of the excerpt in the source's archived "
                                                          "text (characters); empty when unverified.")
    excerpt_end = models.PositiveIntegerField(null=True, blank=True, editable=False,
                                              help_text="Offset just past the excerpt; empty when "
                                                        "unverified.")
    reaction = models.ForeignKey("events.Reaction", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="citations")
    statement = models.ForeignKey("events.Statement", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="citations")
    event = models.ForeignKey("events.Event", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="citations")

    history = HistoricalRecords()
    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["source"], name="citation_source_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(reaction__isnull=False, statement__isnull=True, event__isnull=True)
                    | Q(reaction__isnull=True, statement__isnull=False, event__isnull=True)
                    | Q(reaction__isnull=True, statement__isnull=True, event__isnull=False)
                ),
                name="citation_exactly_one_target",
                violation_error_message="A citation supports exactly one reaction, statement or event.",
            ),
            models.CheckConstraint(condition=~Q(excerpt=""), name="citation_excerpt_not_empty"),
            models.UniqueConstraint(fields=["source", "reaction", "excerpt"], name="citation_unique_reaction",
                                    condition=Q(reaction__isnull=False)),
            models.UniqueConstraint(fields=["source", "statement", "excerpt"],
                                    name="citation_unique_statement", condition=Q(statement__isnull=False)),
            models.UniqueConstraint(fields=["source", "event", "excerpt"], name="citation_unique_event",
                                    condition=Q(event__isnull=False)),
            offsets_constraint("excerpt_start", "excerpt_end", "citation_excerpt_offsets_valid", "excerpt"),
        ]

    # Not stored: which occurrence of the excerpt the next clean() places the offsets at, when a curator
    # picks one (1 = first). None keeps the stored occurrence while it still matches, else the first.
    occurrence = None

    def __str__(self):
        short = self.excerpt if len(self.excerpt) <= 60 else self.excerpt[:57] + "..."
        return f"{self.source.publisher}: “{short}”"

    @property
    def target(self):
        return self.reaction or self.statement or self.event

    @property
    def verified(self) -> bool:
        """Whether the excerpt was found in the source's archived text (it has offsets)."""
        return self.excerpt_start is not None

    def clean(self):
        super().clean()
        if sum(x is not None for x in (self.reaction_id, self.statement_id, self.event_id)) > 1:
            raise ValidationError("A citation supports exactly one reaction, statement or event.")
        if self.source_id is not None and self.excerpt:
            verification.place_excerpt(self, occurrence=self.occurrence)


class SeedRecord(models.Model):
    """Bookkeeping for ``load_seeds``: what the loader last applied to one fixture record.

    A reload compares the database with this digest to tell a curator's edit (kept) from a record
    still as the loader left it (safe to update to the fixture's new values).
    """

    model = models.CharField(max_length=100, help_text='Model label, e.g. "events.reaction".')
    key = models.CharField(max_length=200, help_text="The record's natural key (its slug).")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the values last applied.")
    applied_at = models.DateTimeField()

    class Meta:
        ordering = ["model", "key"]
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="seedrecord_unique")]

    def __str__(self):
        return f"{self.model}:{self.key}"
