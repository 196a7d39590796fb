"""Which quoted spans are speech: quoted names and scare quotes are not, unless a speech cue
attributes them right there. Pure text work, like finding the spans."""

import re
from functools import lru_cache

from app.extract.lexicon import get_lexicon
from app.extract.quotes.marks import QuoteSpan

_MIN_QUOTE_WORDS = 4  # one to three quoted words are names or scare quotes
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SMALL_WORDS = {"of", "the", "for", "and", "in", "on", "at", "to", "a", "an", "de", "with"}


def is_name_like(text: str) -> bool:
    """Quoted words that name something ('Partnership for Peace', "The Spirit of Europe") or
    scare quotes, rather than speech."""
    words = _WORD.findall(text)
    if len(words) < _MIN_QUOTE_WORDS:
        return True
    if re.search(r"[.!?,;:]", text.rstrip(".!?,;: ")):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return all(w[:1].isupper() or w[:1].isdigit() for w in content)


# Words between a quote and its cue; more only when the quote opens its sentence.
_NEAR_CUE_WORDS = 4
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:]\s*|\n\s*)$")


@lru_cache
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A speech cue just after a quote ('," said', '," - the minister said', '," a spokeswoman
    for the ministry, Jane Doe, said': the words between in a group) and just before one
    ('said:', 'told reporters,')."""
    cues = "|".join(re.escape(c) for c in sorted(get_lexicon().always_cues))
    return (
        re.compile(rf"\s*[-–—―]?\s*((?:[\w.'’-]+,?\s+){{0,10}}?)(?:{cues})\b"),
        re.compile(rf"\b(?:{cues})(?:\s+\w+)?\s*[:,]\s*$"),
    )


def is_attributed_utterance(body: str, span: QuoteSpan) -> bool:
    """A short quote that is still speech: a speech cue attributes it right there, after its own
    comma, '?' or '!' ('"We will stay," said X.') or before it with a colon or comma
    ('X said: "We will stay."'). A full stop before a following cue closes a title instead;
    a long attribution after it counts only for a quote that opens its sentence, not for a
    title inside one ('on the episode of "The Morning Show," the senator said')."""
    closing = body[span.end : max(span.end, span.outer_end - 1)].strip()[-1:]
    closing = closing or body[span.end - 1 : span.end]
    cue_after_pattern, cue_before_pattern = _cue_patterns()
    cue_after = cue_after_pattern.match(body, span.outer_end, span.outer_end + 80)
    if cue_after and len(cue_after.group(1).split()) > _NEAR_CUE_WORDS:
        opens = _SENTENCE_OPEN.search(body[max(0, span.outer_start - 3) : span.outer_start])
        cue_after = cue_after if opens else None
    cue_before = cue_before_pattern.search(body[max(0, span.outer_start - 80) : span.outer_start])
    return bool(
        (closing and closing in ",!?" and cue_after)
        or (closing and closing in ",.!?" and cue_before)
    )


_NICKNAME_BEFORE = re.compile(r"[A-Z][\w.’'-]*\s$")
_NICKNAME_AFTER = re.compile(r"\s[A-Z]")
_NICKNAME = re.compile(r"[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)?")


def is_nickname(body: str, span: QuoteSpan) -> bool:
    """`Gen. Michael "Erik" Kurilla`: one or two capitalised words in quote marks between the
    words of a name are part of the name, not a quotation."""
    if not _NICKNAME.fullmatch(body[span.start : span.end]):
        return False
    before = body[max(0, span.outer_start - 40) : span.outer_start]
    return bool(_NICKNAME_BEFORE.search(before) and _NICKNAME_AFTER.match(body, span.outer_end))
