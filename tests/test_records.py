"""Records files (JSON Lines, CSV), sidecars and HTML pages become source documents; every
bad record fails alone, with its line number and the reason, in exact words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.documents import read_documents
from app.source import SourceDocument, SourceFailure

MAX = 2 * 1024 * 1024
TEXT = 'قال الأمين العام للمنظمة إن "الوضع في كازاخستان مستقر الآن".'
OTHER = "أعلنت وزارة الدفاع أن القوات عادت إلى قواعدها."
PAGE = Path(__file__).parent / "fixtures" / "pages" / "article_with_furniture.html"


def read(path: Path, max_bytes: int = MAX) -> list[SourceDocument | SourceFailure]:
    return list(read_documents(path, max_bytes=max_bytes))


def outcomes(items) -> list[tuple[str, str]]:
    """(label, name or failure message) per item, for exact comparison."""
    return [(i.label, i.message if isinstance(i, SourceFailure) else f"ok {i.name}") for i in items]


def jsonl(tmp_path: Path, *lines: object, name: str = "feed.jsonl") -> Path:
    path = tmp_path / name
    rendered = [
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    ]
    path.write_text("\n".join(rendered) + "\n", encoding="utf-8")
    return path


# --- JSON Lines ---


def test_json_lines_good_records_carry_their_fields(tmp_path):
    path = jsonl(
        tmp_path,
        {
            "text": TEXT,
            "url": "https://sana.sy/?p=1",
            "title": "عنوان",
            "published": "2022-01-13T10:00:00+03:00",
            "outlet": "سانا",
            "crawler_id": 7,  # other fields are ignored
        },
        {"text": OTHER.replace("\n", "\r\n"), "name": "defence-ministry.txt"},
    )
    first, second = read(path)
    assert first.label == f"{path}:1"
    assert first.name == "feed.jsonl:1"  # the default name
    assert first.text == TEXT
    assert (first.meta.url, first.meta.title, first.meta.outlet) == (
        "https://sana.sy/?p=1",
        "عنوان",
        "سانا",
    )
    assert first.meta.published == "2022-01-13T10:00:00+03:00"
    assert first.meta.origin == "the record"
    assert (second.label, second.name, second.text) == (
        f"{path}:2",
        "defence-ministry.txt",
        OTHER,
    )
    assert not second.meta


def test_json_lines_bad_records_fail_alone_with_line_and_reason(tmp_path):
    path = jsonl(
        tmp_path,
        {"text": TEXT},
        "{not json",
        {"url": "https://a.example/x"},
        {"text": "   "},
        {"text": TEXT, "published": "13/01/2022"},
        "",
        ["a", "list"],
        {"text": 42},
        {"text": TEXT, "url": ["https://a.example"]},
        {"text": TEXT, "url": "sana.sy/?p=1"},
        {"text": OTHER},
    )
    assert outcomes(read(path)) == [
        (f"{path}:1", "ok feed.jsonl:1"),
        (f"{path}:2", "not JSON (Expecting property name enclosed in double quotes at column 2)"),
        (f"{path}:3", 'no text: the record has no "text" (or "html") field'),
        (f"{path}:4", 'no text: the record\'s "text" is empty'),
        (
            f"{path}:5",
            "field \"published\" is not an ISO date or datetime (YYYY-MM-DD): '13/01/2022'",
        ),
        (f"{path}:7", "not a JSON object (a JSON list)"),
        (f"{path}:8", 'field "text" must be a string, not a number'),
        (f"{path}:9", 'field "url" must be a string, not a list'),
        (f"{path}:10", "field \"url\" is not an http(s) URL: 'sana.sy/?p=1'"),
        (f"{path}:11", "ok feed.jsonl:11"),
    ]


def test_a_record_over_the_size_cap_fails_alone(tmp_path):
    big = {"text": "كلمة " * 400}
    size = len(json.dumps(big, ensure_ascii=False).encode())
    path = jsonl(tmp_path, big, {"text": TEXT})
    assert outcomes(read(path, max_bytes=1000)) == [
        (
            f"{path}:1",
            f"too large: {size} bytes, over the 1000-byte limit "
            "(raise it with --max-bytes or MAX_FILE_BYTES)",
        ),
        (f"{path}:2", "ok feed.jsonl:2"),
    ]


def test_a_line_that_is_not_utf8_fails_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": TEXT}, ensure_ascii=False).encode()
    path.write_bytes(good + b'\n{"text": "caf\xe9"}\n' + good + b"\n")
    assert outcomes(read(path)) == [
        (f"{path}:1", "ok feed.jsonl:1"),
        (f"{path}:2", "not UTF-8 (invalid byte 0xE9 at column 14)"),
        (f"{path}:3", "ok feed.jsonl:3"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file (0 bytes), nothing to ingest"),
        (b"\n\n  \n", "no records: the file holds only blank lines"),
        (b"%PDF-1.7 ...", "binary file (a PDF document), not an article"),
        ("{}".encode("utf-16"), "records must be UTF-8, this file is UTF-16; save it as UTF-8"),
    ],
)
def test_a_records_file_that_is_no_records_fails_as_a_whole(tmp_path, data, message):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    assert outcomes(read(path)) == [(str(path), message)]


def test_a_missing_records_file(tmp_path):
    assert outcomes(read(tmp_path / "nope.jsonl")) == [
        (str(tmp_path / "nope.jsonl"), "no such file or directory")
    ]


# --- CSV ---


def test_csv_good_and_bad_records(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(
        "text,url,published,outlet\n"
        f'"{TEXT.replace(chr(34), chr(34) * 2)}",https://sana.sy/?p=1,2022-01-13,SANA\n'
        ",https://a.example/x,,\n"
        f'"سطر أول\nوسطر ثانٍ",https://a.example/2022/01/06/y,,\n'
        f"{OTHER},https://a.example/z,2022-02-30,\n"
        f"{OTHER},too,few\n"
        f"{OTHER},,2022-01,\n",
        encoding="utf-8",
    )
    items = read(path)
    assert outcomes(items) == [
        (f"{path}:2", "ok feed.csv:2"),
        (f"{path}:3", 'no text: the record\'s "text" is empty'),
        (f"{path}:4", "ok feed.csv:4"),  # a record's line is where it starts
        (
            f"{path}:6",
            "field \"published\" is not an ISO date or datetime (YYYY-MM-DD): '2022-02-30'",
        ),
        (f"{path}:7", "3 fields where the header row has 4"),
        (f"{path}:8", "ok feed.csv:8"),
    ]
    first, multiline, last = (i for i in items if isinstance(i, SourceDocument))
    assert first.text == TEXT
    assert (first.meta.url, first.meta.published, first.meta.outlet) == (
        "https://sana.sy/?p=1",
        "2022-01-13",
        "SANA",
    )
    assert multiline.text == "سطر أول\nوسطر ثانٍ"
    assert multiline.meta.published is None  # an empty cell says nothing
    assert last.meta.published == "2022-01"


def test_csv_without_a_text_column(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("body,url\nنص,https://a.example\n", encoding="utf-8")
    assert outcomes(read(path)) == [
        (f"{path}:1", 'no "text" (or "html") column in the header row (its columns: body, url)')
    ]


def test_csv_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes(b"\xef\xbb\xbftext,title\n" + f"{TEXT},عنوان\n".encode())
    (item,) = read(path)
    assert (item.text, item.meta.title) == (TEXT, "عنوان")


# --- sidecars ---


def test_a_txt_files_sidecar_gives_its_metadata(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"url": "https://arabic.rt.com/world/1-x/", "published": "2022-01-13"}),
        encoding="utf-8",
    )
    (item,) = read(tmp_path / "a.txt")
    assert (item.name, item.text) == ("a.txt", TEXT)
    assert (item.meta.url, item.meta.published) == (
        "https://arabic.rt.com/world/1-x/",
        "2022-01-13",
    )
    assert item.meta.origin == "the sidecar a.meta.json"
    assert item.note == "metadata from a.meta.json"


def test_a_bad_sidecar_fails_its_article(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"published": "yesterday"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "b.meta.json").write_text("{oops", encoding="utf-8")
    assert outcomes(read(tmp_path / "a.txt") + read(tmp_path / "b.txt")) == [
        (
            str(tmp_path / "a.txt"),
            'sidecar a.meta.json: field "published" is not an ISO date or datetime '
            "(YYYY-MM-DD): 'yesterday'",
        ),
        (
            str(tmp_path / "b.txt"),
            "sidecar b.meta.json: not JSON (Expecting property name enclosed in double quotes "
            "at line 1 column 2)",
        ),
    ]


# --- HTML pages ---


def test_an_html_page_gives_its_article_and_metadata_not_its_furniture():
    (page,) = read(PAGE)
    assert page.note == "main text of the HTML page"
    lines = page.text.split("\n")
    assert lines[0] == "زاس: قوات المنظمة تبدأ الانسحاب من كازاخستان"
    assert any(line.startswith("قال الأمين العام لمنظمة معاهدة الأمن الجماعي") for line in lines)
    for furniture in (
        "الرئيسية",
        "أخبار ذات صلة",
        "لافروف",
        "التعليقات",
        "أحد القراء",
        "جميع الحقوق",
    ):
        assert furniture not in page.text, furniture
    meta = page.meta
    assert meta.url == "https://sana.sy/?p=1577001"
    assert meta.title == "زاس: قوات المنظمة تبدأ الانسحاب من كازاخستان"
    assert meta.published == "2022-01-13"
    assert meta.site_name == "الوكالة العربية السورية للأنباء"
    assert meta.author == "هيئة التحرير"


def test_an_html_pages_sidecar_wins_over_its_metadata(tmp_path):
    target = tmp_path / "page.html"
    target.write_bytes(PAGE.read_bytes())
    (tmp_path / "page.meta.json").write_text('{"published": "2022-01-14"}', encoding="utf-8")
    (page,) = read(target)
    assert page.meta.published == "2022-01-14"  # the sidecar's
    assert page.meta.url == "https://sana.sy/?p=1577001"  # the page's, where the sidecar is silent


def test_a_records_html_is_reduced_to_its_article_and_the_records_fields_win(tmp_path):
    path = jsonl(
        tmp_path,
        {"html": PAGE.read_text(encoding="utf-8"), "published": "2022-01-14"},
        {"html": "<html><body><script>x()</script></body></html>"},
        {"html": "   "},
    )
    page, *failures = read(path)
    assert page.note == "main text of the HTML page"
    assert page.text == read(PAGE)[0].text  # the same article as the page read as a file
    assert "أخبار ذات صلة" not in page.text
    assert page.meta.published == "2022-01-14"  # the record's, over the page's 2022-01-13
    assert page.meta.url == "https://sana.sy/?p=1577001"  # the page's, the record says none
    assert outcomes(failures) == [
        (f"{path}:2", "HTML page with no text (after removing the markup)"),
        (f"{path}:3", 'no text: the record\'s "html" is empty'),
    ]
