from django.db import models


class ActorKind(models.TextChoices):
    STATE = "state", "State"
    INTERNATIONAL_ORGANIZATION = "international_organization", "International organization"
    PERSON = "person", "Person"
    GOVERNMENT_BODY = "government_body", "Government body"
    POLITICAL_PARTY = "political_party", "Political party"
    CRIMINAL_GROUP = "criminal_group", "Criminal group"
    OTHER_ORGANIZATION = "other_organization", "Other organization"


# Kinds that may react to an event (a Reaction's actor).
REACTING_KINDS = (ActorKind.STATE, ActorKind.INTERNATIONAL_ORGANIZATION)
