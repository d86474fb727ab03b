"""What an event card says around the quote: who said it, where and when (the lead-in), the
role worth showing, the date's provenance in plain words, and the search hits marked.

Every piece of stored text put into markup here goes through ``close_bidi`` and is escaped
(``markupsafe``), then isolated in ``<bdi>`` so a name or an outlet cannot reorder the
sentence around it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup, escape

from app.queries import EventView
from app.search_terms import SearchTerms, match_spans
from app.web.html import msg as _msg
from app.web.html import text as _text
from app.web.i18n import format_date, t
from app.web.text import close_bidi

_QUOTED = re.compile(r"«([^»]+)»|'([^']+)'|\"([^\"]+)\"")


def _bdi(value: str, lang: str | None = None) -> Markup:
    attr = f' lang="{lang}"' if lang else ""
    return Markup(f"<bdi{attr}>{escape(close_bidi(value))}</bdi>")


def speaker_name(view: EventView, lang: str) -> str | None:
    """The speaker's name in the reader's language (Arabic when no English one is known)."""
    s = view.speaker
    if s is None:
        return None
    return (s.name_en or s.name_ar) if lang == "en" else s.name_ar


def role_of(view: EventView, lang: str) -> str | None:
    """The role worth showing: the title as written in the article when it says something (two
    words or more), else the speaker's known role — a bare «الجنرال» or «السيد» says nothing."""
    s = view.speaker
    if lang == "en" and s is not None and s.role_en:
        return s.role_en
    written = view.event.speaker_role_ar
    known = s.role_ar if s is not None else None
    if written and (len(written.split()) >= 2 or not known):
        return written
    return known or written


def lead_in(view: EventView, lang: str) -> Markup:
    """«قال X، الأمين العام…، في 13 يناير 2022، بحسب تاس:» / "X, role, said on 13 January
    2022, according to TASS:" — or, for an event, when and where it was reported.

    The messages are trusted markup and every part put into them is escaped first, so they are
    filled with ``str.format`` (``Markup.format`` escapes each argument again through a Python
    formatter: it was a tenth of a timeline page's rendering)."""
    e, a = view.event, view.article
    who = role_part = when = outlet = ""
    name = speaker_name(view, lang)
    if name:
        name_lang = "en" if lang == "en" and view.speaker.name_en else "ar"
        who = _bdi(name, None if name_lang == lang else name_lang)
    role = role_of(view, lang)
    if role and name:
        role_lang = "en" if lang == "en" and view.speaker and view.speaker.role_en else "ar"
        role_part = t("lead.role", lang).format(
            role=_bdi(role, None if role_lang == lang else role_lang)
        )
    if e.date:
        key = "lead.on" if e.date_precision in (None, "day") else "lead.in"
        when = t(key, lang).format(date=escape(format_date(e.date, lang)))
    if a.outlet:
        outlet = t("lead.outlet", lang).format(outlet=_bdi(a.outlet))
    if e.kind == "statement" and name:
        key = "lead.said"
    elif e.kind == "statement":
        key = "lead.said_unnamed"
    else:
        key = "lead.event"
    return Markup(t(key, lang).format(who=who, role=role_part, when=when, outlet=outlet))


def date_note(view: EventView, lang: str) -> Markup | None:
    """How the date was known, in plain words in the reader's language, the words quoted from
    the article and the dates isolated (None when the text states the date)."""
    e, a = view.event, view.article
    if not e.date or e.date_basis in (None, "explicit"):
        return None
    note = e.date_note or ""
    if e.date_basis == "relative":
        found = _QUOTED.search(note)
        expression = next((g for g in found.groups() if g), "") if found else ""
        if a.published:
            published = _bdi(format_date(a.published, lang))
            if expression:
                return Markup(t("note.relative", lang)).format(
                    expr=_bdi(expression, "ar"), published=published
                )
            return Markup(t("note.relative_plain", lang)).format(published=published)
        return Markup(t("note.relative_other", lang))
    lowered = note.lower()
    if "same speaker" in lowered:
        return Markup(t("note.same_speaker", lang))
    if "lead" in lowered:
        return Markup(t("note.lead", lang))
    if "dateline" in lowered or "year" in lowered:
        return Markup(t("note.year_inferred", lang))
    return Markup(t("note.published", lang))


def article_date_note(basis: str | None, lang: str) -> str | None:
    """How an article's publication date was known, in plain words."""
    if not basis:
        return None
    text = t(f"published.{basis}", lang)
    return None if text == f"published.{basis}" else text


def source_url(article) -> str | None:
    """The original article's address when the ingest knew it (``article.url``)."""
    url = getattr(article, "url", None)
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return url
    return None


def marked(text: str, terms: SearchTerms | None) -> Markup:
    """``text`` escaped, with the spans the search terms match in ``<mark class="hit">``."""
    text = close_bidi(text)
    spans = match_spans(text, terms) if terms else []
    if not spans:
        return escape(text)
    out = Markup("")
    position = 0
    for start, end in spans:
        out += escape(text[position:start])
        out += Markup('<mark class="hit">') + escape(text[start:end]) + Markup("</mark>")
        position = end
    return out + escape(text[position:])


