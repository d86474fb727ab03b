"""Stories: the reports of one statement (or one happening) across articles, grouped.

The same words of one speaker are carried by several outlets and republished by others; each
report is its own event. A story groups them so the timeline shows the statement once, with
every outlet that carried it and every point where the reports disagree.

Modules, one job each:

- ``features``: a report's comparable words (Arabic-normalized stems, app/search.py, less the
  attribution's), MinHash signatures (datasketch) and the band keys the LSH index stores;
- ``match``: the exact check of a candidate pair (pure), after LSH proposed it;
- ``versions``: how the reports of one story differ (speaker, date, wording, a quote cut short),
  the best-attested version and the story's date with its basis (pure);
- ``assign``: the store's hook — a batch of new articles' events join stories (or start them)
  in the writer's transaction, through the ``story_band`` table, never a pairwise loop;
- ``summary``: a stored story's summary after reports join it, from grouped reads (never the
  whole story);
- ``sql``: the bulk statements of its writes;
- ``tally``: story counts kept like ``event_tally``;
- ``queries``: the reads the web app and the export make.
"""

from app.stories.assign import attach_article, attach_articles, detach_article, detach_articles

__all__ = ["attach_article", "attach_articles", "detach_article", "detach_articles"]
