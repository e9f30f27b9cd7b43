"""The ingest pipeline and ``abogado ingest``: a real parser, a real embedded Qdrant.

The source is a stub of the real law (every article, a few words each) built from ../shared.
Pipeline tests embed with a small deterministic fake; the CLI test runs the real Titan
adapter (boto3) against a local fake Bedrock server, so nothing here loads a model.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from qdrant_client import QdrantClient

from abogado.cli import main
from ingest.errors import SourceError
from ingest.index import IngestSummary, PlainProgress, ingest_law, terminal_progress
from ingest.store import load_law
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.backends.registry import open_qdrant
from rag.errors import EmbeddingError
from rag.glosses import Gloss
from rag.off_topic import load_off_topic
from rag.rule_asks import load_asks
from rag.rule_vectors import RuleVectors, rule_digest
from rag.rules import load_rules
from rag.sparse import SpanishBM25
from tests.ingest.stub_law import stub_law_text


def _vector(text: str, dim: int) -> list[float]:
    digest = hashlib.sha256(text.encode()).digest() * (dim // 8 + 1)
    return [b / 255.0 + 0.01 for b in digest[:dim]]


class HashEmbedder:
    """A deterministic stand-in for the model: same text, same vector; counts what it embeds."""

    name, dim = "hash-8", 8

    def __init__(self, *, fail: bool = False) -> None:
        self.embedded = 0
        self.queries = 0
        self.fail = fail

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        if self.fail and self.embedded:
            raise EmbeddingError("the model went away")
        self.embedded += len(texts)
        return [_vector(t, self.dim) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        return _vector(text, self.dim)


@pytest.fixture(scope="module")
def stub(lft_md: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "lft_stub.md"
    path.write_text(stub_law_text(lft_md), encoding="utf-8")
    return path


@pytest.fixture
def client(tmp_path: Path) -> Iterator[QdrantClient]:
    client = open_qdrant(path=tmp_path / "qdrant")
    yield client
    client.close()


def _index(client: QdrantClient, embedder: HashEmbedder) -> QdrantVectorIndex:
    return QdrantVectorIndex(client, alias="lft", embedder=embedder, sparse=SpanishBM25())


def test_ingest_indexes_every_article_and_caches_the_law(
    stub: Path, client: QdrantClient, tmp_path: Path
) -> None:
    embedder, seen = HashEmbedder(), []
    index = _index(client, embedder)
    summary = ingest_law(stub, index=index, data_dir=tmp_path, progress=lambda _t: Sink(seen))
    assert summary.law_version == "2026-05-01"
    assert summary.articles == 1265
    assert summary.transitorios == 10
    assert summary.chunks == summary.embedded >= 1275 + summary.glosses
    # The plain-language rules' vectors are kept beside the index (rag.rule_vectors), and
    # their worker questions' (rag.rule_asks), embedded as queries.
    asks = sum(len(q) for q in load_asks().values())
    assert asks >= 3 * len(load_rules())
    # With them, the off-topic messages the answers compare a wordless message with.
    assert summary.rules_embedded == len(load_rules()) + asks + len(load_off_topic())
    assert embedder.embedded == summary.chunks + len(load_rules())
    assert embedder.queries == asks + len(load_off_topic())  # both embedded as questions
    assert summary.reused == 0
    assert summary.glosses > 2000  # the packaged glosses; every one names a live article
    assert summary.glosses_skipped == 0
    assert sum(seen) == summary.chunks
    assert index.get_article("283 Quáter")[0].text.startswith("Artículo 283 Quáter")
    governing = {c.article_id for c in index.transitorios_for(["59"])}  # the 40-hour decree's
    assert "T 2026-05-01 Segundo" in governing
    assert {t.rsplit(" ", 1)[0] for t in governing} == {"T 2026-05-01"}
    cached = load_law(data_dir=tmp_path)
    assert cached is not None
    assert len(cached.articles) == 1265


def test_glosses_are_chosen_by_the_caller(stub: Path, client: QdrantClient) -> None:
    embedder = HashEmbedder()
    glosses = [Gloss("87", "y el aguinaldo pa cuando"), Gloss("9999", "un articulo que no hay")]
    summary = ingest_law(stub, index=_index(client, embedder), glosses=glosses)
    assert (summary.glosses, summary.glosses_skipped) == (1, 1)
    assert embedder.embedded + embedder.queries == summary.chunks + summary.rules_embedded
    found = _index(client, HashEmbedder()).dense_search(
        _vector("y el aguinaldo pa cuando", 8), limit=3, kind="gloss"
    )
    assert [(h.chunk.chunk_id, h.chunk.text) for h in found] == [("87~g1", glosses[0].text)]
    none = ingest_law(stub, index=_index(client, HashEmbedder()), glosses=())
    assert none.glosses == 0
    assert none.chunks == summary.chunks - 1


def test_reingest_of_unchanged_text_embeds_nothing(stub: Path, client: QdrantClient) -> None:
    ingest_law(stub, index=_index(client, HashEmbedder()))
    again = HashEmbedder()
    summary = ingest_law(stub, index=_index(client, again))
    assert again.embedded == summary.embedded == 0
    assert summary.reused == summary.chunks


def test_changed_text_reembeds_only_what_changed(
    stub: Path, lft_md: Path, client: QdrantClient, tmp_path: Path
) -> None:
    ingest_law(stub, index=_index(client, HashEmbedder()))
    first = _index(client, HashEmbedder()).live_collection()
    edited = tmp_path / "edited.md"
    edited.write_text(stub_law_text(lft_md, edit="doce días"), encoding="utf-8")
    embedder = HashEmbedder()
    index = _index(client, embedder)
    summary = ingest_law(edited, index=index)
    assert summary.embedded == embedder.embedded == 1
    assert index.live_collection() not in (None, first)
    assert "doce días" in index.get_article("76")[0].text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.7 this is not really a PDF", "PDF"),
        ("Ley de Amparo\n\n**Artículo 1o.-** El juicio de amparo…\n".encode(), "not the Ley"),
        (b"\x00\x01\x02binary", "neither"),
    ],
)
def test_bad_sources_fail_and_leave_the_index_alone(
    stub: Path, client: QdrantClient, tmp_path: Path, content: bytes, message: str
) -> None:
    ingest_law(stub, index=_index(client, HashEmbedder()))
    live = _index(client, HashEmbedder()).live_collection()
    bad = tmp_path / "bad.md"
    bad.write_bytes(content)
    embedder = HashEmbedder()
    with pytest.raises(SourceError, match=message):
        ingest_law(bad, index=_index(client, embedder))
    assert embedder.embedded == 0
    assert _index(client, embedder).live_collection() == live


def test_truncated_source_fails(stub: Path, client: QdrantClient, tmp_path: Path) -> None:
    text = stub.read_text(encoding="utf-8")
    half = tmp_path / "half.md"
    half.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(SourceError, match="truncated"):
        ingest_law(half, index=_index(client, HashEmbedder()))


def test_embedding_failure_keeps_the_old_index_and_cache(
    stub: Path, lft_md: Path, client: QdrantClient, tmp_path: Path
) -> None:
    ingest_law(stub, index=_index(client, HashEmbedder()), data_dir=tmp_path)
    live = _index(client, HashEmbedder()).live_collection()
    changed = tmp_path / "changed.md"
    changed.write_text(stub_law_text(lft_md, edit="x").replace("Quáter.-", "Quáter.- y"), "utf-8")
    with pytest.raises(EmbeddingError):
        ingest_law(changed, index=_index(client, HashEmbedder(fail=True)), data_dir=tmp_path)
    assert _index(client, HashEmbedder()).live_collection() == live
    law = {c.name for c in client.get_collections().collections} - {"rules_lft_8"}
    assert law == {live}  # the half-built law collection is gone (the rules' one is apart)


class Sink:
    def __init__(self, seen: list[int]) -> None:
        self.seen = seen

    def update(self, n: int = 1) -> None:
        self.seen.append(n)

    def close(self) -> None:
        self.seen.append(0)


def test_plain_progress_prints_periodic_lines() -> None:
    out = io.StringIO()
    progress = PlainProgress(100, stream=out)
    for _ in range(20):
        progress.update(5)
    lines = out.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("indexed 10/100 chunks (10%)")
    assert lines[-1].startswith("indexed 100/100 chunks (100%)")
    assert isinstance(terminal_progress(io.StringIO())(10), PlainProgress)  # not a terminal


# ----------------------------------------------------------------- the CLI, with a fake Bedrock


class FakeBedrock(BaseHTTPRequestHandler):
    """Answers InvokeModel like Titan v2: a deterministic vector of the requested size."""

    calls: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls.append(self.path)
        vector = _vector(body["inputText"], body["dimensions"])
        raw = json.dumps({"embedding": vector, "inputTextTokenCount": 3}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def bedrock_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBedrock)
    FakeBedrock.calls = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env = {
        "ABOGADO_DATA_DIR": str(tmp_path / "data"),
        "ABOGADO_EMBEDDING__BACKEND": "titan",
        "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": f"http://127.0.0.1:{server.server_address[1]}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    yield FakeBedrock.calls
    server.shutdown()
    server.server_close()


def test_cli_ingest_summary_reingest_and_bad_source(
    bedrock_env: list[str], stub: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", "--source", str(stub), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["articles"] == 1265
    assert first["embedded"] == first["chunks"]
    assert len(bedrock_env) == first["chunks"] + first["rules_embedded"]
    assert bedrock_env[0] == "/model/amazon.titan-embed-text-v2%3A0/invoke"

    assert main(["ingest", "--source", str(stub)]) == 0
    out, err = capsys.readouterr()
    assert "1265 articles, 10 transitorios" in out
    assert f"(0 embedded, {first['chunks']} reused)" in out
    assert first["collection"] in out
    assert "indexed" in err  # plain progress lines: stderr is not a terminal here

    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["ingest", "--source", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().count("\n") == 0  # one line
    assert "the previous index is unchanged" in err
    assert "empty" in err

    client = open_qdrant(path=tmp_path / "data" / "qdrant")
    try:
        index = _index(client, HashEmbedder())
        assert index.live_collection() == first["collection"]
    finally:
        client.close()


def test_cli_ingest_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "--help"])
    assert exit_info.value.code == 0
    assert "--source PATH|URL" in capsys.readouterr().out


def test_summary_counts_reused() -> None:
    summary = IngestSummary("2026-05-01", 1265, 143, 1891, 12, 1.0)
    assert summary.reused == 1879


def test_rule_vectors_follow_the_rules_file(stub: Path, client: QdrantClient) -> None:
    """A rule edited since the last ingest is embedded again (its old vector is stale), an
    unchanged one is kept, a removed one is dropped; retrieval reads only current vectors."""
    rules = list(load_rules()[:4])
    ingest_law(stub, index=_index(client, HashEmbedder()), glosses=(), rules=rules)
    edited = dataclasses.replace(rules[1], rule=rules[1].rule + " Así lo dice la ley.")
    current = [rules[0], edited, rules[2]]
    embedder = HashEmbedder()
    index = _index(client, embedder)
    stale = RuleVectors(current, index.rule_vectors(), embedder_name=embedder.name)
    assert (len(stale), stale.missing) == (2, 1)  # the edited rule's old vector does not count
    summary = ingest_law(stub, index=index, glosses=(), rules=current)
    assert summary.rules_embedded == embedder.embedded == 1
    stored = index.rule_vectors()
    assert len(stored) == 3
    fresh = RuleVectors(current, stored, embedder_name=embedder.name)
    assert (len(fresh), fresh.missing) == (3, 0)
    # Its new text's vector (Qdrant stores cosine vectors normalised).
    got, want = stored[rule_digest(edited, embedder.name)], _vector(edited.rule, embedder.dim)
    scale = sum(x * x for x in want) ** 0.5
    assert got == pytest.approx([x / scale for x in want], rel=1e-5)
