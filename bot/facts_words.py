"""What a worker's words say about the case: topic, how the job ended, contract, flags, a question.

Word patterns over folded text (lowercase, no accents). Pure; used by bot.facts.
"""

from __future__ import annotations

import re

from calc.words import (
    FIRED_VERB,
    INDIRECT_DISMISSAL,
    SEXUAL_HARASSMENT,
    UNPAID_WAGES,
    asked_to_resign,
    unpaid_overtime,
)

# Harassment told as what was done, for the case's topic and for its flag alike.
_HARASSING_ACTS = r"\bme pega\b|\bme golpe|\bme amenaz|" + SEXUAL_HARASSMENT

# An injury or illness from work, told.
_INJURY = (
    r"accident|\bme cai\b|\bme lastime|\bme rompi\b|\bme queme\b|\bme corte\b|\bme fractur|"
    r"\bme machuq|\bme lesion|riesgo de trabajo|enfermedad (?:de|del) trabajo"
)

# Topics in priority order: the more specific situation names the case ("me corrieron por
# estar embarazada" is a pregnancy case; "me caí y no me pagan la incapacidad" an accident).
TOPIC_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        r"\bacos|hostig|discrimin|humill|\bme grita|\bnos grita|groseri|insult|maltrat|"
        + _HARASSING_ACTS,
        "acoso o discriminación",
    ),
    (
        r"e[nm]bara[zcs]|\bencinta\b|maternidad|lactancia|paternidad|amamant",
        "embarazo o maternidad",
    ),
    (
        rf"{_INJURY}|incapacidad|"
        r"\bse (?:cayo|lastimo|quemo|corto|rompio|fracturo|accidento|machuco)\b",
        "riesgo de trabajo",
    ),
    (
        rf"\b(?:me |nos |la |lo |te )?(?:{FIRED_VERB}|corren|correr(?:me)?|despid|despedid|"
        r"liquidacion|indemnizacion|liquidaron|rescindieron|rescindio)|"
        r"dieron de baja del (?:trabajo|empleo)|"
        r"\bme sacaron\b|\bme echaron\b|"
        r"\brenunci|\bme sali\b|finiquito|desactiv\w* (?:mi |la )?cuenta|"
        # The work ends with the company ("nos van a cerrar la planta", Arts. 433-436).
        r"\bcerr(?:ar|aron|o|ara|aran|ando)\b(?: \w+){0,2} (?:la |el )?(?:empresa|planta|fabrica|"
        r"negocio|tienda|maquila|maquiladora|sucursal|local|changarro)\b|\bquiebra\b",
        "despido",
    ),
    (
        r"horas? extras?|horas de mas|tiempo extra|\bjornada|\bhorario|\bdescanso|"
        r"salir a comer|horas diarias|horas al dia|horas (?:es lo|maximo)|"
        r"\b(?:quedarme|me quedo|nos quedamos) (?:mas|hasta)|"
        r"\bquedar(?:me|nos)? (?:\d{1,2}|una|dos|tres) horas?|\b(?:me|nos) hacen quedar|"
        r"\bme niego a quedarme|\bno me quiero quedar|"
        r"cuantas horas|\bdoblar turno|\bdoble turno|\bturnos? dobles?|"
        r"\bcambi\w* (?:de|el|mi) turno|\bturno de (?:la )?(?:noche|dia|tarde|manana)\b|"
        r"\b(?:24|12) ?(?:x|por) ?(?:24|12|36|48)\b",
        "jornada u horas extra",
    ),
    (r"vacacion|prima vacacional|\bvacas\b", "vacaciones"),
    (
        rf"\bme deben\b|\bnos deben\b|{UNPAID_WAGES}|\bdescuent|\bdescont|a?gu?inald|"
        r"\bpag\w* (?:la mitad |una parte )?(?:en|con) (?:pan|especie|vales|producto|mercancia|"
        r"ropa|despensa|fichas)\b|"
        r"utilidades|\bptu\b|salario minimo|\bdel minimo\b|prestaciones|"
        r"\bbaja(?:r|ron|rnos|rme)? (?:el|mi|nuestro) (?:sueldo|salario)|"
        r"prima dominical|\bsueldo\b[^.]{0,40}\b(?:bajo|menos|bajar|retras)",
        "salario o prestaciones",
    ),
)

