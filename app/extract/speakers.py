"""Former home of attribution, kept for importers until they move: the stage is now
``discourse.py`` (entities and salience), ``mentions.py`` (names, titles, cues) and
``attribution.py`` (who speaks each cue)."""

from app.extract.attribution import Attribution, SentenceAttribution, attribute
from app.extract.discourse import Entity

__all__ = ["Attribution", "Entity", "SentenceAttribution", "attribute"]
