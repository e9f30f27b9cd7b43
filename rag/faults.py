"""The employer's faults a worker tells that let them leave with an indemnity (Art. 51), each
with its plain words: "ya van 3 semanas que no nos pagan" → "si no te pagan tu salario en la
fecha o en el lugar acordados". Pure regular expressions on folded text.
"""

from __future__ import annotations

import re

# (what the worker says, the cause in plain words), in Art. 51's order of the usual ones.
_CAUSES = (
    (
        re.compile(
            r"\b(me|nos|le|les) (bajo|bajaron|redujo|redujeron|rebajo|rebajaron|quito|quitaron) "
            r"(el |mi |nuestro |la |su )?(sueldo|salario|pago|raya)\b"
        ),
        "si tu patrón te baja el sueldo",
    ),
    (
        re.compile(
            r"\bno (me|nos) (han |ha )?(pag\w*|quiere\w* pagar|deposit\w*)|"
            r"\b(semanas|quincenas|meses) (sin|que no) (pag|nos pag|me pag)|"
            r"\bno hay (lana|dinero|feria) (para|pa) pagar"
        ),
        "si no te pagan tu salario en la fecha o en el lugar acordados",
    ),
    (
        re.compile(
            r"\b(acos\w*|hostig\w*|mensajes cochinos|se me arrima\w*|me manosea\w*|me toca\w* sin)"
        ),
        "si tu patrón o tus jefes te acosan o te hostigan",
    ),
    (
        re.compile(
            r"\b(me|nos) (insult\w*|humill\w*|grit\w*|golpe\w*|empuj\w*|pego|peg\w*|maltrat\w*|"
            r"amenaz\w*)|\bgroseri\w*"
        ),
        "si tu patrón o tus jefes te insultan, te amenazan, te agreden o te maltratan",
    ),
    (
        re.compile(r"\b(peligro\w*|sin (equipo de )?seguridad|insalubre\w*)\b"),
        "si hay peligro grave para tu salud o tu seguridad en el trabajo",
    ),
)


def cause_of(folded: str) -> str | None:
    """The employer's fault a folded text tells, in plain words, if any."""
    return next((said for found, said in _CAUSES if found.search(folded)), None)
