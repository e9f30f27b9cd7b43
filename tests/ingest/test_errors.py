"""Bad input fails with SourceError and a one-line message, never another exception."""

from __future__ import annotations

import contextlib
import io
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from ingest.errors import SourceError
from ingest.parse import parse_law
from ingest.source import decode, load_source
from tests.conftest import SHARED

LSS = SHARED / "data" / "related" / "lss_2026-01-15_lexmx.md"


def one_line_error(text: str) -> str:
    with pytest.raises(SourceError) as info:
        parse_law(text)
    message = str(info.value)
    assert message
    assert "\n" not in message
    return message


@pytest.mark.parametrize("text", ["", "   \n\n\t", "\ufeff"])
def test_empty(text: str) -> None:
    assert "empty" in one_line_error(text)


def test_truncated(lft_text: str) -> None:
    half = lft_text[: len(lft_text) // 2]
    assert "truncated" in one_line_error(half)


def test_body_without_its_last_articles(lft_text: str) -> None:
    cut = lft_text.index("**Artículo 1009.-**")
    tail = lft_text.index("\n## TRANSITORIOS")
    assert "truncated" in one_line_error(lft_text[:cut] + lft_text[tail:])


def test_another_law(lft_md: Path) -> None:
    if not LSS.exists():
        pytest.skip(f"{LSS} not found")
    message = one_line_error(LSS.read_text(encoding="utf-8"))
    assert "not the Ley Federal del Trabajo" in message or "truncated" in message


def test_random_bytes_as_a_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(SourceError):
        parse_law(load_source(junk))


def test_a_broken_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "broken.pdf"
    fake.write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(2000))
    with pytest.raises(SourceError, match="PDF"):
        load_source(fake)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_junk_text_only_ever_raises_source_error(text: str) -> None:
    with contextlib.suppress(SourceError):
        parse_law("Ley Federal del Trabajo\n" + text)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "**Artículo 1o.-** Texto.",
                "Artículo 2 Bis.- Otro.",
                "## TRANSITORIOS",
                "I.",
                "b) II.",
                "LEY FEDERAL DEL TRABAJO",
                "Año",
                "2027",
                "46",
                "DECRETO por el que",
                "Primero.-",
                "Publicado en el Diario Oficial de la Federación el 1 de mayo de 2026",
                "",
                "XXXIV.",
            ]
        ),
        max_size=200,
    )
)
def test_junk_built_from_real_markers(lines: list[str]) -> None:
    with contextlib.suppress(SourceError):
        parse_law("Ley Federal del Trabajo\n" + "\n".join(lines))


def test_truncated_pdf(lft_pdf: Path) -> None:
    data = lft_pdf.read_bytes()
    with pytest.raises(SourceError, match="PDF cannot be read"):
        decode(data[: len(data) // 3], name="LFT.pdf")


def test_pdf_without_text(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(SourceError, match="no text layer"):
        decode(buffer.getvalue(), name="scan.pdf")
