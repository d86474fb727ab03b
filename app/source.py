"""The source document: one article as the ingest loop receives it, whatever it came from.

A ``.txt`` file (with its optional ``NAME.meta.json`` sidecar), an HTML page (main text and page
metadata by trafilatura) and each record of a ``.jsonl`` / ``.csv`` file all become the same
value: the text to extract from, what the source says about the article (its URL, title,
publication date, outlet, author, site name) and the names it is shown by. A file or record that
can't be one is a :class:`SourceFailure` with the reason the user sees. The ingest loop consumes
these values and nothing else, so every input format takes the same path to the store.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

#: The fields a record, a sidecar or a page can give about its article (besides ``text``).
META_FIELDS = ("url", "title", "published", "outlet", "author", "site_name")


@dataclass(frozen=True)
class SourceMeta:
    """What the source says about the article; ``None``: it does not say.

    ``published`` is an ISO date or datetime exactly as given (already checked to be one);
    ``origin`` names where these came from, in words, for the notes ("the record", "the page's
    metadata", "the sidecar a.meta.json").
    """

    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    site_name: str | None = None
    origin: str = ""

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in META_FIELDS)

    def digest(self) -> str:
        """A short fingerprint of the fields (not the origin): a re-ingest with other
        metadata for the same text is an update, not ``unchanged``."""
        values = {name: getattr(self, name) for name in META_FIELDS}
        encoded = json.dumps(values, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()[:8]

    def merged_over(self, other: SourceMeta) -> SourceMeta:
        """These fields, and ``other``'s where these say nothing (a sidecar over a page)."""
        values = {name: getattr(self, name) or getattr(other, name) for name in META_FIELDS}
        origins = [o for o in (self.origin, other.origin) if o]
        return SourceMeta(**values, origin=" and ".join(dict.fromkeys(origins)))


@dataclass(frozen=True)
class SourceDocument:
    """One article to ingest.

    ``label`` is what the outcome line shows (the path as given, ``feed.jsonl:12`` for a
    record); ``name`` is what the store keeps as ``article.source_file`` (the file name, the
    record's ``name``, or ``feed.jsonl:12``); ``note`` says what the reader did beyond reading
    UTF-8 plain text ("decoded from Windows-1256", "main text of the HTML page").
    """

    label: str
    name: str
    text: str
    meta: SourceMeta = field(default_factory=SourceMeta)
    note: str = ""

    def stored_version(self, extractor_version: str) -> str:
        """What ``article.extractor_version`` holds for this document: the extractor's
        fingerprint, plus ``+`` and the metadata's digest when the source gave any, so that
        "same text, same extractor, same metadata" is exactly what re-ingest skips."""
        return f"{extractor_version}+{self.meta.digest()}" if self.meta else extractor_version


@dataclass(frozen=True)
class SourceFailure:
    """A file or record that is not an article; ``message`` is exactly what the user sees."""

    label: str
    message: str


@dataclass(frozen=True)
class ArticleSource:
    """What the store keeps about where an article came from, beside the extraction: the
    final ``published`` / ``outlet`` / ``title`` go in the extraction itself (with
    ``published.basis`` ``metadata`` or ``url`` when the source decided it); these are the
    columns only the source can fill."""

    url: str | None = None
    author: str | None = None
    site_name: str | None = None
    outlet_basis: str | None = None  # metadata | url | text | None (no outlet)

    def as_columns(self) -> dict[str, str | None]:
        return asdict(self)
