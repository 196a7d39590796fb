"""Scores the extractor against labelled data: Dossier's gold JSON files (gold.py) and PolNeAR's
brat files (polnear.py).

Statements are scored the way the Gender Gap Tracker scores itself (statements.py); gold texts
carry no offsets, so each is located in the cleaned body, ignoring case, white space and quote
marks (locate.py). Countries, actors and exercises are scored as sets (entities.py); the figures
(scores.py) are printed and their misses written by report.py.
"""
