"""The folding behind every text filter and merge key."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.text import _APOSTROPHES, _SPACE, fold


def test_fold_ignores_case_diacritics_and_surrounding_space() -> None:
    assert fold("  Ǵöteborg\t ") == "goteborg"
    assert fold("Šefčovič  SPOKE") == "sefcovic spoke"


def test_fold_treats_typographic_and_ascii_apostrophes_alike() -> None:
    assert fold("Russia’s embassy") == fold("Russia's embassy") == "russia's embassy"


def _fold_every_step(text: str) -> str:
    """fold without its shortcut for ASCII text: every step on every text."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.casefold()).strip()


@settings(max_examples=2000, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.text(alphabet=st.characters(max_codepoint=127), max_size=40)
)
def test_fold_equals_every_step_on_any_text(text: str) -> None:
    assert fold(text) == _fold_every_step(text)


def test_fold_equals_every_step_on_ascii_and_mixed_text() -> None:
    samples = [
        "Jens\x0bStoltenberg",
        " NATO\u00a0chief ",
        "O\u2019Brien",
        "ﬁnance Ǆ",
        "\x1c a \x1f",
    ]
    for text in samples:
        assert fold(text) == _fold_every_step(text)
