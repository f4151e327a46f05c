"""The CAMEO -> PLOVER mapping (events/plover/cameo_to_plover.tsv) as a specification.

One test per family of rows (a CAMEO root and its sub-codes), the seed data's expectations, and checks
that hold for every row a curator may add: values the PLOVER manual defines, every code resolved.
"""

import pytest

from events.cameo import CAMEO_CODES
from events.plover import MODES, PloverContext, PloverType, plover_for_cameo
from events.plover.mapping import (
    COLUMNS,
    NO_CODING,
    TABLE_PATH,
    MappingError,
    PloverCoding,
    load_table,
    parse_table,
    resolve,
)


def coding(code):
    return tuple(plover_for_cameo(code))


# --- the seed data --------------------------------------------------------------------------------

def test_severed_diplomatic_ties_are_a_sanction_withdrawing_in_a_diplomatic_context():
    assert coding("161") == ("SANCTION", "withdraw", ("diplomatic",))


def test_a_lawsuit_is_an_accusation_in_a_legal_context():
    plover_type, mode, contexts = coding("115")
    assert (plover_type, contexts) == ("ACCUSE", ("legal",))
    assert mode == "allege"  # the manual's allege: "sue, indict, or charge"


@pytest.mark.parametrize("code", ["01", "010", "016", "02", "020", "026", "0213"])
def test_statements_and_appeals_have_no_plover_equivalent(code):
    assert plover_for_cameo(code) == NO_CODING
    assert not plover_for_cameo(code)


@pytest.mark.parametrize("code", ["", None, "  "])
def test_a_record_without_a_cameo_code_gets_no_coding(code):
    # An abstention has no CAMEO code; PLOVER has no abstention either.
    assert plover_for_cameo(code) == NO_CODING


# --- one expectation per family ------------------------------------------------------------------

FAMILIES = {
    "03 express intent to cooperate": [
        ("03", "AGREE", "", ()),
        ("036", "AGREE", "", ("diplomatic",)),
        ("0312", "AGREE", "", ("military",)),
    ],
    "04 consult": [
        ("040", "CONSULT", "", ()),
        ("041", "CONSULT", "phone", ()),
        ("043", "CONSULT", "visit", ()),
        ("044", "CONSULT", "third-party", ()),
    ],
    "05 diplomatic cooperation": [
        ("05", "SUPPORT", "", ()),
        ("051", "SUPPORT", "", ("diplomatic",)),
    ],
    "06 material cooperation": [
        ("064", "COOPERATE", "", ("intelligence",)),
    ],
    "07 aid": [
        ("073", "AID", "", ("humanitarian",)),
        ("075", "AID", "", ("asylum",)),
    ],
    "08 yield, split into verbal and material": [
        ("08", "CONCEDE", "", ()),
        ("081", "CONCEDE", "", ("legal",)),
        ("0813", "RETREAT", "", ("legal",)),
        ("0841", "RETREAT", "release", ("legal",)),
        ("085", "RETREAT", "", ("economic",)),
    ],
    "09 investigate": [
        ("090", "ACCUSE", "investigate", ()),
        ("091", "ACCUSE", "investigate", ("corruption", "crime")),
    ],
    "10 demand": [
        ("10", "DEMAND", "", ()),
        ("1053", "DEMAND", "yield", ("legal",)),
        ("106", "DEMAND", "meet", ("diplomatic",)),
    ],
    "11 disapprove": [
        ("111", "ACCUSE", "disapprove", ()),
        ("112", "ACCUSE", "allege", ()),
        ("114", "ACCUSE", "allege", ("diplomatic",)),
        ("116", "SANCTION", "convict", ("legal",)),
    ],
    "12 reject": [
        ("120", "REJECT", "", ()),
        ("125", "REJECT", "meet", ("diplomatic",)),
    ],
    "13 threaten": [
        ("1313", "THREATEN", "relations", ("diplomatic",)),
        ("1321", "THREATEN", "", ("human_rights",)),
        ("1385", "THREATEN", "violence", ("cbrn",)),
    ],
    "14 protest": [
        ("141", "PROTEST", "demo", ()),
        ("1423", "PROTEST", "hunger", ("rights_freedoms",)),
    ],
    "15 force posture": [
        ("150", "MOBILIZE", "", ()),
        ("154", "MOBILIZE", "troops", ("military",)),
    ],
    "16 reduce relations": [
        ("160", "SANCTION", "", ()),
        ("162", "SANCTION", "discontinue", ("human_security",)),
        ("163", "COERCE", "restrict", ("diplomatic",)),
        ("166", "SANCTION", "expel", ("diplomatic",)),
    ],
    "17 coerce": [
        ("171", "COERCE", "confiscate", ("human_security",)),
        ("1712", "ASSAULT", "destroy", ("human_security",)),
        ("173", "COERCE", "arrest", ("legal",)),
        ("174", "COERCE", "deport", ("legal",)),
        ("1723", "COERCE", "curfew", ("rights_freedoms",)),
        ("175", "ASSAULT", "", ("military",)),
    ],
    "18 assault": [
        ("18", "ASSAULT", "", ()),
        ("181", "ASSAULT", "abduct", ()),
        ("1832", "ASSAULT", "explosives", ()),
    ],
    "19 fight": [
        ("19", "ASSAULT", "", ()),
        ("191", "COERCE", "restrict", ("military",)),
        ("194", "ASSAULT", "heavy-weapons", ("military",)),
    ],
    "20 unconventional mass violence": [
        ("20", "ASSAULT", "", ()),
        ("202", "ASSAULT", "massacre", ("religion_ethnicity",)),
        ("2041", "ASSAULT", "unconventional", ("cbrn",)),
    ],
}


