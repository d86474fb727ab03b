"""extract_article: the stages wired together, nothing else.

normalize → segment → time expressions → furniture (dateline, title, outlet) → quotations
→ publication date → speakers → countries → statements (dated by ``statement_dates``) and
dated events. Each stage is a pure function over frozen values in its own module.
"""

from __future__ import annotations

from bisect import bisect_right

from app.extract.attribution import attribute
from app.extract.context import CorpusContext
from app.extract.countries import find_countries
from app.extract.dates import TimeExpr, as_date, find_time_expressions, outside_names
from app.extract.events import build_events
from app.extract.furniture import find_outlet, name_spans, read_furniture
from app.extract.knowledge import Knowledge, load_knowledge
from app.extract.model import ArticleExtraction, DateValue
from app.extract.publication import publication_date, publication_period
from app.extract.quotes import find_quotes
from app.extract.reported import find_reported
from app.extract.resources import load_resources
from app.extract.segment import Paragraph, segment
from app.extract.statements import build_statements
from app.extract.textnorm import NormText, normalize_text


def extract_article(
    text: str,
    *,
    context: CorpusContext | None = None,
    knowledge: Knowledge | None = None,
    published: DateValue | None = None,
) -> ArticleExtraction:
    """Extract statements and dated events from one article (pure and deterministic).

    ``knowledge`` defaults to the knowledge base in ``app/extract/data`` (tests pass others).
    ``published``: the publication date known from outside the text (a record, the page's
    metadata, the URL: app/provenance.py), used instead of the one read from the text, so that
    "yesterday" counts from it.
    """
    if not isinstance(text, str) or not text.strip():
        return ArticleExtraction(text=text if isinstance(text, str) else "")
    res = load_resources()
    kb = knowledge if knowledge is not None else load_knowledge()
    nt = normalize_text(text)
    paras = segment(nt, res)
    exprs_by_para = _exprs_by_paragraph(nt, paras, name_spans(nt, kb))
    fur = read_furniture(nt, paras, exprs_by_para, kb, res)
    body = fur.body(paras)
    dl_expr = fur.dateline

    quotes = tuple(q for q in find_quotes(nt, paras, res, kb) if q.paragraph in body)
    body_exprs = [e for pi in sorted(body) for e in exprs_by_para[pi] if e is not dl_expr]
    if published is None:
        published = publication_date(nt, body_exprs, dl_expr, quotes, context, fur.stamp)
    outlet = find_outlet(nt, paras, exprs_by_para, fur, body, kb, res)

    reported = find_reported(nt, paras, body, quotes, res)
    att = attribute(
        nt, paras, body, quotes, kb, res, as_date(published), publication_period(published),
        reported,
    )  # fmt: skip
    blocked = [fur.dateline_span] if fur.dateline_span else []
    cmentions = find_countries(nt, kb, quotes, blocked)
    statements = build_statements(
        nt, paras, body, quotes, att, exprs_by_para, dl_expr, published, cmentions, context,
        reported,
    )  # fmt: skip
    speech_spans = [(q.start, q.end) for q in quotes if q.speech]
    events = build_events(
        nt, paras, body, att, exprs_by_para, dl_expr, published, cmentions, context, statements,
        speech_spans,
    )  # fmt: skip
    # text order: a sentence's statements, then its other dated events
    merged = sorted(statements + events, key=lambda ev: (ev.start, ev.kind != "statement"))
    return ArticleExtraction(
        text=text, title=fur.title, outlet=outlet, published=published, events=tuple(merged)
    )


def _exprs_by_paragraph(
    nt: NormText, paras: tuple[Paragraph, ...], names: tuple[tuple[int, int], ...] = ()
) -> dict[int, tuple[TimeExpr, ...]]:
    """Time expressions of the whole article (one pass, none inside a medium's name), bucketed
    by paragraph."""
    out: dict[int, list[TimeExpr]] = {pi: [] for pi in range(len(paras))}
    starts = [p.start for p in paras]
    for e in outside_names(find_time_expressions(nt), names):
        pi = bisect_right(starts, e.start) - 1
        if pi >= 0 and e.end <= paras[pi].end:
            out[pi].append(e)
    return {pi: tuple(v) for pi, v in out.items()}


__all__ = ["extract_article"]
