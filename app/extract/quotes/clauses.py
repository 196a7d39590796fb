"""What reported speech reads from the parse around a speech verb: the sentence it sits in, its
subject, the clause it reports, and the spans (quotes) it must stay out of."""

from bisect import bisect_left, bisect_right
from collections import Counter

from spacy.tokens import Doc, Token

QUOTE_CHARS = "\"'“”„‟«»‘’‚`"
SUBJECT_DEPS = ("nsubj", "nsubjpass")
_FINITE = ("VBD", "VBZ", "VBP", "MD")


class Intervals:
    """Spans merged and sorted for bisection: `covers` answers in O(log n), so an article with
    thousands of quotes is not checked token by quote."""

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
        """`start` or `end` falls inside one of the spans."""
        i = bisect_right(self.starts, start) - 1  # last span with s <= start
        if i >= 0 and start < self.ends[i]:
            return True
        j = bisect_left(self.starts, end) - 1  # last span with s < end
        return j >= 0 and end <= self.ends[j]


def clause_bounds(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character bounds of tokens first..last without edge punctuation, quote marks or "that"."""
    while first <= last and (
        doc[first].is_punct or doc[first].is_space or doc[first].text in QUOTE_CHARS
    ):
        first += 1
    end = last
    while last >= first and (
        doc[last].is_punct or doc[last].is_space or doc[last].text in QUOTE_CHARS
    ):
        last -= 1
    if last - first < 2:
        return None
    marks = sum(1 for t in doc[first : last + 1] if t.text in QUOTE_CHARS)
    if marks % 2:
        # `said the plan was "a shambles".`: keep the mark that closes the quoted words
        closing = next((t.i for t in doc[last + 1 : end + 1] if t.text in QUOTE_CHARS), None)
        last = closing if closing is not None else last
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def sentence_bounds(anchor: Token) -> tuple[int, int]:
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


def is_finite(tok: Token) -> bool:
    return tok.tag_ in _FINITE


def subject_of(verb: Token) -> list[Token]:
    """The words of the verb's subject, looked for up the clauses it belongs to, else []."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            subj = subjects[0]
            if subj.lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                return [node.head]  # "Smith, who said ...": the noun the clause is about
            newlines = [t.i for t in subj.subtree if t.is_space and "\n" in t.text]
            return [t for t in subj.subtree if not newlines or t.i > max(newlines)]
        if node.dep_ == "advcl" and is_finite(node):
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


def place_words(doc: Doc) -> set[str]:
    """Words the model tags as places more often than as parts of names."""
    places = Counter(e.text for e in doc.ents if e.label_ in ("GPE", "LOC"))
    names = Counter(t.text for e in doc.ents if e.label_ in ("PERSON", "ORG") for t in e)
    return {w for w, n in places.items() if n > names[w]}


def up_to_verb(doc: Doc, subject: list[Token], verb: Token) -> list[Token]:
    """All the words from the subject to its verb: `LIMA - The Ministry of Defence` where
    the parse took the dateline for the subject."""
    if subject[0].i >= verb.i or any(t.pos_ == "VERB" for t in doc[subject[-1].i + 1 : verb.i]):
        return subject
    words = [t for t in doc[subject[0].i : verb.i] if t.pos_ not in ("AUX", "PART", "ADV")]
    return words or subject


_THAT_WITHIN = 10  # words from a speech verb to the "that" of its clause


def that_clause_start(doc: Doc, verb: Token, last: int) -> int | None:
    """The first word after "that" in `announced Jan. 31 that ...` or `told a meeting of
    island leaders that ...` the parse missed; not the "that" of a relative clause (`told a
    crowd that had gathered`)."""
    for tok in doc[verb.i + 1 : min(verb.i + _THAT_WITHIN, last)]:
        if tok.lower_ == "that":
            follows = doc[tok.i + 1] if tok.i + 1 <= last else None
            relative = follows is not None and follows.pos_ in ("VERB", "AUX")
            return None if relative else tok.i + 1
        if tok.pos_ in ("VERB", "AUX") or tok.is_punct and tok.text != ".":
            return None
    return None
