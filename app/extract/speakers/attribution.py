"""The cue and speaker phrase next to a quote: `"...," said the minister`, `He added: "..."`,
`"..." - Minister John Smith`; the words naming the speaker are resolved in resolver.py."""

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.lexicon import get_lexicon
from app.extract.quotes.clauses import is_name_word
from app.extract.quotes.marks import QuoteSpan

_ATTRIBUTION_MAX = 30
_STOP_AFTER_NAME = {
    "on", "during", "at", "after", "before", "while", "when", "yesterday", "today", "last",
    "this", "as", "in", "from", "to", "earlier", "later", "recently", "told",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
DASHES = {"-", "–", "—", "―", "‒", "--"}  # hyphen, en, em, horizontal bar, figure
_PASSIVE = {"was", "were", "is", "are", "been", "be", "being"}  # "was quoted as saying"


@dataclass(slots=True)
class Attribution:
    cue: str | None
    phrase: list[Token]  # the words naming the speaker ("the Chilean Defence Minister")


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens starting at characters start..end-1, found by bisection (tokens are in text
    order), so that many quotes in a long article cost no scan of the whole article each."""
    first = bisect_left(doc, start, key=_idx)
    last = bisect_left(doc, end, lo=first, key=_idx)
    return [t for t in doc[first:last] if not t.is_space]


def _idx(token: Token) -> int:
    return token.idx


def is_cue(token: Token, verbs: frozenset[str]) -> bool:
    if is_name_word(token):
        return False
    if token.lower_ in get_lexicon().always_cues:
        return True
    return token.lemma_.lower() in verbs and token.tag_.startswith("VB")


def cue_text(token: Token) -> str:
    """The cue as written; "was quoted as saying" keeps its whole phrase."""
    doc = token.doc
    if token.lower_ == "saying" and token.i >= 2 and doc[token.i - 1].lower_ == "as":
        first = token.i - 2
        if first > 0 and doc[first - 1].lower_ in _PASSIVE:
            first -= 1
        return doc[first : token.i + 1].text
    return token.text


def find_attribution(doc: Doc, quote: QuoteSpan, limit: int, lead_start: int) -> Attribution | None:
    """The cue and speaker of a quote: after it up to `limit`, or before it from `lead_start`."""
    found = _attribution_after(doc, quote, limit)
    if found is not None or quote.missing_open:
        return found
    return _attribution_before(tokens_in(doc, lead_start, quote.outer_start))


def _attribution_after(doc: Doc, quote: QuoteSpan, limit: int) -> Attribution | None:
    """`"...," said the minister`, `"...," the minister said`, `"..." - Minister John Smith`:
    the cue and speaker in the sentence after the quote."""
    lex = get_lexicon()
    after = tokens_in(doc, quote.outer_end, limit)
    cut = next((k for k, t in enumerate(after) if _ends_sentence(t)), len(after))
    after = after[:cut]
    while after and (after[0].is_punct or after[0].text in DASHES):
        after = after[1:]
    relative = False  # inside ", who ...," where other verbs are fine
    for k, tok in enumerate(after[:_ATTRIBUTION_MAX]):
        if tok.lower_ in ("who", "which"):
            relative = True
        elif tok.text == ",":
            relative = False
        if not is_cue(tok, lex.direct_verbs):
            if (
                tok.tag_ in ("VBD", "VBZ", "VBP", "MD")
                and tok.pos_ != "AUX"
                and not relative
                and not _inside_name(tok)
            ):
                break
            continue
        if k + 1 < len(after) and after[k + 1].text == ":":
            break  # `He added: "..."` leads in the next quote; it does not close this one
        quoted = _quoted_source(tok, after[k + 1 :])
        if quoted:
            return Attribution(cue_text(tok), quoted)
        before = [t for t in after[:k] if t.lower_ not in ("has", "had", "have", "was", "is")]
        if before and not any(t.text == "," for t in before[:1]):
            return Attribution(cue_text(tok), _drop_dashes(before))
        return Attribution(cue_text(tok), _phrase_after(after[k + 1 :]))
    if len(after) > 2 and after[0].lower_ == "according" and after[1].lower_ == "to":
        return Attribution("according to", _phrase_after(after[2:]))
    if (
        after
        and doc[after[0].i - 1].text in DASHES | {","}
        and any(t.pos_ == "PROPN" for t in after[:6])
    ):
        # "..." - Minister John Smith
        return Attribution(None, _phrase_after(after))
    return None


def _attribution_before(lead: list[Token]) -> Attribution | None:
    """`The minister said: "..."`, `Lima, which described it as "..."`: the cue nearest
    before the quote in its `lead` (the words of its sentence before it), and its subject."""
    lex = get_lexicon()
    for k in range(len(lead) - 1, -1, -1):
        tok = lead[k]
        if not is_cue(tok, lex.direct_verbs):
            continue
        quoted = _quoted_source(tok, lead[k + 1 :])
        if quoted:
            return Attribution(cue_text(tok), quoted)
        subject = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subject and subject[0].lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            head = tok.head  # "Lima, which described ..."
            words = [t for t in head.subtree if t.i <= head.i and t.i >= head.left_edge.i]
            return Attribution(cue_text(tok), _drop_dashes(words))
        if subject and subject[0].left_edge.i >= lead[0].i:
            words = [t for t in lead[:k] if t.i >= subject[0].left_edge.i]
            return Attribution(cue_text(tok), _drop_dashes(words))
        before = [t for t in lead[:k] if not t.is_punct or t.text == ","]
        if before:
            return Attribution(cue_text(tok), _drop_dashes(before))
        return Attribution(cue_text(tok), _phrase_after(lead[k + 1 :]))
    return None


def _quoted_source(cue: Token, rest: list[Token]) -> list[Token]:
    """`the agency quoted the press office as saying`, `TASS quotes the ministry`: the one
    quoted is the speaker, not the one quoting; [] for any other cue or the passive
    (`Smith was quoted as saying`)."""
    doc = cue.doc
    if cue.lemma_.lower() != "quote" or (cue.i > 0 and doc[cue.i - 1].lower_ in _PASSIVE):
        return []
    if not rest or rest[0].lower_ in ("as", "by"):
        return []
    words = []
    for tok in rest:
        if tok.lower_ == "as" or tok.lemma_.lower() == "say":
            break
        words.append(tok)
    return _phrase_after(words)


def _inside_name(tok: Token) -> bool:
    """`Chargé d’Affaires Evyenia Sidereas`: a word with a capital after a proper noun is part
    of a name or title, whatever tag the model gives it."""
    return tok.i > 0 and tok.doc[tok.i - 1].pos_ == "PROPN" and any(c.isupper() for c in tok.text)


def _ends_sentence(tok: Token) -> bool:
    """A full stop, but not the one of an abbreviation ("Col.", "Lt.", "J.")."""
    if tok.text in ("!", "?", ";"):
        return True
    if tok.text != ".":
        return False
    if tok.i == 0:
        return True
    prev = tok.doc[tok.i - 1]
    lex = get_lexicon()
    abbreviation = prev.lower_ + "." in lex.ranks | lex.honorifics or len(prev.text) == 1
    return not (abbreviation and tok.whitespace_)


def _drop_dashes(words: list[Token]) -> list[Token]:
    return [t for t in words if t.text not in DASHES]


def _phrase_after(words: list[Token]) -> list[Token]:
    """The speaker after an inverted cue: `said Adm. John Smith, commander of ...`; a title
    before the name (`said Chargé d'Affaires, John Smith`) keeps the name too."""
    phrase: list[Token] = []
    for tok in words:
        if tok.text in (";", ":", "(", ")") or _ends_sentence(tok):
            break
        if tok.lower_ in _STOP_AFTER_NAME and phrase:
            break
        if tok.text == ",":
            if phrase and any(t.pos_ == "PROPN" and not _is_titleish(t) for t in phrase):
                break
            if not phrase or not any(_is_titleish(t) for t in phrase):
                break
        if tok.text in DASHES and not phrase:
            continue
        phrase.append(tok)
    return phrase


def _is_titleish(tok: Token) -> bool:
    lex = get_lexicon()
    low = tok.lower_.strip("’'")
    return low in lex.role_nouns or low in lex.ranks or low in lex.honorifics or low == "d"


def sentence_start(text: str, floor: int, position: int) -> int:
    """The start of the sentence holding `position`, not before `floor`."""
    start = floor
    for m in _SENTENCE_END.finditer(text, floor, position):
        start = m.end()
    return start
