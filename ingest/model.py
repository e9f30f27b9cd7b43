"""The parsed law as plain frozen values: articles, fracciones, decrees and their transitorios.

No parsing and no I/O here; ``ingest.parse`` builds these, ``ingest.store`` serialises them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fraccion:
    """One numbered part of an article; ``numeral`` as written (``"XXVII Bis"``)."""

    numeral: str
    text: str


@dataclass(frozen=True)
class Article:
    """A body article; ``id`` is canonical (``"1"``, ``"3 Bis"``, ``"39-A"``, ``"153-F Bis"``)."""

    id: str
    number: int
    suffix: str
    path: tuple[str, ...]
    text: str
    fracciones: tuple[Fraccion, ...] = ()
    reforms: tuple[str, ...] = ()
    repealed: bool = False


@dataclass(frozen=True)
class Transitorio:
    """A decree's transitional article; its id (``"T 2026-05-01 Segundo"``) is no article's."""

    id: str
    decree_date: str
    decree_title: str
    ordinal: str
    text: str
    governs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decree:
    """The 1970 law itself (``date == ""``) or a reform decree with the articles it reforms."""

    date: str
    title: str
    reformed_articles: tuple[str, ...] = ()
    transitorios: tuple[Transitorio, ...] = ()


@dataclass(frozen=True)
class Law:
    """One version of a law (``version`` is the date of its latest reform, ``yyyy-mm-dd``).

    ``code`` names the law (``rag.laws``): the LFT, or a related law such as ``"LSS"``, whose
    article ids are qualified in the index (``"15 LSS"``) but plain here (``"15"``).
    """

    version: str
    articles: tuple[Article, ...]
    decrees: tuple[Decree, ...] = ()
    code: str = "LFT"
    _articles: dict[str, Article] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _transitorios: dict[str, Transitorio] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_articles", {a.id: a for a in self.articles})
        object.__setattr__(self, "_transitorios", {t.id: t for t in self.transitorios})

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def transitorio(self, transitorio_id: str) -> Transitorio | None:
        return self._transitorios.get(transitorio_id)

    @property
    def transitorios(self) -> tuple[Transitorio, ...]:
        return tuple(t for d in self.decrees for t in d.transitorios)
