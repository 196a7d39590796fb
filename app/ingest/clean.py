"""Cleaning: the title line and boilerplate lines out, agency lines noted."""

from app.extract.types import CleanArticle


def clean_article(title: str, body: str) -> CleanArticle:
    """Remove boilerplate from `body` and note the agency it names. (Stub.)"""
    return CleanArticle(title=title.strip(), body=body.strip())
