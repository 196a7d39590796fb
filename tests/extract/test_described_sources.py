"""Described sources and the names set beside them (invented sentences): "a spokesman for X"
is someone new, never the person named before; "a spokeswoman for X, Name, said" is Name, not
a word of X; a short quote closed by a long attribution is still a quote."""

from tests.extract.test_discourse_cues import said, who


def test_an_indefinite_description_is_not_the_person_named_before() -> None:
    body = (
        '"We are ready," said Mara Lind, a spokeswoman for the ministry.\n\n'
        '"The drills went well," a spokesman for the northern army said.'
    )
    assert who(body) == [("direct", "Mara Lind"), ("direct", None)]
    assert said(body)[1][3] == "a spokesman for the northern army"


def test_a_definite_role_still_refers_back_to_the_named_holder() -> None:
    body = (
        "Mara Lind, a spokeswoman for the ministry, spoke on Monday.\n\n"
        '"The drills went well and ended on time," the spokeswoman said.'
    )
    assert who(body) == [("direct", "Mara Lind")]


def test_the_name_after_a_description_of_a_company_is_the_speaker() -> None:
    body = "A spokeswoman for Brightline Marine Systems, Odile Farrant, said the yard was ready."
    assert who(body) == [("indirect", "Odile Farrant")]


def test_a_short_quote_closed_by_a_long_attribution_is_a_direct_quote() -> None:
    body = (
        "The yard delivered the first hull in May.\n\n"
        '"We are ready," a spokeswoman for Brightline Marine Systems, Odile Farrant, said.'
    )
    assert who(body) == [("direct", "Odile Farrant")]


def test_the_title_set_off_before_the_name_carries_no_quote_mark() -> None:
    from app.extract.pipeline import extract_article
    from app.extract.types import CleanArticle

    body = '"We are ready," a spokeswoman for the port authority, Odile Farrant, said.'
    actors = extract_article(CleanArticle(title="T", body=body)).actors
    (person,) = [a for a in actors if a.name == "Odile Farrant"]
    assert person.title == "spokeswoman for the port authority"


def test_a_quoted_title_inside_a_sentence_is_not_speech() -> None:
    body = (
        'On the last episode of "The Early Harbour Show," the former senator from the north '
        "said she would run again."
    )
    assert [kind for kind, _ in who(body)] == ["indirect"]


def test_a_description_links_the_organisation_it_names() -> None:
    from tests.extract.test_discourse_cues import statements

    body = (
        "The Borovian Navy held drills on Monday.\n\n"
        "A spokesperson for the Borovian Navy said the drills had ended.\n\n"
        "A NATO official said the alliance would send more ships.\n\n"
        "An official said the plan had failed."
    )
    found = [(s.speaker, s.speaker_mention) for s in statements(body)]
    assert [speaker for speaker, _ in found] == [None, None, None]
    assert [m.organization if m else "-" for _, m in found] == ["Borovian Navy", "NATO", None]


def test_a_spokesman_of_an_unnamed_company_is_not_the_body_named_before() -> None:
    body = (
        "The Borovian Navy held drills on Monday.\n\n"
        "The company's spokesman said sales had doubled."
    )
    assert who(body) == [("indirect", None)]
