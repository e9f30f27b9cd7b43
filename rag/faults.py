"""The employer's faults a worker tells that let them leave with an indemnity (Art. 51), each
with its plain words: "ya van 3 semanas que no nos pagan" → "si no te pagan tu salario en la
fecha o en el lugar acordados". Pure regular expressions on folded text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from calc.text import fold
from calc.words import INDIRECT_DISMISSAL, SEXUAL_HARASSMENT, UNPAID_WAGES

# How many of the worker's earlier turns a fault told before is looked for in.
_EARLIER_TURNS = 3

# The job ended by the employer's will: a dismissal, never a resignation.
FIRED = re.compile(
    r"\b(corrieron|corrio|despidieron|despidio|despedid[oa]|echaron|dieron las gracias|"
    r"liquidaron|me sacaron|(?:me|nos|lo|la|le) rescindi(?:eron|o))\b|"
    + INDIRECT_DISMISSAL.pattern  # "dice que ya no me presente", "que firme mi renuncia"
)
# A work accident or illness as workers tell it (a work risk, Arts. 473-474): "me caí del
# andamio", "me machuqué la mano con la prensa", "lo aplastó una máquina".
WORK_RISK = re.compile(
    r"\b(accidente\w*|accidento|me accidente|riesgo de trabajo|enfermedad (de|del|por el) trabajo|"
    r"enfermedad profesional|andamio|aplast\w*|maquina|prensa|electrocut\w*|explosion|derrumbe|"
    r"(me|se|le) (machuco|machuque|corte|corto|cai|cayo|queme|quemo|lastime|lastimo|fracture|"
    r"fracturo|quebre|quebro|salpico|salpicaron|intoxique|intoxico|golpee|golpeo|torci|torcio)|"
    r"(salpicadura|quemadura|intoxicacion) (de|con|por))\b"
)
# Where it happened, which makes an injury a work one: "en la obra", "trabajando".
WORK_PLACE = re.compile(
    r"\b(en (el|mi|su) (trabajo|turno)|en la (fabrica|obra|planta|chamba|empresa|mina|bodega)|"
    r"trabajando|aserradero|"
    # A delivery or a route on the job: "me atropellaron haciendo una entrega".
    r"haciendo (una|un|la|el) (entrega|pedido|reparto|mandado|servicio|viaje)|repartiendo|"
    r"en (una|la) entrega|en el reparto|en (la|mi) ruta)\b"
)
# A right given up in writing ("firmé que renuncio a mis prestaciones", "renuncio a la prima de
# antigüedad"): a waiver (void, Art. 33), not a resignation; "renunciar a la estética" is
# leaving the workplace.
WAIVER = re.compile(
    r"\brenunci\w* a(?:l)? (?:(?:mi|mis|su|sus|los|las|el|la) )?(?:derecho|prestacion|aguinaldo|"
    r"vacacion|indemniz|liquidac|finiquit|antiguedad|salario|sueldo|prima|utilidad|cobrar|"
    r"reclamar)"
)
# No IMSS to pay: "nunca me dio de alta en el seguro", "no estoy asegurado".
UNINSURED = re.compile(
    r"\bsin (seguro|imss)\b|\b(?:no|nunca) (me|lo|la|nos) (\w+ )?(dio|dieron|dado|da|dan|tenia|"
    r"tenian|tiene|tienen) (de alta|asegurad\w*|en el (imss|seguro))|"
    r"\bno (estaba|estoy|estamos) (asegurad\w*|en el (imss|seguro)|dad[oa]s? de alta)|"
    r"\bno (tengo|tenia) seguro\b"
)
# "No fue por el trabajo": an illness or injury from outside work.
NOT_FROM_WORK = re.compile(
    r"\bno (fue|es|era|vino|viene) (x|por|de|del|en)( el)? (trabajo|chamba)|\bfuera del trabajo|"
    r"\bno (es|fue) (de|por) (trabajo|riesgo)|\bno profesional|"
    # An illness of one's own: "perdí la vista por la diabetes".
    r"\b(por|de) (la |el |una |un )?(diabetes|azucar|presion alta|hipertension|cancer|embolia|"
    r"derrame cerebral)\b"
)
# Wages unpaid ("no me a pagado": the h dropped, as typed).
_UNPAID = re.compile(
    r"\bno (me|nos) (han |ha |an |a )?(pag\w*|quiere\w* pagar|deposit\w*)|"
    rf"{UNPAID_WAGES}|\bno hay (lana|dinero|feria) (para|pa) pagar"
)
# (what the worker says, the cause in plain words), in Art. 51's order of the usual ones.
_CAUSES = (
    (
        re.compile(
            r"\b(me|nos|le|les) (bajo|bajaron|redujo|redujeron|rebajo|rebajaron|quito|quitaron) "
            r"(el |mi |nuestro |la |su )?(sueldo|salario|pago|raya)\b"
        ),
        "si tu patrón te baja el sueldo",
    ),
    (_UNPAID, "si no te pagan tu salario en la fecha o en el lugar acordados"),
    (
        re.compile(SEXUAL_HARASSMENT),
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


# A threat on the worker's own act ("si no le aviso con 15 días no me paga la última semana"):
# what would follow is not a fault told.
_THREATENED = re.compile(
    r"\bsi (?:no )?(?:le |les )?(?:aviso|avise|avisas|renuncio|me voy|me salgo|falto|faltas|"
    r"no voy|no vengo|no firmo)\b[^.;!?]{0,40}$|"
    # "…tengo que avisarle con un mes, si no, no me paga la quincena".
    r"\bsi no\s*,\s*$"
)


# The final pay withheld after a resignation ("renuncié el viernes y no me quieren pagar la
# última semana ni las vacaciones"): what the finiquito owes, not a fault to leave for.
_LEFT = re.compile(
    r"\b(?:renuncie|me sali|me fui|deje (?:el trabajo|la chamba|de trabajar)|me salgo)\b"
)
_FINAL_PAY = re.compile(
    r"\b(?:ultim[oa]s? (?:semana|quincena|dias|sueldo|pago|raya)|dias (?:que )?trabaj\w*|"
    r"lo (?:que )?trabaj\w*|finiquito|vacaciones|aguinaldo|prima|lo que me deben)\b"
)
_BECAUSE = re.compile(r"\b(?:porque|por que|xq|pq|ya que|por eso|debido|como)\b")


# The final pay named as what is unpaid: "no me quiere pagar mi finiquito".
_FINAL_UNPAID = re.compile(
    r"\bno (?:me|nos) (?:quiere\w* |han |ha )?(?:pag\w*|dar\w*|d[ae]n) (?:mi |el |la |nuestro )?"
    r"(?:finiquito|liquidacion)\b"
)


def unpaid_after_leaving(folded: str) -> bool:
    """A resignation told first, then its final pay refused, with no "porque" between them; or
    the finiquito itself refused ("no me quiere pagar mi finiquito")."""
    if _FINAL_UNPAID.search(folded):
        return True
    left = _LEFT.search(folded)
    if left is None or _UNPAID.search(folded[: left.start()]):
        return False
    unpaid = _UNPAID.search(folded, left.end())
    if unpaid is None or _BECAUSE.search(folded[left.end() : unpaid.start()]):
        return False
    return _FINAL_PAY.search(folded, unpaid.start()) is not None


def cause_of(folded: str) -> str | None:
    """The employer's fault a folded text tells, in plain words, if any."""
    for found, said in _CAUSES:
        if found is _UNPAID and unpaid_after_leaving(folded):
            continue
        for m in found.finditer(folded):
            if not _THREATENED.search(folded[max(0, m.start() - 60) : m.start()]):
                return said
    return None


def earlier_fault(question: str, history: Sequence[tuple[str, str]], *, story: str = "") -> str:
    """The worker's latest earlier turn (of the last few), else the case form's story, that told
    an employer's fault, when the question tells none itself: "mi jefa me bajó el sueldo" and then
    "¿me puedo ir y que me paguen?" is one story. "" when there is none."""
    if cause_of(fold(question)) is not None:
        return ""
    said = [text for role, text in history if role == "user" and text.strip() != question.strip()]
    for text in [*reversed(said[-_EARLIER_TURNS:]), story]:
        if cause_of(fold(text)) is not None:
            return text
    return ""
