"""Federal or local: which conciliation centre a worker goes to. "Trabajo en una planta de
autopartes en Silao y me corrieron, ¿voy al centro de conciliación de Guanajuato o al federal?"
→ the automotive industry, autoparts included, is federal (Art. 527 LFT).

Pure. The industries are Art. 527-I's branches, in the words workers use for them; a question that
names none and asks "¿federal o local?" is told the rule and the branches to check.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from calc.text import fold

JURISDICTION_ARTICLE = "527"

# Art. 527-I's branches: the words that name each, and how the answer says it.
_BRANCHES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), said)
    for pattern, said in (
        (r"\b(textil\w*|fabrica de telas|hilander\w*)\b", "textil"),
        (r"\b(industria electrica|electrica|cfe)\b", "eléctrica"),
        (r"\bcinematograf\w*", "cinematográfica"),
        (r"\b(hulera|llantera|fabrica de llantas)\b", "hulera"),
        (r"\b(azucarer\w*|ingenio)\b", "azucarera"),
        (r"\b(mina|minas|minera|minero|mineria)\b", "minera"),
        (
            r"\b(siderurg\w*|metalurg\w*|acerera|fundidora|fundicion)\b",
            "metalúrgica y siderúrgica",
        ),
        (r"\b(pemex|petroler\w*|hidrocarburos)\b", "de hidrocarburos"),
        (r"\bpetroquimic\w*", "petroquímica"),
        (r"\b(cementera|cemento)\b", "cementera"),
        (
            r"\b(automotriz|autopartes|armadora|planta de autos|arneses)\b",
            "automotriz (incluidas las autopartes)",
        ),
        (r"\b(farmaceutic\w*|quimica|laboratorio de medicamentos)\b", "química y farmacéutica"),
        (r"\b(papelera|celulosa|fabrica de papel)\b", "de celulosa y papel"),
        (r"\b(embotelladora|refresquera|cerveceria|cervecera)\b", "de bebidas envasadas"),
        (r"\b(ferrocarril\w*|ferroviari\w*)\b", "ferrocarrilera"),
        (r"\b(aserradero|triplay)\b", "maderera básica"),
        (r"\b(vidriera|fabrica de vidrio)\b", "vidriera"),
        (r"\b(tabacalera|fabrica de cigarros)\b", "tabacalera"),
        (r"\b(banco|bancaria|banca)\b", "de banca y crédito"),
    )
)
# Which authority: "¿voy al de Guanajuato o al federal?", "¿es local o federal?".
_WHICH = re.compile(
    r"\b(federal|local|del estado|estatal)\b[^?]*\?|\b(a donde|adonde|a cual|cual|que) "
    r"(voy|acudo|centro|conciliacion|tribunal|junta)\b"
)
_FEDERAL_OR_LOCAL = re.compile(r"\bfederal\b")


def needed_articles(question: str) -> tuple[str, ...]:
    """Art. 527, to fetch by id, when the question asks federal or local."""
    folded = fold(question)
    return (JURISDICTION_ARTICLE,) if _asked(folded) else ()


def _asked(folded: str) -> bool:
    return bool(_FEDERAL_OR_LOCAL.search(folded) and _WHICH.search(folded))


def jurisdiction_fact(question: str, *, retrieved: Collection[str]) -> str | None:
    """ "Federal: la industria automotriz… (Art. 527 LFT)" for an industry the question names,
    or the rule and its branches when it names none."""
    folded = fold(question)
    if JURISDICTION_ARTICLE not in retrieved or not _asked(folded):
        return None
    branch = next((said for found, said in _BRANCHES if found.search(folded)), None)
    if branch is not None:
        return (
            f"Al federal: la rama {branch} es de las que la ley deja a las autoridades federales "
            f"(Art. {JURISDICTION_ARTICLE} LFT), así que tu conciliación va ante el Centro Federal "
            "de Conciliación y Registro Laboral, no ante el de tu estado."
        )
    return (
        "Por regla general, al Centro de Conciliación de tu estado; solo va al Centro Federal de "
        "Conciliación y Registro Laboral si tu empresa es de una rama federal (como la textil, la "
        "minera, la automotriz y de autopartes, la química, la de bebidas envasadas o la banca) o "
        f"del gobierno federal o con concesión federal (Art. {JURISDICTION_ARTICLE} LFT)."
    )


def settles_jurisdiction(facts: Collection[str]) -> bool:
    """Whether one of the answer's facts is this module's (it names Art. 527)."""
    return any(f"(Art. {JURISDICTION_ARTICLE} LFT)" in fact for fact in facts)
