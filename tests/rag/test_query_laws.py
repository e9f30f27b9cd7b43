"""Direct references that name another law ("artículo 15 de la ley del seguro social")."""

from __future__ import annotations

import pytest

from rag.query import direct_references


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        ("articulo 15 de la ley del seguro social", ["15 LSS"]),
        ("que dice el art 15 lss", ["15 LSS"]),
        ("el 123 constitucional", ["123 CPEUM"]),
        ("artículo 123, apartado A, fracción XII de la Constitución", ["123 CPEUM"]),
        ("art 29 de la ley del infonavit", ["29 LINFONAVIT"]),
        ("articulo 43 lftse", ["43 LFTSE"]),
        ("art. 15-A LSS", ["15-A LSS"]),
        ("artículo 123 de la ley federal del trabajo", ["123"]),
        ("que dice el art 76", ["76"]),
        ("arts 47 y 51", ["47", "51"]),
        ("el 47", ["47"]),
    ],
)
def test_references_name_their_law(question: str, ids: list[str]) -> None:
    assert [r.article_id for r in direct_references(question)] == ids
