"""The selective parse: each paragraph gets only the spaCy components its level needs, the joined
Doc covers the text exactly, and the extraction is the one a plain full pass gives."""

from collections.abc import Iterator

import pytest
from spacy.tokens import Doc

from app.core.config import get_settings
from app.extract.lexicon import get_lexicon
from app.extract.nlp import (
    UNPARSED,
    Level,
    get_nlp,
    paragraph_levels,
    parse,
    parse_many,
    reload_nlp,
)
from app.extract.pipeline import extract_article, speech_marks
from app.ingest.clean import clean_article

ARTICLE = (
    "The weather was mild all week and the harvest went on as planned.\n\n"
    "Exports rose in the spring.\n\n"
    "Maria Lopez, the trade minister, visited the port on Tuesday.\n\n"
    "She toured the new terminal with local officials.\n\n"
    '"We will double our shipments," she told reporters.\n\n'
    "the prices fell again in the autumn, and the markets stayed calm.\n\n"
    "Peter Hall runs the port authority.\n\n"
    "rain came late in the year.\n"
)


@pytest.fixture
def selective(request: pytest.FixtureRequest) -> Iterator[None]:
    settings = get_settings()
    before = settings.selective_parse
    settings.selective_parse = bool(getattr(request, "param", True))
    yield
    settings.selective_parse = before


def _runs(text: str) -> list[tuple[int, int, Level]]:
    """The paragraph levels the extraction asks for: speech where its stages declare it."""
    return paragraph_levels(text, speech_marks(text))


def _levels(text: str) -> list[tuple[str, Level]]:
    return [(text[s:e].strip()[:20].rstrip(), level) for s, e, level in _runs(text)]


def test_paragraph_levels_speech_with_context_names_and_plain() -> None:
    runs = _runs(ARTICLE)
    assert runs[0][0] == 0 and runs[-1][1] == len(ARTICLE)
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:], strict=False))
    levels = _levels(ARTICLE)
    assert levels == [
        ("The weather was mild", Level.PLAIN),
        ("Exports rose in the", Level.NAMES),  # a capitalised word that is not a common one
        # the two paragraphs before the quote are parsed for its pronoun
        ("Maria Lopez, the tra", Level.SPEECH),
        ("the prices fell agai", Level.PLAIN),
        ("Peter Hall runs the", Level.NAMES),
        ("rain came late in th", Level.PLAIN),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Officials said nothing would change.",
        "the talks had gone well, according to people present.",
        "she stressed that the deal was final.",
        "the envoy admitted the plan had failed.",
        "the defence ministry wrote to the committee.",
        "the minister replied to the letter at once.",
        "the ‘new order’ began in the spring.",
        "the ministry’s letter spoke of «un accord».",
    ],
)
def test_speech_cues_and_quote_marks_make_a_speech_paragraph(paragraph: str) -> None:
    text = f"the sky was grey.\n\n{paragraph}\n\nthe sky was grey."
    at = text.index(paragraph)
    assert [level for s, e, level in _runs(text) if s <= at < e] == [Level.SPEECH]
    assert _runs(text)[-1][2] is Level.PLAIN  # the paragraph after is not context


def test_cue_forms_cover_regular_and_irregular_inflections() -> None:
    forms = get_lexicon().cue_forms
    for form in ("said", "says", "told", "stressed", "admitted", "replied", "noting", "wrote"):
        assert form in forms
    assert "minister" not in forms


def test_capitalised_common_words_are_not_names_but_acronyms_are() -> None:
    assert _levels("The prices fell. It was late.")[0][1] is Level.PLAIN
    assert _levels("the prices of the EU fell.")[0][1] is Level.NAMES


@pytest.mark.usefixtures("selective")
def test_joined_doc_covers_the_text_with_sentences_and_unparsed_labels() -> None:
    doc = parse(ARTICLE, speech_marks=speech_marks)
    assert doc.text == ARTICLE
    sentences = [s.text.strip() for s in doc.sents]
    assert "rain came late in the year." in sentences
    assert "Peter Hall runs the port authority." in sentences
    plain = next(t for t in doc if t.text == "weather")
    assert plain.dep_ == UNPARSED and plain.ent_type_ == "" and plain.pos_ == ""
    named = [e for e in doc.ents if e.text == "Peter Hall"]
    assert named and named[0].label_ == "PERSON"
    assert next(t for t in doc if t.text == "Hall").dep_ == UNPARSED  # tagged, not parsed
    said = next(t for t in doc if t.text == "told")
    assert said.dep_ == "ROOT" and said.lemma_ == "tell"


@pytest.mark.usefixtures("selective")
def test_parse_many_keeps_order_and_text() -> None:
    texts = [ARTICLE, "", "One line only, said Ann Lee.", "\n\n", ARTICLE.upper()]
    docs = list(parse_many(texts, batch_size=2, speech_marks=speech_marks))
    assert [d.text for d in docs] == texts


@pytest.mark.parametrize("selective", [False], indirect=True)
@pytest.mark.usefixtures("selective")
def test_plain_pass_when_switched_off() -> None:
    doc = parse(ARTICLE, speech_marks=speech_marks)
    assert all(t.dep_ != UNPARSED for t in doc)


def test_extraction_equals_the_plain_pass(selective: None) -> None:
    article = clean_article("Port visit", ARTICLE)
    chosen = extract_article(article)
    get_settings().selective_parse = False
    plain = extract_article(article)
    assert chosen == plain
    assert [(s.speaker, s.kind) for s in chosen.statements] == [("Maria Lopez", "direct")]
    assert "Maria Lopez" in {a.name for a in chosen.actors}


def _analysis(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.text, t.tag_, t.lemma_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start)
            for t in doc]  # fmt: skip


@pytest.mark.usefixtures("selective")
def test_the_pipeline_is_loaded_afresh_after_its_share_of_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [ARTICLE, "Ann Lee said the port would stay open.", ARTICLE.upper()]
    reload_nlp()
    first = get_nlp()
    expected = [
        _analysis(doc) for doc in parse_many(texts, batch_size=1, speech_marks=speech_marks)
    ]
    assert get_nlp() is first  # far below the default share
    # each text reaches the share
    monkeypatch.setattr(get_settings(), "model_reload_chars", min(map(len, texts)))
    used, analyses = [], []
    for doc in parse_many(texts, batch_size=1, speech_marks=speech_marks):
        used.append(get_nlp())  # held, so that no two can share an id
        analyses.append(_analysis(doc))
    assert len({id(nlp) for nlp in [first, *used]}) == 4  # a fresh pipeline for every text
    assert analyses == expected  # the same analysis from each