def event_card(
    view: EventView,
    lang: str,
    terms: SearchTerms | None = None,
    *,
    source: bool = True,
    permalink: bool = True,
) -> Markup:
    """An event's card (``<article class="event">``), written in one pass.

    It was the partial ``_event_card.html``: a page has 15 cards or more, and Jinja's
    per-expression calls (attribute lookups, ``finalize``, escaping each value, the include's
    context) were a third of a fresh timeline page. Every stored value is bidi-closed and
    escaped here as the template's autoescape did (``_text``); the messages are escaped once
    (``_msg``); ``lead_in``, ``date_note`` and ``marked`` return markup already."""
    e, s, a = view.event, view.speaker, view.article
    out: list[str] = []
    w = out.append
    background = " background" if e.background else ""
    w(f'<article class="event kind-{_text(e.kind)}{background}" id="e-{_text(e.id)}">\n<header>\n')
    icon = "❝" if e.kind == "statement" else "◆"
    w(f'<p class="kind-tag"><span class="kind-icon" aria-hidden="true">{icon}</span> ')
    w(_msg("card.kind_" + str(e.kind), lang))
    if e.speech == "indirect":
        w(" · " + _msg("card.indirect", lang))
    if e.background:
        w(" · " + _msg("card.background", lang))
    w("</p>\n")
    if s:
        href = _text(quote(str(s.id), safe="/"))
        w(f'<h3 class="who"><a href="/speakers/{href}">')
        if lang == "en" and s.name_en:
            w(f'<bdi lang="en">{_text(s.name_en)}</bdi> <bdi class="other" lang="ar">')
            w(f"{_text(s.name_ar)}</bdi>")
        else:
            w(f'<bdi lang="ar">{_text(s.name_ar)}</bdi>')
            if s.name_en:
                w(f' <bdi class="other" lang="en">{_text(s.name_en)}</bdi>')
        w("</a></h3>")
    w('<p class="when">')
    if e.date:
        w(f'<time datetime="{_text(e.date)}">{_text(format_date(e.date, lang))}</time>')
    else:
        w(_msg("basis.unknown", lang))
    if e.date_basis and e.date_basis != "explicit":
        w(f' <span class="basis">{_msg("basis." + str(e.date_basis), lang)}</span>')
        note = date_note(view, lang)
        if note:
            title = f' title="{_text(e.date_note)}"' if e.date_note else ""
            w(f' <span class="note"{title}>{note}</span>')
    w(f'</p>\n</header>\n<p class="lead">{lead_in(view, lang)}</p>\n')
    if view.quotes:
        for q in view.quotes:
            w(f'<blockquote class="quote" lang="ar" dir="rtl"><p>{marked(q.text, terms)}</p>')
            w("</blockquote>\n")
    else:
        w(f'<p class="sentence" lang="ar" dir="rtl">{marked(e.text, terms)}</p>\n')
    if view.countries:
        w(f'<ul class="card-countries" aria-label="{_msg("card.countries", lang)}">')
        for c in view.countries:
            csto = ' class="csto"' if c.csto_member else ""
            name = c.name_ar if lang == "ar" else c.name_en
            w(f'<li><a href="/countries/{_text(c.iso2)}"{csto}>{_text(name)}</a></li>')
        w("</ul>")
    w('<footer>\n<p class="published">')
    if a.outlet:
        w(f'<bdi class="outlet">{_text(a.outlet)}</bdi>')
    else:
        w(f'<span class="outlet unknown">{_msg("card.outlet_unknown", lang)}</span>')
    if a.published:
        w(" · " + _text(t("card.published", lang, date=format_date(a.published, lang))))
    anchor = f"#q-{_text(view.quotes[0].id)}" if view.quotes else ""
    w(f' · <a class="article-link" href="/articles/{_text(a.id)}{anchor}">')
    w(_msg("card.article", lang) + "</a>")
    original = source_url(a)
    if original:
        w(f' · <a class="original" href="{_text(original)}" rel="noopener noreferrer external"')
        w(f' dir="ltr">{_msg("card.original", lang)} ↗</a>')
    w("</p>\n")
    if source:
        w(f'<details class="source" hidden hx-get="/events/{_text(e.id)}/source"')
        w(' hx-trigger="toggle once" hx-target="find div"><summary>')
        w(_msg("card.source_link", lang) + "</summary><div></div></details>")
    if permalink:
        w(f'<a class="permalink" href="/events/{_text(e.id)}">{_msg("card.permalink", lang)}</a>')
    w("</footer>\n</article>")
    return Markup("".join(out))


def story_card(sv, lang: str, terms: SearchTerms | None = None) -> Markup:
    """A story on the timeline (it was the partial ``_story_card.html``, included once per
    story: Jinja's include and per-expression calls were a fifth of a fresh stories page): its
    best-attested report's card; when several sources carried it, who did ("reported by TASS,
    Sputnik +3"), where they differ, and every report a click away (loaded into the list when
    opened; the story page without JavaScript)."""
    card = event_card(sv.canonical, lang, terms)
    story = sv.story
    if not story.outlets > 1:
        return card
    outlets = sv.outlets
    sid = _text(story.id)
    out = [
        f'<details class="story" id="s-{sid}" hx-get="/stories/{sid}/reports"'
        ' hx-trigger="toggle once" hx-target="find ol"><summary>',
        _msg("story.reported_by", lang),
        " ",
        "، ".join(f"<bdi>{_text(o)}</bdi>" for o in outlets[:2]),
    ]
    if len(outlets) > 2:
        out.append(" " + _text(t("story.more", lang, n=len(outlets) - 2)))
    if sv.disagreements:
        fields = "، ".join(_msg("story.field." + str(d.field), lang) for d in sv.disagreements)
        out.append(f" · {_msg('story.differ', lang)}: {fields}")
    out.append(
        f'</summary><ol class="report-list"><li><a href="/stories/{sid}">'
        f"{_msg('story.page', lang)}</a></li></ol></details>\n"
    )
    return Markup(str(card) + "".join(out))
