"""One rule for an article's publication date and outlet: what the source says beats guessing.

Three witnesses speak about an article: its **source's metadata** (a record's or sidecar's
fields, an HTML page's meta tags), its **URL** (a date in the path, ``/2022/01/06/``; the site,
by its domain in the knowledge base) and the **text** (the extractor's dateline, footer, or its
inference from the body). The rule, in order:

- publication date: the metadata's, else the URL's, else the text's. A date the text states
  outright (``basis == "explicit"``: a dateline, "today is …", a wire stamp) still wins over the
  URL's when the two are more than a day apart (the URL's date is then some other date of the
  site's); the same day keeps the text's (both agree); one day apart keeps the URL's (the page
  went up the day after the wire story). Every disagreement is written into the note.
- outlet: the metadata's ``outlet``, else the outlet a source line at the end of the text
  credits (``المصدر: "تاس"``: the site carries that outlet's story, and says so), else a news
  agency the text's furniture credits (a dateline's ``/تاس/``, ``موسكو/الأناضول``: the extractor
  reads the page's own name first, so an agency there means the page carries the agency's story
  and does not name itself — the corpus's convention), else the site the URL's domain names in
  the knowledge base, else the page's site name, else — a site the knowledge base does not know
  — the site's own name as its domain spells it (``al-dstoor.com`` → ``Al-Dstoor``), else the
  text's. The knowledge base turns each into its English name (``SANA``). The text's other
  outlets come last: a newspaper or channel the text names is most often one a story quotes,
  not the site that published it.
- title: the metadata's, else the text's.

Pure: no I/O, no database; the knowledge base is passed in as an :class:`OutletIndex`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.extract.model import DateValue
from app.extract.textnorm import norm
from app.source import SourceMeta

DISAGREEMENT_DAYS = 1  # an explicit text date further than this from the URL's wins over it

_YEAR = r"((?:19|20)\d{2})"
_END = r"(?=/|$|[-_.])"
_URL_DAY = (
    re.compile(rf"/{_YEAR}/(\d{{1,2}})/(\d{{1,2}}){_END}"),  # /2022/01/06/, /2022/1/6/
    re.compile(rf"/{_YEAR}-(\d{{1,2}})-(\d{{1,2}}){_END}"),  # /2022-01-06/
    re.compile(rf"/{_YEAR}(\d{{2}})(\d{{2}}){_END}"),  # /20220106/, /20220106-slug
    re.compile(rf"[-_]{_YEAR}-(\d{{2}})-(\d{{2}}){_END}"),  # /slug-words-2022-01-06-30851
    re.compile(rf"/{_YEAR}-(\d{{2}})/(\d{{2}}){_END}"),  # /2022-01/06/c_1310.htm
    re.compile(rf"/{_YEAR}/(\d{{2}})(\d{{2}})/"),  # /n3/2022/0106/c31662-99.html
)
# the day first, as Arabic sites write it: /1101234/06-01-2022-slug
_URL_DAY_FIRST = re.compile(rf"/(\d{{2}})-(\d{{2}})-{_YEAR}{_END}")
_URL_MONTH = re.compile(rf"/{_YEAR}/(\d{{1,2}})/(?!\d)")  # /2022/01/slug


@dataclass(frozen=True)
class Resolution:
    """The article's final publication date, outlet and title, and how each was known."""

    published: DateValue | None
    outlet: str | None
    outlet_basis: str | None  # metadata | url | text | None
    title: str | None


@dataclass(frozen=True)
class OutletIndex:
    """The knowledge base's outlets as the rule reads them: English names by any name or
    form (normalized), and by site (host, optional path prefix)."""

    by_name: dict[str, str]
    by_site: tuple[tuple[str, str, str], ...]  # (host, path prefix, name_en), longest first
    agencies: frozenset[str] = frozenset()  # English names of the news agencies

    @classmethod
    def from_outlets(cls, outlets: Iterable) -> OutletIndex:
        """From :class:`app.extract.knowledge.Outlet` values (slug, name_en, forms, domains,
        kind)."""
        outlets = list(outlets)
        by_name: dict[str, str] = {}
        sites = []
        for outlet in outlets:
            for name in (outlet.name_en, outlet.slug, *outlet.forms, *outlet.domains):
                by_name.setdefault(_name_key(name), outlet.name_en)
            for domain in outlet.domains:
                host, _, path = domain.lower().partition("/")
                sites.append((host, f"/{path}".rstrip("/"), outlet.name_en))
        sites.sort(key=lambda site: (-len(site[0]) - len(site[1]), site))
        agencies = frozenset(o.name_en for o in outlets if getattr(o, "kind", None) == "agency")
        return cls(by_name=by_name, by_site=tuple(sites), agencies=agencies)

    def named(self, name: str | None) -> str | None:
        """The knowledge base's English name for an outlet named so ('sana', 'سانا',
        'SANA', 'sana.sy'), or None."""
        return self.by_name.get(_name_key(name)) if name else None

    def for_url(self, url: str | None) -> str | None:
        """The outlet whose site the URL is on: its host ends with a known domain (on a label
        boundary: ``www.sana.sy``, not ``notsana.sy``) and its path starts with the domain's
        path, if it has one (``dw.com/ar``). The longest match wins."""
        host, path = _host_and_path(url)
        path = path.rstrip("/")
        if not host:
            return None
        for site_host, site_path, name in self.by_site:
            if host != site_host and not host.endswith("." + site_host):
                continue
            if site_path and path != site_path and not path.startswith(site_path + "/"):
                continue
            return name
        return None


