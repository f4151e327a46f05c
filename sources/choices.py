from django.db import models


class SourceKind(models.TextChoices):
    NEWS_REPORT = "news_report", "News report"
    ANALYSIS = "analysis", "Analysis"
    OPINION = "opinion", "Opinion"
    EXPERT_PANEL = "expert_panel", "Expert panel"


class TextOrigin(models.TextChoices):
    """How a source's archived text was obtained."""

    PASTED = "pasted", "Pasted"
    UPLOADED_FILE = "uploaded_file", "Uploaded file"
    FETCHED_URL = "fetched_url", "Fetched from its URL"
    SEED_CORPUS = "seed_corpus", "Seed corpus"
