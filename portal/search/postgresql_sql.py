"""Pieces of the PostgreSQL backend's statements: literal lexemes, bound values, the words typed."""

from __future__ import annotations

from dataclasses import dataclass, field


def lexeme(word: str) -> str:
    """A literal lexeme in tsquery syntax."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass
class Sql:
    """Bound parameters for a query being written."""
    params: dict = field(default_factory=dict)

    def bind(self, value) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"


@dataclass
class Word:
    typed: str
    folded: str
    known: bool
    prefix: bool
    typos: list[str] = field(default_factory=list)  # known folded words one edit away
