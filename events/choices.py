from django.db import models


class Certainty(models.TextChoices):
    REPORTED = "reported", "Reported"
    ALLEGED = "alleged", "Alleged"


class ActorRole(models.TextChoices):
    INITIATOR = "initiator", "Initiator"
    TARGET = "target", "Target"
    PARTICIPANT = "participant", "Participant"


class ReactionKind(models.TextChoices):
    SEVERED_TIES = "severed_ties", "Severed diplomatic ties"
    CONDEMNATION = "condemnation", "Condemnation"
    STATEMENT = "statement", "Statement"
    LEGAL_ACTION = "legal_action", "Legal action"
    CALL_FOR_MEETING = "call_for_meeting", "Call for a meeting"
    ABSTENTION = "abstention", "Abstention"
    SUPPORT = "support", "Support"
    RECALLED_OR_EXPELLED_DIPLOMATS = "recalled_or_expelled_diplomats", "Recalled or expelled diplomats"
    OTHER = "other", "Other"


class Stance(models.TextChoices):
    CONDEMNS = "condemns", "Condemns"
    SUPPORTS = "supports", "Supports"
    NEUTRAL = "neutral", "Neutral"
    ABSTAINS = "abstains", "Abstains"
