"""Real, varied traffic for ``make bench``: many distinct questions per view, drawn from the data.

A reader does not ask one URL over and over: they open other speakers, other weeks, page 2. So
each view gets ``n`` distinct questions (speakers, countries, weeks and months, search words,
event ids, keyset cursors taken from real pages, combined filters), each written twice: as the
app's URL and as the same question to Datasette (a canned query with the same filter, the same
order and the same page size). ``check_rows`` asks a few of them from both and compares the
event ids, so the two servers are known to answer the same question.
"""

from __future__ import annotations

import json
import random
import sqlite3
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from app.filters import DEFAULT_LIMIT
from app.search import search_key

PAGE_SIZE = DEFAULT_LIMIT
VIEWS = (
    "stories",
    "timeline",
    "country",
    "speaker",
    "date_range",
    "search",
    "permalink",
    "api",
    "combined",
)


@dataclass(frozen=True)
class Question:
    """One question: the app's path and Datasette's path for it."""

    app: str
    datasette: str


# Datasette's canned queries: the rows a timeline card shows, in the app's order (undated last,
# then date_start, id), a page of PAGE_SIZE; the keyset is the app's (the rows after the cursor).
# Written as well as we can write them for SQLite, so that Datasette is not handicapped: a
# correlated EXISTS for a country (a primary-key probe per row, as the app does), the FTS table
# joined by its event id, and a keyset page as two index seeks (the dated rows after the cursor,
# then the undated ones) instead of one OR that scans.
_COLUMNS = """e.id, e.date, e.kind, s.name_ar AS speaker, e.speaker_role_ar AS role, e.text,
  (SELECT group_concat(country, ',') FROM event_country c WHERE c.event_id = e.id) AS countries,
  (SELECT group_concat(text, ' | ') FROM quote WHERE quote.event_id = e.id) AS quotes,
  a.outlet, a.source_file, e.date_start"""
_FROM = (
    "FROM event e LEFT JOIN speaker s ON s.id = e.speaker_id JOIN article a ON a.id = e.article_id"
)


def _rows(where: str) -> str:
    return (
        f"SELECT {_COLUMNS} {_FROM} WHERE {where} "
        f"ORDER BY e.date_start IS NULL, e.date_start, e.id LIMIT {PAGE_SIZE}"
    )


def _paged(where: str) -> str:
    """A keyset page: ``:after_day``/``:after_id`` = ``0000-00-00``/'' for the first page,
    ``none``/ID after an undated event."""
    dated = (
        f"SELECT {_COLUMNS}, 0 AS undated {_FROM} WHERE {where} AND e.date_start IS NOT NULL "
        "AND :after_day != 'none' AND (e.date_start, e.id) > (:after_day, :after_id) "
        f"ORDER BY e.date_start, e.id LIMIT {PAGE_SIZE}"
    )
    undated = (
        f"SELECT {_COLUMNS}, 1 AS undated {_FROM} WHERE {where} AND e.date_start IS NULL "
        f"AND (:after_day != 'none' OR e.id > :after_id) ORDER BY e.id LIMIT {PAGE_SIZE}"
    )
    return (
        f"SELECT * FROM (SELECT * FROM ({dated}) UNION ALL SELECT * FROM ({undated})) "
        f"ORDER BY undated, date_start, id LIMIT {PAGE_SIZE}"
    )


def _country_paged() -> str:
    """A country's keyset page read as the app reads it (migration 0010): ``event_country`` in
    the timeline's order (its ``date_start`` copy, ``ix_event_country_order``), the dated rows
    after the cursor, then the undated ones, each a seek of that index."""
    frm = f"FROM event_country ec JOIN event e ON e.id = ec.event_id {_FROM.split(' ', 3)[3]}"
    where = "ec.country = :country AND NOT e.background"
    dated = (
        f"SELECT {_COLUMNS}, 0 AS undated {frm} WHERE {where} AND (ec.date_start IS NULL) = 0 "
        "AND :after_day != 'none' AND (ec.date_start, ec.event_id) > (:after_day, :after_id) "
        f"ORDER BY ec.date_start, ec.event_id LIMIT {PAGE_SIZE}"
    )
    undated = (
        f"SELECT {_COLUMNS}, 1 AS undated {frm} WHERE {where} AND (ec.date_start IS NULL) = 1 "
        "AND ec.date_start IS NULL AND (:after_day != 'none' OR ec.event_id > :after_id) "
        f"ORDER BY ec.event_id LIMIT {PAGE_SIZE}"
    )
    return (
        f"SELECT * FROM (SELECT * FROM ({dated}) UNION ALL SELECT * FROM ({undated})) "
        f"ORDER BY undated, date_start, id LIMIT {PAGE_SIZE}"
    )