@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_family_of_cameo_codes_maps_as_the_table_says(family):
    for code, plover_type, mode, contexts in FAMILIES[family]:
        assert coding(code) == (plover_type, mode, contexts), code


def test_a_code_without_a_row_takes_its_nearest_parents_coding():
    table = parse_table("\t".join(COLUMNS) + "\n16\tSANCTION\t\t\tReduce relations\t\n"
                        "161\tSANCTION\twithdraw\tdiplomatic\tBreak relations\t\n")
    assert resolve("1611", table) == PloverCoding("SANCTION", "withdraw", ("diplomatic",))
    assert resolve("164", table) == PloverCoding("SANCTION", "", ())
    assert resolve("17", table) is None


# --- what holds for every row --------------------------------------------------------------------

def test_every_row_uses_only_types_modes_and_contexts_the_manual_defines():
    table = load_table()
    assert table
    for code, row in table.items():
        assert row.type in PloverType.values or row == NO_CODING, code
        assert not row.mode or row.mode in MODES[row.type], code
        assert set(row.contexts) <= set(PloverContext.values), code


def test_every_cameo_code_the_database_accepts_has_a_decided_coding():
    table = load_table()
    undecided = [code for code in CAMEO_CODES if resolve(code, table) is None]
    assert undecided == []


def test_every_cameo_root_has_a_row():
    table = load_table()
    assert {f"{n:02d}" for n in range(1, 21)} <= set(table)


def test_the_file_names_its_source_and_version():
    header = TABLE_PATH.read_text(encoding="utf-8").split("\ncameo\t")[0]
    assert "openeventdata/PLOVER" in header
    assert "e834df5b3a302f99af1f23cda08fa34b383ca598" in header  # the table's commit
    assert "6b85b9a7506bb372bf6828d68bf922f1e92e750a" in header  # the manual's commit


# --- a curator's broken edit is refused, naming the line ---------------------------------------

HEADER = "# a comment\n" + "\t".join(COLUMNS) + "\n"


@pytest.mark.parametrize(("row", "message"), [
    ("161\tSANCTIONS\twithdraw\t\tx\t", "'SANCTIONS' is not a PLOVER type"),
    ("161\tSANCTION\tvisit\t\tx\t", "'visit' is not a mode of SANCTION; its modes: convict, expel"),
    ("040\tCONSULT\t\tdiplomacy\tx\t", "Unknown PLOVER context: diplomacy"),
    ("16a\tSANCTION\t\t\tx\t", "'16a' is not a CAMEO code"),
    ("161 SANCTION withdraw diplomatic x", "1 columns, expected 6 separated by tabs"),
    ("01\t\tvisit\t\tx\t", "a row without a type (no PLOVER equivalent) takes no mode"),
])
def test_a_broken_row_is_refused_with_its_line_and_problem(row, message):
    with pytest.raises(MappingError) as error:
        parse_table(HEADER + row + "\n", name="mine.tsv")
    assert "mine.tsv, line 3: " in str(error.value)
    assert message in str(error.value)


def test_a_code_given_twice_is_refused():
    with pytest.raises(MappingError, match="line 4: CAMEO 161 has a row already"):
        parse_table(HEADER + "161\tSANCTION\t\t\tx\t\n161\tACCUSE\t\t\tx\t\n")


def test_a_table_without_the_documented_header_is_refused():
    with pytest.raises(MappingError, match="the header must name the columns"):
        parse_table("161\tSANCTION\t\t\tx\t\n")
