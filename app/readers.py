"""Reading an article file into text, or a clear reason why not."""

from __future__ import annotations

from pathlib import Path


class ArticleReadError(Exception):
    """A file that can't be ingested; the message is what the user sees."""


def read_article_file(path: Path, *, max_bytes: int) -> str:
    try:
        if not path.exists():
            raise ArticleReadError("file not found (or a broken symlink)")
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleReadError(f"file is {size} bytes, over the {max_bytes}-byte limit")
        data = path.read_bytes()
    except OSError as error:
        raise ArticleReadError(f"cannot read file: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleReadError(f"not UTF-8 text (byte {error.start})") from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleReadError("empty file: no text to ingest")
    return text