def _stories_paged() -> str:
    """The stories timeline (the app's ``/``): stories with a report on the default timeline,
    in the timeline's order (undated last, then date_start, id), each with its canonical
    report's speaker and text; a keyset page as two seeks, as for events."""
    cols = "s.id, s.date, s.kind, s.reports, sp.name_ar AS speaker, e.text, s.date_start"
    frm = (
        "FROM story s JOIN event e ON e.id = s.canonical_event_id "
        "LEFT JOIN speaker sp ON sp.id = s.speaker_id"
    )
    where = "EXISTS (SELECT 1 FROM event r WHERE r.story_id = s.id AND NOT r.background)"
    # ``(s.date_start IS NULL) = 0 / 1``: the first column of ix_story_order (the story table's
    # only order index), so that each part seeks it as the app's pages do (without it SQLite
    # scanned and sorted every story: 5-7 s a page at 100k events)
    dated = (
        f"SELECT {cols}, 0 AS undated {frm} WHERE {where} AND (s.date_start IS NULL) = 0 "
        "AND s.date_start IS NOT NULL "
        "AND :after_day != 'none' AND (s.date_start, s.id) > (:after_day, :after_id) "
        f"ORDER BY s.date_start, s.id LIMIT {PAGE_SIZE}"
    )
    undated = (
        f"SELECT {cols}, 1 AS undated {frm} WHERE {where} AND (s.date_start IS NULL) = 1 "
        "AND s.date_start IS NULL "
        f"AND (:after_day != 'none' OR s.id > :after_id) ORDER BY s.id LIMIT {PAGE_SIZE}"
    )
    return (
        f"SELECT * FROM (SELECT * FROM ({dated}) UNION ALL SELECT * FROM ({undated})) "
        f"ORDER BY undated, date_start, id LIMIT {PAGE_SIZE}"
    )


_COUNTRY = "EXISTS (SELECT 1 FROM event_country c WHERE c.event_id = e.id AND c.country = :country)"
CANNED = {
    "stories": _stories_paged(),
    "timeline": _paged("NOT e.background"),
    "country": _country_paged(),
    "speaker": _paged("e.speaker_id = :speaker AND NOT e.background"),
    "date_range": _rows(
        "e.date_start >= :date_from AND e.date_start <= :date_to AND NOT e.background"
    ),
    "search": _rows(
        "e.id IN (SELECT event_id FROM event_fts WHERE event_fts MATCH :fts) AND NOT e.background"
    ),
    "combined": _rows(
        f"{_COUNTRY} AND e.speaker_id = :speaker AND NOT e.background"
        " AND e.date_start >= :date_from AND e.date_start <= :date_to"
    ),
}


# asked after each measurement until it answers: Datasette runs queries on a small pool of SQL
# threads, so a slow view's queued queries outlived wrk's window and were paid by the next view's
PING_SQL = "SELECT 1 AS ready"


def datasette_metadata(db_name: str) -> dict:
    queries = {name: {"sql": sql} for name, sql in {**CANNED, "ping": PING_SQL}.items()}
    return {"databases": {db_name: {"queries": queries}}}


def _cursor(row: tuple) -> tuple[str, str]:
    day, event_id = row
    return (str(day)[:10] if day else "none"), event_id


def _spread(items: list, n: int, rng: random.Random) -> list:
    """``n`` items spread over the list (its start, middle and end: deep pages included)."""
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[min(len(items) - 1, int(i * step + rng.random() * step))] for i in range(n)]


