"""What sort of exercise it is ('peacekeeping', 'naval') and how often it is held ('annual')."""

from app.extract.exercises.article import tokens
from app.extract.exercises.groups import Focus


def exercise_kind(focus: Focus) -> str | None:
    """The first kind, in lexicon order, written beside an exercise word or after the name.

    Failing that, the kind of the first of its sentences to name one anywhere.
    """
    text, lex = focus.article.text, focus.article.lexicon
    adjacent: list[str] = []
    for index in focus.sentences:
        start, end = focus.article.spans[index]
        for match in lex.exercise_word.finditer(text, start, end):
            window = text[max(start, match.start() - 60) : match.start()]
            adjacent.append(" ".join(tokens(window)[-4:]))
        for mention_start, mention_end in focus.group.mentions:
            if start <= mention_start < end:
                adjacent.append(text[mention_end : min(end, mention_end + 50)])
    joined = " | ".join(adjacent)
    for pattern, kind in lex.kinds:
        if pattern.search(joined):
            return kind
    for index in focus.sentences:
        topic = lex.topic_kinds.search(text, *focus.article.spans[index])
        if topic:
            for pattern, kind in lex.kinds:
                if pattern.fullmatch(topic.group(0)):
                    return kind
    return None


def exercise_frequency(focus: Focus) -> str | None:
    """The frequency written first in the first of its sentences that names one."""
    for index in focus.sentences:
        sentence = focus.article.sentence(index)
        found = [
            (m.start(), value)
            for pattern, value in focus.article.lexicon.frequencies
            for m in pattern.finditer(sentence)
        ]
        if found:
            return min(found)[1]
    return None
