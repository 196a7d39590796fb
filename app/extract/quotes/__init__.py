"""Statement candidates: quoted spans found in the plain text (`marks`) and reported speech read
from the parse (`reported`, with the clause and subject helpers of `clauses`)."""

from app.extract.quotes.clauses import is_name_word
from app.extract.quotes.marks import QuoteSpan, find_quote_spans, paragraphs
from app.extract.quotes.reported import ReportedSpeech, find_reported_speech

__all__ = [
    "QuoteSpan",
    "ReportedSpeech",
    "find_quote_spans",
    "find_reported_speech",
    "is_name_word",
    "paragraphs",
]
