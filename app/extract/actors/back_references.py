"""Titles from a definite description that refers back to a person just named: "Vladimir Ivanov
visits Beijing. The Ruritanian president is attending a summit", "... Gen. Ann Lee. The general
said": the description gives its title to the last person named before it, when that person was
named with a rank or a generic role only."""

from spacy.tokens import Doc, Token

from app.extract.actors.model import Person
from app.extract.actors.title_words import is_role, title_quality
from app.extract.lexicon import get_lexicon

_REACH = 2  # sentences back to the person named


def titles_from_back_references(doc: Doc, persons: list[Person]) -> None:
    """Give each description 'the [modifiers] <role>' opening a sentence as its subject its
    title to the person last named in the sentences just before it, when that person was named
    with a rank or a generic role only ('leader')."""
    sentences = list(doc.sents)
    for k, sentence in enumerate(sentences):
        role = _described_role(sentence[0])
        if role is None or k == 0:
            continue
        floor = sentences[max(0, k - _REACH)].start_char
        person = _last_named(persons, floor, sentence.start_char)
        if person is None or person.title is None:
            continue  # only a person named with a rank or a generic role is refined
        title = doc[sentence.start + 1 : role.i + 1].text
        if title_quality(title) > person.title_quality:
            person.title, person.title_quality = title, title_quality(title)


def _described_role(first: Token) -> Token | None:
    """The role noun of 'The Ruritanian president' opening a sentence, if no name follows."""
    doc = first.doc
    if first.lower_ != "the":
        return None
    lex = get_lexicon()
    i = first.i + 1
    while i < len(doc) and i - first.i <= 3 and not is_role(doc[i]):
        if doc[i].pos_ not in ("ADJ", "PROPN") or doc[i].ent_type_ == "PERSON":
            return None
        i += 1
    if i >= len(doc) or not is_role(doc[i]) or doc[i].lower_ in lex.generic_roles:
        return None
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is None or after.pos_ not in ("VERB", "AUX"):
        return None  # 'The president Ivan Petrov', 'The general election': no subject
    return doc[i]


def _last_named(persons: list[Person], floor: int, position: int) -> Person | None:
    """The person whose latest mention in [floor, position) is the last one."""
    best: tuple[int, Person] | None = None
    for person in persons:
        starts = [s for s, _ in person.mentions if floor <= s < position]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), person)
    return best[1] if best else None
