"""The extraction pipeline: clean article in, ArticleExtraction out.

Stages: quoted spans (text only) -> spaCy parse -> actors -> attribution of quotes and
reported speech -> speakers resolved -> countries and exercises (colleagues' modules)."""

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

from spacy.tokens import Doc, Token

from app.extract.actors import ActorRegistry, Person
from app.extract.countries import find_countries
from app.extract.exercises import extract_exercises
from app.extract.nlp import parse, parse_many
from app.extract.quotes.marks import QuoteSpan, find_quote_spans, paragraphs
from app.extract.quotes.reported import find_reported_speech
from app.extract.quotes.speech import is_attributed_utterance, is_name_like
from app.extract.speakers import Speaker, SpeakerResolver, find_attribution, sentence_start
from app.extract.types import ArticleExtraction, CleanArticle, StatementKind, StatementMention


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: StatementKind
    cue: str | None
    speaker: Speaker | None


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

    direct = _direct_quotes(doc, spans, speech)
    reported = [
        c for c in _reported(doc, [(s.outer_start, s.outer_end) for s in speech])
        if not _is_agency_line(c, article.source)
    ]  # fmt: skip
    found = _resolve(sorted(direct + reported, key=lambda c: c.start), resolver)

    statements = []
    for f in found:
        if f.speaker is not None:
            f.speaker.speaks = True
        text = body[f.start : f.end]
        title = f.speaker.title if isinstance(f.speaker, Person) else None
        statements.append(
            StatementMention(
                text=text,
                kind=f.kind,
                start=f.start,
                end=f.end,
                cue=f.cue,
                speaker=f.speaker.name if f.speaker else None,
                speaker_title=title,
                countries=list(dict.fromkeys(h.code for h in find_countries(text))),
            )
        )
    return ArticleExtraction(
        article=article,
        countries=dict(Counter(h.code for h in hits)),
        actors=registry.actor_mentions(),
        statements=statements,
        exercises=exercises,
    )


@dataclass(slots=True)
class _Candidate:
    """A statement before its speaker is resolved; `phrase` None = same speaker as the
    statement before it (the rest of a split quote, a quote paragraph after an attributed one)."""

    start: int
    end: int
    kind: StatementKind
    cue: str | None
    phrase: list[Token] | None
    position: int
    paragraph: int = -1
    needs_person: bool = False


def _resolve(candidates: list[_Candidate], resolver: SpeakerResolver) -> list[_Found]:
    """Speakers resolved in text order, so that each pronoun sees the people named before."""
    found: list[_Found] = []
    last_direct: _Found | None = None
    for c in candidates:
        if c.phrase is None:
            if last_direct is None:
                continue
            speaker, cue = last_direct.speaker, last_direct.cue
        else:
            speaker, cue = resolver.resolve(c.phrase, c.position), c.cue
        if c.needs_person and not isinstance(speaker, Person):
            continue
        item = _Found(c.start, c.end, c.kind, cue, speaker)
        found.append(item)
        if c.kind == "direct":
            last_direct = item
    return found


def _is_agency_line(candidate: "_Candidate", source: str | None) -> bool:
    """`..., reports Newswire`: the agency that carries the story is not its speaker."""
    words = " ".join(t.text for t in candidate.phrase or [])
    return bool(source) and words.strip().lower() == (source or "").lower()


def _reported(doc: Doc, quoted: list[tuple[int, int]]) -> list[_Candidate]:
    """Reported speech; of two readings starting at the same word, the shorter one."""
    best: dict[int, _Candidate] = {}
    for item in find_reported_speech(doc, quoted):
        c = _Candidate(item.start, item.end, "indirect", item.cue, item.phrase, item.position,
                       needs_person=item.needs_person)  # fmt: skip
        if item.start not in best or item.end < best[item.start].end:
            best[item.start] = c
    return list(best.values())


def _direct_quotes(doc: Doc, spans: list[QuoteSpan], speech: list[QuoteSpan]) -> list[_Candidate]:
    body = doc.text
    paras = paragraphs(body)

    def paragraph_of(pos: int) -> int:
        return next((k for k, (s, e) in enumerate(paras) if s <= pos <= e), len(paras) - 1)

    # Sorted bounds: the next quote after and the last before each quote by bisection.
    starts = sorted(s.outer_start for s in spans)
    ends = sorted(s.outer_end for s in spans)
    found: list[_Candidate] = []
    for quote in speech:
        p_first = paragraph_of(quote.outer_start)
        p_last = paragraph_of(max(quote.outer_end - 1, quote.outer_start))
        p_start, p_end = paras[p_first][0], paras[p_last][1]
        after = bisect_left(starts, quote.outer_end)
        limit = min(starts[after], p_end) if after < len(starts) else p_end
        before = bisect_right(ends, quote.outer_start)
        floor = max(ends[before - 1], p_start) if before > 0 else p_start
        lead_start = sentence_start(body, floor, quote.outer_start)
        attribution = find_attribution(doc, quote, limit, lead_start)
        previous = found[-1] if found else None
        if attribution is not None:
            position = attribution.phrase[0].idx if attribution.phrase else quote.outer_start
            found.append(_Candidate(quote.start, quote.end, "direct", attribution.cue,
                                    attribution.phrase, position, p_last))  # fmt: skip
        elif previous is not None and (
            previous.paragraph == p_first
            or (previous.paragraph == p_first - 1 and quote.outer_start == p_start)
        ):
            found.append(_Candidate(quote.start, quote.end, "direct", None, None,
                                    quote.outer_start, p_last))  # fmt: skip
    return found
