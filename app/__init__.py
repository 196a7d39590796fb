"""Dossier: news articles in, actors, statements, exercises and countries out."""
