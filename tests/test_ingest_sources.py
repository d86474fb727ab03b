"""Ingest end to end from what users really have: an HTML page with its furniture, JSON Lines
and CSV records (good and bad), a sidecar; the source's metadata decides the publication date
and outlet, and says so in the store and the export. Real extractor, real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from app.cli import main
from app.db import make_engine

PAGE = Path(__file__).parent / "fixtures" / "pages" / "article_with_furniture.html"

# Short sentences written for these tests (no article is quoted).
UNDATED = (
    'قال الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف زاس إن "القوات ستعود إلى '
    'بلدانها خلال أيام".\nوكان زاس قد التقى أمس وزير الدفاع الكازاخستاني في العاصمة.\n'
)
DATELINE = (
    "موسكو 6 يناير 2022 (تاس) - قال الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف "
    'زاس إن "المهمة في كازاخستان تسير وفق الخطة".\n'
)
OTHER = 'أعلنت وزارة الدفاع الروسية أن "الطائرات الأولى هبطت في ألماتي".\n'


def ingest(capsys, url: str, *paths: Path) -> tuple[int, list[str]]:
    code = main(["--db", url, "ingest", "--progress", "plain", *map(str, paths)])
    return code, capsys.readouterr().err.splitlines()


def export(capsys, url: str) -> list[dict]:
    assert main(["--db", url, "export"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def articles(url: str) -> dict[str, dict]:
    with make_engine(url).connect() as connection:
        rows = connection.execute(sql("SELECT * FROM article")).mappings().all()
    return {row["source_file"]: dict(row) for row in rows}


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


def write_jsonl(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_html_page_gives_events_from_its_article_only_and_its_metadata(capsys, url, tmp_path):
    page = tmp_path / "zas.html"
    page.write_bytes(PAGE.read_bytes())
    code, lines = ingest(capsys, url, page)
    assert code == 0, lines
    assert lines[1].startswith(f"added     {page}: ")
    assert lines[1].endswith("(main text of the HTML page)")
    records = export(capsys, url)
    assert records, "the article's statement and its dated event"
    for record in records:
        for furniture in ("الغرب", "القراء", "السلام لجميع", "الحقوق", "شويغو"):
            assert furniture not in record["text"], record["text"]
    quotes = [q["text"] for r in records for q in r["quotes"]]
    assert any(q.startswith("قوات حفظ السلام أنجزت مهمتها") for q in quotes)
    assert not any("تأخر كثيراً" in q or "زعزعة" in q for q in quotes)  # comments, related
    article = records[0]["article"]
    assert article == {
        "source_file": "zas.html",
        "published": "2022-01-13",
        "outlet": "SANA",
        "url": "https://sana.sy/?p=1577001",
        "title": "زاس: قوات المنظمة تبدأ الانسحاب من كازاخستان",
        "published_basis": "metadata",
        "outlet_basis": "url",
    }
    stored = articles(url)["zas.html"]
    assert (stored["author"], stored["site_name"]) == (
        "هيئة التحرير",
        "الوكالة العربية السورية للأنباء",
    )
    # an offset is an offset into the text as stored (trafilatura's)
    for record in records:
        for quote in record["quotes"]:
            assert stored["text"][quote["start"] : quote["end"]] == quote["text"]
    # "السادس من كانون الثاني الجاري" counts from the page's date: January 2022
    assert any(r["kind"] == "event" and r["date"] == "2022-01-06" for r in records)


def test_json_lines_good_records_are_stored_and_bad_ones_fail_alone(capsys, url, tmp_path):
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        {"text": UNDATED, "url": "https://www.example-news.com/world/2022/01/08/zas-troops/"},
        "{broken",
        {"text": "", "url": "https://sana.sy/?p=2"},
        {"text": OTHER, "published": "8 January"},
        {"text": OTHER, "url": "https://arabic.rt.com/world/1-x/", "name": "rt-landing.txt"},
    )
    code, lines = ingest(capsys, url, feed)
    assert code == 1
    assert sorted(lines[1:6]) == sorted(  # failures are told at once, stored ones per batch
        [
            f"added     {feed}:1: 2 events",
            f"failed    {feed}:2: not JSON (Expecting property name enclosed in double quotes "
            "at column 2)",
            f'failed    {feed}:3: no text: the record\'s "text" is empty',
            f'failed    {feed}:4: field "published" is not an ISO date or datetime (YYYY-MM-DD): '
            "'8 January'",
            f"added     {feed}:5: 1 event",
        ]
    )
    assert lines[-1] == "ingest: 5 files: 2 added, 3 failed"
    stored = articles(url)
    assert set(stored) == {"feed.jsonl:1", "rt-landing.txt"}
    first = stored["feed.jsonl:1"]
    assert first["url"] == "https://www.example-news.com/world/2022/01/08/zas-troops/"
    assert (first["published"], first["published_basis"]) == ("2022-01-08", "url")
    assert (first["outlet"], first["outlet_basis"]) == ("Example-News", "url")
    assert (stored["rt-landing.txt"]["outlet"], stored["rt-landing.txt"]["outlet_basis"]) == (
        "RT",
        "url",
    )
    # "أمس" counts from the URL's date
    dated = [r for r in export(capsys, url) if r["article"]["source_file"] == "feed.jsonl:1"]
    assert any(r["date"] == "2022-01-07" for r in dated), [r["date"] for r in dated]

    # the same records again: the good ones are unchanged, the bad ones still fail
    code, lines = ingest(capsys, url, feed)
    assert (code, lines[-1]) == (1, "ingest: 5 files: 3 failed, 2 unchanged")


def test_csv_records_with_metadata(capsys, url, tmp_path):
    feed = tmp_path / "feed.csv"
    quoted = UNDATED.replace('"', '""')
    feed.write_text(
        "text,url,published,outlet\n"
        f'"{quoted}",,2022-01-09T11:00:00+03:00,سانا\n'
        f"{OTHER.strip()},https://a.example/x,not-a-date,\n",
        encoding="utf-8",
    )
    code, lines = ingest(capsys, url, feed)
    assert code == 1
    assert sorted(lines[1:3]) == [
        f"added     {feed}:2: 2 events",
        f'failed    {feed}:5: field "published" is not an ISO date or datetime (YYYY-MM-DD): '
        "'not-a-date'",
    ]
    stored = articles(url)["feed.csv:2"]
    assert (stored["published"], stored["published_basis"]) == ("2022-01-09", "metadata")
    assert stored["published_note"] == "the record (2022-01-09T11:00:00+03:00)"
    assert (stored["outlet"], stored["outlet_basis"]) == ("SANA", "metadata")


def test_a_sidecar_gives_a_text_file_its_url_and_date(capsys, url, tmp_path):
    (tmp_path / "zas.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "zas.meta.json").write_text(
        json.dumps({"url": "https://sana.sy/?p=1577002", "published": "2022-01-10"}),
        encoding="utf-8",
    )
    code, lines = ingest(capsys, url, tmp_path / "zas.txt")
    assert code == 0, lines
    assert lines[1] == f"added     {tmp_path / 'zas.txt'}: 2 events (metadata from zas.meta.json)"
    stored = articles(url)["zas.txt"]
    assert (stored["url"], stored["published"], stored["published_basis"]) == (
        "https://sana.sy/?p=1577002",
        "2022-01-10",
        "metadata",
    )
    assert (stored["outlet"], stored["outlet_basis"]) == ("SANA", "url")

    # other metadata for the same text: the article is updated, not "unchanged"
    (tmp_path / "zas.meta.json").write_text('{"published": "2022-01-11"}', encoding="utf-8")
    code, lines = ingest(capsys, url, tmp_path / "zas.txt")
    assert lines[1].startswith(f"updated   {tmp_path / 'zas.txt'}: ")
    assert articles(url)["zas.txt"]["published"] == "2022-01-11"


def test_a_dateline_far_from_the_url_date_wins_and_the_disagreement_is_recorded(
    capsys, url, tmp_path
):
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        {"text": DATELINE, "url": "https://www.example-news.com/2022/01/02/zas/"},
        {"text": DATELINE + OTHER, "url": "https://www.example-news.com/2022/01/07/zas/"},
    )
    code, lines = ingest(capsys, url, feed)
    assert code == 0, lines
    far, near = articles(url)["feed.jsonl:1"], articles(url)["feed.jsonl:2"]
    assert (far["published"], far["published_basis"]) == ("2022-01-06", "explicit")
    assert far["published_note"].endswith(
        "the URL's date 2022-01-02 disagrees by 4 days and is not used"
    )
    assert (near["published"], near["published_basis"]) == ("2022-01-07", "url")
    assert "the text says 2022-01-06" in near["published_note"]


def test_a_folder_is_walked_for_records_files_too(capsys, url, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "feed.jsonl", {"text": OTHER, "url": "https://sana.sy/?p=9"})
    (folder / "a.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "a.meta.json").write_text('{"outlet": "TASS"}', encoding="utf-8")  # not an article
    code, lines = ingest(capsys, url, folder)
    assert code == 0, lines
    assert lines[-1] == "ingest: 2 files: 2 added"
    assert set(articles(url)) == {"a.txt", "feed.jsonl:1"}
    assert articles(url)["a.txt"]["outlet"] == "TASS"
