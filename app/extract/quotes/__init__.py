"""Statement candidates: quoted spans found in the plain text (`marks`) and told apart from quoted
names (`speech`), and reported speech read from the parse (`reported`, with the clause and
subject helpers of `clauses`)."""

from app.extract.quotes.clauses import is_name_word
from app.extract.quotes.marks import QuoteSpan, find_quote_spans, paragraphs
from app.extract.quotes.reported import ReportedSpeech, find_reported_speech
from app.extract.quotes.speech import is_attributed_utterance, is_name_like

__all__ = [
    "QuoteSpan",
    "ReportedSpeech",
    "find_quote_spans",
    "find_reported_speech",
    "is_attributed_utterance",
    "is_name_like",
    "is_name_word",
    "paragraphs",
]
