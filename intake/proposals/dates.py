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
