"""The folding behind every text filter and merge key."""

from app.text import fold


def test_fold_ignores_case_diacritics_and_surrounding_space() -> None:
    assert fold("  Ǵöteborg\t ") == "goteborg"
    assert fold("Šefčovič  SPOKE") == "sefcovic spoke"


def test_fold_treats_typographic_and_ascii_apostrophes_alike() -> None:
    assert fold("Russia’s embassy") == fold("Russia's embassy") == "russia's embassy"
