"""Former home of the index, kept for callers not yet moved to `drugref.index`."""
from __future__ import annotations

from .index import Catalog, Entry, MonographDir, Problem, SearchHit
from .index import open_library as Library

__all__ = ["Catalog", "Entry", "Library", "MonographDir", "Problem", "SearchHit"]
