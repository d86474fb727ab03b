"""Dated events: the dates a sentence carries other than the one dating a statement.

Today one ``event`` per other date of a sentence (the dateline excepted), credited to the
sentence's reporting subject when it has a cue. A date inside a quotation is read against
the date of the statement quoting it.
"""

from __future__ import annotations

from app.extract.context import CorpusContext
from app.extract.countries import countries_between
from app.extract.dates import TimeExpr, as_date, resolve
from app.extract.model import DateValue, ExtractedEvent
from app.extract.segment import Paragraph
from app.extract.speakers import Attribution
from app.extract.textnorm import NormText


def build_events(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    body: set[int],
    att: Attribution,
    exprs_by_para: dict[int, tuple[TimeExpr, ...]],
    dl_expr: TimeExpr | None,
    published: DateValue | None,
    cmentions,
    ctx: CorpusContext | None,
    statements: list[ExtractedEvent],
    speech_spans: list[tuple[int, int]],
) -> list[ExtractedEvent]:
    """The dated events of the article, in text order."""
    ref = as_date(published)
    year_hint = ctx.year_for if ctx else None
    cover = [(s.start, s.end, s.date.value if s.date else "") for s in statements]
    events: list[ExtractedEvent] = []
    for pi in sorted(body):
        p = paras[pi]
        pexprs = [e for e in exprs_by_para.get(pi, ()) if e is not dl_expr]
        for si, sent in enumerate(p.sentences):
            sa = att.sentences.get((pi, si))
            sexprs = [e for e in pexprs if sent.start <= e.start < sent.end]
            seen: set[str] = set()
            for e in sexprs:
                r = ref
                if any(a <= e.start < b for a, b in speech_spans):
                    # a date inside a quote is read against when the quote was said
                    stm = next(
                        (
                            ev
                            for ev in reversed(statements)
                            if ev.start <= e.start < ev.end and ev.date
                        ),
                        None,
                    )
                    if stm is not None and stm.date.precision == "day":
                        r = as_date(stm.date) or ref
                dv = resolve(e, r, year_hint)
                if dv is None or dv.value in seen:
                    continue
                if any(a <= sent.start and sent.end <= b and v == dv.value for a, b, v in cover):
                    continue
                seen.add(dv.value)
                speaker = sa.speaker if (sa and sa.cues) else None
                events.append(
                    ExtractedEvent(
                        kind="event",
                        start=sent.start,
                        end=sent.end,
                        text=nt.raw[sent.start : sent.end],
                        date=dv,
                        speaker=speaker.ref if speaker is not None else None,
                        countries=countries_between(cmentions, sent.start, sent.end),
                    )
                )
    return events
