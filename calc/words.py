"""Phrases workers use that several packages read the same way (bot's form, rag's answers).

Pure regexes over ``calc.text.fold``-ed text. A dismissal is often told without its word:
"mi jefe me dijo que ya no me presente", "no me dejan entrar", "quieren que firme mi renuncia".
"""

from __future__ import annotations

import re

_TOLD = (
    r"(?:dijo|dijeron|dice|dicen|mando decir|mandaron decir|pidio|pidieron|avisaron|aviso|"
    # "me mandó un audio por whatsapp que ya no me presentara"
    r"mando (?:un |una )?(?:audio|mensaje|msj|whats|correo|nota|recado)\w*)"
)
_STAY_AWAY_WORD = (
    r"(?:presente|presentes|presentara|presentaras|vaya|vayas|fuera|venga|vengas|viniera|regrese|"
    r"regreses|regresara|regresaras|vuelva|vuelvas|volviera|aparezca|aparezcas)"
)
# "que ya no venga el sábado", "hasta el lunes": a day off or a suspension, not the job ("el
# lunes pasado" is when it was said).
_PAST_DAY = r"el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo) pasado\b"
_STAY_AWAY = (
    _STAY_AWAY_WORD
    + rf"(?!\s+(?!{_PAST_DAY})(?:el|los|en|este|esta|hasta|mañana|manana|por|a la junta)\b)"
)
_SIGN = r"\bfirm\w*\b[^.;!?]{0,20}?\brenuncia(?!\s+en blanco)"
# Signing a resignation, not a blank one: "que pase a firmar mi renuncia".
SIGNS_RESIGNATION = re.compile(_SIGN)
_SIGN_RESIGNATION = (
    r"(?:quiere|quieren|pide|piden|pidio|pidieron|dijo|dijeron|obliga|obligan|obligaron|"
    rf"presiona|presionan|presionando|forzaron|mandan|mandaron|dieron|dio|dan|trajeron|"
    rf"pusieron|ponen|hicieron|hizo|hacen)\b[^.;!?]{{0,25}}?{_SIGN}"
)
# Sexual harassment told as what was done (folded text): "me quiso agarrar", "me manda mensajes
# de doble sentido", "me toca cuando estoy sola". For the case's topic and for Art. 51's fault.
SEXUAL_HARASSMENT = (
    r"\bacos\w*|\bhostig\w*|\bme manose\w*|tocamientos|\binsinua\w*|doble sentido|"
    r"\b(?:mensajes|mensajitos|msjs?|fotos) (?:cochinos|obscenos|sucios|feos|subidos de tono|"
    r"raros|incomodos|morbosos)\b|"
    r"\bse me arrima\w*|\bme nalgue\w*|\bme chulea\w*|\bme dice(?:n)? cosas\b|"
    r"\bme toca(?:ba|n)? (?:y|sin)\b|\bme toca(?:ba)? cuando (?:estoy|estaba|ando|andaba) sola\b|"
    r"\bme agarra(?:ba|n)? (?:cuando|y|sin)\b|"
    # "sola me toca", "cuando estamos solos me toca"; not "solo me toca el domingo de descanso".
    r"\b(?:sola|solas|solos) me toca(?:ba|n)?\b"
    r"(?! (?:el|la|los|las|un|una|de|ir|trabajar|descansar)\b)|"
    r"\b(?:me|la) (?:anda|andaba|esta|estaba|sigue|vive) (?:tocando|manoseando|agarrando)\b|"
    r"\bme (?:toca|agarra|agarro) (?:de )?(?:las|la|el|los|mis) (?:piernas?|nalgas?|pompas|busto|"
    r"pechos?|senos?|cintura)\b|"
    r"\bme (?:quiere|quiso|quizo|intento|trato de) (?:besar|agarrar|tocar|manosear|abrazar)\b|"
    r"\bpropuestas? (?:indecentes?|sexual\w*)|\bsi no (?:salgo|sales|salia) con [eé]l\b|"
    r"\b(?:por|x|porque|xq) no (?:querer|quise|quiero|sali|salir) (?:a )?salir con\b|"
    r"\b(?:por|x|porque|xq) no (?:sali|salir) con (?:el|mi jefe|mi patron|el licenciado)\b"
)

# Wages unpaid or paid short, as workers tell it ("no me a pagado 3 semanas", "me dan la mitad",
# "ya van 3 quincenas que no nos pagan"): the case's topic, a fault of Art. 51, a rescission.
UNPAID_WAGES = (
    r"no (?:me|nos) (?:han |ha |an |a )?(?:pagad|paga)|"
    r"\bsin que (?:me|nos) paguen\b|"
    r"\b(?:me|nos) (?:pagan|dan|paga|da) (?:la mitad|una parte|incompleto)\b|"
    r"(?:semanas|quincenas|meses) (?:sin|que no|q no) (?:me |nos )?pag"
)

