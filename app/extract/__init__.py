"""Arabic extraction engine: statements (quotations with speaker, date, countries) and dated events.

    from app.extract import extract_article, CorpusContext
    result = extract_article(text, context=None)
    ctx = CorpusContext.from_extractions(results)

See README.md in this folder for the pipeline and its resources.
"""

from app.extract.context import CorpusContext
from app.extract.model import ArticleExtraction, DateValue, ExtractedEvent, Span, SpeakerRef
from app.extract.pipeline import extract_article

__all__ = [
    "ArticleExtraction",
    "CorpusContext",
    "DateValue",
    "ExtractedEvent",
    "Span",
    "SpeakerRef",
    "extract_article",
]
