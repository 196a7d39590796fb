"""Statements of one article: direct quotes and reported speech as candidates, their speakers
resolved in text order, and the statements as the article gives them."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.actors import Person
from app.extract.actors.model import Organization
from app.extract.countries import find_countries
from app.extract.quotes.marks import QuoteSpan, paragraphs
from app.extract.quotes.reported import find_reported_speech
from app.extract.speakers import Speaker, SpeakerResolver, find_attribution, sentence_start
from app.extract.speakers.mentions import speaker_mention
from app.extract.types import SpeakerMention, StatementKind, StatementMention


@dataclass(slots=True)
class Found:
    """A statement with its speaker resolved."""

    start: int
    end: int
    kind: StatementKind
    cue: str | None
    speaker: Speaker | None
    mention: SpeakerMention | None = None


def statement_mentions(body: str, found: list[Found]) -> list[StatementMention]:
    """The statements as the article gives them; each speaker is marked as one who speaks."""
    statements = []
    for f in found:
        if f.speaker is not None:
            f.speaker.speaks = True
        text = body[f.start : f.end]
        title = f.speaker.title if isinstance(f.speaker, Person) else None
        statements.append(
            StatementMention(
                text=text,
                kind=f.kind,
                start=f.start,
                end=f.end,
                cue=f.cue,
                speaker=f.speaker.name if f.speaker else None,
                speaker_title=title,
                countries=list(dict.fromkeys(h.code for h in find_countries(text))),
                speaker_mention=f.mention,
            )
        )
    return statements


@dataclass(slots=True)
class Candidate:
    """A statement before its speaker is resolved; `phrase` None = same speaker as the
    statement before it (the rest of a split quote, a quote paragraph after an attributed one)."""

    start: int
    end: int
    kind: StatementKind
    cue: str | None
    phrase: list[Token] | None
    position: int
    paragraph: int = -1
    needs_person: bool = False


def resolve_speakers(candidates: list[Candidate], resolver: SpeakerResolver) -> list[Found]:
    """Speakers resolved in text order, so that each pronoun sees the people named before."""
    found: list[Found] = []
    last_direct: Found | None = None
    for c in candidates:
        if c.phrase is None:
            if last_direct is None:
                continue
            speaker, cue, mention = last_direct.speaker, last_direct.cue, last_direct.mention
        else:
            speaker, cue = resolver.resolve(c.phrase, c.position), c.cue
            if speaker is None and _is_it(c.phrase) and found:
                speaker = _speaking_body(found[-1].speaker)  # "..., it added."
            mention = speaker_mention(c.phrase, speaker)
            if mention is not None and speaker is None:
                owner = resolver.owner(c.phrase, c.position)
                mention.organization = owner.name if owner is not None else None
        if c.needs_person and not isinstance(speaker, Person):
            continue
        item = Found(c.start, c.end, c.kind, cue, speaker, mention)
        found.append(item)
        if c.kind == "direct":
            last_direct = item
    return found


def _is_it(phrase: list[Token]) -> bool:
    words = [t for t in phrase if not t.is_punct]
    return len(words) == 1 and words[0].lower_ == "it"


def _speaking_body(speaker: Speaker | None) -> Speaker | None:
    """`it` continues the statement before when an organisation spoke it."""
    return speaker if isinstance(speaker, Organization) else None


def is_agency_line(candidate: Candidate, source: str | None) -> bool:
    """`..., reports Newswire`: the agency that carries the story is not its speaker."""
    words = " ".join(t.text for t in candidate.phrase or [])
    return bool(source) and words.strip().lower() == (source or "").lower()


def quoted_by_reported(direct: list[Candidate], reported: list[Candidate]) -> list[Candidate]:
    """The direct quotes that are not part of a reported clause: `said the plan was "dead"` is
    one reported statement, the words it quotes included (to the quote's end, where the
    clause stopped at its closing mark)."""
    ordered = sorted(reported, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    kept = []
    for c in direct:
        k = bisect_right(starts, c.start)
        holder = next((r for r in ordered[max(0, k - _NESTED) : k] if r.end > c.start), None)
        if holder is None:
            kept.append(c)
        else:
            holder.end = max(holder.end, c.end)
    return kept


_NESTED = 4  # reported clauses starting before a quote that may still hold it


def reported_speech(doc: Doc, quoted: list[tuple[int, int]]) -> list[Candidate]:
    """Reported speech; of two readings starting at the same word, the shorter one."""
    best: dict[int, Candidate] = {}
    for item in find_reported_speech(doc, quoted):
        c = Candidate(item.start, item.end, "indirect", item.cue, item.phrase, item.position,
                       needs_person=item.needs_person)  # fmt: skip
        if item.start not in best or item.end < best[item.start].end:
            best[item.start] = c
    return list(best.values())


def direct_quotes(doc: Doc, spans: list[QuoteSpan], speech: list[QuoteSpan]) -> list[Candidate]:
    """The quotes of `speech` with the attribution next to them; a quote without one is the same
    speaker's when the quote before it is in its paragraph, or in the paragraph before and this
    quote opens its own. `spans` (every quote, names too) bound where an attribution is read."""
    body = doc.text
    paras = paragraphs(body)

    def paragraph_of(pos: int) -> int:
        return next((k for k, (s, e) in enumerate(paras) if s <= pos <= e), len(paras) - 1)

    # Sorted bounds: the next quote after and the last before each quote by bisection.
    starts = sorted(s.outer_start for s in spans)
    ends = sorted(s.outer_end for s in spans)
    found: list[Candidate] = []
    for quote in speech:
        p_first = paragraph_of(quote.outer_start)
        p_last = paragraph_of(max(quote.outer_end - 1, quote.outer_start))
        p_start, p_end = paras[p_first][0], paras[p_last][1]
        after = bisect_left(starts, quote.outer_end)
        limit = min(starts[after], p_end) if after < len(starts) else p_end
        before = bisect_right(ends, quote.outer_start)
        floor = max(ends[before - 1], p_start) if before > 0 else p_start
        lead_start = sentence_start(body, floor, quote.outer_start)
        attribution = find_attribution(doc, quote, limit, lead_start)
        previous = found[-1] if found else None
        if attribution is not None:
            position = attribution.phrase[0].idx if attribution.phrase else quote.outer_start
            found.append(Candidate(quote.start, quote.end, "direct", attribution.cue,
                                    attribution.phrase, position, p_last))  # fmt: skip
        elif (
            quote.outer_start == p_start
            and p_first > 0
            and (named := _introduced_speaker(doc, paras[p_first - 1], starts))
        ):
            found.append(Candidate(quote.start, quote.end, "direct", None, named,
                                    named[0].idx, p_last))  # fmt: skip
        elif previous is not None and (
            previous.paragraph == p_first
            or (previous.paragraph == p_first - 1 and quote.outer_start == p_start)
        ):
            found.append(Candidate(quote.start, quote.end, "direct", None, None,
                                    quote.outer_start, p_last))  # fmt: skip
    return found


def _introduced_speaker(
    doc: Doc, before: tuple[int, int], quote_starts: list[int]
) -> list[Token] | None:
    """A quote paragraph with no attribution after a paragraph of narration (`before`) that
    names one person in its last sentence (`This was echoed by General Jane Roe, chief of
    staff.`): that person introduces the quote. None when that paragraph quotes anyone, names
    no one or several people."""
    start, end = before
    if bisect_left(quote_starts, start) != bisect_left(quote_starts, end):
        return None
    first = sentence_start(doc.text, start, max(start, end - 2))
    last = doc.char_span(first, end, alignment_mode="expand")
    people = [e for e in last.ents if e.label_ == "PERSON"] if last is not None else []
    if len({e.text for e in people}) != 1:
        return None
    return list(people[0])
