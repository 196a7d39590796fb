"""The extraction pipeline: clean article in, ArticleExtraction out.

`STAGES` declares the stages once, in the order they run, each with the parse level it reads, as
spaCy declares its components with what they require. The runner reads that list: it asks the
parse for the speech level where the speech stages say they read it, then runs every stage over
one `Draft` of the article."""

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

from spacy.tokens import Doc

from app.extract.actors import ActorRegistry
from app.extract.countries import CountryHit, find_countries
from app.extract.exercises import extract_exercises
from app.extract.nlp import Level, Spans, parse, parse_many
from app.extract.quotes.marks import QuoteSpan, find_quote_spans
from app.extract.quotes.speech import is_attributed_utterance, is_name_like, is_nickname
from app.extract.speakers import SpeakerResolver
from app.extract.statements import (
    Candidate,
    Found,
    direct_quotes,
    is_agency_line,
    quoted_by_reported,
    reported_speech,
    resolve_speakers,
    statement_mentions,
)
from app.extract.types import ArticleExtraction, CleanArticle, ExerciseMention, StatementMention


@dataclass(slots=True)
class Draft:
    """One article's extraction as the stages fill it in: each stage reads what the stages
    before it set."""

    article: CleanArticle
    doc: Doc
    quotes: list[QuoteSpan] = field(default_factory=list)  # every quoted span, names too
    speech: list[QuoteSpan] = field(default_factory=list)  # the quoted spans that are speech
    countries: list[CountryHit] = field(default_factory=list)
    exercises: list[ExerciseMention] = field(default_factory=list)
    registry: ActorRegistry | None = None
    candidates: list[Candidate] = field(default_factory=list)  # direct, then reported
    found: list[Found] = field(default_factory=list)
    statements: list[StatementMention] = field(default_factory=list)

    @property
    def actors(self) -> ActorRegistry:
        if self.registry is None:
            raise RuntimeError("the actors stage runs before the stages that read actors")
        return self.registry

    def speech_bounds(self) -> list[tuple[int, int]]:
        return [(s.outer_start, s.outer_end) for s in self.speech]


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the extraction: its name, what it does to a draft, and the parse level it
    reads (None: the text alone). `marks`, on a speech stage, says where in a text it reads the
    parse, beside the speech cues the parse finds by itself."""

    name: str
    run: Callable[[Draft], None]
    needs: Level | None
    marks: Callable[[str], Spans] | None = None


def _quote_bounds(text: str) -> Spans:
    """Where the quoted spans are, marks included: names as well, before they are told apart."""
    return [(s.outer_start, s.outer_end) for s in find_quote_spans(text)]


def _quotes(draft: Draft) -> None:
    body = draft.article.body
    draft.quotes = [s for s in find_quote_spans(body) if not is_nickname(body, s)]
    draft.speech = [
        s
        for s in draft.quotes
        if not is_name_like(body[s.start : s.end]) or is_attributed_utterance(body, s)
    ]


def _countries(draft: Draft) -> None:
    draft.countries = find_countries(draft.article.body)


def _exercises(draft: Draft) -> None:
    draft.exercises = extract_exercises(draft.article.body, draft.countries)


def _actors(draft: Draft) -> None:
    speech = set(draft.speech)
    names = [(s.outer_start, s.outer_end) for s in draft.quotes if s not in speech]
    not_actors = [e.name for e in draft.exercises]
    draft.registry = ActorRegistry(draft.doc, names, not_actors=not_actors)


def _direct(draft: Draft) -> None:
    draft.candidates += direct_quotes(draft.doc, draft.quotes, draft.speech)


def _reported(draft: Draft) -> None:
    source = draft.article.source
    reported = [
        c
        for c in reported_speech(draft.doc, draft.speech_bounds())
        if not is_agency_line(c, source)
    ]
    draft.candidates = quoted_by_reported(draft.candidates, reported) + reported


def _speakers(draft: Draft) -> None:
    resolver = SpeakerResolver(draft.actors, draft.speech_bounds())
    draft.found = resolve_speakers(sorted(draft.candidates, key=lambda c: c.start), resolver)


def _statements(draft: Draft) -> None:
    draft.statements = statement_mentions(draft.article.body, draft.found)


STAGES: tuple[Stage, ...] = (
    Stage("quotes", _quotes, None),
    Stage("countries", _countries, None),
    Stage("exercises", _exercises, None),
    Stage("actors", _actors, Level.NAMES),
    Stage("direct quotes", _direct, Level.SPEECH, marks=_quote_bounds),
    Stage("reported speech", _reported, Level.SPEECH),
    Stage("speakers", _speakers, Level.SPEECH),
    Stage("statements", _statements, None),
)


def speech_marks(text: str) -> Spans:
    """Where in `text` the speech stages of `STAGES` declare they read the full parse."""
    return [
        span
        for stage in STAGES
        if stage.needs is Level.SPEECH and stage.marks is not None
        for span in stage.marks(text)
    ]


def extract_article(article: CleanArticle) -> ArticleExtraction:
    """Extract statements, actors, countries and exercises from one article."""
    return _extract(article, parse(article.body, speech_marks=speech_marks))


def extract_many(
    articles: Iterable[CleanArticle], *, n_process: int = 1
) -> Iterator[ArticleExtraction]:
    """Extract many articles, in order: parsed in batches, or in `n_process` worker processes
    that each extract a chunk."""
    if n_process <= 1:
        for_texts, for_results = itertools.tee(articles)
        docs = parse_many((a.body for a in for_texts), speech_marks=speech_marks)
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
    """Every stage of `STAGES`, in order, over one parsed article."""
    draft = Draft(article, doc)
    for stage in STAGES:
        stage.run(draft)
    return ArticleExtraction(
        article=article,
        countries=dict(Counter(h.code for h in draft.countries)),
        actors=draft.actors.actor_mentions(),
        statements=draft.statements,
        exercises=draft.exercises,
    )
