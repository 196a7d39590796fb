"""JSON text that the database built, carried inside an answer and sent as it is."""

import json
from typing import Any


class RawJSON:
    """A JSON value as text. `app.api.responses.built_json` writes the text into the answer
    unchanged; `plain` gives the value for the code that reads it (CSV export, validation)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RawJSON) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"RawJSON({self.text[:60]!r})"


def json_array(elements: list[str]) -> RawJSON:
    """The array of these JSON texts."""
    return RawJSON("[" + ",".join(elements) + "]")


def plain(value: Any) -> Any:
    """The value a RawJSON holds; anything else as it is."""
    return json.loads(value.text) if isinstance(value, RawJSON) else value
