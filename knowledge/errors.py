"""Typed errors of the knowledge layer. The app turns them into HTTP or CLI messages."""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base for every knowledge-layer failure."""


class ArticleInvalid(KnowledgeError):
    """An article file that cannot be used; the message names the file and the field."""

    def __init__(self, path: str, field: str, problem: str) -> None:
        self.path = path
        self.field = field
        self.problem = problem
        super().__init__(f"{path}: {field}: {problem}")


class EmbedderUnavailable(KnowledgeError):
    """The embedding model cannot be loaded (missing package, broken install)."""


class StoreUnavailable(KnowledgeError):
    """The vector store cannot be opened or queried."""


class KnowledgeBaseEmpty(KnowledgeError):
    """Retrieval was asked for before anything was ingested."""