def resolve(
    meta: SourceMeta,
    *,
    text_published: DateValue | None,
    text_outlet: str | None,
    text_title: str | None,
    outlets: OutletIndex,
    text: str = "",
) -> Resolution:
    """The final values for one article under the rule in this module's docstring (``text``:
    the article's, for its source line)."""
    outlet, outlet_basis = _outlet(meta, text_outlet, outlets, text)
    return Resolution(
        published=_published(meta, text_published),
        outlet=outlet,
        outlet_basis=outlet_basis,
        title=meta.title or text_title,
    )


def metadata_date(value: str | None, origin: str = "the metadata") -> DateValue | None:
    """An ISO date or datetime as given (``2022-01-06``, ``2022-01-06T23:10:00+03:00``,
    ``2022-01``, ``2022``) as a date of its precision, basis ``metadata``. A datetime keeps
    the calendar day it is written in (the publisher's own clock), not UTC's."""
    if not value:
        return None
    value = value.strip()
    match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day:
        when, precision = f"{year}-{month}-{day}", "day"
    elif month:
        when, precision = f"{year}-{month}", "month"
    else:
        when, precision = year, "year"
    return DateValue(when, precision, "metadata", f"{origin} ({value})")


def url_date(url: str | None) -> DateValue | None:
    """The date in a URL's path (``/2022/01/06/``, ``/2022/1/6/``, ``/2022-01-06/``,
    ``/20220106/``, ``/20220106-slug``, ``/slug-2022-01-06-123``, ``/2022-01/06/``,
    ``/2022/0106/``, the day first ``/06-01-2022-slug``; ``/2022/01/`` as a month),
    basis ``url``. The query string never counts (``?p=20220106`` is an id)."""
    _, path = _host_and_path(url)
    for pattern in _URL_DAY:
        for match in pattern.finditer(path):
            year, month, day = (int(g) for g in match.groups())
            try:
                when = dt.date(year, month, day)
            except ValueError:
                continue
            return DateValue(when.isoformat(), "day", "url", f"the URL's path ({match[0]})")
    for match in _URL_DAY_FIRST.finditer(path):
        day, month, year = (int(g) for g in match.groups())
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        return DateValue(when.isoformat(), "day", "url", f"the URL's path ({match[0]})")
    for match in _URL_MONTH.finditer(path):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            return DateValue(f"{year}-{month:02d}", "month", "url", f"the URL's path ({match[0]})")
    return None


def _published(meta: SourceMeta, text: DateValue | None) -> DateValue | None:
    given = metadata_date(meta.published, meta.origin or "the metadata")
    if given is not None:
        apart = _days_apart(given, text)
        if text is not None and apart:
            note = f"{given.note}; the text says {text.value} ({text.note or text.basis})"
            return DateValue(given.value, given.precision, "metadata", note)
        return given
    from_url = url_date(meta.url)
    if from_url is None:
        return text
    if text is None:
        return from_url
    apart = _days_apart(from_url, text)
    if text.basis == "explicit":
        if apart == 0:
            return DateValue(text.value, text.precision, text.basis, f"{text.note}; the URL agrees")
        if apart > DISAGREEMENT_DAYS:
            note = (
                f"{text.note}; the URL's date {from_url.value} disagrees by {apart} days "
                "and is not used"
            )
            return DateValue(text.value, text.precision, text.basis, note)
    elif apart == 0 and _finer(text, from_url):
        # a month in the URL, and the text's day falls in it: the day, confirmed
        return DateValue(text.value, text.precision, text.basis, f"{text.note}; the URL agrees")
    if apart:
        note = f"{from_url.note}; the text says {text.value} ({text.note or text.basis})"
        return DateValue(from_url.value, from_url.precision, "url", note)
    return from_url


