"""Statements: quote marks of every style, attribution forms and reported speech."""

import pytest

from app.extract.pipeline import extract_article
from app.extract.quotes.marks import find_quote_spans
from app.extract.types import ArticleExtraction, CleanArticle, StatementMention


def extract(body: str) -> ArticleExtraction:
    return extract_article(CleanArticle(title="T", body=body))


def texts(result: ArticleExtraction) -> list[str]:
    return [s.text for s in result.statements]


def only(result: ArticleExtraction) -> StatementMention:
    assert len(result.statements) == 1, texts(result)
    return result.statements[0]


def test_statement_text_is_the_body_slice_without_marks() -> None:
    body = (
        "Colonel Mark Olsen arrived on Monday.\n\n"
        '"The drills went well and we are pleased," Olsen said.'
    )
    result = extract(body)
    s = only(result)
    assert s.text == "The drills went well and we are pleased"
    assert body[s.start : s.end] == s.text
    assert (s.kind, s.cue, s.speaker) == ("direct", "said", "Mark Olsen")


@pytest.mark.parametrize(
    ("opening", "closing"),
    [('"', '"'), ("“", "”"), ("„", "“"), ("«", "»"), ("‘", "’"), ("''", "''"), ('"', "”")],
)
def test_every_quote_mark_style_gives_the_words(opening: str, closing: str) -> None:
    body = f"{opening}Our troops are ready for any task,{closing} said Admiral Jane Holt."
    s = only(extract(body))
    assert s.text == "Our troops are ready for any task"
    assert s.speaker == "Jane Holt"


def test_missing_opening_mark_starts_the_quote_at_the_paragraph() -> None:
    body = (
        "Defence Minister Omar Latif opened the session.\n\n"
        'Mine clearance comes first for our engineers this spring," the Defence Minister noted.'
    )
    s = only(extract(body))
    assert s.text == "Mine clearance comes first for our engineers this spring"
    assert s.speaker == "Omar Latif"
    assert s.cue == "noted"


def test_unbalanced_quote_keeps_other_quotes() -> None:
    body = (
        '"We will not stop the exercise, said Mr Brown.\n\n'
        '"The fleet is in good shape and ready to sail," Peter Brown said.'
    )
    assert "The fleet is in good shape and ready to sail" in texts(extract(body))


def test_quote_over_several_paragraphs_is_one_statement() -> None:
    body = (
        'General Ann Ross said: "The first phase is over and it went well.\n\n'
        '"The second phase starts next week with more units."'
    )
    s = only(extract(body))
    assert s.text.startswith("The first phase is over")
    assert s.text.endswith("with more units.")
    assert s.speaker == "Ann Ross"


def test_split_quote_gives_two_statements_with_one_speaker() -> None:
    body = '"The exercise is defensive," Minister Karl Weber said. "It targets no country at all."'
    result = extract(body)
    assert texts(result) == ["The exercise is defensive", "It targets no country at all."]
    assert {s.speaker for s in result.statements} == {"Karl Weber"}


def test_floating_quote_paragraph_takes_the_previous_speaker() -> None:
    body = (
        '"We are proud of our sailors and their hard work," said Captain Lena Marsh.\n\n'
        '"They trained for months before this deployment began."'
    )
    result = extract(body)
    assert [s.speaker for s in result.statements] == ["Lena Marsh", "Lena Marsh"]


def test_dash_attribution_after_quote() -> None:
    body = 'Envoy Tom Hale visited Quito.\n\n"The coastal patrols went smoothly in May", - he said.'
    s = only(extract(body))
    assert s.text == "The coastal patrols went smoothly in May"
    assert s.speaker == "Tom Hale"


def test_colon_lead_in_attribution() -> None:
    body = 'Navy spokesperson Maria Lund told reporters: "The ships will leave port on Friday."'
    s = only(extract(body))
    assert (s.speaker, s.cue) == ("Maria Lund", "told")


def test_appositive_between_quote_and_cue() -> None:
    body = '"We train together to keep the peace," Paul Grant, who leads the brigade, said.'
    assert only(extract(body)).speaker == "Paul Grant"


def test_names_and_scare_quotes_are_not_statements() -> None:
    body = (
        "The annual 'Desert Wind' exercise began. Officials met at the \"Spirit of Europe\" "
        'forum to discuss "hybrid threats" in the region.'
    )
    assert texts(extract(body)) == []


