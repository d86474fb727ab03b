"""Every article a file holds, as :class:`~app.source.SourceDocument` values.

A ``.txt`` or HTML file is one article (an HTML page with what its metadata says about it); a
``NAME.meta.json`` sidecar beside ``NAME.txt`` (or ``NAME.html``) adds the record fields
(``url``, ``title``, ``published``, ``outlet``, ``author``, ``site_name``, ``name``), which win
over the page's own. A ``.jsonl`` / ``.csv`` file is one article per record (app/records.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from app.readers import ARTICLE_SUFFIXES, ArticleReadError, read_article, read_bytes
from app.records import RECORD_SUFFIXES, RecordError, fields_to_document, read_records
from app.source import SourceDocument, SourceFailure

#: What a folder is walked for.
DOCUMENT_SUFFIXES = frozenset({*ARTICLE_SUFFIXES, *RECORD_SUFFIXES})
SIDECAR_SUFFIX = ".meta.json"


def read_documents(path: Path, *, max_bytes: int) -> Iterator[SourceDocument | SourceFailure]:
    """The articles of one file (one for an article file, one per record for a records
    file), each as a document or a failure with the reason the user sees."""
    if path.suffix.lower() in RECORD_SUFFIXES:
        yield from read_records(path, max_bytes=max_bytes)
        return
    yield read_file_document(path, max_bytes=max_bytes)


def read_file_document(path: Path, *, max_bytes: int) -> SourceDocument | SourceFailure:
    """An article file (and its sidecar, if any) as one document."""
    label = str(path)
    try:
        article = read_article(path, max_bytes=max_bytes)
    except ArticleReadError as error:
        return SourceFailure(label, str(error))
    document = SourceDocument(
        label=label, name=path.name, text=article.text, meta=article.meta, note=article.note
    )
    sidecar = sidecar_path(path)
    if not sidecar.is_file() and not sidecar.is_symlink():
        return document
    try:
        described = _read_sidecar(sidecar, label, path.name, article.text, max_bytes)
    except (ArticleReadError, RecordError) as error:
        return SourceFailure(label, f"sidecar {sidecar.name}: {error}")
    return SourceDocument(
        label=label,
        name=described.name,
        text=article.text,
        meta=described.meta.merged_over(article.meta),
        note=", ".join(n for n in (article.note, f"metadata from {sidecar.name}") if n),
    )


def sidecar_path(path: Path) -> Path:
    """``a.txt`` → ``a.meta.json`` (beside it)."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _read_sidecar(
    sidecar: Path, label: str, name: str, text: str, max_bytes: int
) -> SourceDocument:
    data = read_bytes(sidecar, max_bytes=max_bytes)
    try:
        fields = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RecordError("not UTF-8; save it as UTF-8") from None
    except json.JSONDecodeError as error:
        raise RecordError(
            f"not JSON ({error.msg} at line {error.lineno} column {error.colno})"
        ) from None
    if not isinstance(fields, dict):
        raise RecordError("not a JSON object")
    return fields_to_document(fields, label, name, origin=f"the sidecar {sidecar.name}", text=text)
