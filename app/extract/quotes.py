"""Statement candidates: quoted spans (every quote-mark style, missing and unbalanced marks,
quotes over several paragraphs; pure text work) and reported speech (read from the parse)."""

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from app.extract.lexicon import get_lexicon

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
    for index, (p_start, p_end) in enumerate(paras):
        if index < skip_to:
            continue
        marks = _marks(text, p_start, p_end)
        open_double = carried
        if carried is not None and marks and marks[0].pos == p_start and marks[0].role != "close":
            marks = marks[1:]  # the repeated opening mark of a continued quote
        carried = None
        open_single: _Mark | None = None
        closed_any = False
        for mark in marks:
            if mark.family == "double":
                open_single = None
                if open_double is None:
                    if mark.role in ("open", "either"):
                        open_double = mark
                    elif not closed_any:
                        span = _span(
                            text, p_start, p_start, mark.pos, mark.end, "double", missing_open=True
                        )
                        if span:
                            spans.append(span)
                            closed_any = True
                    continue
                closes = mark.role in ("close", "either") or (
                    open_double.text == "„" and mark.text == "“"
                )
                if closes:
                    span = _span(
                        text, open_double.pos, open_double.end, mark.pos, mark.end, "double"
                    )
                    if span:
                        spans.append(span)
                    closed_any = True
                    open_double = None
                else:
                    span = _span(
                        text,
                        open_double.pos,
                        open_double.end,
                        mark.pos,
                        mark.pos,
                        "double",
                        missing_close=True,
                    )
                    if span:
                        spans.append(span)
                    open_double = mark
            elif open_double is None:
                if open_single is None:
                    if mark.role == "open":
                        open_single = mark
                elif mark.role in ("close", "either"):
                    span = _span(
                        text, open_single.pos, open_single.end, mark.pos, mark.end, "single"
                    )
                    if span:
                        spans.append(span)
                    open_single = None
                else:
                    open_single = mark
        if open_double is not None:
            cue = _INNER_CUE.search(text, open_double.end, p_end)
            if cue is not None:
                # the closing mark is missing before its own attribution
                span = _span(text, open_double.pos, open_double.end, cue.start(), cue.start(),
                             "double", missing_close=True)  # fmt: skip
                if span:
                    spans.append(span)
                continue
            nxt = paras[index + 1] if index + 1 < len(paras) else None
            next_marks = _marks(text, nxt[0], min(nxt[0] + 3, nxt[1])) if nxt else []
            if (
                nxt
                and next_marks
                and next_marks[0].pos == nxt[0]
                and next_marks[0].family == "double"
                and next_marks[0].role in ("open", "either")
            ):
                carried = open_double
                continue
            closing = _closing_paragraph(text, paras, index)
            if closing is not None:
                carried, skip_to = open_double, closing
                continue
            span = _span(
                text, open_double.pos, open_double.end, p_end, p_end, "double", missing_close=True
            )
            if span:
                spans.append(span)
    return spans


def _closing_paragraph(text: str, paras: list[tuple[int, int]], index: int) -> int | None:
    """The index of a later paragraph that closes a quote left open at paragraph `index` when
    the paragraphs between carry no double quote marks at all."""
    for j in range(index + 1, min(index + 9, len(paras))):
        doubles = [m for m in _marks(text, *paras[j]) if m.family == "double"]
        if not doubles:
            continue
        return j if doubles[0].role == "close" else None
    return None


# reported speech -----------------------------------------------------------------------------

_QUOTE_CHARS = "\"'“”„‟«»‘’‚`"
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NOT_SPEAKERS = {"it", "this", "that", "which", "there", "what", "i", "we", "you"}


@dataclass(slots=True)
class ReportedSpeech:
    start: int  # the reported clause, body offsets
    end: int
    cue: str
    phrase: list[Token]  # the words naming the speaker
    position: int  # where the speaker is named (for pronoun resolution)
    needs_person: bool = False


