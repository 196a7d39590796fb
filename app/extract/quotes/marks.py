"""Quoted spans in plain text: every quote-mark style, missing and unbalanced marks, quotes over
several paragraphs. Pure text work: no parse is needed."""

import re
from dataclasses import dataclass
from typing import Literal

Family = Literal["double", "single"]
Role = Literal["open", "close", "either"]

_MARK = re.compile(r"''|``|[\"“”„‟«»‘’'‚]")
_SPACE = " \t\n\u00a0\u2009\u202f"
_OPEN_NEIGHBOURS = "([{—–―-/"
_CLOSE_NEIGHBOURS = ".,;:!?)]}—–―-/…"
_TRIM_TAIL = " \t\n,;:-–—―"
_TRIM_HEAD = " \t\n-–—―…"


# an attribution inside a quote left open: `"We will stay, said Mr Smith.`
_INNER_CUE = re.compile(
    r",\s+(?:(?:he|she|they)\s+)?(?:said|says|added|noted|told|stated)\b"
    r"|,\s+[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,3}\s+(?:said|says|added|noted|told|stated)\b"
)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """The words of one quotation: `start`/`end` bound the words, `outer_*` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    family: Family
    missing_open: bool = False
    missing_close: bool = False


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    end: int
    text: str
    family: Family
    role: Role


def _classify(text: str, pos: int, end: int, mark: str) -> _Mark | None:
    prev = text[pos - 1] if pos > 0 else "\n"
    nxt = text[end] if end < len(text) else "\n"
    left = (
        nxt not in _SPACE and nxt not in ",.;:!?" and (prev in _SPACE or prev in _OPEN_NEIGHBOURS)
    )
    right = prev not in _SPACE and (nxt in _SPACE or nxt in _CLOSE_NEIGHBOURS or nxt in "\"”’'")
    after = text[end + 1] if end + 1 < len(text) else " "
    if mark in ('"', "”") and prev.isalnum() and nxt == "s" and not after.isalnum():
        return None  # a double mark typed for an apostrophe ("Turkey"s")
    if mark in ('"', "''"):
        role: Role = "open" if left and not right else "close" if right and not left else "either"
        return _Mark(pos, end, mark, "double", role)
    if mark in ("“", "„", "«", "``", "‟"):
        if mark == "“" and right and not left:
            return _Mark(pos, end, mark, "double", "close")
        return _Mark(pos, end, mark, "double", "open")
    if mark in ("”", "»"):
        if left and not right and prev == "\n":
            return _Mark(pos, end, mark, "double", "open")
        return _Mark(pos, end, mark, "double", "close")
    # single marks: apostrophes inside words are not quote marks
    if prev.isalnum() and nxt.isalnum():
        return None
    if mark in ("‘", "‚"):
        return _Mark(pos, end, mark, "single", "open") if left else None
    if left and not right:
        return _Mark(pos, end, mark, "single", "open")
    if right and not left:
        return _Mark(pos, end, mark, "single", "close")
    return None


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    found = []
    for m in _MARK.finditer(text, start, end):
        mark = _classify(text, m.start(), m.end(), m.group())
        if mark is not None:
            found.append(mark)
    return found


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of `text`."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def _span(
    text: str,
    outer_start: int,
    inner_start: int,
    inner_end: int,
    outer_end: int,
    family: Family,
    *,
    missing_open: bool = False,
    missing_close: bool = False,
) -> QuoteSpan | None:
    start, end = inner_start, inner_end
    while start < end and text[start] in _TRIM_HEAD:
        start += 1
    while end > start and text[end - 1] in _TRIM_TAIL:
        end -= 1
    if end <= start:
        return None
    return QuoteSpan(start, end, outer_start, outer_end, family, missing_open, missing_close)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span in `text`, in order. A quote left open at the end of a paragraph goes
    on when the next paragraph opens with a quote mark (one quote over several paragraphs)."""
    paras = paragraphs(text)
    spans: list[QuoteSpan] = []
    carried: _Mark | None = None  # an opening mark still open from an earlier paragraph
    skip_to = -1  # paragraphs inside a quote whose marks are all missing
    for index, bounds in enumerate(paras):
        if index < skip_to:
            continue
        still_open = _pair_marks(text, bounds, carried, spans)
        carried = None
        if still_open is not None:
            carried, closing = _left_open(text, paras, index, still_open, spans)
            skip_to = closing if closing is not None else skip_to
    return spans


