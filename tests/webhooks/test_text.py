"""Splitting and escaping invariants (RELIABILITY T6, W7), property-tested."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webhooks.limits import TELEGRAM_MAX_TEXT, WHATSAPP_MAX_BODY
from webhooks.text import split_text, telegram_chunks, utf16_len, whatsapp_chunks

_ALPHABET = st.sampled_from(
    [
        *"abcñáéíóú ÁÉ.,;?!¿¡\n<>&'\"",
        "\n\n",
        "😀",
        "👩\u200d👩\u200d👧",
        "e\u0301",
        "\u200f",
        "\u200b",
    ]
)
texts = st.lists(_ALPHABET, max_size=3000).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=texts, limit=st.integers(min_value=2, max_value=300))
def test_split_is_lossless_and_bounded(text: str, limit: int) -> None:
    chunks = split_text(text, limit)
    assert "".join(chunks) == text
    assert all(utf16_len(c) <= limit for c in chunks)
    assert all(chunks)


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_never_separates_a_combining_mark(text: str) -> None:
    for chunk in split_text(text, 40)[1:]:
        assert chunk[0] != "\u0301"


@pytest.mark.parametrize("size", [4095, 4096, 4097, 10_000])
def test_telegram_sizes(size: int) -> None:
    text = ("Artículo 47. Son causas de rescisión… " * 400)[:size]
    pairs = telegram_chunks(text, TELEGRAM_MAX_TEXT)
    assert len(pairs) == (1 if size <= 4096 else 2 if size < 8192 else 3)
    for _escaped, plain in pairs:
        assert utf16_len(plain) <= TELEGRAM_MAX_TEXT


def test_prefers_paragraph_boundaries() -> None:
    para = "Primer párrafo de la respuesta. " * 60
    text = para + "\n\n" + para + "\n\n" + para
    chunks = split_text(text, 4096)
    assert chunks[0].endswith("\n\n")


def test_emoji_count_as_two_units() -> None:
    text = "😀" * 3000
    chunks = whatsapp_chunks(text, WHATSAPP_MAX_BODY)
    assert [len(c) for c in chunks] == [800, 800, 800, 600]


def test_whatsapp_does_not_cut_words_when_a_space_is_near() -> None:
    text = ("palabra " * 400).strip()
    for chunk in whatsapp_chunks(text, WHATSAPP_MAX_BODY):
        assert all(word == "palabra" for word in chunk.split(" "))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_escaped_chunks_have_no_markup_and_unescape_to_the_text(text: str) -> None:
    for escaped, plain in telegram_chunks(text, 50):
        parser = _Tags()
        parser.feed(escaped)
        assert parser.tags == []
        assert html.unescape(escaped) == plain


def test_escape_untrusted_llm_output() -> None:
    [(escaped, _)] = telegram_chunks("</b><a href='javascript:alert(1)'>x & y", 4096)
    assert escaped == "&lt;/b&gt;&lt;a href='javascript:alert(1)'&gt;x &amp; y"


def test_blank_chunks_are_dropped() -> None:
    assert telegram_chunks(" \n\n ", 4096) == []
    assert whatsapp_chunks("", 1600) == []


def test_a_fenced_table_becomes_pre_and_its_contents_stay_escaped() -> None:
    text = "Te tocan unos $3,390.\n\n```\nAguinaldo   15 d  <$3,390>\n```\n\nEs un estimado."
    [(html_text, plain)] = telegram_chunks(text, 4096)
    assert "<pre>Aguinaldo   15 d  &lt;$3,390&gt;</pre>" in html_text
    assert "```" not in html_text
    assert "```" not in plain
    assert "Aguinaldo   15 d  <$3,390>" in plain


def test_an_unbalanced_fence_is_left_as_typed() -> None:
    [(html_text, _)] = telegram_chunks("uno ``` dos", 4096)
    assert html_text == "uno ``` dos"
