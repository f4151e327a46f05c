"""Dates as the article gives them, never guessed.

- An explicit date is used: "April 5, 2024", "5 April 2024", "2024-04-05" (day); "April 2024"
  (month); "in 2024" (year).
- A date without a year ("on April 5"), a weekday ("on Saturday", "late Friday") and "today",
  "yesterday", "last night" need the publication date: without it they give nothing. A weekday is
  the latest such day on or before publication; a day and month without year, the latest such date
  on or before publication.
- A date after "since", "until", "before", "by", "from" ... marks a period's edge, not when the
  reaction happened: it is skipped.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from . import rx
from .text import span
from .types import ProposedDate

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

_MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b")),
    (
        "mdy",
        re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
        ),
    ),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b")),
    ("year", re.compile(r"\bin\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-/]\s*\d)")),
    ("weekday", re.compile(r"\b(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b")),
    (
        "relative",
        re.compile(
            r"\b(?P<relative>today|yesterday|last\s+night|this\s+morning|this\s+afternoon|this\s+evening|tonight)\b"
        ),
    ),
]
# Words before a date that make it a bound or an aside, not the date of the action.
_SKIP_BEFORE = re.compile(
    r"\b(?:since|until|till|before|by|from|for|through|between|after|ahead\s+of|prior\s+to|as\s+of|"
    r"last|next|every|each|earlier\s+than|later\s+than)\s+(?:late\s+|early\s+|mid-?\s*|the\s+)?$"
)


# A conjunction or preposition that opens the clause of another event: "expelled the envoy on Monday
# after he described migrants as ...", "Following the vote on Monday, Chile recalled ...".
_OTHER_EVENT = re.compile(
    r"\b(?:after|before|when|since|until|once|because|following|whereas|although|though|while)\b|;"
)
# A relative clause between a date and a verb: the verb is the relative clause's, another moment.
_RELATIVE = re.compile(r"\b(?:which|whom|whose)\b")
# Words that put what follows them in the future: a date after them is not when anything was said
# or done ("will discuss the incident on Monday, a spokesperson said").
FUTURE = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|was\s+to|were\s+to|scheduled|due\s+to|set\s+to|next)\b|'ll\b"
)
# A date of a thing, not of an event the sentence tells: "the commission they set up in 1984", "a 1992
# treaty".
FOUNDED = re.compile(
    r"\b(?:set\s+up|signed|founded|established|created|built|agreed|adopted|drawn\s+up|ratified|formed)"
    r"\s+in\s+(?:[a-z]+\s+)?$"
)
THING_YEAR = re.compile(r"\s+(?:treaty|agreement|accord|convention|pact|law|constitution|charter|protocol)\b")
# A date that names an event rather than dating the verb: "Friday's raid", "the March 3 vote".
_ATTRIBUTIVE_AFTER = re.compile(r"'s?\b")
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$")
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:and|or|but|to|in|at|on|of|by|for|from|with|when|after|before|as|that|which|the|a|an|"
    r"it|he|she|they|was|were|is|are|had|has)\b)[a-z]"
)
# ", Viktor Hale," / ", after a cabinet meeting,": an aside between a date and its verb.
_COMMA_ASIDE = re.compile(r",[^,;\"]{0,80},")


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    date: ProposedDate


def find_dates(
    text: str, folded: str, start: int, end: int, published: datetime.date | None
) -> list[FoundDate]:
    """Every usable date expression in folded[start:end], resolved; unresolvable ones are left out."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    window = folded[start:end]
    for name, regex in _PATTERNS:
        for m in regex.finditer(window):
            s, e = start + m.start(), start + m.end()
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            if _SKIP_BEFORE.search(folded[max(0, s - 30) : s]):
                continue
            at = start + m.start("year") if name == "year" else s
            if FOUNDED.search(folded[max(0, at - 30) : at]) or THING_YEAR.match(folded, e):
                continue  # a thing's date
            if _ATTRIBUTIVE_AFTER.match(folded, e) or (
                _ATTRIBUTIVE_BEFORE.search(folded[max(0, s - 12) : s]) and _NOUN_AFTER.match(text, e)
            ):
                continue  # "condemned Friday's raid", "the March 3 vote": the date of what is named
            if name in ("weekday", "mdy", "dmy") and not text[s].isupper() and not text[s].isdigit():
                # "may" is a verb and "march" a noun unless written with a capital.
                if name == "weekday" or m.group("month") in ("may", "march", "mar", "sept", "sep"):
                    continue
            value = _resolve(name, m, published)
            if value is not None:
                found.append(FoundDate(s, e, ProposedDate(value[0], value[1], span(text, s, e))))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(name, m, published):
    groups = m.groupdict()
    try:
        if name == "iso":
            return datetime.date(int(groups["year"]), int(groups["mon"]), int(groups["day"])), "day"
        if name in ("mdy", "dmy"):
            month, day = MONTHS[groups["month"]], int(groups["day"])
            if groups.get("year"):
                return datetime.date(int(groups["year"]), month, day), "day"
            if published is None:
                return None
            candidate = datetime.date(published.year, month, day)
            if candidate > published:
                candidate = datetime.date(published.year - 1, month, day)
            return candidate, "day"
        if name == "my":
            return datetime.date(int(groups["year"]), MONTHS[groups["month"]], 1), "month"
        if name == "year":
            return datetime.date(int(groups["year"]), 1, 1), "year"
        if name == "weekday":
            if published is None:
                return None
            back = (published.weekday() - WEEKDAYS[groups["weekday"]]) % 7
            return published - datetime.timedelta(days=back), "day"
        if name == "relative":
            if published is None:
                return None
            relative = rx.sub(r"\s+", " ", groups["relative"])
            if relative in ("yesterday", "last night"):
                return published - datetime.timedelta(days=1), "day"
            return published, "day"
    except ValueError:  # "February 30": not a date
        return None
    return None


def nearest(dates: list[FoundDate], position: int) -> ProposedDate:
    """The date expression closest to `position` (the verb of the reaction), or unknown."""
    if not dates:
        return ProposedDate.unknown()
    best = min(dates, key=lambda d: min(abs(d.start - position), abs(d.end - position)))
    return best.date


def of_another_moment(
    folded: str, date: FoundDate, verb_start: int, verb_end: int, clause_start: int
) -> bool:
    """The date tells another moment than the verb's: a conjunction such as "after" or "when" stands
    between them (asides aside), the date closes a clause that opens on one ("After the vote on
    Monday, Chile ..."), or a future word stands before it in the verb's clause ("the council will
    meet on Monday, a spokesperson said"; "said it would meet on Friday")."""
    if date.start >= verb_end:
        between = folded[verb_end : date.start]
    else:
        between = folded[date.end : verb_start]
    if _OTHER_EVENT.search(_COMMA_ASIDE.sub(" ", between)) or _RELATIVE.search(between):
        return True  # "summoned the envoy on Friday over remarks in which he called ..."
    start = min(clause_start, date.start)
    if date.start < verb_start:
        fronted = rx.search(rf"(?:{_OTHER_EVENT.pattern})[^,]*$", folded[start : date.start])
        if fronted and "," in folded[date.end : verb_start]:
            return True
        return bool(FUTURE.search(_COMMA_ASIDE.sub(" ", folded[start : date.start])))
    return bool(FUTURE.search(folded[verb_end : date.start]))
