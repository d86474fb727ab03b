"""The ``statement`` events: one per speech quotation (``speech="direct"``) and one per
reported clause (``speech="indirect"``, ``reported.py``), with span, speaker, date, countries.

The speaker comes from the attribution stage (``attribution.py``), the date from
``statement_dates.py``; a quotation's countries are those named from the start of its
sentence (or the previous quote's end) to the quote's end, the attribution after a
quote-first quote included; a reported clause's are those of the clause (its sentence's
attribution and its content). A sentence holding a direct quotation gives no reported clause
(``reported.py``), so the same words never make two statements. A reported clause without a
speaker ('وفقاً لقرار المجلس، …') is no statement.
"""

from __future__ import annotations

from app.extract.attribution import Attribution
from app.extract.context import CorpusContext
from app.extract.countries import countries_between
from app.extract.dates import TimeExpr
from app.extract.model import DateValue, ExtractedEvent, Span
from app.extract.quotes import Quote
from app.extract.reported import ReportedClause
from app.extract.segment import Paragraph
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
    reported: tuple[ReportedClause, ...] = (),
) -> list[ExtractedEvent]:
    """The statements of the article, in text order."""
    speech = [(qi, q) for qi, q in enumerate(quotes) if q.speech]
    clauses: dict[tuple[int, int], list[tuple[int, ReportedClause]]] = {}
    for ri, rc in enumerate(reported):
        clauses.setdefault((rc.paragraph, rc.sentence), []).append((ri, rc))
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
            for ri, rc in clauses.get((pi, si), ()):
                ent = att.reported_speakers.get(ri)
                if ent is None:
                    continue
                dv = dater.date_quote(len(out), pi, sent, _as_quote(rc), ent, sa, narr, pexprs)
                words = nt.raw[rc.content_start : rc.content_end]
                out.append(
                    ExtractedEvent(
                        kind="statement",
                        start=rc.start,
                        end=rc.end,
                        text=nt.raw[rc.start : rc.end],
                        date=dv,
                        speaker=ent.ref,
                        countries=countries_between(cmentions, rc.start, rc.end),
                        # 'قال X في مؤتمر صحفي: الوضع …': speech as said, quote marks left out
                        quotes=(Span(rc.content_start, rc.content_end, words),) if rc.colon else (),
                        speech="direct" if rc.colon else "indirect",
                    )
                )
    dater.finish(out)
    return out


def _as_quote(rc: ReportedClause) -> Quote:
    """A reported clause in the shape the statement dater reads: its content is the 'quote',
    the words before it introduce it; content given before its cue ('…، صرّح بذلك X') is
    dated like a quote-first quotation, by the attribution after it."""
    after = rc.order in ("after", "prep_last")
    return Quote(
        start=rc.content_start,
        end=rc.content_end,
        open_mark=rc.content_start,
        close_mark=rc.content_end if after else None,
        paragraph=rc.paragraph,
        speech=True,
        cue_start=rc.start,
        words=0,
        attr_end=rc.end if after else None,
    )
