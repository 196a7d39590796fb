"""The extraction pipeline: clean article in, ArticleExtraction out.

Stages: quoted spans (text only) -> spaCy parse -> actors -> attribution of quotes and
reported speech -> speakers resolved -> countries and exercises (colleagues' modules)."""

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from spacy.tokens import Doc

from app.extract.actors import ActorRegistry
from app.extract.countries import find_countries
from app.extract.exercises import extract_exercises
from app.extract.nlp import parse, parse_many
from app.extract.quotes.marks import find_quote_spans
from app.extract.quotes.speech import is_attributed_utterance, is_name_like
from app.extract.speakers import SpeakerResolver
from app.extract.statements import (
    direct_quotes,
    is_agency_line,
    reported_speech,
    resolve_speakers,
    statement_mentions,
)
from app.extract.types import ArticleExtraction, CleanArticle


def extract_article(article: CleanArticle) -> ArticleExtraction:
    """Extract statements, actors, countries and exercises from one article."""
    return _extract(article, parse(article.body))


def extract_many(
    articles: Iterable[CleanArticle], *, n_process: int = 1
) -> Iterator[ArticleExtraction]:
    """Extract many articles, in order: parsed in batches, or in `n_process` worker processes
    that each extract a chunk."""
    if n_process <= 1:
        for_texts, for_results = itertools.tee(articles)
        docs = parse_many(a.body for a in for_texts)
        for article, doc in zip(for_results, docs, strict=True):
            yield _extract(article, doc)
        return
    with ProcessPoolExecutor(n_process, mp_context=get_context("spawn")) as pool:
        rest = iter(articles)
        chunks = iter(lambda: list(itertools.islice(rest, 16)), [])
        for extractions in pool.map(extract_chunk, chunks):
            yield from extractions


def extract_chunk(articles: list[CleanArticle]) -> list[ArticleExtraction]:
    """Extract a list of articles (in a worker process, say), in order."""
    return list(extract_many(articles))


def _extract(article: CleanArticle, doc: Doc) -> ArticleExtraction:
    body = article.body
    spans = find_quote_spans(body)
    speech = [
        s
        for s in spans
        if not is_name_like(body[s.start : s.end]) or is_attributed_utterance(body, s)
    ]
    speech_set = set(speech)
    names = [(s.outer_start, s.outer_end) for s in spans if s not in speech_set]
    hits = find_countries(body)
    exercises = extract_exercises(body, hits)
    registry = ActorRegistry(doc, names, not_actors=[e.name for e in exercises])
    resolver = SpeakerResolver(registry, [(s.outer_start, s.outer_end) for s in speech])

    direct = direct_quotes(doc, spans, speech)
    reported = [
        c for c in reported_speech(doc, [(s.outer_start, s.outer_end) for s in speech])
        if not is_agency_line(c, article.source)
    ]  # fmt: skip
    found = resolve_speakers(sorted(direct + reported, key=lambda c: c.start), resolver)

    statements = statement_mentions(body, found)
    return ArticleExtraction(
        article=article,
        countries=dict(Counter(h.code for h in hits)),
        actors=registry.actor_mentions(),
        statements=statements,
        exercises=exercises,
    )
