"""Ordinary use of the Python client openapi-python-client generates from /api/schema/.

tests/contract/test_python_client.py generates the client (package ``eventdb_client``), type-checks
this script with ``mypy --strict``, then runs it against a live server: ``python python_client_use.py
BASE_URL``. It prints one JSON object per line for the test to compare with the database.
"""

import json
import sys
from urllib.parse import parse_qs, urlsplit

from eventdb_client import Client
from eventdb_client.api.reactions import reactions_list
from eventdb_client.models import (
    CountryCodeEnum,
    Error,
    InvalidParameters,
    PaginatedReactionList,
    Reaction,
    StatusFilterEnum,
)


def emit(kind: str, **fields: object) -> None:
    print(json.dumps({"kind": kind, **fields}))


def describe(reaction: Reaction) -> dict[str, object]:
    # Every field is required in the schema, so none of these is "X | Unset".
    return {"slug": reaction.slug, "actor": reaction.actor.slug, "country": reaction.actor.country,
            "date": reaction.date.isoformat() if reaction.date else None,
            "precision": reaction.date_precision.value, "stance": reaction.stance.value,
            "sources": [citation.source.slug for citation in reaction.citations]}


def page_of(answer: PaginatedReactionList | Error | InvalidParameters | None) -> PaginatedReactionList:
    if not isinstance(answer, PaginatedReactionList):
        raise SystemExit(f"expected a page, got {answer!r}")
    return answer


def main(base_url: str) -> None:
    client = Client(base_url=base_url)  # anonymous: no credentials needed for any read

    nicaragua = page_of(reactions_list.sync(client=client, country=[CountryCodeEnum.NI]))
    for reaction in nicaragua.results:
        emit("nicaragua", **describe(reaction))

    two_actors = page_of(reactions_list.sync(client=client, actor=["nicaragua", "honduras"]))
    emit("two_actors", count=two_actors.count, slugs=[r.slug for r in two_actors.results])

    cursor: str | None = ""
    pages = 0
    while cursor is not None:
        page = page_of(reactions_list.sync(client=client, cursor=cursor, page_size=4))
        pages += 1
        emit("cursor_page", slugs=[r.slug for r in page.results])
        cursor = parse_qs(urlsplit(page.next_).query)["cursor"][0] if page.next_ else None
    emit("cursor_done", pages=pages)

    refused = reactions_list.sync(client=client, status=StatusFilterEnum.DRAFT)
    if isinstance(refused, InvalidParameters):
        emit("refused", parameters=sorted(refused.additional_properties),
             message=refused.additional_properties["status"][0])
    else:
        raise SystemExit(f"expected a 400 naming status, got {refused!r}")

    detailed = reactions_list.sync_detailed(client=client, page=999)
    if isinstance(detailed.parsed, Error):
        emit("not_found", status=int(detailed.status_code), detail=detailed.parsed.detail)
    else:
        raise SystemExit(f"expected a 404, got {detailed!r}")


if __name__ == "__main__":
    main(sys.argv[1])
