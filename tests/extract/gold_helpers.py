"""Run the engine on a folder of articles like the ingest does, and shape the export lines."""

from __future__ import annotations

from pathlib import Path

from app.extract import ArticleExtraction, CorpusContext, extract_article
from bench.evaluate import load_scorer  # ../shared/eval/score.py, else the copy in tests/fixtures

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "seeds_gold.json"


def two_pass(texts: dict[str, str], **kw) -> dict[str, ArticleExtraction]:
    """Extract all; build the context; re-extract those without an explicit publication date."""
    first = {name: extract_article(t, **kw) for name, t in texts.items()}
    ctx = CorpusContext.from_extractions(first.values())
    out = {}
    for name, ex in first.items():
        if ex.published is None or ex.published.basis != "explicit":
            ex = extract_article(texts[name], context=ctx, **kw)
        out[name] = ex
    return out


def export_lines(source_file: str, ex: ArticleExtraction) -> list[dict]:
    lines = []
    for i, ev in enumerate(ex.events):
        lines.append(
            {
                "id": f"{source_file}#{i}",
                "kind": ev.kind,
                "date": ev.date.value if ev.date else None,
                "speaker": None
                if ev.speaker is None
                else {
                    "name_ar": ev.speaker.name_ar,
                    "name_en": ev.speaker.name_en,
                    "role_ar": ev.speaker.role_ar,
                },
                "countries": list(ev.countries),
                "text": ev.text,
                "article": {
                    "source_file": source_file,
                    "published": ex.published.value if ex.published else None,
                    "outlet": ex.outlet,
                },
                "quotes": [{"text": q.text, "start": q.start, "end": q.end} for q in ev.quotes],
                "speech": ev.speech,
                "background": ev.background,
            }
        )
    return lines


def score_folder(folder: Path, gold: dict, **kw):
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    results = two_pass(texts, **kw)
    events = [line for name, ex in results.items() for line in export_lines(name, ex)]
    return load_scorer().score(gold, events)