def _inside(start: int, end: int, spans: "list[tuple[int, int]] | _Intervals") -> bool:
    if isinstance(spans, _Intervals):
        return spans.covers(start, end)
    return any(s <= start < e or s < end <= e for s, e in spans)


class _Intervals:
    """Spans merged and sorted for bisection: `covers` answers `_inside` in O(log n), so an
    article with thousands of quotes is not checked token by quote."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if s >= e:
                continue  # covers no position
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1  # last span with s <= start
        if i >= 0 and start < self.ends[i]:
            return True
        j = bisect_left(self.starts, end) - 1  # last span with s < end
        return j >= 0 and end <= self.ends[j]


def _clause(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character bounds of tokens first..last without edge punctuation, quote marks or "that"."""
    while first <= last and (
        doc[first].is_punct or doc[first].is_space or doc[first].text in _QUOTE_CHARS
    ):
        first += 1
    end = last
    while last >= first and (
        doc[last].is_punct or doc[last].is_space or doc[last].text in _QUOTE_CHARS
    ):
        last -= 1
    if last - first < 2:
        return None
    marks = sum(1 for t in doc[first : last + 1] if t.text in _QUOTE_CHARS)
    if marks % 2:
        # `said the plan was "a shambles".`: keep the mark that closes the quoted words
        closing = next((t.i for t in doc[last + 1 : end + 1] if t.text in _QUOTE_CHARS), None)
        last = closing if closing is not None else last
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _sentence_bounds(anchor: Token) -> tuple[int, int]:
    """First and last token index of the sentence holding `anchor`, cut at paragraph breaks."""
    sent = anchor.sent
    first, last = sent.start, sent.end - 1
    for tok in sent:
        if tok.is_space and "\n" in tok.text:
            if tok.i < anchor.i:
                first = tok.i + 1
            else:
                last = tok.i - 1
                break
    return first, last


def _subject(verb: Token) -> list[Token]:
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            subj = subjects[0]
            if subj.lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                return [node.head]  # "Smith, who said ...": the noun the clause is about
            newlines = [t.i for t in subj.subtree if t.is_space and "\n" in t.text]
            return [t for t in subj.subtree if not newlines or t.i > max(newlines)]
        if node.dep_ == "advcl" and _is_finite(node):
            break  # "defended it amid Tory claims the ads were ...": its own, unparsed subject
        if node.dep_ in ("conj", "advcl", "xcomp", "relcl") and node.head is not node:
            node = node.head
            continue
        break
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.ent_type_ == "PERSON":
        # the parse missed the subject: "... with the board Smith said that ..."
        ent = next(e for e in verb.doc.ents if e.start <= before.i < e.end)
        return list(ent)
    return []


def is_name_word(token: Token) -> bool:
    """A capitalised word inside a person's name ("Omar Said"): no speech verb."""
    return token.ent_type_ == "PERSON" and token.text[:1].isupper() and not token.is_sent_start


def find_reported_speech(doc: Doc, direct: list[tuple[int, int]]) -> list[ReportedSpeech]:
    """Reported speech outside quotes: "according to X, ...", "X said (that) ...",
    "..., X said", "X considers that ..."."""
    lex = get_lexicon()
    found: list[ReportedSpeech] = []
    inside = _Intervals(direct)
    for tok in doc:
        if _inside(tok.idx, tok.idx + len(tok.text), inside):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            item = _according_to(doc, tok)
        elif (
            tok.lemma_.lower() in lex.indirect_verbs
            and tok.pos_ in ("VERB", "AUX")
            and not is_name_word(tok)
        ):
            item = _speech_verb(doc, tok)
        else:
            continue
        if item is None or _mostly_quoted(item, direct):
            continue
        found.append(item)
    return found


def _place_words(doc: Doc) -> set[str]:
    """Words the model tags as places more often than as parts of names."""
    places = Counter(e.text for e in doc.ents if e.label_ in ("GPE", "LOC"))
    names = Counter(t.text for e in doc.ents if e.label_ in ("PERSON", "ORG") for t in e)
    return {w for w, n in places.items() if n > names[w]}


