"""Records: a crawler's JSON Lines or CSV file, one article per record.

Fields: ``text`` (required, or ``html``: the page as fetched, reduced to its main text and
metadata as an HTML file is), ``url``, ``title``, ``published`` (an ISO date or datetime),
``outlet``, ``author``, ``site_name`` and ``name`` (what the store keeps as
``article.source_file``; default ``FILE.jsonl:LINE``). Other fields are ignored: crawlers add
many. A bad record — not JSON, no text, a date that is not one, a number where a string goes —
fails alone with its line number and the reason; the records around it are read as usual.
The file is streamed: memory holds one record at a time, whatever the file's size, and the
size cap (``--max-bytes``) applies to each record, not to the file.

``fields_to_document`` is also what reads a ``NAME.meta.json`` sidecar's fields.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from app.readers import (
    ArticleReadError,
    check_bytes,
    check_regular_file,
    control_share,
    open_regular_file,
    page_text,
    too_large,
)
from app.source import META_FIELDS, SourceDocument, SourceFailure, SourceMeta

RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})
STRING_FIELDS = frozenset({*META_FIELDS, "name", "text", "html"})
_ISO_PARTIAL = re.compile(r"\d{4}(?:-\d{2})?")  # a year or a month: 2022, 2022-01


class RecordError(ValueError):
    """A record that is not an article; the message is what the user sees after its line."""


def read_records(path: Path, *, max_bytes: int) -> Iterator[SourceDocument | SourceFailure]:
    """Every record of a ``.jsonl`` / ``.csv`` file as a document, or a failure with its line.

    A file that can't be read at all (missing, binary, empty…) is one failure for the file,
    in the same words as for an article file.
    """
    label = str(path)
    try:
        check_regular_file(path)
        handle = open_regular_file(path)
    except ArticleReadError as error:
        yield SourceFailure(label, str(error))
        return
    with handle:
        try:
            head = handle.read(8)
            check_bytes(head)
            _check_encoding(head)
        except ArticleReadError as error:
            yield SourceFailure(label, str(error))
            return
        handle.seek(0)
        lines = _jsonl_records if path.suffix.lower() != ".csv" else _csv_records
        found = False
        for item in lines(handle, path, max_bytes):
            found = True
            yield item
    if not found:
        yield SourceFailure(label, "no records: the file holds only blank lines")


def _check_encoding(head: bytes) -> None:
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if head.startswith(bom):
            raise ArticleReadError(f"records must be UTF-8, this file is {name}; save it as UTF-8")


def _jsonl_records(handle, path: Path, max_bytes: int) -> Iterator[SourceDocument | SourceFailure]:
    for number, raw, size in _bounded_lines(handle, max_bytes):
        label, default_name = f"{path}:{number}", f"{path.name}:{number}"
        if raw is None:
            yield SourceFailure(label, too_large(size, max_bytes))
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue
        try:
            fields = _json_object(raw)
            yield fields_to_document(fields, label, default_name, origin="the record")
        except RecordError as error:
            yield SourceFailure(label, str(error))


def _bounded_lines(handle, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, size) for each line; bytes ``None`` for a line over
    ``max_bytes``, whose rest is counted and skipped without holding it in memory."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 2)
        if not line:
            return
        number += 1
        size = len(line.rstrip(b"\r\n"))
        if size <= max_bytes:
            yield number, line, size
            continue
        while not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            size += len(line.rstrip(b"\r\n"))
            if not line:
                break
        yield number, None, size


def _json_object(raw: bytes) -> dict:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordError(
            f"not UTF-8 (invalid byte 0x{raw[error.start]:02X} at column {error.start + 1})"
        ) from None
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise RecordError(f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(value, dict):
        raise RecordError(f"not a JSON object (a JSON {_type_name(value)})")
    return value


def _csv_records(handle, path: Path, max_bytes: int) -> Iterator[SourceDocument | SourceFailure]:
    """CSV with a header row naming the fields (``text`` among them); a record's line is the
    one it starts on (a quoted field may span lines)."""
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
    previous_limit = csv.field_size_limit()
    csv.field_size_limit(max(previous_limit, max_bytes + 1))
    try:
        reader = csv.reader(text)
        header: list[str] | None = None
        while True:
            start = reader.line_num + 1
            label, default_name = f"{path}:{start}", f"{path.name}:{start}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield SourceFailure(label, f"not valid CSV ({error})")
                continue
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                if "text" not in header and "html" not in header:
                    columns = ", ".join(header)
                    yield SourceFailure(
                        f"{path}:{start}",
                        f'no "text" (or "html") column in the header row (its columns: {columns})',
                    )
                    return
                continue
            try:
                yield _csv_document(row, header, label, default_name, max_bytes)
            except RecordError as error:
                yield SourceFailure(label, str(error))
    finally:
        csv.field_size_limit(previous_limit)


def _csv_document(
    row: list[str], header: list[str], label: str, default_name: str, max_bytes: int
) -> SourceDocument:
    if len(row) != len(header):
        raise RecordError(f"{len(row)} fields where the header row has {len(header)}")
    size = sum(len(cell.encode("utf-8", "surrogateescape")) for cell in row)
    if size > max_bytes:
        raise RecordError(too_large(size, max_bytes))
    for column, cell in zip(header, row, strict=True):
        if any("\udc80" <= char <= "\udcff" for char in cell):
            raise RecordError(f'not UTF-8 (an invalid byte in the "{column}" field)')
    # an empty cell says nothing (CSV has no null), except an empty text, which is an error
    fields = {
        column: cell if cell.strip() or (column == "text" and "html" not in header) else None
        for column, cell in zip(header, row, strict=True)
    }
    return fields_to_document(fields, label, default_name, origin="the record")


def fields_to_document(
    fields: dict, label: str, default_name: str, *, origin: str, text: str | None = None
) -> SourceDocument:
    """A record's (or sidecar's) fields as a document, or :class:`RecordError` saying which
    field is wrong and why. ``text`` given: the article's text comes from its own file (a
    sidecar), and the fields only describe it."""
    for name in STRING_FIELDS:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            raise RecordError(f'field "{name}" must be a string, not a {_type_name(value)}')
    values = {name: _clean(fields.get(name)) for name in META_FIELDS}
    if values["published"] is not None:
        values["published"] = checked_date(values["published"])
    if values["url"] is not None:
        values["url"] = checked_url(values["url"])
    meta = SourceMeta(**values, origin=origin)
    name = _clean(fields.get("name")) or default_name
    note = ""
    if text is None and fields.get("text") is None and fields.get("html") is not None:
        text, page = _record_page(fields["html"], meta.url)
        meta, note = meta.merged_over(page), "main text of the HTML page"
    elif text is None:
        text = _record_text(fields)
    return SourceDocument(label=label, name=name, text=text, meta=meta, note=note)


def _record_page(html: str, url: str | None) -> tuple[str, SourceMeta]:
    """A record's ``html``: its main text and the page's metadata (the record's fields win)."""
    if not html.strip():
        raise RecordError('no text: the record\'s "html" is empty')
    try:
        return page_text(html.replace("\r\n", "\n").replace("\r", "\n"), url=url)
    except ArticleReadError as error:
        raise RecordError(str(error)) from None


def _record_text(fields: dict) -> str:
    if "text" not in fields or fields["text"] is None:
        raise RecordError('no text: the record has no "text" (or "html") field')
    text = fields["text"].replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise RecordError('no text: the record\'s "text" is empty')
    if control_share(text) > 0.01:
        raise RecordError('binary data in "text" (control characters), not an article')
    return text


def checked_date(value: str) -> str:
    """``value`` if it is an ISO date or datetime (``2022-01-06``, ``2022-01-06T10:00+03:00``,
    ``2022-01``, ``2022``), else :class:`RecordError`."""
    if _ISO_PARTIAL.fullmatch(value) and 1 <= int(value[5:7] or 1) <= 12:
        return value
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
        else:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(
            f'field "published" is not an ISO date or datetime (YYYY-MM-DD): {value!r}'
        ) from None
    return value


def checked_url(value: str) -> str:
    """``value`` if it is an absolute http(s) URL, else :class:`RecordError`."""
    parts = urlsplit(value)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise RecordError(f'field "url" is not an http(s) URL: {value!r}')
    return value


def _clean(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    if value is None:
        return "null"
    return type(value).__name__
