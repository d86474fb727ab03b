"""Helpers for the extraction tests: run the engine on a snippet and look things up."""

from __future__ import annotations

import pytest

from app.extract import ArticleExtraction, extract_article


def statements(ex: ArticleExtraction):
    return [e for e in ex.events if e.kind == "statement"]


def quote_texts(ex: ArticleExtraction) -> list[str]:
    return [q.text for e in ex.events for q in e.quotes]


def event_for(ex: ArticleExtraction, quote_prefix: str):
    for e in ex.events:
        for q in e.quotes:
            if q.text.startswith(quote_prefix):
                return e
    raise AssertionError(f"no quote starting {quote_prefix!r} in {quote_texts(ex)}")


@pytest.fixture
def extract():
    return extract_article
