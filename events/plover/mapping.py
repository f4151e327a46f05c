"""The default PLOVER coding of a CAMEO code, read from the data file beside this module.

``plover_for_cameo("161")`` -> ``PloverCoding("SANCTION", "withdraw", ("diplomatic",))``. The table is
``cameo_to_plover.tsv`` (its header comment documents the format and names the source and version);
it is read and checked once per process, and a broken row stops with the file, line and problem.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path
from typing import NamedTuple

from events.plover.ontology import MODES, PloverType, mode_fits, normalise_contexts

TABLE_PATH = Path(__file__).with_name("cameo_to_plover.tsv")
COLUMNS = ["cameo", "plover_type", "plover_mode", "plover_contexts", "cameo_name", "note"]
CONTEXT_SEPARATOR = ";"
_CODE = re.compile(r"^\d{2,4}$")


class PloverCoding(NamedTuple):
    """A PLOVER coding: a type ('' for none), a mode ('' for none) and contexts (canonical order)."""

    type: str = ""
    mode: str = ""
    contexts: tuple[str, ...] = ()

    def __bool__(self):
        return bool(self.type)


NO_CODING = PloverCoding()


class MappingError(ValueError):
    """The mapping file is broken; the message names the file, the line and the problem."""


def parse_table(text: str, *, name: str = "cameo_to_plover.tsv") -> dict[str, PloverCoding]:
    """CAMEO code -> coding for every row of a mapping table in the documented format."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise MappingError(f"{name}: no rows")
    header_no, header = lines[0]
    if header.split("\t") != COLUMNS:
        raise MappingError(f"{name}, line {header_no}: the header must name the columns "
                           f"{', '.join(COLUMNS)} (tab-separated)")
    table: dict[str, PloverCoding] = {}
    for (number, _line), row in zip(lines[1:], csv.reader([line for _n, line in lines[1:]],
                                                          delimiter="\t", quoting=csv.QUOTE_NONE),
                                    strict=True):
        where = f"{name}, line {number}"
        if len(row) != len(COLUMNS):
            raise MappingError(f"{where}: {len(row)} columns, expected {len(COLUMNS)} separated by tabs")
        code, plover_type, mode, contexts, _cameo_name, _note = (cell.strip() for cell in row)
        if not _CODE.match(code):
            raise MappingError(f"{where}: {code!r} is not a CAMEO code (2 to 4 digits)")
        if code in table:
            raise MappingError(f"{where}: CAMEO {code} has a row already")
        if plover_type and plover_type not in PloverType.values:
            raise MappingError(f"{where}: {plover_type!r} is not a PLOVER type; use one of: "
                               f"{', '.join(PloverType.values)}")
        if not plover_type and (mode or contexts):
            raise MappingError(f"{where}: a row without a type (no PLOVER equivalent) takes no mode or "
                               f"contexts")
        if not mode_fits(plover_type, mode):
            allowed = ", ".join(MODES[plover_type]) or "none"
            raise MappingError(f"{where}: {mode!r} is not a mode of {plover_type}; its modes: {allowed}")
        parts = [c for c in contexts.split(CONTEXT_SEPARATOR) if c.strip()] if contexts else []
        try:
            canonical = normalise_contexts(parts)
        except ValueError as exc:
            raise MappingError(f"{where}: {exc}") from None
        table[code] = PloverCoding(plover_type, mode, tuple(canonical))
    return table


@functools.cache
def load_table(path: Path | str = TABLE_PATH) -> dict[str, PloverCoding]:
    path = Path(path)
    return parse_table(path.read_text(encoding="utf-8"), name=path.name)


def resolve(code: str, table: dict[str, PloverCoding]) -> PloverCoding | None:
    """The coding of ``code``: its own row, else its nearest parent's; None when no row decides."""
    code = (code or "").strip()
    while len(code) >= 2:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def plover_for_cameo(code: str | None) -> PloverCoding:
    """The default PLOVER coding of a CAMEO code; ``NO_CODING`` (empty) when PLOVER has none or the
    record has no CAMEO code. A pure function of the code and the mapping file."""
    return resolve(code or "", load_table()) or NO_CODING
