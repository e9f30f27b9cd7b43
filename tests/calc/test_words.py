"""A dismissal told without its word, read the same way by the form and the answers."""

from __future__ import annotations

import pytest

from calc.text import fold
from calc.words import INDIRECT_DISMISSAL


@pytest.mark.parametrize(
    "said",
    [
        "mi jefe dice q ya no me presente, q pase a firmar mi renuncia",
        "cuando le dije a mi jefa me dijo q ya no regresara",
        "me mandaron decir que ya no me presentara",
        "llegué y ya no me dejaron entrar",
        "no me dejan entrar a la fábrica",
        "me quieren hacer firmar mi renuncia",
        "me obligaron a firmar una renuncia",
        "ya no hay trabajo para mí, me dijo el encargado",
        "prescindieron de mis servicios",
        "cuando regrese me dijeron q ya no me ocupaban",
        "el lunes me dieron las gracias",
        "me mando un audio x whatsapp q ya no me presentara el lunes, nomas eso, ni un papel",
        "me dijo ya no te presentes mañana y ya, ni papel ni nada",
        "me dijeron q ya no habia trabajo y q no regresara",
        "hoy el guardia ya no me dejo pasar, dice q ya no estoy en la lista",
        # When it was said, not a day off (found playing a pregnant worker's chat).
        "me dijeron q ya no me presentara el lunes pasado",
    ],
)
def test_a_dismissal_told_without_its_word(said: str) -> None:
    assert INDIRECT_DISMISSAL.search(fold(said))


@pytest.mark.parametrize(
    "said",
    [
        "si renuncio me toca algo",
        "quiero firmar mi renuncia",
        "me hicieron firmar una renuncia en blanco cuando entré",
        "me dijo que ya no llegue tarde",
        "me dijeron que ya no hay horas extra",
        "me dijo que ya no venga el sábado",
        "me dijo que ya no venga el lunes",
        "me mando mensaje que ya no venga el sabado porque no hay material",
        "ya no me presenté a trabajar porque estaba enfermo",
        "ya no me ocupan los sabados",
        "ya no me necesitan para el turno de noche",
    ],
)
def test_what_is_no_dismissal(said: str) -> None:
    assert not INDIRECT_DISMISSAL.search(fold(said))
