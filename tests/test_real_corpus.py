"""The real corpus's tooling (bench/real/): the id rule, the gold assembly, the file checks, and
the committed gold files themselves. Runs without the text cache: the texts here are sentences
written for the test, never article text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bench.real import evaluate, fetch_list
from bench.real.gold import (
    ARTICLES_DIR,
    anchor_problems,
    article_id,
    assemble_gold,
    cache_dir,
    load_articles,
    lonely_stories,
    problems,
    split_leaks,
    text_path,
)

URL_DEV = "https://www.example-news.org/world/2022/01/13/zas-ceremony"
URL_BLIND = "https://agency.example.com/a/77"


def _article(url: str, split: str, **changes) -> dict:
    article = {
        "id": article_id(url),
        "url": url,
        "query": "زاس حفظ السلام",
        "split": split,
        "outlet": "TASS",
        "published": "2022-01-13",
        "published_basis": "dateline of the test text",
        "quotes": [
            {
                "anchor": "أنجزت القوات مهمتها كاملة",
                "speaker_en": "Stanislav Zas",
                "speaker_ar_surname": "زاس",
                "date": "2022-01-13",
                "date_basis": "said today",
                "countries": ["KZ"],
                "story": "zas-mission-done",
            }
        ],
        "reported": [],
        "dated_mentions": [
            {
                "anchor": "في 6 يناير 2022",
                "date": "2022-01-06",
                "precision": "day",
                "kind": "happening",
                "note": "the deployment decision",
            }
        ],
    }
    article.update(changes)
    return article


def _write(folder: Path, *articles: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article['id']}.json").write_text(json.dumps(article, ensure_ascii=False))
    return folder


def test_article_id_is_host_without_www_dashed_plus_url_hash():
    digest = hashlib.sha256(URL_DEV.encode()).hexdigest()[:8]
    assert article_id(URL_DEV) == f"example-news-org-{digest}"
    assert article_id(URL_BLIND).startswith("agency-example-com-")


def test_assembled_gold_holds_only_the_chosen_split():
    dev, blind = _article(URL_DEV, "dev"), _article(URL_BLIND, "blind")
    assert [a["id"] for a in assemble_gold([dev, blind], "dev")["articles"]] == [dev["id"]]
    assert [a["id"] for a in assemble_gold([dev, blind], "blind")["articles"]] == [blind["id"]]
    assert len(assemble_gold([dev, blind], "all")["articles"]) == 2


def test_assembled_gold_is_what_the_scorer_reads():
    gold = assemble_gold([_article(URL_DEV, "dev")], "dev")
    scorer = evaluate.load_scorer()
    export = [
        {
            "kind": "statement",
            "date": "2022-01-13",
            "speaker": {"name_ar": "ستانيسلاف زاس", "name_en": "Stanislav Zas"},
            "countries": ["KZ"],
            "text": "قال زاس",
            "article": {
                "source_file": f"{article_id(URL_DEV)}.txt",
                "published": "2022-01-13",
                "outlet": "TASS",
            },
            "quotes": [{"text": "أنجزت القوات مهمتها كاملة في البلاد", "start": 0, "end": 1}],
        }
    ]
    result, misses = scorer.score(gold, export)
    assert result["quote_recall"] == 1.0 and result["speaker_accuracy"] == 1.0, misses


def test_write_gold_writes_the_split_and_missing_texts_are_named(tmp_path, monkeypatch, capsys):
    folder = _write(tmp_path / "articles", _article(URL_DEV, "dev"), _article(URL_BLIND, "blind"))
    monkeypatch.setenv("CSTO_REAL_CACHE", str(tmp_path / "empty-cache"))
    out = tmp_path / "gold.json"
    code = evaluate.main(["--split", "blind", "--articles", str(folder), "--write-gold", str(out)])
    assert code == evaluate.EXIT_MISSING
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in written["articles"]] == [article_id(URL_BLIND)]
    err = capsys.readouterr().err
    assert f"blind/{article_id(URL_BLIND)}.txt" in err and "fetch_list --missing" in err
    assert article_id(URL_DEV) not in err


def test_ids_file_keeps_only_the_articles_it_lists(tmp_path, monkeypatch):
    url_other = "https://example.org/news/2"
    folder = _write(tmp_path / "articles", _article(URL_DEV, "dev"), _article(url_other, "dev"))
    ids = tmp_path / "ids.txt"
    ids.write_text(article_id(url_other) + "\n", encoding="utf-8")
    monkeypatch.setenv("CSTO_REAL_CACHE", str(tmp_path / "empty-cache"))
    out = tmp_path / "gold.json"
    argv = ["--articles", str(folder), "--ids", str(ids), "--write-gold", str(out)]
    assert evaluate.main(argv) == evaluate.EXIT_MISSING
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in written["articles"]] == [article_id(url_other)]


def test_problems_name_each_defect():
    assert problems(_article(URL_DEV, "dev")) == []
    bad = _article(URL_DEV, "test", id="example-news-org-00000000", published="13-01-2022")
    bad["quotes"][0]["anchor"] = "أنجزت القوات مهمتها كاملة في البلاد"
    bad["quotes"][0]["countries"] = ["kz"]
    bad["dated_mentions"][0]["precision"] = "month"
    found = "\n".join(problems(bad, "wrong.json"))
    for defect in (
        "url rule",
        "file name",
        "split",
        "published",
        "anchor of 6 words",
        "ISO alpha-2",
        "of month precision",
    ):
        assert defect in found
    assert problems({"id": "x"})[0].startswith("missing field")


def test_a_pasted_sentence_in_a_note_is_refused():
    article = _article(
        URL_DEV,
        "dev",
        notes="قال إن القوات أنجزت مهمتها كاملة وستعود إلى ثكناتها قريبا جدا "
        "بعد أن استقر الوضع في البلاد كلها",
    )
    assert any("Arabic words in a row" in p for p in problems(article))


def test_a_story_in_both_splits_is_a_leak():
    dev, blind = _article(URL_DEV, "dev"), _article(URL_BLIND, "blind")
    assert split_leaks([dev, blind]) and "zas-mission-done" in split_leaks([dev, blind])[0]
    blind["quotes"][0]["story"] = "another-story"
    assert split_leaks([dev, blind]) == []


def test_a_story_needs_a_second_article_and_counts_set_aside_mentions():
    dev = _article(URL_DEV, "dev")
    assert lonely_stories([dev]) and "zas-mission-done" in lonely_stories([dev])[0]
    other = _article(URL_BLIND, "dev", quotes=[])
    other["unsupported_mentions"] = [
        {
            "anchor": "اليوم الخميس",
            "date": "2022-01-13",
            "precision": "day",
            "kind": "happening",
            "note": "only the weekday in the text",
            "story": "zas-mission-done",
        }
    ]
    assert lonely_stories([dev, other]) == []


def test_fetch_list_names_only_missing_texts(tmp_path, monkeypatch, capsys):
    folder = _write(tmp_path / "articles", _article(URL_DEV, "dev"), _article(URL_BLIND, "blind"))
    monkeypatch.setattr(fetch_list, "load_articles", lambda: load_articles(folder))
    monkeypatch.setenv("CSTO_REAL_CACHE", str(tmp_path / "cache"))
    (tmp_path / "cache" / "dev").mkdir(parents=True)
    (tmp_path / "cache" / "dev" / f"{article_id(URL_DEV)}.txt").write_text("نص", encoding="utf-8")
    assert fetch_list.main(["--missing"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{article_id(URL_BLIND)}\tblind\t{URL_BLIND}\tزاس حفظ السلام"]


@pytest.mark.slow
def test_evaluate_ingests_the_cached_text_with_the_cli(tmp_path):
    article = _article(URL_DEV, "dev")
    cache = tmp_path / "cache"
    (cache / "dev").mkdir(parents=True)
    (cache / "dev" / f"{article['id']}.txt").write_text(
        "موسكو 13 يناير 2022 (تاس)\n"
        'قال ستانيسلاف زاس اليوم: "أنجزت القوات مهمتها كاملة في كازاخستان".\n'
        "وكان المجلس قد قرر في 6 يناير 2022 إرسال القوات.\n",
        encoding="utf-8",
    )
    result, misses = evaluate.evaluate([article], cache)
    assert result["gold_quotes"] == 1
    assert result["quote_recall"] == 1.0, misses


@pytest.mark.slow
def test_with_url_scores_records_or_says_the_cli_cannot_read_them(tmp_path):
    article = _article(URL_DEV, "dev")
    cache = tmp_path / "cache"
    (cache / "dev").mkdir(parents=True)
    (cache / "dev" / f"{article['id']}.txt").write_text(
        'قال ستانيسلاف زاس اليوم: "أنجزت القوات مهمتها كاملة في كازاخستان".\n', encoding="utf-8"
    )
    try:
        result, misses = evaluate.evaluate([article], cache, with_url=True)
    except evaluate.Skipped as skipped:
        assert "records" in str(skipped) and "Skipped" in str(skipped)
    else:
        assert result["quote_recall"] == 1.0, misses


@pytest.mark.parametrize("path", sorted(ARTICLES_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_committed_article_file_is_valid(path):
    article = json.loads(path.read_text(encoding="utf-8"))
    assert problems(article, path.name) == []


def test_an_anchor_missing_from_the_text_is_named():
    article = _article(URL_DEV, "dev")
    norm = evaluate.load_scorer().norm
    text = "قال زاس: «أنجزت القوات مهمتها كاملة». وكان القرار في 6 يناير 2022."
    assert anchor_problems(article, text, norm) == []
    assert "أنجزت القوات" in anchor_problems(article, "نص آخر", norm)[0]


DEV_ARTICLES = [a for a in load_articles() if a.get("split") == "dev"]


@pytest.mark.parametrize("article", DEV_ARTICLES, ids=lambda a: a["id"])
def test_dev_anchors_are_in_the_cached_text(article):
    """Dev only (blind texts stay unread by the suite); skipped without the cache."""
    path = text_path(article, cache_dir())
    if not path.is_file():
        pytest.skip("text not in the cache (bench/real/README.md, Re-fetching)")
    text = path.read_text(encoding="utf-8")
    assert anchor_problems(article, text, evaluate.load_scorer().norm) == []


def test_committed_stories_stay_within_one_split():
    assert split_leaks(load_articles()) == []


def test_committed_stories_have_reports_in_two_articles():
    assert lonely_stories(load_articles()) == []