# A resignation asked for, not made, in the words just before "renuncie": "mi jefa me dijo que
# mejor renuncie", "quiere que renuncie".
_ASKED_TO_RESIGN = re.compile(r"\b(?:que|q|k|ke|para que|dijo|dice)\s+(?:mejor\s+|ya\s+|me\s+)?$")


def asked_to_resign(folded: str, at: int) -> bool:
    """Whether the resignation word at ``at`` of a folded text is asked for, not made (the twenty
    characters before it end in "que", "dijo", "que mejor"…)."""
    return _ASKED_TO_RESIGN.search(folded[:at][-20:]) is not None


# "corrieron", "me corrió" as typed: one r, a letter short ("corieron", "corrieon", "corio").
FIRED_VERB = r"cor+ie?r*on|cor+io"

# A dismissal told without "despido": sent away for good, kept out, or pushed to resign.
# Resign or be fired: "o renuncio o me corren", "que renuncie o me despiden".
ULTIMATUM = re.compile(
    r"\b(?:renuncio|renuncias|renuncie|renunciara|renunciar|me salgo|firmo (?:mi |la )?renuncia)"
    r",? o (?:si no )?(?:me|te|nos) (?:corren|corre|despiden|despide|corro|sacan|saca|corrian|"
    r"van a correr|va a correr|van a despedir|va a despedir)\b"
)
INDIRECT_DISMISSAL = re.compile(
    rf"\b{_TOLD}\b[^.;!?]{{0,30}}?\bya no (?:me |nos |te |se )?{_STAY_AWAY}\b"
    r"|\bya no (?:me|nos) (?:dejan|dejaron|dejo|deja|quieren dejar) (?:entrar|pasar|trabajar)\b"
    r"|\bya no (?:estoy|estaba|aparezco|aparecia) en la lista\b"
    r"|\bno (?:me|nos) (?:dejan|dejaron) (?:entrar|pasar) (?:al|a la) (?:trabajo|chamba|empresa|"
    r"fabrica|obra|tienda|oficina)\b"
    r"|\bya no (?:hay|habia|hubo|tienen|tenian) (?:trabajo|chamba|lugar) (?:para|pa) "
    r"(?:mi|nosotros)\b"
    r"|\bya no (?:habia|hubo) (?:trabajo|chamba)\b[^.;!?]{0,20}?\b(?:que|q) no "
    r"(?:regresara|volviera|viniera|me presentara)\b"
    # "que ya no me presentara el lunes, ni un papel": a day named, but sent away with no letter.
    rf"|\b{_TOLD}\b[^.;!?]{{0,30}}?\bya no (?:me |nos |te |se )?{_STAY_AWAY_WORD}\b[^.;!?]{{0,25}}?"
    r"\b(?:ni (?:un |una )?(?:papel|carta|hoja)|sin (?:ningun |ninguna )?(?:papel|carta))"
    # "me dijeron que ya no me ocupaban": the job, unless a day is named ("los sábados").
    rf"|\bya no (?:me|nos) (?:ocupa|ocupan|ocupaba|ocupaban|necesita|necesitan|necesitaba|"
    rf"necesitaban|requieren|requerian)\b(?!\s+(?:el|los|en|este|esta|hasta|por|para)\b)"
    r"|\bme (?:dieron|dio) las gracias\b"
    r"|\bprescind\w* de mis servicios\b"
    rf"|{_SIGN_RESIGNATION}"
    r"|\bpase a firmar (?:mi |la |una )?renuncia\b"
    rf"|{ULTIMATUM.pattern}"
)


# Overtime worked and not paid: "me hacen quedarme 2 horas diario y no me las pagan".
_OVERTIME = re.compile(
    r"horas? extras?|horas de mas|tiempo extra|\bquedarme (?:mas|hasta)|\bquedar horas|"
    r"\bquedar(?:me|nos)? (?:\d{1,2}|una|dos|tres) horas?|\b(?:me|nos) hacen quedar|"
    r"\bdoblar turno|\bdoble turno|\bturnos? dobles?"
)
_UNPAID = re.compile(
    r"\bno (?:me |nos |le |les )?(?:las |los |la |lo )?"
    r"(?:pagan|pagaban|paga|pagaron|h?an pagado|h?a pagado|quieren pagar)|"
    r"\bsin pag|\bnunca (?:me |nos )?(?:las |los )?(?:han pagado|pagan|pagaron)|\bgratis\b"
)


def unpaid_overtime(folded: str) -> bool:
    """Whether a (folded) text tells overtime that is not paid (the two within 60 characters)."""
    return any(
        _UNPAID.search(folded[max(0, m.start() - 60) : m.end() + 60])
        for m in _OVERTIME.finditer(folded)
    )
