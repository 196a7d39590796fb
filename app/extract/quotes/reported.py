"""Reported speech outside quotes, read from the parse: "according to X, ...", "X said (that)
...", "..., X said", "As X explained, ...", "X considers that ..."."""

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.lexicon import get_lexicon
from app.extract.quotes.clauses import (
    QUOTE_CHARS,
    SUBJECT_DEPS,
    Intervals,
    clause_bounds,
    is_finite,
    is_name_word,
    place_words,
    sentence_bounds,
    subject_of,
    that_clause_start,
    up_to_verb,
)

_NOT_SPEAKERS = {"it", "this", "that", "which", "there", "what", "i", "we", "you"}


@dataclass(slots=True)
class ReportedSpeech:
    """A clause someone is said to have said, and the words naming who."""

    start: int  # the reported clause, body offsets
    end: int
    cue: str
    phrase: list[Token]  # the words naming the speaker
    position: int  # where the speaker is named (for pronoun resolution)
    needs_person: bool = False


def find_reported_speech(doc: Doc, direct: list[tuple[int, int]]) -> list[ReportedSpeech]:
    """Reported speech outside quotes: "according to X, ...", "X said (that) ...",
    "..., X said", "X considers that ..."."""
    lex = get_lexicon()
    found: list[ReportedSpeech] = []
    inside = Intervals(direct)
    for tok in doc:
        if inside.covers(tok.idx, tok.idx + len(tok.text)):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            item = _according_to(doc, tok)
        elif tok.pos_ not in ("VERB", "AUX") or is_name_word(tok):
            continue
        elif tok.lemma_.lower() in lex.indirect_verbs:
            item = _speech_verb(doc, tok)
        elif tok.lemma_.lower() in lex.tail_verbs:
            item = _closing_attribution(doc, tok)
        else:
            continue
        if item is None or _only_a_quote(doc.text, item, direct):
            continue
        found.append(item)
    return found


def _may_speak(subject: list[Token], *, tail: bool) -> bool:
    """Words that can name a speaker: not "there" or "what"; "it" as the active subject or
    closing what it said (`<clause>, it added.`), never the "it" of `it is said that`."""
    first, last = subject[0].lower_, subject[-1].lower_
    if first == last == "it" and (tail or subject[0].dep_ == "nsubj"):
        return True  # "It says the plan ...": the body or paper named before
    return first not in _NOT_SPEAKERS and last not in _NOT_SPEAKERS


def _only_a_quote(text: str, item: ReportedSpeech, direct: list[tuple[int, int]]) -> bool:
    """A reported clause that is a quote and nothing more (`said that "..."`, `"...," he
    said, according to X`): the quote is the statement. One with words of its own before its
    quotes, or after them when the clause follows its cue (`said the plan is "dead" and
    "buried"`, `said that "..." in spite of it all`), is reported speech that quotes."""
    inside = [(s, e) for s, e in direct if e > item.start and s < item.end]
    if not inside:
        return False
    own = _WORD.findall(text[item.start : max(item.start, min(s for s, _ in inside))])
    if item.position < item.start:
        own += _WORD.findall(text[min(item.end, max(e for _, e in inside)) : item.end])
    return not [w for w in own if w.lower() != "that"]


_WORD = re.compile(r"\w+")


def _according_to(doc: Doc, tok: Token) -> ReportedSpeech | None:
    first, last = sentence_bounds(tok)
    j = tok.i + 2
    if j > last:
        return None
    source_end = j
    ent = next((e for e in doc.ents if e.start == j), None)
    if doc[j].pos_ == "PRON":
        source_end = j + 1
    elif ent is not None and not (ent.end <= last and doc[ent.end].lower_ in ("'s", "’s")):
        source_end = ent.end
        # a name the model ran on into the clause ("According to Smith Peru plays")
        if len(ent) > 1 and doc[ent.end - 1].text in place_words(doc):
            source_end = ent.end - 1
    else:
        while source_end <= last and doc[source_end].text not in (",", ".", ";"):
            source_end += 1
    phrase = list(doc[j:source_end])
    lead = [t for t in doc[first : tok.i] if not t.is_punct and t.text not in QUOTE_CHARS]
    # "According to X, <clause>." or "<clause>, according to X."
    bounds = clause_bounds(doc, first, tok.i - 1) if lead else clause_bounds(doc, source_end, last)
    if bounds is None:
        return None
    return ReportedSpeech(bounds[0], bounds[1], "according to", phrase, tok.idx)


_TAIL_MAX = 8  # words after a closing cue: "said in a statement on Monday"


def _said(
    doc: Doc, first: int, last: int, verb: Token, speaker: list[Token]
) -> ReportedSpeech | None:
    """The clause of words first..last as said by `speaker` with `verb`, if it is a clause."""
    bounds = clause_bounds(doc, first, last)
    if bounds is None:
        return None
    return ReportedSpeech(bounds[0], bounds[1], verb.text, speaker, speaker[0].idx)


