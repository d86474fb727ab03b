"""The seeds' default timeline, card by card (issue 9, done-when 2): no card may misstate who
did what when. Each statement card must be a gold quotation or reported statement of its
article with the gold speaker and date; each event card a gold happening of its article with
the gold date. The event cards are also listed, so a change in them is seen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session

from app.filters import TimelineFilters
from app.queries import timeline_page
from bench.evaluate import load_scorer

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "seeds_gold.json"

# (article, date, who did it) of every event card of the default timeline: an event has a
# speaker only when the one announcing an act did it (Tokayev announcing the withdrawal)
EXPECTED_EVENTS = [
    ("000_cad41367bbfcbc41", "2022-01-06", None),
    ("000_cad41367bbfcbc41", "2022-01-10", None),
    ("000_cad41367bbfcbc41", "2022-01-13", None),
    ("000_cad41367bbfcbc41", "2022-01-13", None),
    ("001_8ac9d9b664747c0a", "2022-01", None),
    ("001_8ac9d9b664747c0a", "2022-01-12", "Kassym-Jomart Tokayev"),
    ("001_8ac9d9b664747c0a", "2022-01-13", None),
    ("001_8ac9d9b664747c0a", "2022-01-13", None),
    ("001_8ac9d9b664747c0a", "2022-01-13", None),
    ("001_8ac9d9b664747c0a", "2022-01-14", None),
    ("001_8ac9d9b664747c0a", "2022-01-14", None),
    ("001_8ac9d9b664747c0a", "2022-01-19", None),
    ("003_4c88dacdebfbe8c6", "2022-01", None),
    ("003_4c88dacdebfbe8c6", "2022-01-06", None),
    ("003_4c88dacdebfbe8c6", "2022-01-09", None),
    ("003_4c88dacdebfbe8c6", "2022-01-11", None),
]


@pytest.fixture(scope="module")
def gold() -> dict:
    return {a["id"]: a for a in json.loads(GOLD.read_text(encoding="utf-8"))["articles"]}


@pytest.fixture
def cards(seeded_engine):
    with Session(seeded_engine) as session:
        page = timeline_page(session, TimelineFilters(limit=200))
        assert page.next_cursor is None
        return [
            {
                "article": Path(v.article.source_file).stem,
                "kind": v.event.kind,
                "date": v.event.date,
                "text": v.event.text,
                "speech": v.event.speech,
                "background": v.event.background,
                "speaker": None
                if v.speaker is None
                else {"name_ar": v.speaker.name_ar, "name_en": v.speaker.name_en},
                "quotes": [{"text": q.text} for q in v.quotes],
            }
            for v in page.views
        ]


def _statement_truth(card: dict, art: dict, score) -> str | None:
    """Why a statement card is wrong, or None when a gold entry backs it."""
    quotes = [score.norm(q["text"]) for q in card["quotes"]]
    entries = [
        g for g in art["quotes"] if any(q.startswith(score.norm(g["anchor"])) for q in quotes)
    ]
    if not quotes:
        rest = score.unquoted(card)
        entries = [g for g in art.get("reported", []) if score.norm(g["anchor"]) in rest]
        if not entries:
            # reported speech in a sentence that also quotes the speaker (the gold lists only
            # the quotation there): true when it names that quotation's speaker and date
            text = score.norm(card["text"])
            entries = [g for g in art["quotes"] if score.norm(g["anchor"]) in text]
    if not entries:
        return "no gold quotation or reported statement"
    ok = [g for g in entries if score.speaker_ok(g, card["speaker"])]
    if not ok:
        return f"speaker {card['speaker']} is not {entries[0]['speaker_en']}"
    if not any(g["date"] is None or g["date"] == card["date"] for g in ok):
        return f"date {card['date']} is not {ok[0]['date']}"
    return None


def test_every_card_of_the_default_timeline_is_true(cards, gold):
    score = load_scorer()
    wrong = []
    for card in cards:
        art = gold[card["article"]]
        words = " ".join(card["text"].split()[:6])
        assert not card["background"], "the default timeline shows no background fact"
        if card["kind"] == "statement":
            why = _statement_truth(card, art, score)
        else:
            text = score.norm(card["text"])
            happenings = [
                m
                for m in art["dated_mentions"]
                if m.get("kind") == "happening" and m["date"] == card["date"]
            ]
            why = (
                None
                if any(score.norm(m["anchor"]) in text for m in happenings)
                else "no gold happening at this date"
            )
            if card["speech"] is not None:
                why = "an event presented as speech"
        if why:
            wrong.append(f"{card['article']} {card['kind']} {card['date']} «{words}»: {why}")
    assert not wrong, "\n".join(wrong)


def test_the_event_cards_are_these(seeded_engine):
    with Session(seeded_engine) as session:
        views = timeline_page(session, TimelineFilters(kind="event", limit=200)).views
    listed = sorted(
        (Path(v.article.source_file).stem, v.event.date, v.speaker.name_en if v.speaker else None)
        for v in views
    )
    assert listed == sorted(EXPECTED_EVENTS)


def test_background_facts_are_shown_only_when_asked(seeded_engine):
    with Session(seeded_engine) as session:
        default = timeline_page(session, TimelineFilters(limit=200))
        every = timeline_page(session, TimelineFilters(background=True, limit=200))
    shown = [v for v in every.views if v.event.background]
    assert shown and all(v.event.kind == "event" for v in shown)
    assert every.total == default.total + len(shown)
    assert {v.event.id for v in default.views} <= {v.event.id for v in every.views}
