"""A dismissal told without its word: "mi jefe dice que ya no me presente, que pase a firmar mi
renuncia". The worker hears first that it is a dismissal (and that a resignation signed under
pressure is what the employer wants), then what a dismissal without cause gives (Art. 48).

Pure. The phrases are ``calc.words.INDIRECT_DISMISSAL``; every sentence cites an article the
answer retrieved (``rag.next_steps.required_articles`` fetches Art. 48 for a dismissal).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from calc.text import fold
from calc.words import INDIRECT_DISMISSAL, SIGNS_RESIGNATION, ULTIMATUM
from rag.lead import question_kind

REMEDY_ARTICLE = "48"
NOTICE_ARTICLE = "47"
PROTECTED_ARTICLE = "133"
_PREGNANT = re.compile(r"\bembarazad|\bembarazo\b")
# Whether what the employer did is allowed: "¿es legal?", "¿se vale?", "¿puede hacer eso?".
_ASKS_ALLOWED = re.compile(
    r"\b(legal|se vale|puede|pueden|permitido|correcto|esta bien|es justo|asi es)\b"
)
# The resignation already signed: "me corrieron y me hicieron firmar una renuncia" ("quiere que
# firme mi renuncia" is not yet).
_SIGNED = re.compile(
    r"\b(me|nos) (hicieron|hizo|obligaron a|obligo a|pusieron a|puso a) firmar\b|"
    r"\bya (la |lo )?firme\b|(?<!\bque )(?<!\bq )\bfirme (mi |la |una )?renuncia\b"
)
# The worker asks what refusing to sign would bring: "¿y si no la firmo?".
_REFUSES = re.compile(
    r"\bsi no (?:la |lo |le )?(?:firmo|firmamos|quiero firmar|la quiero firmar|acepto|me niego)\b|"
    r"\bsi me niego a firmar"
)
# Whether the worker must sign: "¿tengo que firmarla?", "¿la tengo que firmar?".
_MUST_SIGN = re.compile(
    r"\b(tengo|debo) (que|q) firm\w*|\b(la|lo) (tengo|debo) (que|q) firmar\b|\bobligad[oa] a firmar"
)


def needed_articles(question: str) -> tuple[str, ...]:
    """Art. 133, to fetch by id, for a pregnant worker sent away: the prohibition leads; Art. 48
    for one who asks what refusing to sign a resignation brings."""
    folded = fold(question)
    if INDIRECT_DISMISSAL.search(folded) and _PREGNANT.search(folded):
        return (PROTECTED_ARTICLE,)
    if _REFUSES.search(folded) and SIGNS_RESIGNATION.search(folded):
        return (REMEDY_ARTICLE,)  # "¿y si no firmo la renuncia?": what a dismissal gives
    return ()


def pushed_out_fact(
    question: str, *, retrieved: Collection[str], asked: str | None = None
) -> str | None:
    """ "Que tu patrón te diga que ya no te presentes es un despido…" with what it gives.
    ``asked``: the worker's own question when ``question`` has the case's story before it."""
    folded = fold(question)
    own = fold(asked or question)
    signing = SIGNS_RESIGNATION.search(folded) is not None
    # ("…si no firmo no me dan nada. ¿Tengo que firmar?" asks whether to sign: the branch below.)
    refusing = (
        _REFUSES.search(own) is not None
        and (signing or "renuncia" in folded)
        and not _MUST_SIGN.search(own)
    )
    if not (INDIRECT_DISMISSAL.search(folded) or refusing) or REMEDY_ARTICLE not in retrieved:
        return None
    if question_kind(question) in ("how_much", "until_when"):
        return None  # "¿hasta cuándo tienen para darme el aviso?" asks something else
    if refusing and not _SIGNED.search(folded):
        # "¿Y si no la firmo, qué pasa?": nothing is lost by refusing; a dismissal for it is one.
        said = (
            "Si no la firmas, no pierdes nada: nadie te puede obligar a renunciar, y mientras no "
            "renuncies ni te despidan, tu trabajo y tu salario siguen. Si por no firmar tu patrón "
            "te corre, eso es un despido."
        )
        signing = True  # nothing was done yet: no missing letter to presume from
    elif signing and _SIGNED.search(folded):
        said = (
            "Si tu patrón te hizo firmar una renuncia porque ya no quería que trabajaras ahí, eso "
            "fue un despido, no una renuncia; con tu firma él podrá decir que te fuiste por tu "
            "voluntad, así que junta pruebas de lo que pasó (mensajes, testigos)."
        )
        if _ASKS_ALLOWED.search(own) and not _PREGNANT.search(folded):
            said = f"No. {said}"
    elif signing:
        said = (
            "Si tu patrón te pide que firmes tu renuncia porque ya no quiere que trabajes ahí, "
            "eso es un despido, no una renuncia: no estás obligado a firmarla, y si la firmas él "
            "podrá decir que te fuiste por tu voluntad."
        )
        if _MUST_SIGN.search(own):
            said = f"No. {said}"
    elif ULTIMATUM.search(folded):
        # "O renuncio o me corren, ¿me conviene?": what a resignation would give up.
        said = (
            "Ojo: si renuncias, pierdes lo que te tocaría por un despido sin causa justificada. "
            "No estás obligado a renunciar, y si tu patrón te corre sin causa, eso es un despido."
        )
        signing = True  # no missing letter to presume from: nothing was done yet
    else:
        said = "Que tu patrón te diga que ya no te presentes (o no te deje entrar) es un despido."
    if _PREGNANT.search(folded) and PROTECTED_ARTICLE in retrieved:
        prohibited = (
            "despedirte o presionarte para que renuncies por estar embarazada está prohibido "
            f"(Art. {PROTECTED_ARTICLE} LFT)."
        )
        if _ASKS_ALLOWED.search(own):  # "¿es legal lo que hizo?": "No" first
            said = f"No: {prohibited} {said}"
        else:
            said += f" {prohibited[0].upper()}{prohibited[1:]}"
    said += (
        " Por un despido sin causa justificada puedes pedir que te reinstalen o que te paguen "
        f"3 meses de salario (Art. {REMEDY_ARTICLE} LFT)"
    )
    if NOTICE_ARTICLE in retrieved and not signing:
        return (
            f"{said}, y si no te dio por escrito la causa del despido, la ley presume que fue "
            f"injustificado (Art. {NOTICE_ARTICLE} LFT)."
        )
    return f"{said}."
