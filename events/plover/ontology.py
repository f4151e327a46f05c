"""The PLOVER ontology: the 16 event types, the modes each type allows, and the contexts.

PLOVER (Political Language Ontology for Verifiable Event Records, Open Event Data Alliance) is the
successor of CAMEO that POLECAT uses. Values and their order follow the manual, PLOVER_MANUAL.tex,
"DRAFT Version: 0.8" (2021), in the public repository openeventdata/PLOVER at commit
6b85b9a7506bb372bf6828d68bf922f1e92e750a. Where that repository's README disagrees (it still lists
19 types: INVESTIGATE, DISAPPROVE, FIGHT, CRIME), the manual wins. The labels are our own short words.
"""

from django.db import models
from django.db.models import Q

MANUAL_VERSION = "PLOVER manual Draft 0.8 (openeventdata/PLOVER @ 6b85b9a7506bb372bf6828d68bf922f1e92e750a)"


class PloverType(models.TextChoices):
    """The 16 event types, in the manual's order (verbal/material cooperation, then conflict)."""

    AGREE = "AGREE", "Agree"
    CONSULT = "CONSULT", "Consult"
    SUPPORT = "SUPPORT", "Support"
    CONCEDE = "CONCEDE", "Concede"
    COOPERATE = "COOPERATE", "Cooperate"
    AID = "AID", "Aid"
    RETREAT = "RETREAT", "Retreat"
    DEMAND = "DEMAND", "Demand"
    ACCUSE = "ACCUSE", "Accuse"
    REJECT = "REJECT", "Reject"
    THREATEN = "THREATEN", "Threaten"
    PROTEST = "PROTEST", "Protest"
    SANCTION = "SANCTION", "Sanction"
    MOBILIZE = "MOBILIZE", "Mobilize"
    COERCE = "COERCE", "Coerce"
    ASSAULT = "ASSAULT", "Assault"


class PloverMode(models.TextChoices):
    """Every mode any type allows (a mode such as ``withdraw`` belongs to more than one type);
    ``MODES`` says which type allows which."""

    VISIT = "visit", "visit"
    THIRD_PARTY = "third-party", "third-party"
    MULTILATERAL = "multilateral", "multilateral"
    PHONE = "phone", "phone"
    WITHDRAW = "withdraw", "withdraw"
    RELEASE = "release", "release"
    RETURN = "return", "return"
    DISARM = "disarm", "disarm"
    CEASEFIRE = "ceasefire", "ceasefire"
    ACCESS = "access", "access"
    RESIGN = "resign", "resign"
    ASSIST = "assist", "assist"
    CHANGE = "change", "change"
    YIELD = "yield", "yield"
    MEET = "meet", "meet"
    DISAPPROVE = "disapprove", "disapprove"
    INVESTIGATE = "investigate", "investigate"
    ALLEGE = "allege", "allege"
    RESTRICT = "restrict", "restrict"
    BAN = "ban", "ban"
    ARREST = "arrest", "arrest"
    RELATIONS = "relations", "relations"
    EXPEL = "expel", "expel"
    TERRITORY = "territory", "territory"
    VIOLENCE = "violence", "violence"
    DEMO = "demo", "demo"
    RIOT = "riot", "riot"
    GENERAL = "general", "general"
    STRIKE = "strike", "strike"
    HUNGER = "hunger", "hunger"
    BOYCOTT = "boycott", "boycott"
    OBSTRUCT = "obstruct", "obstruct"
    CONVICT = "convict", "convict"
    DISCONTINUE = "discontinue", "discontinue"
    TROOPS = "troops", "troops"
    WEAPONS = "weapons", "weapons"
    POLICE = "police", "police"
    MILITIA = "militia", "militia"
    CONFISCATE = "confiscate", "confiscate"
    CENSOR = "censor", "censor"
    CURFEW = "curfew", "curfew"
    MARTIAL_LAW = "martial-law", "martial-law"
    DEPORT = "deport", "deport"
    WITHHOLD = "withhold", "withhold"
    ABDUCT = "abduct", "abduct"
    BEAT = "beat", "beat"
    TORTURE = "torture", "torture"
    EXECUTE = "execute", "execute"
    SEXUAL = "sexual", "sexual"
    ASSASSINATE = "assassinate", "assassinate"
    DESTROY = "destroy", "destroy"
    PRIMITIVE = "primitive", "primitive"
    FIREARMS = "firearms", "firearms"
    EXPLOSIVES = "explosives", "explosives"
    SUICIDE_ATTACK = "suicide-attack", "suicide-attack"
    HEAVY_WEAPONS = "heavy-weapons", "heavy-weapons"
    CLEANSING = "cleansing", "cleansing"
    MASSACRE = "massacre", "massacre"
    UNCONVENTIONAL = "unconventional", "unconventional"
    SIDE_AB = "sideAB", "sideAB"


M = PloverMode
_ASK = (M.ASSIST, M.CHANGE, M.YIELD, M.MEET)  # the manual: DEMAND and REJECT share their modes