_DISMISSED = re.compile(
    rf"\b(?:me|nos|lo|la)\s+(?:{FIRED_VERB}|despidieron|despidio|sacaron|echaron|rescindieron|rescindio|"
    r"liquidaron|corretearon)\b|\bfui despedid[oa]\b|\bme dieron de baja del (?:trabajo|empleo)\b|"
    r"\bme dieron las gracias\b|\b(?:estoy|quede|estaba) despedid[oa]\b|"
    r"\b(?:notificaron|anunciaron|avisaron|comunicaron) (?:mi|el) despido\b|"
    r"\bmi despido (?:fue|injustificado)|\b(?:me|nos|lo|la) acaban de (?:correr|despedir)\b|"
    r"\bme quitaron (?:el|la) (?:trabajo|chamba)\b|"
    r"\bme desactiv\w* (?:mi |la )?cuenta\b|"
    r"\bme dieron de baja\b(?!\s+(?:del|en el|en)\s+(?:imss|seguro))|"
    # The employer's letter of rescission handed over, as typed ("carta de resicion").
    r"\b(?:me|nos|le) (?:dieron|dio|entregaron|entrego|mandaron|mando) (?:una |la |mi |su )?"
    r"carta de (?:rescision|resicion|recision|resision|despido)\b|" + INDIRECT_DISMISSAL.pattern
)
_RESIGNED = re.compile(
    r"\b(?:renuncie|me sali|me fui de la (?:chamba|empresa|tienda|fabrica)|deje (?:el|la) "
    r"(?:trabajo|chamba|empresa)|presente mi renuncia)\b"
)
# A resignation for the employer's fault (Art. 51): "me salí porque no me pagaban".
_EMPLOYER_FAULT = re.compile(
    r"\b(?:porque|por que|xq|pq|ya que|por culpa|pues)\b[^.;!?]{0,60}?"
    r"(?:no me (?:pagab|pagan|pagaron|daban)|ya no me pag|acos|hostig|maltrat|me pegab|me gritab|"
    r"humill|culpa del (?:patron|jefe|encargado)|bajaron (?:el|mi) sueldo)"
    r"|\bpor culpa del (?:patron|jefe|encargado|la patrona)"
)
_HYPOTHETICAL = re.compile(r"\b(?:si|cuando|pueden|puede|van a|quieren|podrian)\s+(?:me\s+)?$")

