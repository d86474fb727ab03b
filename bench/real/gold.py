"""The real corpus's gold: one JSON file per article, checked, and assembled per split.

Article texts never enter the repo (the pages' terms), so the files hold only the URL, the query
that found the page, short anchors and the annotation; the texts live in the user's cache under
``<split>/<id>.txt``. The format is ``/work/team/CORPUS.md`` (seeds_gold conventions, plus sources
and stories).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
SPLITS = ("dev", "blind")
MAX_ANCHOR_WORDS = 5
#: a pasted passage, not an annotator's note: more Arabic words in a row than this in any string
#: (a quoted attribution clause in a date_basis stays under it)
MAX_ARABIC_RUN = 12

REQUIRED = {
    "id": str,
    "url": str,
    "query": str,
    "split": str,
    "outlet": (str, type(None)),
    "published": (str, type(None)),
    "published_basis": str,
    "quotes": list,
    "reported": list,
    "dated_mentions": list,
}
QUOTE_FIELDS = ("anchor", "speaker_en", "speaker_ar_surname", "date", "date_basis", "countries")
REPORTED_FIELDS = (*QUOTE_FIELDS, "cue", "date_kind")
MENTION_FIELDS = ("anchor", "date", "precision", "kind", "note")
DATE_KINDS = {"explicit", "relative", "null"}
PRECISIONS = {"day": 10, "month": 7, "year": 4}
MENTION_KINDS = {"happening", "background", "not_event"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
STORY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ARABIC_RUN = re.compile(rf"(?:[\u0600-\u06ff]+[\s\u060c.:/]+){{{MAX_ARABIC_RUN},}}[\u0600-\u06ff]+")
#: fields that are not annotation (the search query is the user's words, not the page's)
NOT_ANNOTATION = ("url", "query")


def article_id(url: str) -> str:
    """``<host>-<h8>``: the host without ``www.``, dots as dashes, and sha256(url)'s first 8 hex
    digits — readable in a file list, and unique even for two pages of one site."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return f"{host.replace('.', '-')}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def cache_dir() -> Path:
    """Where the texts are: ``$CSTO_REAL_CACHE``, else ``~/.cache/csto-real``."""
    return Path(os.environ.get("CSTO_REAL_CACHE") or Path.home() / ".cache" / "csto-real")


def text_path(article: dict, cache: Path | None = None) -> Path:
    return (cache or cache_dir()) / article["split"] / f"{article['id']}.txt"


def load_articles(folder: Path = ARTICLES_DIR) -> list[dict]:
    """Every article file, in id order (a broken file raises with its name: the gold is code)."""
    articles = []
    for path in sorted(folder.glob("*.json")):
        try:
            articles.append(json.loads(path.read_text(encoding="utf-8")))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path.name}: not JSON: {error}") from None
    return articles


def select(articles: Iterable[dict], split: str) -> list[dict]:
    """The articles of ``split`` (``dev``, ``blind`` or ``all``)."""
    if split not in (*SPLITS, "all"):
        raise ValueError(f"unknown split {split!r}: dev, blind or all")
    return [a for a in articles if split == "all" or a.get("split") == split]


def assemble_gold(articles: Iterable[dict], split: str = "all") -> dict:
    """One seeds_gold-style document (what ``score.py --gold`` reads) for the chosen split."""
    chosen = select(articles, split)
    return {
        "description": (
            f"Real Arabic news articles of bench/real/ (split: {split}, {len(chosen)} articles), "
            "annotated with the conventions of seeds_gold.json; the texts are cached outside the "
            "repo as <split>/<id>.txt."
        ),
        "articles": chosen,
    }


def problems(article: dict, file_name: str | None = None) -> list[str]:
    """What is wrong with one article file, as readable lines (empty when it is valid)."""
    found: list[str] = []
    for key, kind in REQUIRED.items():
        if key not in article:
            found.append(f"missing field {key!r}")
        elif not isinstance(article[key], kind):
            found.append(f"field {key!r} has the wrong type")
    if found:
        return found
    if article["id"] != article_id(article["url"]):
        found.append(f"id {article['id']!r} is not {article_id(article['url'])!r} (the url rule)")
    if file_name is not None and file_name != f"{article['id']}.json":
        found.append(f"file name {file_name!r} does not match the id")
    if article["split"] not in SPLITS:
        found.append(f"split {article['split']!r} is not dev or blind")
    if article["published"] is not None and not _full_date(article["published"]):
        found.append(f"published {article['published']!r} is not YYYY-MM-DD")
    for n, quote in enumerate(article["quotes"]):
        found += _entry_problems(f"quotes[{n}]", quote, QUOTE_FIELDS)
    for n, entry in enumerate(article["reported"]):
        found += _entry_problems(f"reported[{n}]", entry, REPORTED_FIELDS)
        if entry.get("date_kind") not in DATE_KINDS:
            found.append(f"reported[{n}]: date_kind {entry.get('date_kind')!r}")
        elif (entry["date_kind"] == "null") != (entry.get("date") is None):
            found.append(f"reported[{n}]: date_kind null goes with a null date, and only with it")
    for field in ("dated_mentions", "unsupported_mentions"):
        for n, mention in enumerate(article.get(field, [])):
            found += _mention_problems(f"{field}[{n}]", mention)
    notes = {k: v for k, v in article.items() if k not in NOT_ANNOTATION}
    found += [f"{where}: {len(run.split())} Arabic words in a row" for where, run in _runs(notes)]
    return found


