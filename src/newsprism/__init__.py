"""newsprism: turn a pile of news articles into one source-attributed picture of the story.

    import newsprism
    corpus = newsprism.open("news.db")
    corpus.ingest(["articles/"])
"""

from .api import Corpus, open_corpus
from .errors import ConfigError, InputError, NewsprismError, NotFound, SchemaError, StoreError
from .records import Article, Comment, Link, Provenance, Removed

open = open_corpus  # noqa: A001  (newsprism.open(db) is the documented entry point)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Comment",
    "ConfigError",
    "Corpus",
    "InputError",
    "Link",
    "NewsprismError",
    "NotFound",
    "Provenance",
    "Removed",
    "SchemaError",
    "StoreError",
    "__version__",
    "open",
    "open_corpus",
]
