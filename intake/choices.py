from django.db import models

from sources.choices import TextOrigin


class ImportOrigin(models.TextChoices):
    """How an imported article came in; the values are those of the archived text's origin."""

    PASTED = TextOrigin.PASTED.value, "Pasted text"
    FILE = TextOrigin.UPLOADED_FILE.value, "Uploaded file"
    URL = TextOrigin.FETCHED_URL.value, "Fetched URL"


class ProposalKind(models.TextChoices):
    REACTION = "reaction", "Reaction"
    STATEMENT = "statement", "Statement"
    ACTOR = "actor", "Actor"
    # An extra citation on an EXISTING record that matched (same actor, event and kind): no duplicate.
    CITATION = "citation", "Extra citation"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