FLAG_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "embarazada",
        r"e[nm]bara[zcs]ad|\bme e[nm]bara[zcs]e\b|\bencinta\b|esperando (?:un )?bebe|"
        r"tengo \d+ (?:meses|semanas) de embarazo",
    ),
    (
        # Back from the leave after the birth, or nursing: Art. 170's rights still run.
        "maternidad",
        r"\bmaternidad\b|\blactancia\b|\b(?:doy|dando|dar|darle|le doy) (?:de )?pecho\b|"
        r"\bamamant\w*|\bdi a luz\b|\bacabo de tener (?:a )?mi bebe\b|\bpost ?parto\b|"
        r"\bmi bebe (?:tiene|de) (?:\d+|un|una|dos|tres|cuatro|cinco|seis) "
        r"(?:mes|meses|semanas?)\b",
    ),
    (
        "menor",
        r"\btengo (?:1[2-7]|doce|trece|catorce|quince|dieciseis|diecisiete) a[nñ]os\b|"
        r"\bmenor de edad\b|\bsoy menor\b|"
        r"\b(?:hij[oa]|sobrin[oa]|herman[oa]|prim[oa]|nin[oa]|chav[oa]|muchach[oa]) (?:de|tiene) "
        r"(?:1[2-7]|doce|trece|"
        r"catorce|quince|dieciseis|diecisiete)(?: a[nñ]os\b| y\b|,)",
    ),
    (
        "domestica",
        r"trabajador[ao]s? del hogar|emplead[ao]s? domestic|trabajo domestico|\bdomestica\b|"
        r"\bde planta con una familia|\bpara una familia\b|con una familia|\bni[nñ]era\b|"
        r"\blimpio casas\b|\bhago (?:la )?limpieza en (?:una )?casa|"
        r"\bcasa de (?:una|un|la|el) (?:se[nñ]ora|se[nñ]or|familia|patrona|patron)\b|"
        r"\bcasas? particular|"
        r"\b(?:aseo|limpieza) en (?:una |las |unas )?casas?\b|"
        r"\b(?:trabajo|trabaje|trabajaba|estuve|estaba)\b(?: \w+){0,3}? "
        r"(?:de planta |de entrada por salida |de quedada )?en una casa\b"
        r"(?! de (?:empe|cambio|mat))|"
        r"\ben (?:una |la )?casa (?:haciendo|de|para hacer) (?:la )?(?:limpieza|aseo|quehacer)",
    ),
    (
        "plataforma",
        r"\brappi\b|\bdidi\b|\buber\b|\bcabify\b|\bindrive\b|\bcornershop\b|\bbeat\b|\bla app\b|"
        r"\baplicacion\b|\bplataforma digital|\bde (?:la|una) plataforma\b|\buna app\b|"
        r"desactivaron (?:mi |la )?cuenta",
    ),
    (
        # Every period still owed, not this year's only (bot.calculate sums them).
        "sin_vacaciones",
        r"\bnunca (?:me|nos) (?:han |habian )?(?:dado|dieron|dan|daban) (?:mis |las |unas )?"
        r"vacaciones\b|\bno (?:me|nos) (?:han|habian) (?:dado|dejado tomar) (?:mis |las |unas )?"
        r"vacaciones\b|\bnunca (?:he|hemos) (?:tenido|tomado|salido de) vacaciones\b",
    ),
    (
        "sindicalizado",
        r"(?<!no soy )(?<!no estoy )(?<!no estamos )sindicalizad|\bdel sindicato\b|"
        r"\bmi sindicato\b|\ben el sindicato\b|delegad[oa] sindical",
    ),
    (
        "sin_imss",
        r"\bno (?:estoy|estaba|estamos|me tienen|me tenian|me han|me habian|me dieron|me dan|"
        r"me daban)"
        r"\s+(?:dad[oa]s? de alta|de alta|asegurad|registrad|inscrit|seguro)|"
        r"\bsin (?:imss|seguro social|seguro)\b|\bno tengo (?:imss|seguro)|"
        r"\b(?:nunca|ni) me (?:han |habian )?(?:dado|dieron) de alta|"
        r"\b(?:no|ni) me (?:dieron|han dado) de alta|"
        r"\bme (?:dieron|dio|han dado) de baja (?:del|en el|ante el) (?:imss|seguro)|"
        r"\bno me (?:tienen|han) (?:inscrit|registrad)|"
        r"\bno me (?:tienen|tenian|tiene|tenia) en el (?:seguro|imss)\b|\bni (?:seguro|imss)\b",
    ),
    (
        "accidente",
        r"accident|\bme cai\b|\bme lastime|\bme rompi\b|\bme queme\b|\bme corte\b|\bme fractur|"
        r"\bme machuq|\bme lesione|riesgo de trabajo|se me cayo (?:\w+ )?encima|me atropell|"
        r"\bse (?:cayo|lastimo|quemo|corto|rompio|fracturo|accidento|machuco)\b",
    ),
    (
        "acoso",
        r"\bacos|hostig|\bme grita|\bnos grita|groseri|\bme insult|humill|maltrat|"
        + _HARASSING_ACTS,
    ),
)
# Flags describe the worker's own case: a general question ("¿qué es un accidente de
# trabajo?") names a subject, not a fact about the person asking.
_FIRST_PERSON = re.compile(
    r"\b(?:me|mi|mis|yo|nos|nuestr[oa]s?|estoy|soy|tengo|tenia|trabajaba|trabaje|llevo|"
    r"gano|ganaba|fui|era|estaba|estuve|tuve|sali|renuncie|entre|conmigo|acepte|firme|reparto|"
    r"manejo|vendo|hago|entro|salgo|cuido|limpio|chambeo|laboro)\b"
)
_CONTRACT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        r"\bno (?:hay|hubo|tengo|tenia|tenemos) contrato|\bsin contrato\b|"
        r"\bnunca (?:firme|me dieron)"
        r"(?: (?:ningun|un|el|mi))? contrato|\bno (?:firme|me dieron|me han dado|me hicieron)"
        r"(?: (?:ningun|un|el|mi))? contrato|acepte los terminos|"
        r"\b(?:contrato|trato|acuerdo|todo (?:es|era|fue)|nomas|solo|puro) (?:de palabra|verbal)\b|"
        r"\bni contrato\b|terminos y condiciones",
        "sin contrato escrito",
    ),
    (r"\bpor obra\b|\bpor proyecto\b", "por obra"),
    (
        r"contratos? (?:nuevo )?cada (?:mes|\d+ meses|tres meses|dos meses)|"
        r"cada mes me hacen firmar|"
        r"\bcontrato temporal|\beventual\b|tiempo determinado|renovar (?:el|mi) contrato|"
        r"me renuevan (?:el|mi) contrato|"
        r"contrato (?:es |era )?(?:de|por) (?:\d+|un|dos|tres|seis) mes|"
        r"\b(?:me lo|me los|me la) (?:renovaron|renuevan)\b|renovaron (?:el|mi) contrato",
        "temporal",
    ),
    (r"\bindefinido\b|tiempo indeterminado|\bde base\b|\bde planta\b|\bpermanente\b", "indefinido"),
)
# In domestic work "de planta" means living in, not a permanent contract.
_LIVE_IN = re.compile(r"\bcasa\b|\bfamilia\b|\bse[nñ]ora\b|\bhogar\b|domestic|de quedada")
_CONTRACT_DONE = ()

