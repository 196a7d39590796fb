"""People and organisations of one article: names cleaned of titles and honorifics, surnames
linked to full names, titles read next to the name, organisation aliases.

The registry (registry.py) collects them from the model's entities and keeps them (model.py):
entities.py says which entities are no actors; persons.py reads a person's name and keeps the
list of people; titles.py reads the titles next to a name; org_names.py reads a body's name and
organizations.py keeps the list of bodies; places.py looks up the countries in names and
titles. antecedents.py finds the people a pronoun may stand for, and mentions.py reports the
actors. The speaker stage reads and adds to the registry.
"""

from app.extract.actors.model import Organization, Person
from app.extract.actors.registry import ActorRegistry

__all__ = ["ActorRegistry", "Organization", "Person"]
