"""The ingest pipeline: load the source, parse, chunk, embed and upsert, with visible progress.

The index arrives through rag's ``VectorIndex`` port. Any failure leaves the live index as it
was: nothing is written before the source has parsed, and the upsert swaps atomically.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from ingest.chunk import chunk_law, first_chunks
from ingest.errors import SourceError
from ingest.parse import parse_law
from ingest.related import parse_related
from ingest.source import load_source
from ingest.store import save_law
from rag.glosses import Gloss, default_glosses, gloss_chunks
from rag.laws import law_of
from rag.off_topic import with_off_topic
from rag.ports import RuleVectorStore
from rag.rule_asks import load_asks
from rag.rules import load_rules

if TYPE_CHECKING:
    from ingest.model import Law
    from ingest.source import Fetch
    from rag.ports import VectorIndex
    from rag.rules import Rule
    from rag.types import Chunk


class ProgressSink(Protocol):
    """What the pipeline reports into: ``tqdm`` fits it, so does ``PlainProgress``."""

    def update(self, n: int = 1) -> object: ...

    def close(self) -> None: ...


ProgressFactory = Callable[[int], ProgressSink]


@dataclass(frozen=True)
class RelatedSummary:
    """One related law as indexed: its code, the reform it is, and how many articles."""

    code: str
    version: str
    articles: int


@dataclass(frozen=True)
class IngestSummary:
    law_version: str
    articles: int
    transitorios: int
    chunks: int
    embedded: int
    seconds: float
    glosses: int = 0
    # Glosses naming an article this text lacks or has repealed: left out of the index.
    glosses_skipped: int = 0
    # The related laws indexed beside the LFT, and one line for each one left out.
    related: tuple[RelatedSummary, ...] = ()
    warnings: tuple[str, ...] = ()
    # Plain-language rules embedded this time (``rag.rule_vectors``; unchanged ones are kept).
    rules_embedded: int = 0

    @property
    def reused(self) -> int:
        """Chunks whose vectors came from the previous index instead of the model."""
        return self.chunks - self.embedded


def ingest_law(
    source: str | Path,
    *,
    index: VectorIndex,
    data_dir: Path | None = None,
    fetch: Fetch | None = None,
    progress: ProgressFactory | None = None,
    glosses: Sequence[Gloss] | None = None,
    related: Mapping[str, Path] | None = None,
    rules: Sequence[Rule] | None = None,
) -> IngestSummary:
    """Index the law at ``source``; the parsed law is cached under ``data_dir`` once indexed.

    Raises ``ingest.errors.SourceError`` for a bad source and ``rag.errors.RagError`` when
    embedding or the vector store fails; in both cases the live index is untouched.
    ``glosses`` defaults to the packaged ones (``rag/data/glosses``); pass ``()`` for none;
    ``rules`` likewise (``rag/data/rules``): their vectors are kept beside the index.
    ``related`` maps a related law's code (``"LSS"``) to its file: each is indexed beside the
    LFT, and one that cannot be read or parsed is left out with a warning, never fatal.
    """
    started = time.perf_counter()
    law = parse_law(load_source(source, fetch=fetch))
    others, warnings = load_related(related or {})
    chunks, extra, skipped = law_chunks(law, glosses, related=others)
    sink = (progress or _silent)(len(chunks))

    def report(n: int) -> None:
        sink.update(n)

    try:
        embedded = index.upsert(chunks, progress=report)
    finally:
        sink.close()
    # The rules' vectors, so answers can rank rules by meaning (only those that changed).
    plain = load_rules() if rules is None else rules
    # The packaged rules' worker questions (``rag.rule_asks``); rules passed in have none.
    # With them, the off-topic messages (``rag.off_topic``), embedded the same way.
    asks = with_off_topic(load_asks()) if rules is None else {}
    ruled = index.store_rule_vectors(plain, asks) if isinstance(index, RuleVectorStore) else 0
    if data_dir is not None:
        for parsed in (law, *others):
            save_law(parsed, data_dir=data_dir)
    return IngestSummary(
        law_version=law.version,
        articles=len(law.articles),
        transitorios=len(law.transitorios),
        chunks=len(chunks),
        embedded=embedded,
        seconds=time.perf_counter() - started,
        glosses=extra,
        glosses_skipped=skipped,
        related=tuple(RelatedSummary(o.code, o.version, len(o.articles)) for o in others),
        warnings=tuple(warnings),
        rules_embedded=ruled,
    )


def load_related(files: Mapping[str, Path]) -> tuple[list[Law], list[str]]:
    """Parse each related law's file; a file that fails is a warning line, not an error."""
    laws: list[Law] = []
    warnings: list[str] = []
    for code, path in files.items():
        try:
            laws.append(parse_related(load_source(path), code=code))
        except SourceError as exc:
            warnings.append(f"{code} left out of the index: {exc}")
    return laws, warnings


def law_chunks(
    law: Law, glosses: Sequence[Gloss] | None = None, *, related: Sequence[Law] = ()
) -> tuple[list[Chunk], int, int]:
    """Everything the index holds: the LFT's chunks, the related laws', then the glosses.

    Returns the chunks, how many of them are glosses, and how many glosses were left out
    (a gloss of an article no indexed law has, or one repealed). ``glosses`` defaults to the
    packaged ones.
    """
    chunks = chunk_law(law)
    for other in related:
        chunks.extend(chunk_law(other))
    # Glosses of a law not indexed this time (its file is missing) are not counted as skipped.
    indexed = {law.code, *(other.code for other in related)}
    pool = [
        g
        for g in (default_glosses() if glosses is None else glosses)
        if law_of(g.article_id) in indexed
    ]
    extra, skipped = gloss_chunks(pool, first_chunks(chunks))
    return chunks + extra, len(extra), len(skipped)


class PlainProgress:
    """Progress as plain lines for logs and CI: one every ``every`` of the work, and the last."""

    def __init__(
        self, total: int, *, label: str = "indexed", stream: TextIO, every: float = 0.1
    ) -> None:
        self.total, self.label, self.stream = total, label, stream
        self._step = max(1, int(total * every))
        self._done = 0
        self._next = self._step
        self._started = time.perf_counter()

    def update(self, n: int = 1) -> None:
        self._done += n
        if self._done >= self._next or self._done >= self.total:
            self._next = (self._done // self._step + 1) * self._step
            elapsed = time.perf_counter() - self._started
            share = 100 * self._done // max(self.total, 1)
            print(
                f"{self.label} {self._done}/{self.total} chunks ({share}%) in {elapsed:.0f} s",
                file=self.stream,
                flush=True,
            )

    def close(self) -> None:
        return None


def terminal_progress(stream: TextIO | None = None) -> ProgressFactory:
    """A tqdm bar when ``stream`` is a terminal, else ``PlainProgress`` lines."""
    out = stream if stream is not None else sys.stderr

    def make(total: int) -> ProgressSink:
        if out.isatty():
            from tqdm import tqdm

            return tqdm(total=total, unit="chunk", desc="indexing", file=out)
        return PlainProgress(total, stream=out)

    return make


class _Silent:
    def update(self, n: int = 1) -> None:
        return None

    def close(self) -> None:
        return None


def _silent(total: int) -> ProgressSink:
    return _Silent()