_QUESTION = re.compile(
    r"[?¿]|\b(?:es legal|eso es legal|se vale|quiero saber|quisiera saber|me gustaria saber|"
    r"necesito saber|tengo derecho|me corresponde|cuanto me toca|que me toca|que puedo hacer|"
    r"que hago|pueden hacer eso|puede hacer eso|a que tengo derecho|me pueden (?:correr|despedir|"
    r"obligar|quitar|descontar)|cuanto es\b|cuantos dias|cuantas horas|como le hago|"
    r"que debo hacer|que me recomienda|que onda|como (?:esta|queda) (?:eso|lo de)|eso se puede|"
    r"que pasa con|q hago|q puedo hacer|no se (?:ni )?(?:q|que) hacer|ayud(?:en|e)me|"
    r"me (?:pueden|puedes|podrian|podria) ayudar|orienten?me)\b"
)
_QUESTION_START = re.compile(
    r"(?:^|[.,;!]\s*)(?:que|cuanto|cuantos|cuantas|cual|cuales|cuando|donde|por que|puedo|pueden|"
    r"debo|deben|se puede)\s+\w+\s+\w+"
)
_NOT_QUESTION_START = re.compile(r"(?:^|[.,;!]\s*)(?:que onda|q onda|que tal|que pedo)\b")


# An illness told not from work ("estuve enfermo, tenía incapacidad del IMSS"): its incapacity
# is no work risk; the case is what else was told (a dismissal for the absence).
_COMMON_ILLNESS = re.compile(r"\benferm[oa]s?\b|\bgripa\b|\bcovid\b|\bdengue\b|\bme enferme\b")
_WORK_RISK_TOLD = re.compile(rf"{_INJURY}|por el trabajo")


# A dismissal feared for refusing something ("¿si me niego a quedarme me pueden correr?"): the
# case is what is refused, when another topic names it.
_REFUSAL_RISK = re.compile(
    r"\bsi (?:me niego|no quiero|no acepto|no me quedo|no firmo|no voy)\b[^.?]*"
    r"\b(?:correr(?:me)?|corren|despedir(?:me)?)\b"
)


def topic(folded: str) -> str | None:
    for pattern, name in TOPIC_PATTERNS:
        if name == "despido" and _REFUSAL_RISK.search(folded):
            continue
        if re.search(pattern, folded):
            if (
                name == "riesgo de trabajo"
                and _COMMON_ILLNESS.search(folded)
                and not _WORK_RISK_TOLD.search(folded)
            ):
                continue
            return name
    # Nothing else refused: the dismissal threatened is the case ("si no firmo mi renuncia me
    # corren").
    return "despido" if _REFUSAL_RISK.search(folded) else None


def ended_how(folded: str) -> str | None:
    # "Dice que si no firmo mi renuncia me va a correr": a threat, the worker still there.
    threats = [m.span() for m in _REFUSAL_RISK.finditer(folded)]
    dismissed = next(
        (
            m
            for m in _DISMISSED.finditer(folded)
            if not any(start < m.end() and m.start() < end for start, end in threats)
        ),
        None,
    )
    resigned = next(
        (m for m in _RESIGNED.finditer(folded) if not asked_to_resign(folded, m.start())),
        None,
    )
    if dismissed and not _HYPOTHETICAL.search(folded[: dismissed.start()][-20:]):
        return "despido"
    if resigned:
        return "rescision" if _EMPLOYER_FAULT.search(folded[resigned.start() :]) else "renuncia"
    return None


