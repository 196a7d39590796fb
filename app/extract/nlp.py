"""The spaCy pipeline, loaded once per process, and the selective parse of articles.

A plain pass runs every component over every word. The extraction reads the dependency parse
only around speech and the entities only where there are names, so each paragraph (split at
blank lines, or at line breaks in a text without blank lines) gets only the components its level
needs:

- **speech**: a span the speech-level stages declare they read (the quoted spans: see
  `app/extract/pipeline.py`), a form of a speech verb or "according to", and the two paragraphs
  before each such paragraph (a pronoun's speaker is looked for among the subjects of the two
  sentences before it): every component, as in a plain pass;
- **names**: a capitalised word that is not a common (stop) word, or an acronym: the tagger,
  lemmatizer and entity recogniser, not the parser; sentences from the statistical splitter;
- **plain**: tokens and sentences only.

Runs of paragraphs of one level are parsed as one text and the parts joined into one `Doc` over the
whole article, so the extractors see the same offsets as before. Tokens that were not parsed
carry the dependency label `unparsed` and hang from the first token of their sentence.
`DOSSIER_SELECTIVE_PARSE=false` runs the plain pass instead. In the selective parse the attribute
ruler and the lemmatizer are remembered per distinct token (`app/extract/attributes.py`).

spaCy's vocabulary keeps every string it has seen, and the remembered attributes every token, so
a process loads the pipeline afresh after each `DOSSIER_MODEL_RELOAD_CHARS` characters it parses:
the memory of a long ingest stays bounded whatever the corpus size.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import IntEnum
from functools import lru_cache
from itertools import islice
from typing import Any, cast

import numpy
import spacy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from thinc.api import use_ops
from thinc.types import Ints2d
from threadpoolctl import threadpool_limits

from app.core.config import get_settings
from app.extract.attributes import LEMMATIZER, RULER, TokenAttributes
from app.extract.lexicon import get_lexicon

UNPARSED = "unparsed"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CONTEXT_BEFORE = 2  # paragraphs before a speech paragraph that are parsed as well

Spans = Sequence[tuple[int, int]]
TextMarks = Callable[[str], Spans]  # where in a text the speech level is read, in text order


@lru_cache
def get_nlp() -> Language:
    """The pipeline of the `spacy_model` setting, its layers on the `blas` setting's library."""
    settings = get_settings()
    if settings.blas == "blis":
        return spacy.load(settings.spacy_model)
    # Parallelism is the number of processes: numpy's BLAS keeps to one thread in each, as
    # spaCy's blis does. Its layers keep the ops they are built with, whatever the thread.
    threadpool_limits(1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        return spacy.load(settings.spacy_model)


class Level(IntEnum):
    PLAIN = 0
    NAMES = 1
    SPEECH = 2


def parse(text: str, *, speech_marks: TextMarks) -> Doc:
    """One text, parsed where the extraction needs it (see the module's docstring);
    `speech_marks` gives the spans whose paragraphs get every component."""
    return next(parse_many([text], speech_marks=speech_marks))


def parse_many(
    texts: Iterable[str], batch_size: int = 32, *, speech_marks: TextMarks
) -> Iterator[Doc]:
    """Docs of `texts`, in order, parsed selectively in batches of `batch_size` texts."""
    items = iter(texts)
    while batch := list(islice(items, batch_size)):
        nlp = _pipeline_for(batch)
        if not get_settings().selective_parse or "senter" not in nlp.component_names:
            yield from nlp.pipe(batch, batch_size=batch_size)
        else:
            yield from _parse_batch(nlp, batch, speech_marks)


_parsed_chars = 0  # by the pipeline `get_nlp` holds now


def _pipeline_for(batch: list[str]) -> Language:
    """The pipeline to parse `batch` with: loaded afresh once the one before has parsed the
    `model_reload_chars` setting's characters, so that its vocabulary (every string it has
    seen) and the remembered token attributes do not grow without end in a long run."""
    global _parsed_chars
    limit = get_settings().model_reload_chars
    if limit and _parsed_chars >= limit:
        reload_nlp()
    _parsed_chars += sum(map(len, batch))
    return get_nlp()


def reload_nlp() -> None:
    """Forget the loaded pipeline and what was remembered with it; the next `get_nlp` loads
    a fresh one. Docs parsed before keep the vocabulary they were made with."""
    global _parsed_chars
    get_nlp.cache_clear()
    get_token_attributes.cache_clear()
    _parsed_chars = 0


def paragraph_levels(text: str, speech_spans: Spans) -> list[tuple[int, int, Level]]:
    """(start, end, level) of consecutive runs of `text`'s paragraphs that share a level; the
    runs cover the text exactly. A paragraph that `speech_spans` (in text order) reach into
    is a speech paragraph."""
    lex = get_lexicon()
    stop_words = get_nlp().Defaults.stop_words
    paragraphs = _paragraphs(text)
    levels: list[Level | None] = []
    k = 0
    for start, end in paragraphs:
        while k < len(speech_spans) and speech_spans[k][1] <= start:
            k += 1
        chunk = text[start:end]
        if not chunk.strip():
            levels.append(None)
            continue
        words = _WORD.findall(chunk)
        lowered = [w.lower() for w in words]
        speech = (k < len(speech_spans) and speech_spans[k][0] < end) or any(
            w in lex.cue_forms or (w == "according" and lowered[i + 1 : i + 2] == ["to"])
            for i, w in enumerate(lowered)
        )
        names = any(
            w[0].isupper() and (w.lower() not in stop_words or (len(w) > 1 and w.isupper()))
            for w in words
        )
        levels.append(Level.SPEECH if speech else Level.NAMES if names else Level.PLAIN)
    _add_context(levels)
    runs: list[tuple[int, int, Level]] = []
    previous = next((lv for lv in levels if lv is not None), Level.PLAIN)
    for (start, end), level in zip(paragraphs, levels, strict=True):
        level = previous if level is None else level  # blank text goes with what precedes it
        if runs and runs[-1][2] == level:
            runs[-1] = (runs[-1][0], end, level)
        else:
            runs.append((start, end, level))
        previous = level
    return runs


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs, each with the blank lines after it, covering `text`:
    split at blank lines, or at every line break in a text without blank lines."""
    breaks = [m.end() for m in _BLANK_LINES.finditer(text)] or [
        m.end() for m in re.finditer(r"\n", text)
    ]
    bounds = [0, *(b for b in breaks if 0 < b < len(text)), len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _add_context(levels: list[Level | None]) -> None:
    """The `_CONTEXT_BEFORE` non-blank paragraphs before each speech paragraph are parsed too."""
    speech = [i for i, lv in enumerate(levels) if lv is Level.SPEECH]
    for i in speech:
        j, found = i - 1, 0
        while j >= 0 and found < _CONTEXT_BEFORE:
            if levels[j] is not None:
                levels[j] = Level.SPEECH
                found += 1
            j -= 1


def _parse_batch(nlp: Language, texts: list[str], speech_marks: TextMarks) -> list[Doc]:
    plans = [paragraph_levels(text, speech_marks(text)) for text in texts]
    parts: dict[Level, list[str]] = {Level.PLAIN: [], Level.NAMES: [], Level.SPEECH: []}
    for text, plan in zip(texts, plans, strict=True):
        for start, end, level in plan:
            parts[level].append(text[start:end])
    done = {
        Level.SPEECH: iter(list(run_components(nlp, parts[Level.SPEECH], nlp.pipe_names,
                                               get_token_attributes()))),
        Level.NAMES: iter(_run(nlp, parts[Level.NAMES], [n for n in nlp.pipe_names
                                                            if n != "parser"])),
        Level.PLAIN: iter(_run(nlp, parts[Level.PLAIN], [])),
    }  # fmt: skip
    docs = []
    for text, plan in zip(texts, plans, strict=True):
        pieces = [next(done[level]) for _s, _e, level in plan]
        if len(pieces) == 1 and plan[0][2] is Level.SPEECH:
            docs.append(pieces[0])
            continue
        if not pieces:
            docs.append(nlp.make_doc(text))
            continue
        # The parts' tensors differ in width and are not used; spaCy's stub omits `exclude`.
        join = cast(Any, Doc.from_docs)
        doc = join(pieces, ensure_whitespace=False, exclude=["tensor", "user_data"])
        if doc.text != text:  # never seen; the plain pass is always right
            doc = nlp(text)
        docs.append(doc)
    return docs


@lru_cache
def get_token_attributes() -> TokenAttributes | None:
    return TokenAttributes.for_pipeline(get_nlp())


def run_components(
    nlp: Language, texts: Iterable[str], names: list[str], attributes: TokenAttributes | None
) -> Iterator[Doc]:
    """`texts` through the named components in the pipeline's order; the attribute ruler and the
    lemmatizer replaced by `attributes` when given (None runs them as they are)."""
    docs: Iterable[Doc] = (nlp.make_doc(t) for t in texts)
    for name in names:
        if attributes is not None and name in (RULER, LEMMATIZER):
            if name == RULER:
                docs = map(attributes, docs)
            continue
        docs = cast(Pipe, nlp.get_pipe(name)).pipe(docs, batch_size=256)
    return iter(docs)


def _run(nlp: Language, texts: list[str], names: list[str]) -> list[Doc]:
    """`texts` through the named components, then sentences and a flat `unparsed` tree."""
    parsed = run_components(nlp, texts, names, get_token_attributes())
    docs = cast(Pipe, nlp.get_pipe("senter")).pipe(parsed, batch_size=256)
    return [_flat_tree(doc) for doc in docs]


def _flat_tree(doc: Doc) -> Doc:
    """Every token attached to the first token of its sentence, labelled `unparsed`, so the
    sentences survive joining with parsed parts."""
    label = doc.vocab.strings.add(UNPARSED)
    heads = numpy.zeros(len(doc), dtype="int64")
    first = 0
    for token in doc:
        if token.is_sent_start:
            first = token.i
        heads[token.i] = first - token.i
    rows = numpy.empty((len(doc), 2), dtype="uint64")
    rows[:, 0] = heads.view("uint64")
    rows[:, 1] = label
    doc.from_array([HEAD, DEP], cast(Ints2d, rows))
    return doc
