"""Run in ingest's extraction worker processes by a test: a worker that dies on a marked article,
as one killed for its memory or crashed in compiled code would."""

import os

from app.extract.pipeline import extract_chunk
from app.extract.types import ArticleExtraction, CleanArticle

MARK = "[this article kills its worker]"


def extract_or_die(articles: list[CleanArticle]) -> list[ArticleExtraction]:
    if any(MARK in article.body for article in articles):
        os._exit(70)
    return extract_chunk(articles)