def test_according_to_pronoun_gives_indirect_statement() -> None:
    body = (
        "Special Envoy Lars Berg spoke to reporters in Brussels.\n\n"
        "According to him, the joint patrols will double next year. Few expected that."
    )
    s = only(extract(body))
    assert s.text == "the joint patrols will double next year"
    assert (s.kind, s.cue, s.speaker) == ("indirect", "according to", "Lars Berg")


def test_according_to_name_without_comma() -> None:
    body = (
        "Special Envoy Lars Berg spoke in Brussels.\n\n"
        "According to Berg the harbour needs two more tugboats before winter."
    )
    s = only(extract(body))
    assert s.text == "the harbour needs two more tugboats before winter"
    assert s.speaker == "Lars Berg"


def test_speaker_considers_that_clause() -> None:
    body = "Ambassador Nina Cole met the press.\n\nCole considers that the old radar is obsolete."
    s = only(extract(body))
    assert (s.text, s.cue, s.kind) == ("the old radar is obsolete", "considers", "indirect")


def test_said_that_clause_is_reported_speech() -> None:
    body = "Defence Minister Ivan Petrov said that the drills would continue until May."
    s = only(extract(body))
    assert s.text == "the drills would continue until May"
    assert (s.kind, s.speaker) == ("indirect", "Ivan Petrov")


def test_narration_without_cue_is_not_a_statement() -> None:
    body = "The exercise began on Monday. Some 3,000 troops from five countries take part."
    assert texts(extract(body)) == []


def test_quote_spans_find_two_apostrophe_marks() -> None:
    text = "He said ''we will win this fight together'' on Monday."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["we will win this fight together"]


def test_apostrophes_inside_words_are_not_quote_marks() -> None:
    text = "The army's plan and the soldiers' kit don't change."
    assert find_quote_spans(text) == []


def test_parenthetical_attribution_keeps_the_whole_sentence() -> None:
    body = (
        "Rear Admiral Joan Pike spoke at the pier.\n\n"
        "That link to the islands, she said, is why the fleet protects the reefs."
    )
    s = only(extract(body))
    assert s.text == "That link to the islands, she said, is why the fleet protects the reefs"
    assert (s.kind, s.speaker) == ("indirect", "Joan Pike")


def test_as_clause_attribution() -> None:
    body = "As the Defence Ministry explained, the units will train in three regions this year."
    s = only(extract(body))
    assert s.text == "the units will train in three regions this year"
    assert (s.cue, s.speaker) == ("explained", "Defence Ministry")


def test_clause_closed_by_its_attribution() -> None:
    body = (
        "The drills will draw units from all twelve member states, "
        "Admiral Rosa Linde, the fleet commander, told a press briefing."
    )
    s = only(extract(body))
    assert s.text == "The drills will draw units from all twelve member states"
    assert (s.kind, s.cue, s.speaker) == ("indirect", "told", "Rosa Linde")


def test_quoted_headline_with_full_stop_is_a_title_not_a_statement() -> None:
    body = 'In his essay "All Bets Are Off Now." the senator said little about the budget.'
    assert "All Bets Are Off Now." not in texts(extract(body))


def test_opinion_verb_without_a_clause_is_not_reported_speech() -> None:
    body = "Governor Tom Hale considers Smith his political mentor and friend."
    assert texts(extract(body)) == []


@pytest.mark.parametrize(
    "body", ["", '"', '""', "“”", "He said.", '"A" "B" "C"', "according to him,"]
)
def test_degenerate_bodies_give_no_statements(body: str) -> None:
    assert texts(extract(body)) == []


def test_quoted_book_operation_and_film_titles_are_not_statements() -> None:
    body = (
        'General Omar Said published his memoir, "A Long Road to Kabul", in May. '
        'Troops took part in Operation "Enduring Shield of the North" last year. '
        'The operation, dubbed "Iron Wall of the Steppe", began on Monday.'
    )
    assert texts(extract(body)) == []


def test_a_speech_verb_inside_a_name_is_not_a_cue() -> None:
    body = "Colonel Omar Said inspected the base. He said the runway would reopen in June."
    s = only(extract(body))
    assert (s.text, s.cue, s.speaker) == ("the runway would reopen in June", "said", "Omar Said")