def _entry_problems(where: str, entry: dict, fields: tuple[str, ...]) -> list[str]:
    found = [f"{where}: missing {f!r}" for f in fields if f not in entry]
    if found:
        return found
    found += _anchor_problems(where, entry["anchor"])
    if entry["date"] is not None and not DATE.match(entry["date"]):
        found.append(f"{where}: date {entry['date']!r}")
    if not isinstance(entry["countries"], list) or not all(
        isinstance(c, str) and COUNTRY.match(c) for c in entry["countries"]
    ):
        found.append(f"{where}: countries must be ISO alpha-2 codes")
    if not entry["speaker_en"] or not entry["speaker_ar_surname"]:
        found.append(f"{where}: empty speaker")
    return found + _story_problems(where, entry)


def _mention_problems(where: str, mention: dict) -> list[str]:
    found = [f"{where}: missing {f!r}" for f in MENTION_FIELDS if f not in mention]
    if found:
        return found
    found += _anchor_problems(where, mention["anchor"])
    if mention["kind"] not in MENTION_KINDS:
        found.append(f"{where}: kind {mention['kind']!r}")
    if mention["precision"] not in PRECISIONS:
        found.append(f"{where}: precision {mention['precision']!r}")
    elif not (
        isinstance(mention["date"], str)
        and DATE.match(mention["date"])
        and len(mention["date"]) == PRECISIONS[mention["precision"]]
    ):
        found.append(
            f"{where}: date {mention['date']!r} is not of {mention['precision']} precision"
        )
    return found + _story_problems(where, mention)


def _anchor_problems(where: str, anchor: object) -> list[str]:
    if not isinstance(anchor, str) or not anchor.split():
        return [f"{where}: empty anchor"]
    if len(anchor.split()) > MAX_ANCHOR_WORDS:
        return [f"{where}: anchor of {len(anchor.split())} words (at most {MAX_ANCHOR_WORDS})"]
    return []


def _story_problems(where: str, entry: dict) -> list[str]:
    story = entry.get("story")
    if story is None or (isinstance(story, str) and STORY.match(story)):
        return []
    return [f"{where}: story {story!r} is not a lower-case slug"]


def _full_date(value: str) -> bool:
    return bool(DATE.match(value)) and len(value) == 10


def _runs(value: object, where: str = "") -> Iterable[tuple[str, str]]:
    """Long Arabic runs in any string of the file, with where they are."""
    if isinstance(value, str):
        yield from ((where, m.group(0)) for m in ARABIC_RUN.finditer(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _runs(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _runs(item, f"{where}[{n}]")


def stories(articles: Iterable[dict]) -> dict[str, list[tuple[str, str]]]:
    """story slug → [(article id, split)] of every entry carrying it."""
    found: dict[str, list[tuple[str, str]]] = {}
    for article in articles:
        for field in ("quotes", "reported", "dated_mentions", "unsupported_mentions"):
            for entry in article.get(field, []):
                if entry.get("story"):
                    found.setdefault(entry["story"], []).append((article["id"], article["split"]))
    return found


def anchor_problems(article: dict, text: str, norm) -> list[str]:
    """Anchors the cached text does not hold (``norm`` is the scorer's normalizer, so a miss
    here is a gold entry no extractor could ever match)."""
    body = norm(text)
    fields = ("quotes", "reported", "dated_mentions", "unsupported_mentions")
    return [
        f"{field}[{n}]: anchor not in the text: {entry.get('anchor')!r}"
        for field in fields
        for n, entry in enumerate(article.get(field, []))
        if norm(entry.get("anchor", "")) not in body
    ]


def lonely_stories(articles: Iterable[dict]) -> list[str]:
    """Story slugs carried by one article only (a story needs a report elsewhere)."""
    return [
        f"story {slug!r} is only in {reports[0][0]}"
        for slug, reports in sorted(stories(articles).items())
        if len({i for i, _ in reports}) < 2
    ]


def split_leaks(articles: Iterable[dict]) -> list[str]:
    """Stories whose reports sit in both splits (a cluster must go to one split whole)."""
    return [
        f"story {slug!r} is in both splits: {sorted({i for i, _ in reports})}"
        for slug, reports in sorted(stories(articles).items())
        if len({s for _, s in reports}) > 1
    ]
