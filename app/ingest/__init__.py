"""Ingestion: read files, clean, extract, store."""
