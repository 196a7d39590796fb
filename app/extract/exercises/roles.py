"""The part a list of countries plays in an exercise, read from the words around the list.

'units' sent troops ('U.S. troops', 'soldiers of X'), 'representatives' sent observers or
delegates, a 'participant' takes part without more said ('X and Y will participate').
"""

import re

from app.extract.exercises.article import Article, tokens
from app.extract.types import Role


def role_after_noun(article: Article, end: int) -> Role | None:
    """The noun right after a list: 'U.S. troops', 'Filipino and American forces' are units."""
    lex = article.lexicon
    tail = article.text[end : end + 90]
    tail = re.sub(r"^(?:’s|'s|’|')", "", tail)
    words: list[str] = []
    for token in tokens(tail):
        if token in ',.;:()!?"“”' or token.lower() in lex.stop_words:
            break
        ends_sentence = token.endswith(".") and "." not in token[:-1] and len(token) > 3
        word = token.rstrip(".") if ends_sentence else token
        words.append(word.lower().split("-")[0] if word[:1].isupper() else word.lower())
        if ends_sentence or len(words) >= 6:
            break
    raw = [token.rstrip(".") for token in tokens(tail)[: len(words) + 1]]
    for i, word in enumerate(words):
        pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
        follower = raw[i + 1] if i + 1 < len(raw) else ""
        if (word in lex.unit_nouns or pair in lex.unit_nouns) and follower not in (
            lex.non_unit_followers
        ):
            if _names_a_post(raw, i + (2 if pair in lex.unit_nouns else 1), lex.person_titles):
                return None  # "Ghana navy chief of staff": a person's affiliation
            return "units"
        if word in lex.representative_nouns:
            return "representatives"
        if word == "participation" and i == 0:
            return "participant"
    if lex.exercise_word.search(" ".join(words)):
        return "participant"
    return None


def role_before(article: Article, start: int, sentence_start: int) -> Role | None:
    """The nearest cue before a list in its sentence: 'troops from', 'observers', 'between'."""
    text, lex = article.text, article.lexicon
    window = text[max(sentence_start, start - 90) : start]
    if lex.place_preposition.search(window):
        return None  # 'accredited in X', 'heading to X': a place, not where people come from
    cues: list[tuple[int, Role]] = []
    for match in lex.exercise_with.finditer(window):
        cues.append((match.end(), "participant"))
    representative_ends = [m.end() for m in lex.representatives_before.finditer(window)]
    for match in lex.units_before.finditer(window):
        # 'delegates of the land forces of X' are representatives, not units
        of_representatives = any(
            re.fullmatch(
                r"\s*(?:of|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", window[end : match.start()]
            )
            for end in representative_ends
        )
        cues.append((match.end(), "representatives" if of_representatives else "units"))
    for end in representative_ends:
        cues.append((end, "representatives"))
    for match in lex.participant_before.finditer(window):
        word = match.group(0).lower()
        if word in lex.context_gated:
            head = text[sentence_start : start - len(window) + match.start()]
            gates = list(lex.cue_gate.finditer(head))
            gate = gates[-1] if gates else None
            if gate is None or lex.clause_barrier.search(head[gate.end() :]):
                continue
        cues.append((match.end(), "participant"))
    if not cues:
        return None
    cues.sort()
    position, role = cues[-1]
    if role == "participant" and lex.inheriting_cue.search(window[:position]):
        # 'troops from 26 countries, including X': 'including' keeps the earlier role
        earlier = [cue for cue in cues[:-1] if cue[1] != "participant"]
        if earlier and not lex.clause_barrier.search(window[earlier[-1][0] : position]):
            role = earlier[-1][1]
    between = window[position:]
    if (
        lex.clause_barrier.search(between)
        or len(tokens(between)) > 10
        or re.search(r"[.;]", between)
    ):
        return None
    return role


def role_after_clause(
    article: Article, end: int, sentence_end: int, next_start: int
) -> Role | None:
    """The verb after a list, up to the sentence's end or the next list: 'X took part'."""
    lex = article.lexicon
    tail = article.text[end : min(sentence_end, next_start)]
    relative = re.match(r"\s*,\s*(?:which|who)\b[^,]*,", tail)
    if relative:
        tail = tail[relative.end() :]
    barrier = lex.clause_barrier.search(tail)
    if barrier:
        tail = tail[: barrier.start()]
    tail = " ".join(tokens(tail)[:14])
    if lex.launch_after_list.match(tail) and lex.exercise_word.search(tail):
        return "participant"  # 'X and Y kicked off their annual drills'
    reps = lex.representatives_after.search(tail)
    part = lex.participant_after.search(tail)
    if reps:
        return "representatives"  # 'took part as observers' is still observing
    if part:
        # 'X took part with a battalion': the troops make it units
        return "units" if lex.with_units.search(tail, part.end()) else "participant"
    return None


def _names_a_post(raw: list[str], after: int, titles: frozenset[str]) -> bool:
    """A person's title follows the unit noun: "Ghana navy chief of staff X"."""
    return after < len(raw) and raw[after].capitalize() in titles
