"""Reading files: every encoding we accept decodes exactly; every rejection says exactly why."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from app import readers
from app.readers import ArticleReadError, decode_article, looks_arabic, read_article

from .helpers import seed_texts

MAX = 2 * 1024 * 1024
ARABIC = 'قال الأمين العام: "الوضع مستقر".\nوأضاف أن القوات ستغادر.'


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rejection(path: Path, max_bytes: int = MAX) -> str:
    with pytest.raises(ArticleReadError) as info:
        read_article(path, max_bytes=max_bytes)
    return str(info.value)


# --- accepted ---


def test_utf8_is_read_as_is(tmp_path):
    article = read_article(write(tmp_path, "a.txt", ARABIC.encode()), max_bytes=MAX)
    assert (article.text, article.encoding, article.note) == (ARABIC, "UTF-8", "")


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    article = read_article(
        write(tmp_path, "a.txt", codecs.BOM_UTF8 + ARABIC.encode()), max_bytes=MAX
    )
    assert article.text == ARABIC
    assert article.encoding == "UTF-8"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path, codec):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    article = read_article(write(tmp_path, "a.txt", bom + ARABIC.encode(codec)), max_bytes=MAX)
    assert article.text == ARABIC
    assert article.note == f"decoded from {'UTF-32' if codec == 'utf-32' else 'UTF-16'}"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends_become_lf(tmp_path, newline):
    data = ARABIC.replace("\n", newline).encode()
    assert read_article(write(tmp_path, "a.txt", data), max_bytes=MAX).text == ARABIC


@pytest.mark.parametrize("name", sorted(seed_texts()))
@pytest.mark.parametrize(
    ("codec", "label"), [("cp1256", "Windows-1256"), ("iso8859_6", "ISO-8859-6")]
)
def test_every_seed_in_a_legacy_arabic_code_page_decodes_exactly(tmp_path, name, codec, label):
    # characters the code page lacks (e.g. Persian yeh, Arabic-Indic digits) are left out first
    original = seed_texts()[name].encode(codec, errors="ignore").decode(codec)
    article = read_article(write(tmp_path, name, original.encode(codec)), max_bytes=MAX)
    assert article.text == original
    assert article.note == f"decoded from {label}"


@pytest.mark.parametrize(("codec", "wrong"), [("cp1256", "iso8859_6"), ("iso8859_6", "cp1256")])
def test_the_wrong_arabic_code_page_fails_the_plausibility_check(codec, wrong):
    data = seed_texts()["000_cad41367bbfcbc41.txt"].encode(codec, errors="ignore")
    try:
        misread = data.decode(wrong)
    except UnicodeDecodeError:
        return  # can't even be decoded: nothing to check
    assert not looks_arabic(misread)
    assert looks_arabic(data.decode(codec))


def test_short_legacy_arabic_is_recognised_too():
    article = decode_article("قال الوزير إن الوضع مستقر.".encode("cp1256"))
    assert article.text == "قال الوزير إن الوضع مستقر."


def test_html_is_reduced_to_its_main_text(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>عنوان</title><style>p {color: red}</style>"
        "<script>var x = '<p>لا</p>';</script></head><body>"
        "<h1>قمة المنظمة</h1><p>قال زاس &quot;الوضع مستقر&quot; &amp; أضاف</p>"
        "<div>سطر<br>آخر</div><script>alert(1)</script><noscript>لا</noscript>"
        "<p>&#1605;&#1585;&#1581;&#1576;&#1575; &nbsp; بكم</p></body></html>"
    )
    article = read_article(write(tmp_path, "page.html", page.encode()), max_bytes=MAX)
    assert article.text.startswith('قمة المنظمة\nقال زاس "الوضع مستقر" & أضاف\nسطر\nآخر\n')
    assert article.text.endswith("\nمرحبا بكم")
    assert "alert" not in article.text and "color" not in article.text
    assert article.html
    assert article.note == "main text of the HTML page"


def test_html_is_recognised_by_content_whatever_the_extension(tmp_path):
    page = "  <html><body><p>فقرة أولى</p><p>فقرة ثانية</p></body></html>"
    assert read_article(write(tmp_path, "a.txt", page.encode()), max_bytes=MAX).text == (
        "فقرة أولى\nفقرة ثانية"
    )


def test_html_in_windows_1256_is_decoded_then_stripped(tmp_path):
    page = '<html><head><meta charset="windows-1256"></head><body><p>قال الوزير</p></body></html>'
    article = read_article(write(tmp_path, "a.htm", page.encode("cp1256")), max_bytes=MAX)
    assert (article.text, article.note) == (
        "قال الوزير",
        "decoded from Windows-1256, main text of the HTML page",
    )


def test_a_text_article_quoting_markup_is_not_treated_as_html(tmp_path):
    body = 'قال: "<script>alert(1)</script>" و<p> ليست وسماً.'
    assert read_article(write(tmp_path, "a.txt", body.encode()), max_bytes=MAX).text == body


def test_broken_markup_still_gives_its_text():
    assert decode_article("<p>أ<b>ب</p><div><p>ج".encode(), html_hint=True).text == "أب\nج"


def test_a_file_exactly_at_the_cap_is_read(tmp_path):
    path = write(tmp_path, "a.txt", b"x" * 100)
    assert read_article(path, max_bytes=100).text == "x" * 100


# --- rejected, with the exact message ---


def test_empty_file(tmp_path):
    assert rejection(write(tmp_path, "a.txt", b"")) == "empty file (0 bytes), nothing to ingest"


@pytest.mark.parametrize("data", [b" ", b"\n\n\r\n", b" \t \n", codecs.BOM_UTF8 + b"  \n"])
def test_whitespace_only_file(tmp_path, data):
    assert rejection(write(tmp_path, "a.txt", data)) == "no text: the file holds only whitespace"


def test_binary_file_with_nul_bytes(tmp_path):
    path = write(tmp_path, "bad.bin", b"abc\x00\x01\x02" * 10)
    assert rejection(path) == "binary file (contains NUL bytes), not an article"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n...", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"PK\x03\x04\x14\x00", "a ZIP archive (.docx, .xlsx, .zip …)"),
        (b"\x1f\x8b\x08\x00", "a gzip archive"),
    ],
)
def test_known_binary_formats_are_named(tmp_path, data, what):
    assert rejection(write(tmp_path, "a.txt", data)) == f"binary file ({what}), not an article"


def test_text_full_of_control_characters(tmp_path):
    path = write(tmp_path, "a.txt", "قال\x01\x02\x03\x1b[0m الوزير".encode())
    assert rejection(path) == "binary file (control characters), not an article"


def test_non_utf8_text_that_is_not_arabic(tmp_path):
    data = "Le ministre a déclaré que la situation était stable.".encode("latin-1")
    offset = data.index(b"\xe9")
    assert rejection(write(tmp_path, "fr.txt", data)) == (
        f"not UTF-8 (invalid byte 0xE9 at offset {offset}), and not Arabic text in "
        "Windows-1256 or ISO-8859-6 either; save it as UTF-8"
    )


def test_utf8_with_a_corrupt_byte_is_not_guessed_into_garbage(tmp_path):
    cut = len(ARABIC[:5].encode())
    data = ARABIC.encode()[:cut] + b"\xff" + ARABIC.encode()[cut:]
    assert rejection(write(tmp_path, "a.txt", data)) == (
        f"not UTF-8 (invalid byte 0xFF at offset {cut}), and not Arabic text in "
        "Windows-1256 or ISO-8859-6 either; save it as UTF-8"
    )


def test_truncated_utf16(tmp_path):
    data = codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le")[:-1]
    assert rejection(write(tmp_path, "a.txt", data)) == (
        f"invalid UTF-16 (byte {len(data) - 1}) despite its byte-order mark"
    )


def test_html_without_text(tmp_path):
    page = b"<html><head><title>x</title></head><body><script>alert(1)</script></body></html>"
    assert rejection(write(tmp_path, "a.html", page)) == (
        "HTML page with no text (after removing the markup)"
    )


def test_oversized_file(tmp_path):
    path = write(tmp_path, "big.txt", b"x" * 101)
    assert rejection(path, max_bytes=100) == (
        "too large: 101 bytes, over the 100-byte limit "
        "(raise it with --max-bytes or MAX_FILE_BYTES)"
    )


def test_missing_file(tmp_path):
    assert rejection(tmp_path / "nope.txt") == "no such file or directory"


def test_broken_symlink(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert (
        rejection(link)
        == f"broken symlink (points to {tmp_path / 'gone.txt'}, which does not exist)"
    )


def test_symlink_loop(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert rejection(tmp_path / "a.txt") == "symlink loop, not a file"


def test_a_folder_given_as_a_file(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    assert rejection(tmp_path / "folder.txt") == "is a folder, not a file"


def test_a_named_pipe(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert rejection(tmp_path / "pipe.txt") == "not a regular file (a pipe, socket or device)"


def test_permission_denied_when_opening(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", ARABIC.encode())

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "open", denied, raising=False)
    assert rejection(path) == "permission denied (cannot read this file)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_for_real(tmp_path):
    path = write(tmp_path, "secret.txt", ARABIC.encode())
    path.chmod(0)
    assert rejection(path) == "permission denied (cannot read this file)"