def _mostly_quoted(item: ReportedSpeech, direct: list[tuple[int, int]]) -> bool:
    quoted = sum(max(0, min(e, item.end) - max(s, item.start)) for s, e in direct)
    return quoted > 0.5 * (item.end - item.start)


def _according_to(doc: Doc, tok: Token) -> ReportedSpeech | None:
    first, last = _sentence_bounds(tok)
    j = tok.i + 2
    if j > last:
        return None
    source_end = j
    ent = next((e for e in doc.ents if e.start == j), None)
    if doc[j].pos_ == "PRON":
        source_end = j + 1
    elif ent is not None:
        source_end = ent.end
        # a name the model ran on into the clause ("According to Smith Peru plays")
        if len(ent) > 1 and doc[ent.end - 1].text in _place_words(doc):
            source_end = ent.end - 1
    else:
        while source_end <= last and doc[source_end].text not in (",", ".", ";"):
            source_end += 1
    phrase = list(doc[j:source_end])
    lead = [t for t in doc[first : tok.i] if not t.is_punct and t.text not in _QUOTE_CHARS]
    # "According to X, <clause>." or "<clause>, according to X."
    bounds = _clause(doc, first, tok.i - 1) if lead else _clause(doc, source_end, last)
    if bounds is None:
        return None
    return ReportedSpeech(bounds[0], bounds[1], "according to", phrase, tok.idx)


_FINITE = ("VBD", "VBZ", "VBP", "MD")
_TAIL_MAX = 8  # words after a closing cue: "said in a statement on Monday"


def _is_finite(tok: Token) -> bool:
    return tok.tag_ in _FINITE


def _tail_attribution(doc: Doc, verb: Token, first: int, last: int) -> ReportedSpeech | None:
    """`<clause>, U.S. General John Smith, commander of X, told reporters.` and the
    parenthetical `<subject>, he said, <rest>.`"""
    if not _is_finite(verb):
        return None
    subject = _parenthetical_subject(doc, verb, first, last)
    if subject:
        bounds = _clause(doc, first, last)
        if bounds is None:
            return None
        return ReportedSpeech(bounds[0], bounds[1], verb.text, subject, subject[0].idx)
    if last - verb.i > _TAIL_MAX:
        return None
    lex = get_lexicon()
    tail = [
        t for t in doc[verb.i + 1 : last + 1]
        if _is_finite(t)
        and not (t.lemma_.lower() in lex.indirect_verbs and doc[t.i - 2].text == ",")
    ]  # fmt: skip
    if tail:  # another clause follows (", the agency reports" does not count)
        return None
    commas = [t.i for t in doc[first : verb.i] if t.text == ","]
    for comma in commas:
        between = doc[comma + 1 : verb.i]
        if any(_is_finite(t) for t in between) or not any(
            t.pos_ in ("PROPN", "PRON", "NOUN") for t in between
        ):
            continue
        clause = doc[first:comma]
        if not any(_is_finite(t) for t in clause):
            return None
        bounds = _clause(doc, first, comma - 1)
        if bounds is None:
            return None
        subject = [t for t in between if t.text not in _QUOTE_CHARS]
        return ReportedSpeech(bounds[0], bounds[1], verb.text, subject, subject[0].idx)
    return None


def _parenthetical_subject(doc: Doc, verb: Token, first: int, last: int) -> list[Token]:
    """The speaker of `<subject>, Mr. Smith often says, <rest>.`, else []."""
    after = verb.i + 1
    while after < last and doc[after].pos_ in ("ADV", "ADP", "DET", "PROPN", "NOUN", "PRON"):
        if after - verb.i > 4:
            return []
        after += 1  # "he said on Friday,"
    if after >= last or doc[after].text != ",":
        return []
    start = verb.i - 1
    while start > first and doc[start].text != ",":
        if verb.i - start > 6 or _is_finite(doc[start]) or doc[start].text in _QUOTE_CHARS:
            return []
        start -= 1
    words = [t for t in doc[start + 1 : verb.i] if t.pos_ != "ADV"]
    if start <= first or not words or not any(t.pos_ in ("PRON", "PROPN") for t in words):
        return []
    return words


