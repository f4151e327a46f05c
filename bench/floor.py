"""The floor: the least a Python web process can do to answer the benchmark's requests.

A bare WSGI app (no Django) that runs the same SQL the API runs for each request type with psycopg 3
and serialises the rows to the same JSON shape with orjson. The API's throughput is reported as a
ratio of this one's, under identical gunicorn settings, so the figure says how much the framework
costs rather than how fast the machine is.

Routes mirror the API: /api/reactions/?country=XX|date_after&date_before|q=word|plover_type=..&
plover_mode=..&plover_context=..|cursor=..,
/api/reactions/<slug>/, /api/reactions/stats/?group_by=country. Only what the benchmark sends is
understood. Database from FLOOR_DATABASE_URL (a postgres:// URL).
"""

import base64
import json
import os
from urllib.parse import parse_qs

import orjson
import psycopg
from django.conf import settings

if not settings.configured:  # bench/inprocess.py imports the floor beside the configured API
    settings.configure(USE_I18N=False)  # only so django_countries' lazy names turn into plain strings

from django_countries.data import COUNTRIES as _LAZY  # noqa: E402

from events.cameo import CAMEO_CODES  # noqa: E402

COUNTRIES = {code: str(name) for code, name in _LAZY.items()}

COUNT_LIMIT = 1_000
PAGE = 50
_conn = None

SELECT = """
SELECT r.id, r.public_id, r.slug, a.slug, a.name, a.kind, a.country, e.slug, e.title, e.date,
       e.date_precision, r.kind, r.stance, r.date, r.date_precision, r.description, r.cameo_code,
       r.certainty, r.status, r.created_at, r.updated_at, r.plover_type, r.plover_mode, r.plover_contexts,
       r.plover_hand_coded
FROM events_reaction r
JOIN actors_actor a ON a.id = r.actor_id
JOIN events_event e ON e.id = r.event_id
"""
CITATIONS = """
SELECT c.reaction_id, s.slug, s.title, s.publisher, s.kind, c.excerpt, c.excerpt_start, c.excerpt_end
FROM sources_citation c JOIN sources_source s ON s.id = c.source_id
WHERE c.reaction_id = ANY(%s) ORDER BY c.id
"""


def conn():
    global _conn
    if _conn is None or _conn.closed:
        _conn = psycopg.connect(os.environ["FLOOR_DATABASE_URL"], autocommit=True)
    return _conn


def _rows_to_json(cur, rows):
    ids = [r[0] for r in rows]
    cites: dict[int, list] = {i: [] for i in ids}
    if ids:
        cur.execute(CITATIONS, (ids,))
        for rid, slug, title, publisher, kind, excerpt, start, end in cur.fetchall():
            cites[rid].append({"source": {"slug": slug, "title": title, "publisher": publisher, "kind": kind},
                               "excerpt": excerpt, "excerpt_start": start, "excerpt_end": end,
                               "verified": start is not None})
    out = []
    for r in rows:
        out.append({
            "public_id": r[1], "slug": r[2],
            "actor": {"slug": r[3], "name": r[4], "kind": r[5], "country": r[6],
                      "country_name": COUNTRIES.get(r[6], "")},
            "event": {"slug": r[7], "title": r[8], "date": r[9], "date_precision": r[10]},
            "kind": r[11], "stance": r[12], "date": r[13], "date_precision": r[14], "description": r[15],
            "cameo_code": r[16], "cameo_label": CAMEO_CODES.get(r[16], ""), "plover_type": r[21],
            "plover_mode": r[22], "plover_contexts": r[23], "plover_hand_coded": r[24], "certainty": r[17],
            "status": r[18], "citations": cites[r[0]], "created_at": r[19], "updated_at": r[20],
        })
    return out


