"""The spaCy pipeline, loaded once per process from the configured model package."""

from functools import lru_cache

import spacy
from spacy.language import Language

from app.config import get_settings


@lru_cache
def get_nlp() -> Language:
    return spacy.load(get_settings().spacy_model)
