"""Extraction: pure functions from an article's text to plain dataclasses; no database."""
