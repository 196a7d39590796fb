"""TokenAttributes: the attribute ruler and lemmatizer remembered per distinct token give every
token the part of speech, morphology, lemma, tag and label that the components themselves give,
cold (each key learnt) and warm (each key remembered), with and without the parser."""

import itertools
import json
from collections.abc import Iterable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from app.extract.attributes import TokenAttributes
from app.extract.nlp import get_nlp, run_components
from tests.paths import BUNDLED_ARTICLES, CORPORA_DIR

# The ruler's rules over two tokens, whitespace tokens, an expletive subject, possessives.
TRICKY = [
    "Y'all gonna see it, let's go. Gotta run. C'mon on, it ain't over.",
    "There is a plan and there's none; there were two. Let's say John's plan works.",
    'He said:  "We will  stay."\n \n\n  The minister\'s aides are gonna   leave.\t\n',
    "LET'S GO. GONNA WIN. let 's. gon na. ai n't it?",
]


def _run_list(
    nlp: Language, texts: Iterable[str], names: list[str], memo: TokenAttributes | None
) -> list[Doc]:
    return list(run_components(nlp, texts, names, memo))


def _attrs(docs: list[Doc]) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_iob_, t.ent_type_)
        for d in docs
        for t in d
    ]


def _assert_same(texts: list[str]) -> None:
    nlp = get_nlp()
    memo = TokenAttributes.for_pipeline(nlp)
    assert memo is not None
    for names in (nlp.pipe_names, [n for n in nlp.pipe_names if n != "parser"]):
        expected = _attrs(_run_list(nlp, texts, names, None))
        assert _attrs(_run_list(nlp, texts, names, memo)) == expected  # cold: keys learnt
        assert _attrs(_run_list(nlp, texts, names, memo)) == expected  # warm: keys remembered


def test_two_token_rules_and_whitespace_match_the_components() -> None:
    _assert_same(TRICKY)
    doc = _run_list(get_nlp(), ["Let's go, they're gonna win."], get_nlp().pipe_names,
               TokenAttributes.for_pipeline(get_nlp()))[0]  # fmt: skip
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["'s"], lemmas["gon"], lemmas["na"]) == ("us", "go", "to")


def test_bundled_articles_match_the_components() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED_ARTICLES.glob("*.txt"))]
    assert texts
    _assert_same(texts)


@pytest.mark.slow
def test_corpus_articles_match_the_components() -> None:
    path = CORPORA_DIR / "reuters21578.jsonl"
    if not path.exists():
        pytest.skip("the Reuters corpus is not here")
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["body"] for line in itertools.islice(handle, 150)]
    _assert_same(texts)


def test_a_pipeline_without_ruler_and_lemmatizer_is_run_as_it_is() -> None:
    assert TokenAttributes.for_pipeline(spacy.blank("en")) is None


def test_the_memory_is_bounded() -> None:
    nlp = get_nlp()
    memo = TokenAttributes(nlp, limit=50)
    texts = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED_ARTICLES.glob("*.txt"))][:2]
    expected = _attrs(_run_list(nlp, texts, nlp.pipe_names, None))
    assert _attrs(_run_list(nlp, texts, nlp.pipe_names, memo)) == expected
    assert len(memo) <= max(50, max(len(nlp(t)) for t in texts))
