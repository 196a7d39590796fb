"""PolNeAR speakers judged against the annotated source: the kind of source, and when a
predicted speaker is right (invented statements)."""

from app.evaluate.sources import GoldSource, speaker_is_right
from app.extract.types import SpeakerMention, StatementMention


def predicted(speaker: str | None, mention: tuple[str, int, int] | None) -> StatementMention:
    written = SpeakerMention(mention[0], mention[1], mention[2], "person") if mention else None
    return StatementMention("words", "direct", 0, 5, speaker=speaker, speaker_mention=written)


def test_sources_are_named_pronouns_or_descriptions() -> None:
    assert GoldSource("Senator Ada Grey", None).kind == "named"
    assert GoldSource("The Daily Ledger", None).kind == "named"
    assert GoldSource("she", None).kind == "pronoun"
    assert GoldSource("a campaign aide", None).kind == "described"
    assert GoldSource("the officials", None).kind == "described"


def test_a_named_source_is_right_by_the_name_or_by_the_mention() -> None:
    source = GoldSource("Senator Ada Grey", (100, 116))
    assert speaker_is_right(predicted("Ada Grey", ("Grey", 300, 304)), source)
    assert speaker_is_right(predicted(None, ("Senator Ada Grey", 100, 116)), source)
    assert not speaker_is_right(predicted("Tom Reyes", ("Reyes", 300, 305)), source)
    assert not speaker_is_right(predicted(None, None), source)


def test_a_pronoun_or_a_description_is_right_only_by_the_mention() -> None:
    pronoun = GoldSource("he", (40, 42))
    assert speaker_is_right(predicted("Tom Reyes", ("he", 40, 42)), pronoun)
    assert not speaker_is_right(predicted("Tom Reyes", ("Reyes", 10, 15)), pronoun)
    described = GoldSource("a campaign aide", (60, 75))
    assert speaker_is_right(predicted(None, ("a campaign aide", 60, 75)), described)
    assert not speaker_is_right(predicted(None, ("officials", 90, 99)), described)
