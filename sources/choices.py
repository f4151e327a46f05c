from django.db import models


class SourceKind(models.TextChoices):
    NEWS_REPORT = "news_report", "News report"
    ANALYSIS = "analysis", "Analysis"
    OPINION = "opinion", "Opinion"
    EXPERT_PANEL = "expert_panel", "Expert panel"
