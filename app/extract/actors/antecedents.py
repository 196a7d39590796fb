"""The people a pronoun or a role noun may stand for: those named before a position, outside
quotes, the nearest first, and among them the subjects of the last sentences."""

from spacy.tokens import Doc, Span, Token

from app.extract.actors.model import Person, in_spans

Spans = list[tuple[int, int]]


def persons_before(persons: list[Person], position: int, quotes: Spans) -> list[Person]:
    """People named before `position` (outside quotes), the nearest first."""
    return [p for _, p in _latest_mentions(persons, position, quotes)]


def subjects_before(
    persons: list[Person],
    sentences: list[Span],
    position: int,
    quotes: Spans,
    last: int = 2,
) -> list[Person]:
    """People whose latest mention before `position` is the subject of its clause, in the
    `last` sentences of the narration before it, the nearest first: "he" after "Ann Lee
    criticised Bo Ray's plan." is Ann Lee, not the possessive Bo Ray."""
    # Sentences of the narration: those wholly inside a quote do not count.
    sents = [
        s
        for s in sentences
        if s.start_char < position and not in_spans(s.start_char, s.end_char, quotes)
    ][-last:]
    if not sents:
        return []
    doc: Doc = sents[0].doc
    floor = sents[0].start_char
    main: list[Person] = []
    embedded: list[Person] = []
    for start, person in _latest_mentions(persons, position, quotes):
        if start < floor:
            break
        token = doc.char_span(start, start + 1, alignment_mode="expand")
        if token is None:
            continue
        head = token.root
        while head.dep_ in ("compound", "flat", "appos") and head.head is not head:
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            # "Ann Lee said Bo Ray was wrong. He added ...": he is Ann Lee, the speaker,
            # before Bo Ray, the subject of what she reported
            (embedded if _in_reported_clause(head.head) else main).append(person)
    return main + embedded


def _latest_mentions(
    persons: list[Person], position: int, quotes: Spans
) -> list[tuple[int, Person]]:
    """Each person named (or referred to) before `position` outside quotes, with the start
    of that latest mention, the nearest first."""
    seen: list[tuple[int, Person]] = []
    for person in persons:
        starts = [
            s
            for s, e in [*person.mentions, *person.references]
            if s < position and not in_spans(s, e, quotes)
        ]
        if starts:
            seen.append((max(starts), person))
    return sorted(seen, key=lambda x: -x[0])


def _in_reported_clause(verb: Token) -> bool:
    """`verb` heads (or joins) a clause that another verb reports ("said Bo Ray was")."""
    node = verb
    while node.head.i != node.i:
        if node.dep_ == "ccomp":
            return True
        node = node.head
    return False
