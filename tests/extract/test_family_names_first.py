"""Names that put the family name first (invented people): "Hwang said" after "Hwang Min-seok"
is the minister named before, a hyphenated given name stays whole, and a Western name that
starts with such a word still answers to its surname."""

from app.extract.pipeline import extract_article
from app.extract.types import CleanArticle
from tests.extract.test_discourse_cues import who


def _persons(body: str) -> list[str]:
    result = extract_article(CleanArticle(title="T", body=body))
    return [actor.name for actor in result.actors if actor.kind == "person"]


def test_the_family_name_written_first_refers_back_to_the_full_name() -> None:
    body = (
        "Defence Minister Hwang Min-seok said the drills would go ahead in May.\n\n"
        '"We are ready for every scenario," Hwang said.'
    )
    assert who(body) == [("indirect", "Hwang Min-seok"), ("direct", "Hwang Min-seok")]
    assert _persons(body) == ["Hwang Min-seok"]


def test_a_chinese_and_a_vietnamese_name_answer_to_their_family_names() -> None:
    body = (
        "Premier Liu Weiguo said trade talks would resume. "
        "Foreign Minister Tran Van Khoa said his country welcomed them.\n\n"
        '"The door is open," Liu said.\n\n'
        '"We will take part," Tran said.'
    )
    speakers = [speaker for _, speaker in who(body)]
    assert speakers == ["Liu Weiguo", "Tran Van Khoa", "Liu Weiguo", "Tran Van Khoa"]


def test_a_given_name_after_a_hyphen_is_part_of_the_name() -> None:
    body = "Former President Seo Ji-in said she would not stand again."
    assert who(body) == [("indirect", "Seo Ji-in")]


def test_a_western_name_starting_with_a_family_word_keeps_its_surname() -> None:
    body = (
        "Ambassador Kim Lassiter said the talks were useful.\n\n"
        '"More rounds are needed," Lassiter said.'
    )
    assert who(body) == [("indirect", "Kim Lassiter"), ("direct", "Kim Lassiter")]
