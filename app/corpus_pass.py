"""The corpus-context pass: what other articles establish, applied after the batch is stored.

An article's extraction can depend on the rest of the corpus only through a
:class:`~app.extract.CorpusContext` (e.g. the year other articles give a day and month written
without one). The ingest extracts each article once, with a :class:`ContextProbe` instead: a
context that knows nothing — so the result is exactly the extraction without a context — and
notes whether the extractor asked it anything. An article that asked nothing is final and
stored at once; one that asked is stored too (marked with :data:`PENDING`), and once the whole
batch is stored this pass builds the real context from the store (its explicit dates, two
aggregate queries) and re-extracts only those articles, rewriting only the ones whose
extraction changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from app.extract.context import CorpusContext
from app.extract.model import ArticleExtraction

#: Appended to ``article.extractor_version`` while an article awaits this pass: a run that
#: stopped before it (a kill, a lost database) is finished by the next run of the same batch.
PENDING = "?context"


@dataclass(frozen=True)
class ContextProbe(CorpusContext):
    """A corpus context with no facts that records the questions asked of it."""

    asked: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return True


def _asking(name: str):
    def ask(self: ContextProbe, *args, **kwargs) -> None:
        self.asked.append(name)
        return None

    ask.__name__ = name
    ask.__doc__ = f"Record that the extractor asked ``{name}``; know nothing (None)."
    return ask


# Every question a CorpusContext answers (its public methods, whatever they are today) is
# recorded by the probe: a new one added to the context is covered without a change here.
for _name, _value in list(vars(CorpusContext).items()):
    if _name.startswith("_") or isinstance(_value, classmethod | staticmethod | property):
        continue
    if callable(_value):
        setattr(ContextProbe, _name, _asking(_name))


def pending_version(version: str) -> str:
    """The stored version of an article awaiting the corpus-context pass."""
    return version + PENDING


def fingerprint(extraction: ArticleExtraction) -> str:
    """A short digest of everything an extraction says (to tell whether the pass changed it
    without keeping the first extraction in memory)."""
    return hashlib.sha256(repr(extraction).encode("utf-8")).hexdigest()[:20]
