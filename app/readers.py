"""Reading an article file into text, or one clear reason why not.

Users feed whatever they scraped: UTF-8 with or without a byte-order mark, UTF-16, Arabic in the
legacy Windows-1256 / ISO-8859-6 code pages, HTML pages, CRLF line ends — and binaries, empty
files, broken links. Every accepted file becomes plain text with ``\\n`` line ends; every rejected
one raises :class:`ArticleReadError` whose message is exactly what the user sees.

Legacy code pages are guessed with charset-normalizer but never trusted blindly: a decoding is
accepted only if it reads as Arabic (most letters Arabic, almost no words mixing Arabic and Latin
letters — the tell-tale of the wrong Arabic code page).
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from app.source import SourceMeta

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
ARTICLE_SUFFIXES = frozenset({".txt", *HTML_SUFFIXES})

#: (byte-order mark, codec, name shown to the user); UTF-32 first: its LE mark starts like UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

#: Arabic legacy code pages: codec → the name shown to the user.
LEGACY_ARABIC = {"cp1256": "Windows-1256", "iso8859_6": "ISO-8859-6"}

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx, .zip …)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)"),
)

_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


class ArticleReadError(Exception):
    """A file that can't be ingested; the message is what the user sees."""


@dataclass(frozen=True)
class ArticleText:
    """A file read as an article: its text, and how it was decoded (for the user's report)."""

    text: str
    encoding: str  # UTF-8 | UTF-16 | UTF-32 | Windows-1256 | ISO-8859-6
    html: bool = False
    meta: SourceMeta = field(default_factory=SourceMeta)  # what an HTML page says about itself

    @property
    def note(self) -> str:
        """What the reader did beyond reading UTF-8 plain text, in words ('' when nothing)."""
        parts = []
        if self.encoding not in {"UTF-8"}:
            parts.append(f"decoded from {self.encoding}")
        if self.html:
            parts.append("main text of the HTML page")
        return ", ".join(parts)


def read_article(path: str | os.PathLike, *, max_bytes: int) -> ArticleText:
    """Read ``path`` as an article, or raise :class:`ArticleReadError` saying why not."""
    data = read_bytes(Path(path), max_bytes=max_bytes)
    return decode_article(data, html_hint=Path(path).suffix.lower() in HTML_SUFFIXES)


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, refusing what isn't a readable regular file within the size cap."""
    info = check_regular_file(path)
    if info.st_size > max_bytes:
        raise ArticleReadError(too_large(info.st_size, max_bytes))
    with open_regular_file(path) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise ArticleReadError(_os_reason(error)) from error
    if len(data) > max_bytes:  # it grew since stat()
        raise ArticleReadError(too_large(len(data), max_bytes, at_least=True))
    return data


