"""A story as a plain record: the ``stories-jsonl`` export's line and the API's object.

``{"id", "kind", "date", "date_precision", "date_basis", "date_from": {event_id, outlet},
"speaker": {id, name_ar, name_en} | null, "text", "canonical_event_id", "outlets": [...],
"reports": [{event_id, article_id, source_file, outlet, published, speaker_id, date, text}],
"disagreements": [{"field", "versions": [{"value", "outlets", "event_ids", "cut_short"}]}]}``
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlmodel import Session

from app.stories.queries import StoryView, iter_stories, report_facts


def story_record(view: StoryView) -> dict:
    story, canonical = view.story, view.canonical
    speaker = next(
        (r.speaker for r in view.reports if r.speaker and r.speaker.id == story.speaker_id), None
    )
    dated = view.date_report
    return {
        "id": story.id,
        "kind": story.kind,
        "date": story.date,
        "date_precision": story.date_precision,
        "date_basis": story.date_basis,
        "date_from": None
        if dated is None
        else {"event_id": dated.event.id, "outlet": dated.article.outlet},
        "speaker": None
        if speaker is None
        else {"id": speaker.id, "name_ar": speaker.name_ar, "name_en": speaker.name_en},
        "text": report_facts(canonical).text,
        "canonical_event_id": canonical.event.id,
        "outlets": view.outlets,
        "reports": [
            {
                "event_id": r.event.id,
                "article_id": r.article.id,
                "source_file": r.article.source_file,
                "outlet": r.article.outlet,
                "published": r.article.published,
                "speaker_id": r.event.speaker_id,
                "date": r.event.date,
                "text": report_facts(r).text,
            }
            for r in view.reports
        ],
        "disagreements": [
            {
                "field": d.field,
                "versions": [
                    {
                        "value": v.value,
                        "outlets": list(v.outlets),
                        "event_ids": list(v.event_ids),
                        "cut_short": v.cut_short,
                    }
                    for v in d.versions
                ],
            }
            for d in view.disagreements
        ],
    }


def export_story_records(session: Session) -> Iterator[dict]:
    """Every story, in timeline order."""
    for view in iter_stories(session):
        yield story_record(view)
