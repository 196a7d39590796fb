"""Attribution forms and actor details, one small invented example each."""

from app.extract.types import StatementMention
from tests.extract.test_statements import extract, only


def check(s: StatementMention, body: str, *, kind: str, cue: str | None, speaker: str) -> None:
    assert (s.kind, s.cue, s.speaker) == (kind, cue, speaker)
    assert body[s.start : s.end] == s.text


def test_told_reporters_gives_reported_speech() -> None:
    body = (
        "Marta Olsen is the Foreign Minister of Norway.\n\n"
        "Olsen told reporters that the talks would resume in May."
    )
    s = only(extract(body))
    check(s, body, kind="indirect", cue="told", speaker="Marta Olsen")
    assert s.text == "the talks would resume in May"


def test_added_continues_with_the_same_speaker() -> None:
    body = (
        '"We will stay in the region for as long as needed," said Colonel Ivan Petrov. '
        "He added that the brigade would train with Polish units."
    )
    first, second = extract(body).statements
    check(first, body, kind="direct", cue="said", speaker="Ivan Petrov")
    check(second, body, kind="indirect", cue="added", speaker="Ivan Petrov")
    assert second.text == "the brigade would train with Polish units"


def test_appositive_aside_between_speaker_and_cue() -> None:
    body = "General Aiko Tanaka, who commands the northern fleet, said the patrols were routine."
    s = only(extract(body))
    check(s, body, kind="indirect", cue="said", speaker="Aiko Tanaka")
    assert s.text == "the patrols were routine"


def test_quote_then_dash_and_titled_name() -> None:
    body = (
        "The talks were held in Prague.\n\n"
        '"The border is secure and we are ready to help our neighbours" - Interior Minister '
        "Pavel Novak."
    )
    s = only(extract(body))
    assert (s.kind, s.speaker) == ("direct", "Pavel Novak")
    assert s.text == "The border is secure and we are ready to help our neighbours"


def test_short_attributed_quote_is_direct_speech_not_a_scare_quote() -> None:
    for body in (
        '"We will stay," said Colonel Ivan Petrov.',
        'Colonel Ivan Petrov said: "We will stay."',
    ):
        s = only(extract(body))
        check(s, body, kind="direct", cue="said", speaker="Ivan Petrov")
        assert s.text.rstrip(".") == "We will stay"


def test_short_quote_inside_a_sentence_is_still_a_scare_quote() -> None:
    body = 'The envoy called the plan "a bold step" and left for Oslo.'
    assert extract(body).statements == []


def test_possessive_country_before_a_title_gives_the_actor_country() -> None:
    result = extract("Norway's Defence Minister Marta Olsen said the fleet was ready.")
    (actor,) = [a for a in result.actors if a.name == "Marta Olsen"]
    assert (actor.kind, actor.title, actor.country) == ("person", "Defence Minister", "NO")
    assert only(result).speaker == "Marta Olsen"


def test_countries_are_counted_per_mention() -> None:
    result = extract(
        "Norway and Poland signed. Norwegian troops will train in Poland, Norway said."
    )
    assert result.countries == {"NO": 3, "PL": 2}


def test_pronoun_prefers_the_subject_over_a_possessive_mention() -> None:
    body = (
        'Lord Alan Pike branded Prince Tom\'s actions "stupid and evil". He told reporters: '
        '"The time has come for him to apologise in public."'
    )
    assert only(extract(body)).speaker == "Alan Pike"


def test_pronoun_after_a_quote_prefers_the_previous_sentences_subject() -> None:
    body = (
        "Party chairman Liam Cole opened the forum with a speech criticising Tony Vance's record. "
        '"Their rule has been a long story of failure to deliver," he told the conference.'
    )
    s = only(extract(body))
    assert (s.kind, s.cue, s.speaker) == ("direct", "told", "Liam Cole")


def test_pronoun_skips_a_person_named_only_as_an_object() -> None:
    body = (
        "The minister, Peter Hale, said the Tories feared Mr Ward's campaigning skills. "
        "He warned the BBC that attacking Mr Ward had brought it trouble before."
    )
    assert [s.speaker for s in extract(body).statements] == ["Peter Hale", "Peter Hale"]


def test_party_label_before_a_name_is_not_part_of_it() -> None:
    body = (
        'Green Party MP Tomas Varga attended. Socialist Elena Moreau said the budget was "a mess".'
    )
    result = extract(body)
    s = only(result)
    check(s, body, kind="indirect", cue="said", speaker="Elena Moreau")
    assert s.text == 'the budget was "a mess"'  # the mark closing the quoted words is kept
    assert "Elena Moreau" in {a.name for a in result.actors}
    assert not any(a.name.startswith("Socialist") for a in result.actors)


def test_name_after_a_title_of_something_is_the_speaker() -> None:
    body = "The Director of Naval Intelligence, Omar Haddad, said the submarine had left port."
    result = extract(body)
    s = only(result)
    check(s, body, kind="indirect", cue="said", speaker="Omar Haddad")
    persons = [a for a in result.actors if a.kind == "person"]
    assert [(a.name, a.title) for a in persons] == [
        ("Omar Haddad", "Director of Naval Intelligence")
    ]


def test_hyphenated_title_resolves_to_the_titled_person() -> None:
    body = (
        "The Liberal Party Co-Chairman Pieter Jansen spoke on Monday. "
        "The Liberal Party Co-Chairman said the coalition would hold."
    )
    result = extract(body)
    s = only(result)
    check(s, body, kind="indirect", cue="said", speaker="Pieter Jansen")
    assert "Liberal Party" in {a.name for a in result.actors if a.kind == "organization"}


def test_speech_someone_was_urged_to_make_is_not_a_statement() -> None:
    body = (
        "Senator Rita Gomez urged the minister to admit that the plan had failed. "
        "General Karl Brandt refused to say whether troops would stay."
    )
    assert extract(body).statements == []


def test_speech_someone_was_forced_to_make_is_reported() -> None:
    body = "Senator Rita Gomez forced the banker Luis Ortega to admit that the audit was late."
    s = only(extract(body))
    assert (s.kind, s.text) == ("indirect", "the audit was late")


def test_quote_paragraph_signed_with_a_horizontal_bar() -> None:
    body = (
        "Readers wrote to us about the debate.\n\n"
        "“The debate scared me. It made me fear for the future.” ― Rosa Delgado\n\n"
        "“I am proud of how the candidates spoke.” ― Ana Lopez, Denver"
    )
    first, second = extract(body).statements
    check(first, body, kind="direct", cue=None, speaker="Rosa Delgado")
    check(second, body, kind="direct", cue=None, speaker="Ana Lopez")
    assert first.text == "The debate scared me. It made me fear for the future."