def _keep(spans: list[QuoteSpan], span: QuoteSpan | None) -> bool:
    if span is None:
        return False
    spans.append(span)
    return True


@dataclass(slots=True)
class _Pairing:
    """The marks of one paragraph paired in order: the quotes still open, and whether one
    closed yet (only the first closing mark of a paragraph may lack its opening mark)."""

    text: str
    start: int
    spans: list[QuoteSpan]
    open_double: _Mark | None
    open_single: _Mark | None = None
    closed_any: bool = False


def _pair_marks(
    text: str, bounds: tuple[int, int], carried: _Mark | None, spans: list[QuoteSpan]
) -> _Mark | None:
    """The quotes of one paragraph added to `spans`; the double mark left open at its end."""
    p_start, p_end = bounds
    marks = _marks(text, p_start, p_end)
    if carried is not None and marks and marks[0].pos == p_start and marks[0].role != "close":
        marks = marks[1:]  # the repeated opening mark of a continued quote
    pairing = _Pairing(text, p_start, spans, carried)
    for mark in marks:
        if mark.family == "double":
            _pair_double(pairing, mark)
        elif pairing.open_double is None:
            _pair_single(pairing, mark)
    return pairing.open_double


def _pair_double(p: _Pairing, mark: _Mark) -> None:
    """A double mark opens a quote, closes the open one, or (an opening mark while one is open)
    closes it where its closing mark is missing and opens the next."""
    p.open_single = None
    opening = p.open_double
    if opening is None:
        if mark.role in ("open", "either"):
            p.open_double = mark
        elif not p.closed_any and _keep(
            p.spans,
            _span(p.text, p.start, p.start, mark.pos, mark.end, "double", missing_open=True),
        ):
            p.closed_any = True
        return
    if mark.role in ("close", "either") or (opening.text == "„" and mark.text == "“"):
        _keep(p.spans, _span(p.text, opening.pos, opening.end, mark.pos, mark.end, "double"))
        p.closed_any = True
        p.open_double = None
        return
    _keep(p.spans, _span(p.text, opening.pos, opening.end, mark.pos, mark.pos, "double",
                         missing_close=True))  # fmt: skip
    p.open_double = mark


def _pair_single(p: _Pairing, mark: _Mark) -> None:
    """Single marks pair only outside double quotes; an unclosed one gives way to the next."""
    opening = p.open_single
    if opening is None:
        if mark.role == "open":
            p.open_single = mark
    elif mark.role in ("close", "either"):
        _keep(p.spans, _span(p.text, opening.pos, opening.end, mark.pos, mark.end, "single"))
        p.open_single = None
    else:
        p.open_single = mark


def _left_open(
    text: str, paras: list[tuple[int, int]], index: int, mark: _Mark, spans: list[QuoteSpan]
) -> tuple[_Mark | None, int | None]:
    """A double quote still open at the end of paragraph `index`: closed before its own
    attribution, carried on into the paragraphs after, or closed at the paragraph's end.
    Returns the mark to carry on and the paragraph to go on from (None: the next one)."""
    p_end = paras[index][1]
    cue = _INNER_CUE.search(text, mark.end, p_end)
    if cue is not None:
        # the closing mark is missing before its own attribution
        _keep(spans, _span(text, mark.pos, mark.end, cue.start(), cue.start(), "double",
                           missing_close=True))  # fmt: skip
        return None, None
    if _next_opens_double(text, paras, index):
        return mark, None
    closing = _closing_paragraph(text, paras, index)
    if closing is not None:
        return mark, closing
    _keep(spans, _span(text, mark.pos, mark.end, p_end, p_end, "double", missing_close=True))
    return None, None


def _next_opens_double(text: str, paras: list[tuple[int, int]], index: int) -> bool:
    """The paragraph after `index` opens with a double quote mark."""
    if index + 1 >= len(paras):
        return False
    start, end = paras[index + 1]
    next_marks = _marks(text, start, min(start + 3, end))
    return (
        bool(next_marks)
        and next_marks[0].pos == start
        and next_marks[0].family == "double"
        and next_marks[0].role in ("open", "either")
    )


def _closing_paragraph(text: str, paras: list[tuple[int, int]], index: int) -> int | None:
    """The index of a later paragraph that closes a quote left open at paragraph `index` when
    the paragraphs between carry no double quote marks at all."""
    for j in range(index + 1, min(index + 9, len(paras))):
        doubles = [m for m in _marks(text, *paras[j]) if m.family == "double"]
        if not doubles:
            continue
        return j if doubles[0].role == "close" else None
    return None
