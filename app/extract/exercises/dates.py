"""When an exercise is held: the year and month of this edition, read near its mentions."""

import re
from collections import Counter

from app.extract.exercises.article import Article
from app.extract.exercises.groups import Focus
from app.extract.exercises.lexicon import Lexicon

_DATELINE_REACH = 400  # characters from the top where a bare full date is the story's date


def edition_year(focus: Focus) -> int | None:
    """The year most often written with the name, else a 'May 2019' in its sentences.

    Failing both, the year of the article's dateline dates when they name only one.
    """
    years = Counter(c.year for c in focus.group.candidates if c.year is not None)
    if years:
        return years.most_common(1)[0][0]
    article = focus.article
    for index in focus.sentences:
        for match in article.lexicon.date.finditer(article.text, *article.spans[index]):
            if match.group("y3") and match.group("m3"):
                return int(match.group("y3"))
    full_years = {int(m.group("y1")) for m in _dateline_dates(article)}
    return full_years.pop() if len(full_years) == 1 else None


def edition_month(focus: Focus, year: int | None) -> int | None:
    """Start or in-progress date near the exercise; else a late-enough end date; else dateline.

    Dates of another year than `year`, announcement dates ('announced Feb. 3') and dates cut off
    from the exercise by 'since' or 'after' do not count.
    """
    text, lex = focus.article.text, focus.article.lexicon
    general: list[int] = []
    ending: list[int] = []
    for index in focus.sentences:
        start, end = focus.article.spans[index]
        anchors = focus.anchors(index)
        for match in lex.date.finditer(text, start, end):
            month, day, date_year = _month_of(match, lex)
            if year is not None and date_year is not None and date_year != year:
                continue
            if match.group("m4") and len(lex.month_name.findall(text, start, end)) > 1:
                continue  # 'in May and July': no single month
            before = text[max(start, match.start() - 40) : match.start()]
            if lex.announcement_cue.search(before) or lex.dateline_cue.search(before):
                continue
            nearest = min(anchors, key=lambda p: abs(p - match.start()), default=None)
            if nearest is None:
                continue
            low, high = sorted((nearest, match.start()))
            if lex.date_barrier.search(text[low:high]):
                continue
            if lex.end_date_cue.search(before):
                if day is not None and day >= lex.min_day_for_end_date_month:
                    ending.append(month)
            else:
                general.append(month)
    if general:
        return general[0]
    if ending:
        return ending[0]
    for match in _dateline_dates(focus.article):
        month, _, date_year = _month_of(match, lex)
        if year is None or date_year == year:
            return month
    return None


def _dateline_dates(article: Article) -> list[re.Match[str]]:
    """Full dates in the article's opening lines or after 'issued' / 'Published:'."""
    dates = []
    for match in article.lexicon.date.finditer(article.text):
        if not match.group("y1"):
            continue
        before = article.text[max(0, match.start() - 40) : match.start()]
        if match.start() < _DATELINE_REACH or article.lexicon.dateline_cue.search(before):
            dates.append(match)
    return dates


def _month_of(match: re.Match[str], lex: Lexicon) -> tuple[int, int | None, int | None]:
    """The month, day and year of a match of Lexicon.date ('Sept. 24, 2019' -> 9, 24, 2019)."""
    name = match.group("m1") or match.group("m2") or match.group("m3") or match.group("m4")
    name = name.rstrip(".")
    day_raw = match.group("d1") or match.group("d2")
    day = int(re.sub(r"\D", "", day_raw)) if day_raw else None
    year_raw = match.group("y1") or match.group("y2") or match.group("y3")
    return lex.months[name], day, int(year_raw) if year_raw else None