# The modes each type allows, in the manual's order. A type with none (the manual: "Supplementary
# fields: None") takes no mode; verbal types mostly have none because their mode is just "verbal".
MODES: dict[str, tuple[str, ...]] = {
    PloverType.AGREE: (),
    PloverType.CONSULT: (M.VISIT, M.THIRD_PARTY, M.MULTILATERAL, M.PHONE),
    PloverType.SUPPORT: (),
    PloverType.CONCEDE: (),
    PloverType.COOPERATE: (),
    PloverType.AID: (),
    PloverType.RETREAT: (M.WITHDRAW, M.RELEASE, M.RETURN, M.DISARM, M.CEASEFIRE, M.ACCESS, M.RESIGN),
    PloverType.DEMAND: _ASK,
    PloverType.ACCUSE: (M.DISAPPROVE, M.INVESTIGATE, M.ALLEGE),
    PloverType.REJECT: _ASK,
    PloverType.THREATEN: (M.RESTRICT, M.BAN, M.ARREST, M.RELATIONS, M.EXPEL, M.TERRITORY, M.VIOLENCE),
    PloverType.PROTEST: (M.DEMO, M.RIOT, M.GENERAL, M.STRIKE, M.HUNGER, M.BOYCOTT, M.OBSTRUCT),
    PloverType.SANCTION: (M.CONVICT, M.EXPEL, M.WITHDRAW, M.DISCONTINUE),
    PloverType.MOBILIZE: (M.TROOPS, M.WEAPONS, M.POLICE, M.MILITIA),
    PloverType.COERCE: (M.CONFISCATE, M.RESTRICT, M.BAN, M.CENSOR, M.CURFEW, M.MARTIAL_LAW, M.ARREST,
                        M.DEPORT, M.WITHHOLD),
    PloverType.ASSAULT: (M.ABDUCT, M.BEAT, M.TORTURE, M.EXECUTE, M.SEXUAL, M.ASSASSINATE, M.DESTROY,
                         M.PRIMITIVE, M.FIREARMS, M.EXPLOSIVES, M.SUICIDE_ATTACK, M.HEAVY_WEAPONS,
                         M.CLEANSING, M.MASSACRE, M.UNCONVENTIONAL, M.SIDE_AB),
}
MODES = {PloverType(t).value: tuple(PloverMode(m).value for m in modes) for t, modes in MODES.items()}
del M


class PloverContext(models.TextChoices):
    """What an event is about; any number per record. The manual's general contexts, then its four
    special ones (when the event takes place, or that it did not)."""

    MILITARY = "military", "Military"
    INTELLIGENCE = "intelligence", "Intelligence"
    PEACEKEEPING = "peacekeeping", "Peacekeeping"
    ECONOMIC = "economic", "Economic"
    DIPLOMATIC = "diplomatic", "Diplomatic"
    RESOURCE = "resource", "Territory and natural resources"
    DISEASE = "disease", "Disease"
    ENVIRO_DISASTER = "enviro_disaster", "Environment and disasters"
    MIGRATION = "migration", "Migration and refugees"
    HUMANITARIAN = "humanitarian", "Humanitarian"
    ASYLUM = "asylum", "Asylum"
    LEGAL = "legal", "Legal (courts, law)"
    HUMAN_RIGHTS = "human_rights", "Human rights"
    RIGHTS_FREEDOMS = "rights_freedoms", "Political rights and freedoms"
    GENDER = "gender", "Gender"
    LGBT = "lgbt", "LGBTQ"
    TERRORISM = "terrorism", "Terrorism"
    HUMAN_SECURITY = "human_security", "Human security (water, food, housing...)"
    RELIGION_ETHNICITY = "religion_ethnicity", "Religion and ethnicity"
    EXECUTIVE = "executive", "Executive and bureaucracy"
    ELECTION = "election", "Elections"
    LEGISLATIVE = "legislative", "Legislative"
    CBRN = "cbrn", "Chemical, biological, radiological, nuclear"
    CYBER = "cyber", "Cyber"
    POLITICAL_INSTITUTIONS = "political_institutions", "Political institutions and norms"
    CORRUPTION = "corruption", "Corruption"
    CRIME = "crime", "Crime"
    ILLEGAL_DRUGS = "illegal_drugs", "Illegal drugs"
    HISTORICAL = "historical", "Historical (special)"
    FUTURE = "future", "Future (special)"
    HYPOTHETICAL = "hypothetical", "Hypothetical (special)"
    NEGATION = "negation", "Negation (special)"


_CONTEXT_ORDER = {value: i for i, value in enumerate(PloverContext.values)}


def mode_fits(plover_type: str, plover_mode: str) -> bool:
    """True when the mode is empty or one the type allows (a mode needs a type)."""
    return not plover_mode or plover_mode in MODES.get(plover_type, ())


def normalise_contexts(values) -> list[str]:
    """Contexts in canonical form: known values only, each once, in the manual's order.

    Raises ValueError naming the unknown values (and listing the allowed ones).
    """
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list | tuple | set | frozenset):
        raise ValueError("PLOVER contexts are a list of context names.")
    values = [v.strip() if isinstance(v, str) else v for v in values]
    unknown = [v for v in values if v not in _CONTEXT_ORDER]
    if unknown:
        raise ValueError(f"Unknown PLOVER context: {', '.join(map(str, unknown))}; use any of: "
                         f"{', '.join(PloverContext.values)}.")
    return sorted(set(values), key=_CONTEXT_ORDER.__getitem__)


def mode_constraint_condition(*, type_field: str = "plover_type", mode_field: str = "plover_mode") -> Q:
    """The database form of ``mode_fits``: no mode, or one the row's type allows."""
    condition = Q(**{mode_field: ""})
    for plover_type, modes in MODES.items():
        if modes:
            condition |= Q(**{type_field: plover_type, f"{mode_field}__in": list(modes)})
    return condition