# Workplaces whose cleaning or service is no domestic work (Art. 332 LFT).
_NOT_A_HOME = re.compile(
    r"\b(hotel|motel|restaurante|fonda|bar|hospital|clinica|escuela|colegio|oficina|"
    r"casa de asistencia)\b"
)


def flags(folded: str) -> frozenset[str]:
    if asks(folded) and not (_FIRST_PERSON.search(folded) or _WORK_VERB.search(folded)):
        return frozenset()
    found = {name for name, pattern in FLAG_PATTERNS if re.search(pattern, folded)}
    # A hotel maid "like a domestic worker" is none (Art. 332): the workplace told decides.
    if "domestica" in found and _NOT_A_HOME.search(folded):
        found.discard("domestica")
    if unpaid_overtime(folded):
        found.add("horas_extra_sin_pago")
    return frozenset(found)


# Someone else's claim ("el ingeniero dice que como era por obra no me toca nada"): what the
# worker reports, not what the worker says the contract is.
_CLAIMED_BEFORE = re.compile(
    r"\b(?:dice|dicen|dijo|dijeron|decia|segun|alega|alegan|asegura|aseguran)\b[^.;!?]{0,40}$"
)


def contract(folded: str) -> str | None:
    for pattern, name in _CONTRACT_PATTERNS:
        m = re.search(pattern, folded)
        # ("me dijo que ya no me van a renovar el contrato" tells a contract renewed: a fact.)
        if m and "renov" not in m[0] and _CLAIMED_BEFORE.search(folded[: m.start()]):
            continue
        if m and not (m[0] == "de planta" and _LIVE_IN.search(folded)):
            return name
    return None


def asks(folded: str) -> bool:
    if _QUESTION.search(folded):
        return True
    return bool(_QUESTION_START.search(folded)) and not _NOT_QUESTION_START.search(folded)


_STILL = re.compile(
    r"\b(?:sigo|seguimos) (?:trabajando|ahi|alli|en)|\btodavia trabajo|\baun trabajo|"
    r"\bactualmente trabajo|\bestoy trabajando|\bahorita trabajo|"
    r"\bllevo (?:ya )?(?:trabajando|laborando|chambeando)|"
    # A dismissal threatened is one not yet done: "me quieren correr", "me van a despedir".
    r"\b(?:me|nos) (?:quieren|quiere|van a|va a) (?:correr|despedir|sacar|liquidar)\b|"
    r"\b(?:me|nos) amenaza\w* con (?:correr|despedir)"
)
# "trabajo" as a verb, not the noun ("en mi trabajo", "del trabajo").
_WORK_VERB = re.compile(
    r"(?<!\bmi )(?<!\bel )(?<!\bdel )(?<!\bal )(?<!\bun )(?<!\bsu )(?<!\bde )(?<!\bmis )"
    r"(?<!\bese )(?<!\beste )(?<!\bun buen )(?<!\bla )(?<!\ben )(?<!\bsin )(?<!\bnuevo )"
    r"\b(?:trabajo|chambeo|laboro)\s+(?:en|de|como|para|con|desde|\d+|turnos?|los|todos|toda|"
    r"home|medio|tiempo|horas|diario|ahi|alli|aqui)\b"
)


# "Sigo", "aún sigo", "todavía sigo ahí" sent alone: still there.
_BARE_STILL = re.compile(
    r"^\W*(?:aun |todavia |ahi )?(?:sigo|seguimos)(?: trabajando| chambeando)?(?: ahi| alli| aqui)?"
    r"\W*$"
)


def bare_still(folded: str) -> bool:
    """ "Sigo", "sigo trabajando", "todavía sigo ahí" sent alone."""
    return _BARE_STILL.match(folded) is not None


# A death told ("mi papá trabajó 20 años y se murió"): the worker of the case is gone, whatever
# the verbs' tense ("trabajo" typed without its accent).
_DEATH = re.compile(r"\b(?:se murio|murio|fallecio|falleci\w*|difunt[oa])\b")


def death_told(folded: str) -> bool:
    return _DEATH.search(folded) is not None


def still_working(folded: str) -> bool:
    if _DEATH.search(folded):
        return False
    return bool(_STILL.search(folded) or _WORK_VERB.search(folded) or _BARE_STILL.match(folded))
