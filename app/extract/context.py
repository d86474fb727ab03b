"""Facts other articles establish, used to complete an article that lacks them.

The ingest extracts every article, builds a ``CorpusContext`` from all of them, then
re-extracts the articles whose publication date was not explicit. Today the context holds the
explicit full dates written in the corpus: an article that writes "9 يناير" without a year
takes the year other articles give that day and month (reports of one story share their days).
Never the corpus's commonest year: in a corpus of several years that is a guess, and a wrong
year dates every statement of the article wrongly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.extract.model import ArticleExtraction, DateValue


@dataclass(frozen=True)
class CorpusContext:
    day_years: dict[tuple[int, int], Counter] = field(default_factory=dict)  # (month, day) -> years
    years: Counter = field(default_factory=Counter)

    @classmethod
    def from_extractions(cls, extractions: Iterable[ArticleExtraction]) -> CorpusContext:
        day_years: dict[tuple[int, int], Counter] = {}
        years: Counter = Counter()
        for ex in extractions:
            values: list[DateValue | None] = [ex.published]
            values.extend(e.date for e in ex.events)
            for dv in values:
                if dv is None or dv.basis != "explicit":
                    continue
                parts = dv.value.split("-")
                try:
                    y = int(parts[0])
                except ValueError:
                    continue
                years[y] += 1
                if dv.precision == "day" and len(parts) == 3:
                    day_years.setdefault((int(parts[1]), int(parts[2])), Counter())[y] += 1
        return cls(day_years=day_years, years=years)

    def year_for(self, month: int, day: int) -> int | None:
        """The year other articles give this day of this month (most often), if any."""
        c = self.day_years.get((month, day))
        if c:
            return sorted(c.items(), key=lambda kv: (-kv[1], -kv[0]))[0][0]
        return None

    def __bool__(self) -> bool:
        return bool(self.years)