def _outlet(meta: SourceMeta, text: str | None, outlets: OutletIndex, article: str = ""):
    if meta.outlet:
        return outlets.named(meta.outlet) or meta.outlet, "metadata"
    credited = source_line_outlet(article, outlets)
    if credited:
        return credited, "text"
    by_url = outlets.for_url(meta.url)
    if text in outlets.agencies and text != by_url:
        return text, "text"  # an agency's own site keeps its basis: the URL says the same
    if by_url:
        return by_url, "url"
    if meta.site_name:
        return outlets.named(meta.site_name) or meta.site_name, "metadata"
    label = site_label(meta.url)
    if label:
        return outlets.named(label) or label, "url"
    if text:
        return text, "text"
    return None, None


_SOURCE_LINE = re.compile(r"^(?:المصدر|مصدر الخبر)\s*[:：]\s*(.+?)\s*$")
_QUOTES = "\"'«»“”()[]"


def source_line_outlet(text: str, outlets: OutletIndex) -> str | None:
    """The outlet a source line among the text's last three lines credits (``المصدر: "تاس"``,
    ``المصدر: وكالة سبوتنيك``), when the knowledge base knows it; None otherwise. Blank lines
    between paragraphs don't count as lines."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][-3:]
    for line in reversed(lines):
        match = _SOURCE_LINE.match(line)
        if match:
            name = match[1].strip(_QUOTES + " ")
            return outlets.named(name) or outlets.named(re.sub(r"^وكالة\s+", "", name))
    return None


#: Second-level labels some registries use that the public suffix list does not know
#: (``tishreen.news.sy``): the site's own label is the one before them.
_GENERIC_LABELS = frozenset({"news", "com", "net", "org", "gov", "edu", "co", "info"})


def site_label(url: str | None) -> str | None:
    """A site's name as its domain spells it, capitalized: ``www.kawalisserif.com`` →
    ``Kawalisserif``, ``al-dstoor.com`` → ``Al-Dstoor``, ``altaqarub.com`` → ``Al-Taqarub``
    (the Arabic article, as such names are written in English), ``onanews.tv`` → ``Ona News``
    (a news word glued to the name), ``ar.kabar.kg`` → ``Kabar``; None for a URL without a
    registered domain (an IP address, ``localhost``)."""
    from tld import get_tld

    host, _ = _host_and_path(url)
    if not host:
        return None
    try:
        parsed = get_tld(f"http://{host}/", as_object=True, fail_silently=True)
    except Exception:  # tld raising on an odd host is no reason to fail the article
        parsed = None
    if parsed is None or not parsed.domain:
        return None
    label = parsed.domain
    below = [part for part in parsed.subdomain.split(".") if part and part != "www"]
    if label in _GENERIC_LABELS and below:
        label = below[-1]
    if not re.search(r"[a-z]", label):
        return None
    # a news word glued to the name is a word of its own: onanews → Ona News
    suffix = ""
    if match := _NEWS_SUFFIX.match(label):
        label, suffix = match[1], " " + _SUFFIX_CASE.get(match[2], match[2].capitalize())
    # an Arabic name with its article, written as one word: alalam → al-alam (Al-Alam)
    label = _ARTICLE_PREFIX.sub(r"al-\1", label)
    return "-".join(part[:1].upper() + part[1:] for part in label.split("-")) + suffix


_ARTICLE_PREFIX = re.compile(r"^al(?!l)([a-z]{4,})$")
_NEWS_SUFFIX = re.compile(r"^([a-z][a-z0-9]{2,}?)(news|tv|press|live|online|today|post|times)$")
_SUFFIX_CASE = {"tv": "TV"}


def _days_apart(a: DateValue, b: DateValue | None) -> int:
    """Days between the periods two dates cover (0 when they overlap)."""
    if b is None:
        return 0
    a0, a1 = _period(a)
    b0, b1 = _period(b)
    if a0 is None or b0 is None:
        return 0
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0


def _period(value: DateValue) -> tuple[dt.date | None, dt.date | None]:
    try:
        parts = [int(p) for p in value.value.split("-")]
        if value.precision == "day":
            day = dt.date(*parts)
            return day, day
        if value.precision == "month":
            first = dt.date(parts[0], parts[1], 1)
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return first, last - dt.timedelta(days=1)
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except (ValueError, TypeError, IndexError):
        return None, None


_RANK = {"day": 2, "month": 1, "year": 0}


def _finer(a: DateValue, b: DateValue) -> bool:
    return _RANK.get(a.precision, 0) > _RANK.get(b.precision, 0)


def _host_and_path(url: str | None) -> tuple[str, str]:
    if not url:
        return "", ""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return "", ""
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    return host, parts.path


def _name_key(name: str) -> str:
    """Names compare case-blind, Arabic normalized, spaces and punctuation folded."""
    text = norm(name.strip()).lower()
    return re.sub(r"[\W_]+", " ", text).strip()
