"""The README's pandas call reads every CSV export as the JSON API says it: codes as text, NA as Namibia."""

import io
from pathlib import Path

import pandas as pd
import pytest

from tests.factories import ActorFactory, EventFactory, ReactionFactory

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
# The call the README documents (section "Stats, CSV, HTTP caching, CORS").
READ_CSV = {"dtype": str, "keep_default_na": False, "na_values": [""], "date_format": "ISO8601"}
DATES = {"reactions": ["date", "updated_at"], "statements": ["date", "updated_at"],
         "events": ["date", "updated_at"], "actors": ["updated_at"],
         "sources": ["published_on", "updated_at"]}


@pytest.fixture
def namibia(seeded):
    namibia = ActorFactory(slug="namibia", name="Namibia", country="NA")
    event = EventFactory(slug="windhoek-talks", country="NA", cameo_code="036")
    ReactionFactory(slug="namibia-calls-for-talks", actor=namibia, event=event, cameo_code="026")


def read(api_client, resource, **kwargs):
    response = api_client.get(f"/api/{resource}/", {"format": "csv"})
    assert response.status_code == 200
    return pd.read_csv(io.StringIO(b"".join(response.streaming_content).decode()), **kwargs)


def test_the_readme_documents_the_call():
    for text in ("dtype=str", "keep_default_na=False", 'na_values=[""]', 'date_format="ISO8601"',
                 "parse_dates="):
        assert text in README, text


def test_without_it_pandas_reads_cameo_codes_as_numbers_and_namibia_as_missing(api_client, namibia):
    naive = read(api_client, "reactions").set_index("slug")
    assert naive.loc["namibia-calls-for-talks", "cameo_code"] == 26.0
    assert pd.isna(naive.loc["namibia-calls-for-talks", "country"])


@pytest.mark.parametrize("resource", DATES)
def test_with_it_every_column_reads_as_the_json_api_shows_it(api_client, namibia, resource):
    frame = read(api_client, resource, parse_dates=DATES[resource], **READ_CSV).set_index("public_id")
    rows = api_client.get(f"/api/{resource}/", {"page_size": 1000}).json()["results"]
    assert len(frame) == len(rows)
    for row in rows:
        record = frame.loc[row["public_id"]]
        assert record["slug"] == row["slug"]
        for column in ("cameo_code", "country", "kind", "status", "date_precision"):
            if column in row and column in frame.columns:
                # Text, empty when the API has "" or null; never a number, never a lost "NA".
                value = record[column]
                assert (value if isinstance(value, str) else "") == (row[column] or ""), (column, row["slug"])
        for column in DATES[resource]:
            if column == "updated_at":
                assert record[column] == pd.Timestamp(row[column]), column
            else:
                assert (pd.isna(record[column]) if row[column] is None
                        else record[column] == pd.Timestamp(row[column])), column


def test_namibia_and_leading_zeros_survive(api_client, namibia):
    reactions = read(api_client, "reactions", parse_dates=DATES["reactions"], **READ_CSV).set_index("slug")
    assert reactions.loc["namibia-calls-for-talks", "country"] == "NA"
    assert reactions.loc["namibia-calls-for-talks", "cameo_code"] == "026"
    events = read(api_client, "events", parse_dates=DATES["events"], **READ_CSV).set_index("slug")
    assert events.loc["windhoek-talks", "cameo_code"] == "036"
    assert events.loc["windhoek-talks", "country"] == "NA"