def _q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def _page(app_path: str, ds_path: str, cursor: tuple[str, str] | None) -> Question:
    """A first page (no cursor) or the page after ``cursor``, for both servers."""
    sep_app = "&" if "?" in app_path else "?"
    if cursor is None:
        return Question(app_path, f"{ds_path}&after_day=0000-00-00&after_id=")
    day, event_id = cursor
    return Question(
        f"{app_path}{sep_app}after={day}_{event_id}",
        f"{ds_path}&after_day={day}&after_id={event_id}",
    )


def questions(db: Path, db_name: str, n: int = 240, seed: int = 7) -> dict[str, list[Question]]:
    """``n`` distinct questions per view (fewer only where the data has fewer)."""
    rng = random.Random(seed)
    base = f"/{db_name}"
    out: dict[str, list[Question]] = {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        order = "date_start IS NULL, date_start, id"
        timeline = conn.execute(f"SELECT date_start, id FROM event ORDER BY {order}").fetchall()
        positions = _spread(timeline, n, rng)
        out["timeline"] = [
            _page("/", f"{base}/timeline?_=1", None if i == 0 else _cursor(row))
            for i, row in enumerate(positions)
        ]

        countries = [
            iso2
            for (iso2,) in conn.execute(
                "SELECT country FROM event_country GROUP BY country ORDER BY count(*) DESC"
            )
        ]
        asked: list[Question] = []
        per = max(1, -(-n // max(1, len(countries))))
        for iso2 in countries:
            rows = conn.execute(
                "SELECT e.date_start, e.id FROM event e JOIN event_country c ON c.event_id = e.id"
                f" WHERE c.country = ? ORDER BY e.{order.replace(', ', ', e.')}",
                (iso2,),
            ).fetchall()
            for i, row in enumerate(_spread(rows, per, rng)):
                asked.append(
                    _page(
                        f"/?country={iso2}",
                        f"{base}/country?country={iso2}",
                        None if i == 0 else _cursor(row),
                    )
                )
        out["country"] = _spread(asked, n, rng)

        speakers = [
            s
            for (s,) in conn.execute(
                "SELECT speaker_id FROM event WHERE speaker_id IS NOT NULL "
                "GROUP BY speaker_id ORDER BY count(*) DESC"
            )
        ]
        asked = []
        per = max(1, -(-n // max(1, len(speakers))))
        for slug in speakers:
            rows = conn.execute(
                f"SELECT date_start, id FROM event WHERE speaker_id = ? ORDER BY {order}",
                (slug,),
            ).fetchall()
            for i, row in enumerate(_spread(rows, per, rng)):
                asked.append(
                    _page(
                        f"/?speaker={_q(slug)}",
                        f"{base}/speaker?speaker={_q(slug)}",
                        None if i == 0 else _cursor(row),
                    )
                )
        out["speaker"] = _spread(asked, n, rng)

        days = [
            str(d)[:10]
            for (d,) in conn.execute(
                "SELECT DISTINCT date_start FROM event WHERE date_start IS NOT NULL"
                " ORDER BY date_start"
            )
        ]
        ranges: set[tuple[str, str]] = set()
        import datetime as dt

        for day in _spread(days, n, rng):
            start = dt.date.fromisoformat(day)
            if rng.random() < 0.5:  # the week from that day, or its month
                end = start + dt.timedelta(days=6)
            else:
                start = start.replace(day=1)
                end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            ranges.add((start.isoformat(), end.isoformat()))
        out["date_range"] = [
            Question(f"/?from={a}&to={b}", f"{base}/date_range?date_from={a}&date_to={b}")
            for a, b in sorted(ranges)
        ]

        words: dict[str, int] = {}
        for (text,) in conn.execute(
            "SELECT search_text FROM event WHERE rowid % 97 = 0 LIMIT 4000"
        ):
            for word in (text or "").split():
                if len(word) >= 4 and not word.isdigit():
                    words[word] = words.get(word, 0) + 1
        common = sorted(words, key=lambda w: (-words[w], w))[: n * 3]
        out["search"] = [
            Question(f"/?q={_q(w)}", f"{base}/search?fts={_q(_fts(w))}")
            for w in _spread(common, n, rng)
        ]

        ids = [i for (i,) in conn.execute("SELECT id FROM event ORDER BY id")]
        out["permalink"] = [
            Question(f"/events/{i}", f"{base}/event/{i}") for i in _spread(ids, n, rng)
        ]

        out["api"] = [
            Question(
                q.app.replace("/?", "/api/events?", 1),
                q.datasette.replace("/country?", "/country.json?", 1) + "&_shape=array",
            )
            for q in out["country"]
        ]

        combos = conn.execute(
            "SELECT c.country, e.speaker_id, substr(e.date_start, 1, 7) FROM event e"
            " JOIN event_country c ON c.event_id = e.id"
            " WHERE e.speaker_id IS NOT NULL AND e.date_start IS NOT NULL"
            " GROUP BY 1, 2, 3 ORDER BY count(*) DESC LIMIT ?",
            (n * 4,),
        ).fetchall()
        asked = []
        for iso2, slug, month in _spread(combos, n, rng):
            first = dt.date.fromisoformat(month + "-01")
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            asked.append(
                Question(
                    f"/?from={first}&to={last}&speaker={_q(slug)}&country={iso2}",
                    f"{base}/combined?country={iso2}&speaker={_q(slug)}"
                    f"&date_from={first}&date_to={last}",
                )
            )
        out["combined"] = asked

        stories = conn.execute(
            "SELECT s.date_start, s.id FROM story s WHERE EXISTS (SELECT 1 FROM event r "
            f"WHERE r.story_id = s.id AND NOT r.background) ORDER BY s.{order}"
        ).fetchall()
        out["stories"] = [
            _page("/", f"{base}/stories?_=1", None if i == 0 else _cursor(row))
            for i, row in enumerate(_spread(stories, n, rng))
        ]
    # ``/`` shows one card per story by default; the event views ask for every report
    # (``reports=all``), the events Datasette's canned queries list
    for view in ("timeline", "country", "speaker", "date_range", "search", "combined"):
        out[view] = [Question(_every_report(q.app), q.datasette) for q in out[view]]
    return {view: out[view] for view in VIEWS if view in out}


def _every_report(path: str) -> str:
    if path == "/":
        return "/?reports=all"
    return path.replace("/?", "/?reports=all&", 1) if path.startswith("/?") else path


def _fts(word: str) -> str:
    """The FTS5 query Datasette is given for a search word: the same normalized key as the app's
    index, as a prefix query (the app also matches the word's proclitic forms)."""
    return " ".join(f'"{w}"*' for w in search_key(word).split())


def write_paths(paths: list[str], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(paths) + "\n", encoding="utf-8")
    return out


def _get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())


def check_rows(
    app_url: str, datasette_url: str, asked: dict[str, list[Question]], per_view: int = 3
) -> dict[str, str]:
    """For a few questions of each listing view, the app's JSON API and Datasette's JSON of the
    canned query must list the same event ids in the same order."""
    verdicts: dict[str, str] = {}
    for view in ("timeline", "country", "speaker", "date_range", "combined"):
        bad = 0
        checked = 0
        for q in asked.get(view, [])[:per_view]:
            _path, _, query = q.app.partition("?")
            api = f"{app_url}/api/events?{query}" if query else f"{app_url}/api/events"
            ours = _get_json(api)
            ours_ids = [e["id"] for e in (ours.get("events") if isinstance(ours, dict) else ours)]
            ds_path, _, ds_query = q.datasette.partition("?")
            theirs = _get_json(f"{datasette_url}{ds_path}.json?{ds_query}&_shape=array")
            theirs_ids = [row["id"] for row in theirs]
            checked += 1
            bad += ours_ids[:PAGE_SIZE] != theirs_ids[:PAGE_SIZE]
        verdicts[view] = "same rows" if checked and not bad else f"{bad}/{checked} differ"
    return verdicts
