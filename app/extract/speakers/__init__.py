"""Who said it: the cue and speaker phrase next to a quote (attribution.py), and the phrase
resolved to an actor of the article (resolver.py)."""

from app.extract.speakers.attribution import find_attribution, sentence_start
from app.extract.speakers.resolver import Speaker, SpeakerResolver

__all__ = ["Speaker", "SpeakerResolver", "find_attribution", "sentence_start"]
