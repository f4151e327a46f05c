"""The review page's article: the archived text with every proposal's passage highlighted.

Built from offsets, never by marking up the text with string replacement: the text is split at every
passage boundary, each piece escaped, and each piece that lies inside one or more passages wrapped in a
``<mark>`` naming them. Overlapping passages (three countries condemning in one sentence, a statement
inside a reaction's sentence) therefore nest nothing and lose nothing: the shared piece is one mark
for all of them, styled as an overlap. An empty anchor at each passage's start lets the proposals list
link to it.
"""

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Passage:
    """One proposal's passage: ``text[start:end]`` of the archived text."""

    key: int  # the proposal's primary key, for anchors and titles
    start: int
    end: int
    label: str  # the proposal's summary, shown on hover


def anchor_id(key) -> str:
    return f"passage-{key}"


def highlighted(text: str, passages: list[Passage]) -> SafeString:
    """``text`` as safe HTML with each passage's span inside ``<mark>`` elements (see module doc).

    Passages outside the text or empty are left out rather than guessed at.
    """
    usable = sorted((p for p in passages if 0 <= p.start < p.end <= len(text)), key=lambda p: p.key)
    cuts = sorted({0, len(text), *(p.start for p in usable), *(p.end for p in usable)})
    starts = {}
    for passage in usable:
        starts.setdefault(passage.start, []).append(passage)
    parts = []
    for low, high in zip(cuts, cuts[1:], strict=False):
        for passage in starts.get(low, ()):
            parts.append(format_html('<span class="passage-anchor" id="{}"></span>', anchor_id(passage.key)))
        covering = [p for p in usable if p.start <= low and high <= p.end]
        piece = text[low:high]
        if not covering:
            parts.append(escape(piece))
            continue
        parts.append(format_html(
            '<mark class="{}" data-proposals="{}" title="{}">{}</mark>',
            "passage overlap" if len(covering) > 1 else "passage",
            " ".join(str(p.key) for p in covering),
            " · ".join(p.label for p in covering),
            piece))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped or built by format_html