def _as_clause(doc: Doc, verb: Token, last: int) -> ReportedSpeech | None:
    """`As the minister explained, <clause>.`"""
    as_mark = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    subject = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if not as_mark or not subject:
        return None
    comma = next((t.i for t in doc[verb.i + 1 : last] if t.text == ","), None)
    if comma is None or comma - verb.i > 4:
        return None
    bounds = _clause(doc, comma + 1, last)
    words = list(subject[0].subtree)
    return ReportedSpeech(bounds[0], bounds[1], verb.text, words, words[0].idx) if bounds else None


def _up_to_verb(doc: Doc, subject: list[Token], verb: Token) -> list[Token]:
    """All the words from the subject to its verb: `LIMA - The Ministry of Defence` where
    the parse took the dateline for the subject."""
    if subject[0].i >= verb.i or any(t.pos_ == "VERB" for t in doc[subject[-1].i + 1 : verb.i]):
        return subject
    words = [t for t in doc[subject[0].i : verb.i] if t.pos_ not in ("AUX", "PART", "ADV")]
    return words or subject


def _that_clause(doc: Doc, verb: Token, last: int) -> int | None:
    """The first word after "that" in `announced Jan. 31 that ...` the parse missed."""
    for tok in doc[verb.i + 1 : min(verb.i + 7, last)]:
        if tok.lower_ == "that":
            return tok.i + 1
        if tok.pos_ in ("VERB", "AUX") or tok.is_punct and tok.text != ".":
            return None
    return None


def _speech_verb(doc: Doc, verb: Token) -> ReportedSpeech | None:
    lex = get_lexicon()
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.not_said_governors:
        return None  # "urged Smith to admit that ...": nobody has said it
    first, last = _sentence_bounds(verb)
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    subject = _subject(verb)
    if not comps:
        if verb.lemma_.lower() in lex.indirect_needs_person:
            return None
        tail = _tail_attribution(doc, verb, first, last) or _as_clause(doc, verb, last)
        if tail is not None:
            return tail
        start = _that_clause(doc, verb, last)
        if start is None or not subject:
            return None
        subject = _up_to_verb(doc, subject, verb)
        bounds = _clause(doc, start, last)
        if bounds is None:
            return None
        return ReportedSpeech(bounds[0], bounds[1], verb.text, subject, subject[0].idx)
    comp = comps[0]
    opinion = verb.lemma_.lower() in lex.indirect_needs_person
    if opinion and comp.pos_ not in ("VERB", "AUX"):
        return None  # "considers Kaine her mentor": no clause is reported
    if not subject or subject[-1].lower_ in _NOT_SPEAKERS or subject[0].lower_ in _NOT_SPEAKERS:
        return None
    subject = _up_to_verb(doc, subject, verb)
    if comp.i > verb.i:
        start = comp.left_edge.i
        while start <= last and (doc[start].dep_ == "mark" and doc[start].lower_ == "that"):
            start += 1
        if start <= verb.i:
            if not (doc[verb.i - 2].text == "," and doc[verb.i + 1].text == ","):
                return None
            start = first  # "<subject>, he said, <rest of the clause>."
        bounds = _clause(doc, start, last)
    else:
        if subject[0].i < comp.i:
            return None
        bounds = _clause(doc, first, comp.right_edge.i)
    if bounds is None:
        return None
    return ReportedSpeech(
        bounds[0],
        bounds[1],
        verb.text,
        subject,
        subject[0].idx,
        needs_person=verb.lemma_.lower() in lex.indirect_needs_person,
    )