def check_regular_file(path: Path) -> os.stat_result:
    """``path``'s stat, refusing what isn't a regular file (missing, a broken link, a folder,
    a pipe) in the words the user sees."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise ArticleReadError(
                f"broken symlink (points to {os.readlink(path)}, which does not exist)"
            ) from None
        raise ArticleReadError("no such file or directory") from None
    except PermissionError:
        raise ArticleReadError("permission denied (cannot reach this file)") from None
    except OSError as error:
        raise ArticleReadError(_os_reason(error)) from error
    if stat.S_ISDIR(info.st_mode):
        raise ArticleReadError("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ArticleReadError("not a regular file (a pipe, socket or device)")
    return info


def open_regular_file(path: Path) -> BinaryIO:
    """``path`` opened for reading bytes, or :class:`ArticleReadError` saying why not."""
    try:
        return open(path, "rb")
    except PermissionError:
        raise ArticleReadError("permission denied (cannot read this file)") from None
    except OSError as error:
        raise ArticleReadError(_os_reason(error)) from error


def check_bytes(data: bytes) -> None:
    """Refuse empty data and the binary formats users feed by mistake (PDF, images, archives),
    by their magic numbers."""
    if not data:
        raise ArticleReadError("empty file (0 bytes), nothing to ingest")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ArticleReadError(f"binary file ({what}), not an article")


def decode_article(data: bytes, *, html_hint: bool = False) -> ArticleText:
    """Bytes → article text with ``\\n`` line ends; HTML (by hint or by content) → its main
    text and metadata (:func:`page_text`)."""
    check_bytes(data)
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if control_share(text) > 0.01:
        raise ArticleReadError("binary file (control characters), not an article")
    if not text.strip():
        raise ArticleReadError("no text: the file holds only whitespace")
    if html_hint or _HTML_START.match(text):
        text, meta = page_text(text)
        return ArticleText(text=text, encoding=encoding, html=True, meta=meta)
    return ArticleText(text=text, encoding=encoding)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as error:
                raise ArticleReadError(
                    f"invalid {name} (byte {error.start + len(bom)}) despite its byte-order mark"
                ) from None
    if b"\x00" in data:
        raise ArticleReadError("binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        bad = data[error.start]
        offset = error.start
    legacy = decode_legacy_arabic(data)
    if legacy is not None:
        return legacy
    raise ArticleReadError(
        f"not UTF-8 (invalid byte 0x{bad:02X} at offset {offset}), and not Arabic text in "
        "Windows-1256 or ISO-8859-6 either; save it as UTF-8"
    )


def decode_legacy_arabic(data: bytes) -> tuple[str, str] | None:
    """(text, code page name) if ``data`` reads as Arabic in Windows-1256 or ISO-8859-6.

    charset-normalizer's guess orders the candidates; each candidate must still decode strictly
    and pass :func:`looks_arabic`.
    """
    from charset_normalizer import from_bytes

    order = list(LEGACY_ARABIC)
    try:
        best = from_bytes(data, cp_isolation=order).best()
    except Exception:  # a guesser failing is no reason to fail the file
        best = None
    if best is not None and best.encoding in order:
        order.remove(best.encoding)
        order.insert(0, best.encoding)
    scored = []
    for rank, codec in enumerate(order):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share, mixed = arabic_scores(_MARKUP.sub(" ", text))
        if share >= 0.5 and mixed <= 0.02:
            scored.append((mixed, -share, rank, text, LEGACY_ARABIC[codec]))
    if not scored:
        return None
    scored.sort()
    return scored[0][3], scored[0][4]


_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def arabic_scores(text: str) -> tuple[float, float]:
    """(share of letters that are Arabic, share of words mixing Arabic and Latin letters)."""
    letters = arabic = 0
    words = mixed = 0
    for word in re.findall(r"[^\W\d_]+", text):
        has_arabic = has_other = False
        for char in word:
            letters += 1
            if _is_arabic(char):
                arabic += 1
                has_arabic = True
            else:
                has_other = True
        words += 1
        mixed += has_arabic and has_other
    if not letters:
        return 0.0, 1.0
    return arabic / letters, mixed / words


def looks_arabic(text: str) -> bool:
    """Most letters (outside markup) Arabic and (almost) no word mixing scripts: the right
    code page. The wrong Arabic code page turns some letters into Latin ones (é, ç, à…)."""
    share, mixed = arabic_scores(_MARKUP.sub(" ", text))
    return share >= 0.5 and mixed <= 0.02


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def control_share(text: str) -> float:
    """The share of control characters other than line breaks and tabs: above 1% the
    "text" is binary data."""
    if not text:
        return 0.0
    return len(_CONTROLS.findall(text)) / len(text)


# Unicode's control characters (category Cc: U+0000-001F, U+007F-009F) but \t \n \v \f
_CONTROLS = re.compile("[\x00-\x08\x0d-\x1f\x7f-\x9f]")


def too_large(size: int, max_bytes: int, *, at_least: bool = False) -> str:
    """The words for a file or record over the size cap."""
    amount = f"more than {max_bytes} bytes" if at_least else f"{size} bytes"
    return (
        f"too large: {amount}, over the {max_bytes}-byte limit "
        "(raise it with --max-bytes or MAX_FILE_BYTES)"
    )


def _os_reason(error: OSError) -> str:
    if error.errno == 40:  # ELOOP
        return "symlink loop, not a file"
    return f"cannot read: {(error.strerror or str(error)).lower()}"


# --- HTML → main text and metadata ----------------------------------------------------------

#: htmldate on what the page says about itself (meta tags, JSON-LD, <time>, the URL), not its
#: guesses from dates written in the body: the body's dates are the extractor's to read.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def page_text(markup: str, url: str | None = None) -> tuple[str, SourceMeta]:
    """The article of an HTML page and what the page says about it, by trafilatura (``url``:
    where the page was fetched from, when known).

    Menus, "related" blocks, comments, share bars and footers are left out (trafilatura's
    boilerplate removal), so their quotes never become events; the text is what trafilatura
    returns, one paragraph per line, and is what gets stored (every offset points into it).
    Raises :class:`ArticleReadError` when the page has no text, or only page furniture.
    """
    _quiet_extractor_logs()
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception:  # a parser failing on a hostile page is no reason to fail the batch
        document = None
    text = _clean_lines(document.text if document is not None else "")
    if not text:
        try:
            visible = _clean_lines(trafilatura.html2txt(markup) or "")
        except Exception:
            visible = ""
        if visible:
            raise ArticleReadError(
                "HTML page with no article text (only menus, links or other page furniture)"
            )
        raise ArticleReadError("HTML page with no text (after removing the markup)")
    meta = SourceMeta(
        url=_attr(document, "url"),
        title=_attr(document, "title"),
        published=_attr(document, "date"),
        author=_attr(document, "author"),
        site_name=_attr(document, "sitename"),
        origin="the page's metadata",
    )
    return text, meta


def _attr(document, name: str) -> str | None:
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None


def _clean_lines(text: str) -> str:
    lines = (line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _quiet_extractor_logs() -> None:
    """trafilatura and htmldate log what they could not find; the outcome line already says
    what matters, and Python's last-resort handler would print their warnings mid-report."""
    for name in ("trafilatura", "htmldate", "courlan"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
            logger.propagate = False
