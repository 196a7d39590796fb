"""Statements and speakers across the forms news writes them in (invented sentences): reported
clauses that quote, the one quoted by an agency, `it added` after a body's statement, closing
`reads`, a quote paragraph introduced by the paragraph before, newer speech verbs."""

from app.extract.pipeline import extract_article
from app.extract.types import CleanArticle, StatementMention


def statements(body: str) -> list[StatementMention]:
    return extract_article(CleanArticle(title="T", body=body)).statements


def said(body: str) -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for s in statements(body):
        m = s.speaker_mention
        out.append((s.kind, s.text, s.speaker, m.text if m else None))
    return out


def who(body: str) -> list[tuple[str, str | None]]:
    """Each statement's kind and speaker."""
    return [(kind, speaker) for kind, _, speaker, _ in said(body)]


def test_a_reported_clause_that_quotes_is_one_indirect_statement() -> None:
    body = 'The mayor said the bridge plan is "a costly mistake" and "a gift to developers."'
    assert said(body) == [
        (
            "indirect",
            'the bridge plan is "a costly mistake" and "a gift to developers."',
            None,
            "The mayor",
        )
    ]


def test_a_reported_clause_that_is_only_a_quote_stays_a_direct_quote() -> None:
    body = 'The mayor said that "we will rebuild the bridge within a year."'
    ((kind, text, _, _),) = said(body)
    assert (kind, text) == ("direct", "we will rebuild the bridge within a year.")


def test_a_quote_and_its_attribution_inside_according_to_stay_a_direct_quote() -> None:
    body = (
        '"The pact sets out how the two armies share their bases," Colonel Ruth Abara said '
        "on Friday, according to a report by the state agency."
    )
    ((kind, _, speaker, _),) = said(body)
    assert (kind, speaker) == ("direct", "Ruth Abara")


def test_the_one_an_agency_quotes_is_the_speaker() -> None:
    body = (
        "The drills began on Monday.\n\n"
        '"Crews from four navies will train together in the northern sea," the agency quoted '
        "Admiral Piet Vos, head of the fleet, as saying."
    )
    (s,) = statements(body)
    assert s.speaker == "Piet Vos"


def test_the_one_quoted_by_a_passive_cue_is_its_subject() -> None:
    (s,) = statements('"We will win the vote and govern," Ana Ruiz was quoted as saying.')
    assert s.speaker == "Ana Ruiz"


def test_it_added_continues_the_body_that_spoke_before() -> None:
    body = (
        "The Ministry of Transport said the new line would open in May. "
        "Trains will run every ten minutes, it added."
    )
    assert who(body) == [
        ("indirect", "Ministry of Transport"),
        ("indirect", "Ministry of Transport"),
    ]
    assert said(body)[1][1] == "Trains will run every ten minutes"


def test_a_closing_reads_attributes_the_sentence_before_it() -> None:
    body = (
        "The brigades will train together until March, read a statement from the Northern "
        "Command.\n\nThe troops will also practise river crossings, the statement reads."
    )
    found = said(body)
    assert [(k, t) for k, t, _, _ in found] == [
        ("indirect", "The brigades will train together until March"),
        ("indirect", "The troops will also practise river crossings"),
    ]
    assert found[0][2] == "Northern Command"


def test_read_before_a_clause_is_not_a_speech_cue() -> None:
    assert statements("She read that the museum would close, and then she left.") == []


def test_a_quote_paragraph_after_a_paragraph_that_introduces_one_person() -> None:
    body = (
        "The drills ended on Friday with a parade.\n\n"
        "The view was shared by Major General Anna Berg, the deputy chief of joint operations."
        "\n\n"
        '"We look forward to the final report and to the lessons it will bring for all of us."'
    )
    (s,) = statements(body)
    assert (s.kind, s.speaker) == ("direct", "Anna Berg")


def test_a_quote_paragraph_after_a_paragraph_naming_two_people_gets_no_guess() -> None:
    body = (
        "Maria Lund met Oskar Brandt in the capital on Friday.\n\n"
        '"We look forward to the final report and to the lessons it will bring for all of us."'
    )
    assert [s.speaker for s in statements(body)] in ([], [None])


def test_specified_posted_and_tweeted_report_speech() -> None:
    body = (
        "The Ministry of Health specified that the vaccines would reach every region by June.\n\n"
        "Governor Tom Hale posted on social media that the storm had passed.\n\n"
        "Senator Ada Crane tweeted that the vote would be held on Tuesday."
    )
    assert who(body) == [
        ("indirect", "Ministry of Health"),
        ("indirect", "Tom Hale"),
        ("indirect", "Ada Crane"),
    ]


def test_a_hailed_quote_is_a_direct_statement() -> None:
    body = 'President Ines Maro hailed the treaty as "a new chapter for both of our peoples".'
    (s,) = statements(body)
    assert (s.kind, s.speaker) == ("direct", "Ines Maro")


def test_a_tail_subject_set_off_by_a_comma_is_the_speaker_not_a_list_before_it() -> None:
    body = (
        "The forces will practise at a checkpoint, in a camp, with convoys and in a town, "
        "the statement reads."
    )
    (s,) = statements(body)
    assert s.speaker_mention is not None and s.speaker_mention.text == "the statement"
    assert (
        s.text == "The forces will practise at a checkpoint, in a camp, with convoys and in a town"
    )


def test_the_press_office_of_an_exercise_is_not_the_exercise() -> None:
    body = (
        "The Iron Shield exercise opened on Monday.\n\n"
        '"Units of six armies will train together until the end of the month," said the press '
        "office of the exercise."
    )
    (s,) = statements(body)
    assert s.speaker is None
    assert s.speaker_mention is not None
    assert s.speaker_mention.text == "the press office of the exercise"