def _tail_attribution(doc: Doc, verb: Token, first: int, last: int) -> ReportedSpeech | None:
    """`<clause>, U.S. General John Smith, commander of X, told reporters.` and the
    parenthetical `<subject>, he said, <rest>.`"""
    if not is_finite(verb):
        return None
    subject = _parenthetical_subject(doc, verb, first, last)
    if subject:
        return _said(doc, first, last, verb, subject)
    if last - verb.i > _TAIL_MAX:
        return None
    lex = get_lexicon()
    tail = [
        t for t in doc[verb.i + 1 : last + 1]
        if is_finite(t)
        and not (t.lemma_.lower() in lex.indirect_verbs and doc[t.i - 2].text == ",")
    ]  # fmt: skip
    if tail:  # another clause follows (", the agency reports" does not count)
        return None
    parsed = _subject_after_comma(doc, verb, first)
    if parsed:
        return _said(doc, first, parsed[0].i - 2, verb, parsed)
    commas = [t.i for t in doc[first : verb.i] if t.text == ","]
    for comma in commas:
        between = doc[comma + 1 : verb.i]
        if any(is_finite(t) for t in between) or not any(
            t.pos_ in ("PROPN", "PRON", "NOUN") for t in between
        ):
            continue
        clause = doc[first:comma]
        if not any(is_finite(t) for t in clause):
            return None
        subject = [t for t in between if t.text not in QUOTE_CHARS]
        return _said(doc, first, comma - 1, verb, subject)
    return None


def _subject_after_comma(doc: Doc, verb: Token, first: int) -> list[Token]:
    """The verb's subject as parsed, when a comma sets it off from a finite clause before it
    (`<clause>, the statement reads.`), else []."""
    subject = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i]
    if not subject:
        return []
    start = subject[0].left_edge.i
    if start - 1 <= first or doc[start - 1].text != ",":
        return []
    if not any(is_finite(t) for t in doc[first : start - 1]):
        return []
    words = list(doc[start : verb.i])
    if any(is_finite(t) or t.text in QUOTE_CHARS for t in words):
        return []  # a clause of its own, not the one who speaks
    return words


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
        if verb.i - start > 6 or is_finite(doc[start]) or doc[start].text in QUOTE_CHARS:
            return []
        start -= 1
    words = [t for t in doc[start + 1 : verb.i] if t.pos_ != "ADV"]
    if start <= first or not words or not any(t.pos_ in ("PRON", "PROPN") for t in words):
        return []
    return words


def _closing_attribution(doc: Doc, verb: Token) -> ReportedSpeech | None:
    """`<clause>, the statement reads.` and the inverted `<clause>, read a statement from X.`"""
    first, last = sentence_bounds(verb)
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return _tail_attribution(doc, verb, first, last)
    words = [t for t in doc[verb.i + 1 : last + 1] if not t.is_punct]
    if not words or len(words) > _TAIL_MAX or any(is_finite(t) for t in words):
        return None
    if not any(is_finite(t) for t in doc[first : verb.i - 1]):
        return None
    return _said(doc, first, verb.i - 2, verb, words)


def _as_clause(doc: Doc, verb: Token, last: int) -> ReportedSpeech | None:
    """`As the minister explained, <clause>.`"""
    as_mark = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    subject = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not as_mark or not subject:
        return None
    comma = next((t.i for t in doc[verb.i + 1 : last] if t.text == ","), None)
    if comma is None or comma - verb.i > 4:
        return None
    return _said(doc, comma + 1, last, verb, list(subject[0].subtree))


def _speech_verb(doc: Doc, verb: Token) -> ReportedSpeech | None:
    lex = get_lexicon()
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.not_said_governors:
        return None  # "urged Smith to admit that ...": nobody has said it
    first, last = sentence_bounds(verb)
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    subject = subject_of(verb)
    if not comps:
        if verb.lemma_.lower() in lex.indirect_needs_person:
            return None
        tail = _tail_attribution(doc, verb, first, last) or _as_clause(doc, verb, last)
        if tail is not None:
            return tail
        start = that_clause_start(doc, verb, last)
        if start is None or not subject:
            return None
        return _said(doc, start, last, verb, up_to_verb(doc, subject, verb))
    comp = next((c for c in comps if c.i > verb.i), comps[0])  # what follows the verb first
    opinion = verb.lemma_.lower() in lex.indirect_needs_person
    if opinion and comp.pos_ not in ("VERB", "AUX"):
        return None  # "considers Kaine her mentor": no clause is reported
    if not subject or not _may_speak(subject, tail=comp.i < verb.i):
        return None
    subject = up_to_verb(doc, subject, verb)
    if comp.i > verb.i:
        start = comp.left_edge.i
        while start <= last and (doc[start].dep_ == "mark" and doc[start].lower_ == "that"):
            start += 1
        if start <= verb.i:
            if not (doc[verb.i - 2].text == "," and doc[verb.i + 1].text == ","):
                return None
            start = first  # "<subject>, he said, <rest of the clause>."
        bounds = clause_bounds(doc, start, last)
    else:
        if subject[0].i < comp.i:
            return None
        bounds = clause_bounds(doc, first, comp.right_edge.i)
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
