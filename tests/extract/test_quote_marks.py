"""Quoted spans and quoted names on one-line texts: pure text work, no parse."""

import pytest

from app.extract.quotes.marks import (
    QuoteSpan,
    _closing_paragraph,
    _next_opens_double,
    find_quote_spans,
    paragraphs,
)
from app.extract.quotes.speech import is_attributed_utterance, is_name_like


def words(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def only_span(text: str) -> QuoteSpan:
    spans = find_quote_spans(text)
    assert len(spans) == 1, spans
    return spans[0]


def test_span_bounds_the_words_and_the_marks() -> None:
    text = 'He said "We will stay." today'
    span = only_span(text)
    assert text[span.start : span.end] == "We will stay."  # a full stop inside is kept
    assert text[span.outer_start : span.outer_end] == '"We will stay."'
    assert (span.family, span.missing_open, span.missing_close) == ("double", False, False)


def test_comma_before_the_closing_mark_is_trimmed() -> None:
    assert words("“Our troops are ready,” she said.") == ["Our troops are ready"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er sagte „Wir bleiben“ heute.", "Wir bleiben"),
        ("«Nous restons», a-t-il dit.", "Nous restons"),
        ("''Old style,'' he said.", "Old style"),
    ],
)
def test_national_and_typewriter_double_marks_pair(text: str, expected: str) -> None:
    span = only_span(text)
    assert text[span.start : span.end] == expected
    assert span.family == "double"


def test_single_marks_give_a_single_span() -> None:
    text = "the ‘new order’ began"
    span = only_span(text)
    assert text[span.start : span.end] == "new order"
    assert span.family == "single"


def test_single_marks_inside_a_double_quote_are_part_of_its_words() -> None:
    assert words('"He called it ‘the plan’ today," she said.') == ["He called it ‘the plan’ today"]


def test_two_quotes_in_one_paragraph_are_two_spans() -> None:
    assert words('"First." Then "second."') == ["First.", "second."]


def test_double_mark_typed_for_an_apostrophe_is_no_quote() -> None:
    assert find_quote_spans('Turkey"s army moved.') == []


def test_missing_opening_mark_starts_at_the_paragraph() -> None:
    span = only_span('We will stay," he said.')
    assert (span.start, span.end, span.outer_start) == (0, 12, 0)
    assert span.missing_open and not span.missing_close


def test_quote_left_open_closes_at_the_paragraph_end() -> None:
    text = '"We will stay and fight'
    span = only_span(text)
    assert (text[span.start : span.end], span.outer_end) == ("We will stay and fight", len(text))
    assert span.missing_close and not span.missing_open


def test_quote_left_open_closes_before_its_own_attribution() -> None:
    text = '"We will stay, said Mr Smith. Then he left.'
    span = only_span(text)
    assert text[span.start : span.end] == "We will stay"
    assert span.outer_end == text.index(", said")
    assert span.missing_close


def test_quote_goes_on_when_the_next_paragraph_opens_with_a_mark() -> None:
    text = '"First part.\n\n"Second part," he said.'
    span = only_span(text)
    assert (span.outer_start, span.outer_end) == (0, text.index(" he said"))
    assert text[span.start : span.end] == 'First part.\n\n"Second part'


def test_quote_runs_through_paragraphs_without_marks_to_its_close() -> None:
    text = '"First words.\n\nMiddle words.\n\nEnd here," he said.'
    span = only_span(text)
    assert text[span.start : span.end] == "First words.\n\nMiddle words.\n\nEnd here"
    assert not span.missing_close


def test_next_paragraph_opening_with_a_double_mark() -> None:
    text = '"One\n"Two\nThree'
    paras = paragraphs(text)
    assert _next_opens_double(text, paras, 0)
    assert not _next_opens_double(text, paras, 1)  # "Three" opens with no mark
    assert not _next_opens_double(text, paras, 2)  # the last paragraph has no next one


def test_closing_paragraph_is_the_first_with_a_double_mark_when_it_closes() -> None:
    closes = '"One\nTwo\nThree."'
    opens = '"One\nTwo\n"Three'
    assert _closing_paragraph(closes, paragraphs(closes), 0) == 2
    assert _closing_paragraph(opens, paragraphs(opens), 0) is None


def test_paragraphs_are_the_stripped_non_empty_lines() -> None:
    text = "  One line. \n\n\tTwo\n"
    assert paragraphs(text) == [(2, 11), (15, 18)]
    assert [text[s:e] for s, e in paragraphs(text)] == ["One line.", "Two"]


@pytest.mark.parametrize(
    ("quoted", "name_like"),
    [
        ("Partnership for Peace", True),  # too few words for speech
        ("We will stay", True),
        ("The Spirit of Europe", True),  # every word but the small ones capitalised
        ("Exercise 2024 Of The Year", True),  # digits count as capitals
        ("We will stay here now", False),
        ("Defence, Security and Peace Now", False),  # punctuation inside makes it speech
    ],
)
def test_is_name_like(quoted: str, name_like: bool) -> None:
    assert is_name_like(quoted) is name_like


@pytest.mark.parametrize(
    ("body", "attributed"),
    [
        ('"Stay," said the minister.', True),  # its own comma, then the cue
        ('The minister said: "Stay."', True),  # the cue and a colon before it
        ('"Stay." said the minister.', False),  # a full stop before a following cue: a title
        ('It was called "Stay" by all.', False),  # no cue at all
    ],
)
def test_is_attributed_utterance(body: str, attributed: bool) -> None:
    assert is_attributed_utterance(body, only_span(body)) is attributed


def test_short_attributed_quote_is_speech_and_a_quoted_name_is_not() -> None:
    body = 'Troops joined "Cold Response" in March. "Stay," said the minister.'
    spans = find_quote_spans(body)
    assert [is_name_like(body[s.start : s.end]) for s in spans] == [True, True]
    assert [is_attributed_utterance(body, s) for s in spans] == [False, True]
