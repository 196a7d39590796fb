"""People and organisations of one article: names cleaned of titles and honorifics, surnames
linked to full names, titles read next to the name, organisation aliases.

The registry (registry.py) keeps the people (model.py) and organisations an article names and
every place it names them.
"""

from app.extract.actors.model import Organization, Person
from app.extract.actors.registry import ActorRegistry

__all__ = ["ActorRegistry", "Organization", "Person"]
