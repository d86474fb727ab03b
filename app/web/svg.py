"""The charts' repeated SVG marks written in one pass (app/web/html.py's rules): the time axis'
scale, columns, lanes, bands and ticks, and the member-state strip's rows and cells. A fresh
filter set draws its charts anew, and these Jinja loops (a few hundred marks, each a link with
a title) were most of that drawing; the templates keep the frame around them."""

from __future__ import annotations

from markupsafe import Markup

from app.web.axis import Axis
from app.web.html import msg, text
from app.web.strip import Strip


def axis_marks(axis: Axis, lang: str) -> Markup:
    """Everything inside the axis' ``<svg>`` after the plot's frame."""
    gx, rx, _, bottom = axis.plot
    out: list[str] = []
    w = out.append
    for y, n in axis.scale:
        w(f'<line class="grid" x1="{gx}%" x2="{rx}%" y1="{y}" y2="{y}"/>')
        w(f'<text class="scale" x="{gx - 0.8}%" y="{y + 4}" text-anchor="end">{n}</text>\n')
    statements, events = msg("axis.statements", lang), msg("axis.events", lang)
    for c in axis.columns:
        w(f'<a class="col" href="{text(c.href)}"><title>{text(c.label)} — {statements}: ')
        w(f"{c.statements}، {events}: {c.events}</title>")
        if c.statement_h:
            w(f'<rect class="st" x="{c.x}%" width="{c.width}%" y="{c.statement_y}"')
            w(f' height="{c.statement_h}"/>')
        if c.event_h:
            w(f'<rect class="ev" x="{c.x}%" width="{c.width}%" y="{c.event_y}"')
            w(f' height="{c.event_h}"/>')
        w("</a>\n")
    for name, lane in axis.lanes.items():
        w(f'<rect class="lane" x="{gx}%" y="{lane[0]}" width="{rx - gx}%"')
        w(f' height="{lane[1] - lane[0]}"/><text class="lane-label" x="{gx - 0.8}%"')
        w(f' y="{lane[1] - 4}" text-anchor="end" lang="{text(lang)}">')
        w(f"{msg('axis.lane.' + str(name), lang)}</text>\n")
    for b in axis.bands:
        w(f'<a class="band band-{text(b.precision)}" href="{text(b.href)}"><title>')
        w(f"{text(b.label)} ({msg('axis.' + str(b.precision) + '_band', lang)}): {b.count}")
        w(f'</title><rect x="{b.x}%" y="{b.y}" width="{b.width}%" height="{b.height}" rx="3"/>')
        w(f'<text x="{b.x + 0.4}%" y="{b.y + b.height - 4}">{b.count}</text></a>\n')
    for tk in axis.ticks:
        minor = "" if tk.major else " minor"
        w(f'<line class="tick-line" x1="{tk.x}%" x2="{tk.x}%" y1="{bottom}" y2="{bottom + 4}"/>')
        w(f'<a class="tick{minor}" href="{text(tk.href)}"><text x="{tk.x}%"')
        w(f' y="{axis.height - 12}" lang="{text(lang)}">{text(tk.label)}</text></a>\n')
    return Markup("".join(out))


def strip_marks(strip: Strip, lang: str) -> Markup:
    """Everything inside the strip's ``<svg>``: a row per member state, then the month labels."""
    out: list[str] = []
    w = out.append
    comma = "، " if lang == "ar" else ", "
    for row in strip.rows:
        name = text(row.country.name_ar if lang == "ar" else row.country.name_en)
        w(f'<g transform="translate(0 {row.y})" role="group" aria-label="{name}">')
        w(f'<a class="strip-name" href="/countries/{text(row.country.iso2)}"><text x="0" y="16">')
        w(f'{name}</text></a><rect class="strip-row" x="20%" width="79.5%"/>\n')
        for c in row.cells:
            w(f'<a href="{text(c.href)}"><title>{name}{comma}{text(c.label)}</title>')
            w(f'<rect class="s{c.shade}" x="{c.x}%" width="{c.width}%"/></a>')
        w("</g>\n")
    for x, label, shown in strip.months:
        if shown:
            w(f'<text class="tick" x="{x}%" y="{strip.height - 4}" lang="{text(lang)}">')
            w(f"{text(label)}</text>")
    return Markup("".join(out))
