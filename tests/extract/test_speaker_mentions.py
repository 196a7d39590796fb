"""The speaker mention as written: every statement keeps the words that name its speaker, with
their offsets, also when no named actor is the speaker (invented sentences)."""

from app.extract.pipeline import extract_article
from app.extract.types import CleanArticle, StatementMention


def statements(body: str) -> list[StatementMention]:
    return extract_article(CleanArticle(title="T", body=body)).statements


def mention(s: StatementMention) -> tuple[str, str] | None:
    m = s.speaker_mention
    return None if m is None else (m.text, m.kind)


def test_a_named_speaker_keeps_the_words_of_its_attribution() -> None:
    body = '"We will hold the line this winter," said Defence Minister Lena Marsh.'
    (s,) = statements(body)
    assert s.speaker == "Lena Marsh"
    assert mention(s) == ("Defence Minister Lena Marsh", "person")
    assert s.speaker_mention is not None
    assert body[s.speaker_mention.start : s.speaker_mention.end] == "Defence Minister Lena Marsh"


def test_a_pronoun_is_the_mention_and_the_person_it_names_the_speaker() -> None:
    body = (
        "General Omar Castell inspected the troops on Monday.\n\n"
        "He said the brigade would stay at the border until spring."
    )
    (s,) = statements(body)
    assert s.speaker == "Omar Castell"
    assert mention(s) == ("He", "person")


def test_a_described_person_is_a_speaker_too() -> None:
    (s,) = statements("A union representative said the strike would go on until Friday.")
    assert s.speaker is None
    assert mention(s) == ("A union representative", "person")


def test_a_described_group_is_a_group() -> None:
    (s,) = statements("Several executives said the merger talks had stalled in March.")
    assert s.speaker is None
    assert mention(s) == ("Several executives", "group")


def test_an_unnamed_body_is_an_organisation() -> None:
    (s,) = statements('"The drills are purely defensive," the ministry said in a statement.')
    assert mention(s) == ("the ministry", "organization")


def test_the_rest_of_a_split_quote_keeps_the_mention_of_its_attribution() -> None:
    body = (
        '"The talks went well," said Ambassador Ruth Keller. "We will meet again in May '
        'to sign the final text."'
    )
    first, second = statements(body)
    assert second.speaker == first.speaker == "Ruth Keller"
    assert mention(second) == mention(first) == ("Ambassador Ruth Keller", "person")
