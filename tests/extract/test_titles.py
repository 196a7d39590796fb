"""Titles read next to a name, one function at a time, on small hand-tagged sentences.

Each sentence is split by spaCy's blank English tokenizer and given its parts of speech by
hand (one tag a token), so that no model is loaded; every name is made up.
"""

import spacy
from spacy.tokens import Doc, Token

from app.extract.actors.title_words import follows_title_of, is_role, is_title_word, title_quality
from app.extract.actors.titles import (
    TitleReading,
    read_title,
    title_after,
    title_before,
    title_before_comma,
    without_country,
)

_NLP = spacy.blank("en")


def tagged(text: str, tags: str) -> Doc:
    """`text` as one sentence whose tokens carry the parts of speech `tags`."""
    doc = _NLP(text)
    pos = tags.split()
    assert len(pos) == len(doc), [t.text for t in doc]
    for token, tag in zip(doc, pos, strict=True):
        token.pos_ = tag
        token.is_sent_start = token.i == 0
    return doc


def word(doc: Doc, text: str) -> Token:
    """The first token of `doc` written `text`."""
    return next(t for t in doc if t.text == text)


def test_ranks_honorifics_and_role_nouns_are_title_words() -> None:
    doc = tagged("Gen. Mr minister Smith", "PROPN PROPN NOUN PROPN")
    assert [is_title_word(t) for t in doc] == [True, True, True, False]


def test_a_role_is_a_rank_or_role_noun_and_a_plural_counts_as_a_noun_only() -> None:
    doc = tagged("Colonel Mr envoy ministers ministers", "PROPN PROPN NOUN NOUN VERB")
    doc[3].lemma_ = doc[4].lemma_ = "minister"
    assert [is_role(t) for t in doc] == [True, False, True, True, False]


def test_a_role_outranks_a_rank_in_title_quality() -> None:
    assert title_quality("Defence Minister") == 2
    assert title_quality("Major General") == 1
    assert title_quality("Lt. Gen.") == 1


def test_title_words_before_of_close_a_title() -> None:
    doc = tagged("Director of Public Prosecutions", "PROPN ADP PROPN PROPN")
    assert follows_title_of(word(doc, "Public"))
    bank = tagged("Bank of England", "PROPN ADP PROPN")
    assert not follows_title_of(word(bank, "England"))


def test_title_before_keeps_the_country_it_opens_with() -> None:
    doc = tagged(
        "Chile's Defence Minister John Doe said.", "PROPN PART PROPN PROPN PROPN PROPN VERB PUNCT"
    )
    john = word(doc, "John")
    assert title_before(john, john.i, []) == "Chile's Defence Minister"


def test_title_before_keeps_a_rank_after_the_role_apart() -> None:
    doc = tagged(
        "Minister of Defense Colonel General John Doe", "PROPN ADP PROPN PROPN PROPN PROPN PROPN"
    )
    john = word(doc, "John")
    assert title_before(john, john.i, []) == "Minister of Defense"


def test_title_before_keeps_a_hyphenated_title_whole() -> None:
    doc = tagged(
        "NATO Secretary-General John Doe said.", "PROPN PROPN PUNCT PROPN PROPN PROPN VERB PUNCT"
    )
    john = word(doc, "John")
    assert title_before(john, john.i, []) == "NATO Secretary-General"


def test_title_before_stops_at_a_person_already_named() -> None:
    doc = tagged("Ann Lee Minister John Doe", "PROPN PROPN PROPN PROPN PROPN")
    john = word(doc, "John")
    assert title_before(john, john.i, []) == "Ann Lee Minister"
    assert title_before(john, john.i, [(0, 7)]) == "Minister"


def test_title_before_stops_at_a_verb_and_needs_a_role() -> None:
    doc = tagged("The envoy met John Doe", "DET NOUN VERB PROPN PROPN")
    john = word(doc, "John")
    assert title_before(john, john.i, []) is None


def test_title_before_a_comma_is_the_phrase_without_its_article() -> None:
    doc = tagged(
        "The spokesman for the ministry, John Doe, said.",
        "DET NOUN ADP DET NOUN PUNCT PROPN PROPN PUNCT VERB PUNCT",
    )
    assert title_before_comma(word(doc, "John"), []) == "spokesman for the ministry"


def test_title_before_a_comma_is_not_the_appositive_of_the_person_before() -> None:
    doc = tagged(
        "Ann Lee, the minister, John Doe",
        "PROPN PROPN PUNCT DET NOUN PUNCT PROPN PROPN",
    )
    assert title_before_comma(word(doc, "John"), []) == "minister"
    assert title_before_comma(word(doc, "John"), [(0, 7)]) is None


def test_title_after_is_the_appositive_between_commas() -> None:
    doc = tagged(
        "Jens Berg, NATO Secretary General, said.",
        "PROPN PROPN PUNCT PROPN PROPN PROPN PUNCT VERB PUNCT",
    )
    assert title_after(word(doc, "Berg")) == "NATO Secretary General"


def test_title_after_is_no_relative_clause() -> None:
    doc = tagged(
        "Jens Berg, who leads the envoys, said.",
        "PROPN PROPN PUNCT PRON VERB DET NOUN PUNCT VERB PUNCT",
    )
    assert title_after(word(doc, "Berg")) is None


def test_without_country_drops_only_a_leading_country() -> None:
    assert without_country("Peru's Defence Minister") == "Defence Minister"
    assert without_country("Defence Minister of Peru") == "Defence Minister of Peru"
    assert without_country("Peru") == "Peru"


def test_read_title_prefers_a_role_and_lists_every_title_it_read() -> None:
    doc = tagged(
        "Norway's Defence Minister Ola Dahl, head of the navy, spoke.",
        "PROPN PART PROPN PROPN PROPN PROPN PUNCT NOUN ADP DET NOUN PUNCT VERB PUNCT",
    )
    ola, dahl = word(doc, "Ola"), word(doc, "Dahl")
    assert read_title(ola, dahl, ola.i, [], "General") == TitleReading(
        title="Defence Minister",
        quality=2,
        sources=("Norway's Defence Minister", "Norway's Defence Minister", "head of the navy"),
    )


def test_read_title_falls_back_to_the_rank_and_else_reads_nothing() -> None:
    doc = tagged("Ola Dahl spoke.", "PROPN PROPN VERB PUNCT")
    ola, dahl = word(doc, "Ola"), word(doc, "Dahl")
    assert read_title(ola, dahl, ola.i, [], "Colonel") == TitleReading("Colonel", 1, ("Colonel",))
    assert read_title(ola, dahl, ola.i, [], None) is None
