"""One ``statement`` event per speech quotation: its span, speaker, date and countries.

The speaker comes from the attribution stage (``speakers.py``), the date from
``statement_dates.py``; countries are those named from the start of its sentence (or the
previous quote's end) to the quote's end, the attribution after a quote-first quote
included.
"""

from __future__ import annotations

from app.extract.context import CorpusContext
from app.extract.countries import countries_between
from app.extract.dates import TimeExpr
from app.extract.model import DateValue, ExtractedEvent, Span
from app.extract.quotes import Quote
from app.extract.segment import Paragraph
from app.extract.speakers import Attribution
from app.extract.statement_dates import StatementDater
from app.extract.textnorm import NormText


def build_statements(
    nt: NormText,
    paras: tuple[Paragraph, ...],
    body: set[int],
    quotes: tuple[Quote, ...],
    att: Attribution,
    exprs_by_para: dict[int, tuple[TimeExpr, ...]],
    dl_expr: TimeExpr | None,
    published: DateValue | None,
    cmentions,
    ctx: CorpusContext | None,
) -> list[ExtractedEvent]:
    """The statements of the article, in text order."""
    speech = [(qi, q) for qi, q in enumerate(quotes) if q.speech]
    dater = StatementDater(nt, paras, body, exprs_by_para, dl_expr, published, ctx, speech)
    out: list[ExtractedEvent] = []
    for pi in sorted(body):
        p = paras[pi]
        pexprs = [e for e in exprs_by_para.get(pi, ()) if e is not dl_expr]
        for si, sent in enumerate(p.sentences):
            sa = att.sentences.get((pi, si))
            narr = [
                e for e in pexprs if sent.start <= e.start < sent.end and not dater.inside_speech(e)
            ]
            if sa is not None:
                dater.note_report(pi, sent, sa, narr)
            for qi, q in speech:
                if q.paragraph != pi:
                    continue
                mark = q.open_mark if q.open_mark is not None else q.start
                if not (sent.start <= mark < sent.end + 1):
                    continue
                ent = att.quote_speakers.get(qi)
                dv = dater.date_quote(len(out), pi, sent, q, ent, sa, narr, pexprs)
                end_sent = next((s for s in p.sentences if s.start <= q.end <= s.end), sent)
                ev_start, ev_end = sent.start, max(end_sent.end, q.end)
                if q.close_mark is not None:
                    ev_end = max(ev_end, q.close_mark + 1)
                ev_end = min(ev_end, p.end)
                c_end = (q.close_mark or q.end - 1) + 1
                if q.attr_end is not None:  # quote-first: the attribution after it counts
                    c_end = max(c_end, q.attr_end)
                    ev_end = max(ev_end, min(q.attr_end, p.end))
                out.append(
                    ExtractedEvent(
                        kind="statement",
                        start=ev_start,
                        end=ev_end,
                        text=nt.raw[ev_start:ev_end],
                        date=dv,
                        speaker=ent.ref if ent is not None else None,
                        countries=countries_between(cmentions, q.cue_start, c_end),
                        quotes=(Span(q.start, q.end, nt.raw[q.start : q.end]),),
                        speech="direct",
                    )
                )
    dater.finish(out)
    return out
