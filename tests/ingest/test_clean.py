"""Cleaning: boilerplate lines out, paragraph breaks normalised, agencies noted."""

from app.ingest.clean import clean_article


def test_map_caption_lines_are_removed() -> None:
    body = "First paragraph.\n\n> Norway Map\n\nSecond paragraph."
    article = clean_article("A title", body)
    assert article.body == "First paragraph.\n\nSecond paragraph."


def test_trailing_translated_from_line_sets_translated_from() -> None:
    article = clean_article("T", "The army met.\n\n\nTranslated from Interfax\n")
    assert article.translated_from == "Interfax"
    assert article.body == "The army met."


def test_reports_agency_phrase_sets_source_and_keeps_sentence() -> None:
    body = "The navy held drills in the Black Sea, reports Ukrinform.\n\nMore text."
    article = clean_article("T", body)
    assert article.source == "Ukrinform"
    assert article.body.startswith("The navy held drills in the Black Sea, reports Ukrinform.")


def test_runs_of_blank_lines_become_one_blank_line() -> None:
    article = clean_article("  Title  ", "\n\nOne.\n\n\n\n\nTwo.\n   \n\nThree.  \n\n")
    assert article.body == "One.\n\nTwo.\n\nThree."
    assert article.title == "Title"


def test_article_without_boilerplate_has_no_source() -> None:
    article = clean_article("T", "Nothing to see here.")
    assert article.source is None
    assert article.translated_from is None
