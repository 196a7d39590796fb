"""The extraction pipeline: clean article in, ArticleExtraction out."""

from collections.abc import Iterable, Iterator

from app.extract.types import ArticleExtraction, CleanArticle


def extract_article(article: CleanArticle) -> ArticleExtraction:
    """Extract statements, actors, countries and exercises from one article. (Stub.)"""
    return ArticleExtraction(article=article)


def extract_many(
    articles: Iterable[CleanArticle], *, n_process: int = 1
) -> Iterator[ArticleExtraction]:
    """Extract many articles, in order, batching the spaCy work. (Stub.)"""
    for article in articles:
        yield extract_article(article)
