"""A source document → its extraction, with the source's metadata applied (app/provenance.py).

What the ingest loop calls for each document, locally, on a process pool or on a cluster
worker: it extracts the text, decides the publication date, outlet and title under the
provenance rule, and — when the date decided is not the one the text gave — extracts again
with that date, so that relative dates in the body ("yesterday") count from it. Pure: the same
document gives the same result anywhere.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from app.extract.model import ArticleExtraction, DateValue
from app.provenance import OutletIndex, resolve
from app.source import ArticleSource, SourceDocument


@lru_cache(maxsize=1)
def outlet_index() -> OutletIndex:
    """The knowledge base's outlets, indexed once per process."""
    from app.extract.knowledge import load_knowledge

    return OutletIndex.from_outlets(load_knowledge().outlets.values())


def extract_document(
    document: SourceDocument, *, context=None, extract=None
) -> tuple[ArticleExtraction, ArticleSource]:
    """The extraction to store for ``document`` and the source columns beside it: the text
    extracted, then :func:`apply_source`. ``extract`` is the extractor
    (``app.extract.extract_article`` unless a test passes another)."""
    extract = extract or _default_extract()
    return apply_source(document, extract(document.text, context=context), extract=extract)


def apply_source(
    document: SourceDocument, own: ArticleExtraction, *, extract=None, context=None
) -> tuple[ArticleExtraction, ArticleSource]:
    """``own`` (the text's extraction) with the publication date, outlet and title decided by
    the provenance rule, and the source columns. When the date decided is not the text's, the
    text (``own.text``: the document may travel without it) is extracted again with it."""
    meta = document.meta
    resolution = resolve(
        meta,
        text_published=own.published,
        text_outlet=own.outlet,
        text_title=own.title,
        outlets=outlet_index(),
        text=own.text,
    )
    extraction = own
    if _other_day(resolution.published, own.published):
        extract = extract or _default_extract()
        extraction = extract(own.text, context=context, published=resolution.published)
    extraction = replace(
        extraction,
        published=resolution.published,
        outlet=resolution.outlet,
        title=resolution.title,
    )
    source = ArticleSource(
        url=meta.url,
        author=meta.author,
        site_name=meta.site_name,
        outlet_basis=resolution.outlet_basis,
    )
    return extraction, source


def _default_extract():
    from app.extract import extract_article

    return extract_article


def needs_context(extraction: ArticleExtraction | None) -> bool:
    """Whether the corpus context could change this extraction: its publication date was
    neither stated by the text nor given by the source."""
    return extraction is not None and (
        extraction.published is None
        or extraction.published.basis not in {"explicit", "metadata", "url"}
    )


def _other_day(decided: DateValue | None, own: DateValue | None) -> bool:
    if decided is None or own is None:
        return decided is not own
    return (decided.value, decided.precision) != (own.value, own.precision)