def _list(cur, where, params, *, count=True, cursor_mode=False):
    """``where`` is written for the alias {t}; the API's SQL shape: a capped count, then the page's
    ids (index-only where an index covers the filter) and its rows by id (core/api/pagination.py)."""
    body = {}
    if count:
        cur.execute(f"SELECT count(*) FROM (SELECT r.id FROM events_reaction r WHERE {where.format(t='r')} "
                    f"LIMIT {COUNT_LIMIT + 1}) s", params)
        n = cur.fetchone()[0]
        body["count"] = min(n, COUNT_LIMIT)
        body["count_exact"] = n <= COUNT_LIMIT
    cur.execute(f"{SELECT} WHERE {where.format(t='r')} AND r.id IN (SELECT u.id FROM events_reaction u "
                f"WHERE {where.format(t='u')} ORDER BY u.date, u.id LIMIT {PAGE + 1}) ORDER BY r.date, r.id",
                params + params)
    rows = cur.fetchall()
    body["next"] = "more" if len(rows) > PAGE else None
    if not cursor_mode:
        body["previous"] = None
    body["results"] = _rows_to_json(cur, rows[:PAGE])
    return body


def _actor_ids(cur, condition, value):
    # As the API does: resolve the few matching actors first, then filter reactions by actor_id.
    cur.execute(f"SELECT id FROM actors_actor WHERE {condition}", (value,))
    return [r[0] for r in cur.fetchall()]


def handle(path, query):
    cur = conn().cursor()
    q = {k: v[0] for k, v in parse_qs(query).items()}
    base = "{t}.status = 'reviewed'"
    if path == "/api/reactions/stats/":
        cur.execute("SELECT NULLIF(a.country, '') AS k, count(*) FROM events_reaction r JOIN actors_actor a "
                    "ON a.id = r.actor_id WHERE r.status = 'reviewed' GROUP BY k ORDER BY count(*) DESC, k")
        results = [{"key": k, "label": COUNTRIES.get(k, "Unknown"), "count": n}
                   for k, n in cur.fetchall()]
        return {"group_by": "country", "interval": None, "total": sum(r["count"] for r in results),
                "results": results}
    if path != "/api/reactions/":
        slug = path.rstrip("/").rsplit("/", 1)[-1]
        cur.execute(f"{SELECT} WHERE {base.format(t='r')} AND r.slug = %s", (slug,))
        rows = cur.fetchall()
        return _rows_to_json(cur, rows)[0] if rows else None
    if "cursor" in q:
        data = json.loads(base64.urlsafe_b64decode(q["cursor"] + "=" * (-len(q["cursor"]) % 4)))
        day, last_id = data["v"]
        return _list(cur, f"{base} AND {{t}}.date IS NOT NULL AND {{t}}.date >= %s AND ({{t}}.date > %s OR "
                          f"{{t}}.id > %s)", (day, day, last_id), count=False, cursor_mode=True)
    if "country" in q:
        actors = _actor_ids(cur, "country = %s", q["country"].upper())
        return _list(cur, f"{base} AND {{t}}.actor_id = ANY(%s)", (actors,))
    if {"plover_type", "plover_mode", "plover_context"} & q.keys():
        # As events/filtersets.py: each parameter any of its comma-separated values; contexts by jsonb ?|.
        where, params = [base], []
        for name, column in (("plover_type", "plover_type"), ("plover_mode", "plover_mode")):
            if name in q:
                where.append(f"{{t}}.{column} = ANY(%s)")
                params.append(q[name].split(","))
        if "plover_context" in q:
            where.append("{t}.plover_contexts ?| %s")
            params.append(q["plover_context"].split(","))
        return _list(cur, " AND ".join(where), tuple(params))
    if "q" in q:
        term = f"%{q['q'].lower()}%"
        actors = _actor_ids(cur, "search_text LIKE %s", term)
        return _list(cur, f"{base} AND ({{t}}.search_text LIKE %s OR {{t}}.actor_id = ANY(%s))",
                     (term, actors))
    return _list(cur, f"{base} AND {{t}}.date >= %s AND {{t}}.date <= %s",
                 (q["date_after"], q["date_before"]))


def application(environ, start_response):
    body = handle(environ.get("PATH_INFO", "/"), environ.get("QUERY_STRING", ""))
    if body is None:
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"detail":"Not found."}']
    data = orjson.dumps(body)
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]
