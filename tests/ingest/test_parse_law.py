"""The whole lexmx text: every body article once, clean text, transitorios attached to decrees."""

from __future__ import annotations

import re

from ingest.model import Decree, Law

BODY_ARTICLES_2026 = 1265  # verified against SOURCE.md and the marker count below
HEADER_RE = re.compile(r"LEY FEDERAL DEL TRABAJO|Últimas? Reformas? DOF|CÁMARA DE DIPUTADOS")
# An independent, deliberately simple count of the article markers in the raw Markdown.
MARKER_RE = re.compile(
    r"^\**Artículo (\d+)(?:o)?(?:-([A-ZÑ]))?\.?\**\s?(Bis|Ter|Quáter)?\.?-?", re.MULTILINE
)


def marker_ids(raw: str) -> set[str]:
    body = raw.split("\n## TRANSITORIOS", 1)[0]
    ids = set()
    for num, letter, latin in MARKER_RE.findall(body):
        base = f"{num}-{letter}" if letter else num
        ids.add(f"{base} {latin}" if latin else base)
    return ids


def test_every_body_article_once(law: Law, lft_text: str) -> None:
    ids = [a.id for a in law.articles]
    assert len(ids) == len(set(ids)) == BODY_ARTICLES_2026
    assert set(ids) == marker_ids(lft_text)
    assert {a.number for a in law.articles} == set(range(1, 1011))


def test_neighbours_are_not_merged(law: Law) -> None:
    for trio in (
        ("3", "3 Bis", "3 Ter"),
        ("390", "390 Bis", "390 Ter"),
        ("283", "283 Bis", "283 Ter"),
    ):
        texts = [law.article(i) for i in trio]
        assert all(t is not None for t in texts)
        firsts = {t.text[:60] for t in texts if t is not None}
        assert len(firsts) == 3
    assert law.article("85 Bis") is None  # the LFT has no 85 Bis: nothing invented


def test_vacation_article_reads_doce_dias(law: Law) -> None:
    article = law.article("76")
    assert article is not None
    assert "inferior a doce días laborables" in article.text
    assert article.reforms == ("Artículo reformado DOF 27-12-2022",)


def test_15a_is_repealed_and_kept(law: Law) -> None:
    article = law.article("15-A")
    assert article is not None
    assert article.repealed
    assert article.text == "Se deroga."
    repealed = [a for a in law.articles if a.repealed]
    assert 100 < len(repealed) < 200


def test_no_article_contains_a_page_header_or_markdown(law: Law) -> None:
    for article in law.articles:
        assert not HEADER_RE.search(article.text), article.id
        assert "**" not in article.text, article.id
        assert "##" not in article.text, article.id
        assert article.text.strip(), article.id


def test_2026_reforms_are_in(law: Law) -> None:
    assert law.version == "2026-05-01"
    quater = law.article("283 Quáter")
    assert quater is not None
    assert "certificado de cumplimiento" in quater.text
    assert any(f.numeral == "XXXIV" for f in law.article("132").fracciones)  # type: ignore[union-attr]


def test_fracciones_with_bis(law: Law) -> None:
    article = law.article("132")
    assert article is not None
    numerals = [f.numeral for f in article.fracciones]
    assert "XXVII Bis" in numerals
    paternity = next(f for f in article.fracciones if f.numeral == "XXVII Bis")
    assert "cinco días laborables" in paternity.text


def test_transitorio_ids_never_look_like_article_ids(law: Law) -> None:
    ids = [t.id for t in law.transitorios]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("T ") for i in ids)
    assert not set(ids) & {a.id for a in law.articles}


def test_40_hour_week_table_survives(law: Law) -> None:
    t = law.transitorio("T 2026-05-01 Segundo")
    assert t is not None
    assert t.decree_date == "2026-05-01"
    assert "reducción de la jornada laboral" in t.decree_title
    for line in (
        "2026: 48 horas",
        "2027: 46 horas",
        "2028: 44 horas",
        "2029: 42 horas",
        "2030: 40 horas",
    ):
        assert line in t.text.split("\n")
    assert t.governs[0] == "59"
    overtime = law.transitorio("T 2026-05-01 Cuarto")
    assert overtime is not None
    assert "2030: 12 horas" in overtime.text


def test_decrees_and_their_reformed_articles(law: Law) -> None:
    by_date: dict[str, list[Decree]] = {}
    for decree in law.decrees:
        by_date.setdefault(decree.date, []).append(decree)
    jornada = by_date["2026-05-01"][0]
    assert set(jornada.reformed_articles) == {
        "58",
        "59",
        "61",
        "66",
        "67",
        "68",
        "69",
        "71",
        "132",
        "994",
    }
    assert by_date["2026-05-01"][1].reformed_articles == ("283 Quáter",)
    assert law.transitorio("T 2026-05-01-2 Segundo") is not None
    assert by_date["2022-12-27"][0].reformed_articles == ("76", "78")
    # A decree that amends many laws: only the LFT's articles count.
    assert by_date["1998-01-23"][0].reformed_articles == ("189", "216", "612")


def test_transitorios_of_the_1970_law(law: Law) -> None:
    original = law.decrees[0]
    assert original.date == ""
    assert [t.ordinal for t in original.transitorios][:3] == ["Primero", "Segundo", "Tercero"]
    first = law.transitorio("T 1970 Primero")
    assert first is not None
    assert first.decree_date == ""
    assert "entrará en vigor el día 1o. de mayo de 1970" in first.text
    assert first.governs == ("71", "87", "80")


def test_transitorio_text_is_clean(law: Law) -> None:
    for t in law.transitorios:
        assert t.text.strip(), t.id
        assert not HEADER_RE.search(t.text), t.id
        assert "Rúbrica" not in t.text, t.id
