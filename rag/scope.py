"""Is a message a labor question? Out-of-scope topics, insults and prompt injection, by rules.

Conservative on purpose: anything that mentions work is answered, whatever else it says; only
messages with no labor content and a clear other topic (or only an attack) are turned away.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Literal

from calc.text import fold

Verdict = Literal["labor", "out_of_scope", "injection", "insult", "greeting", "empty"]

REFUSAL_OUT_OF_SCOPE = (
    "Perdón, de ese tema no puedo ayudarte: yo solo doy información sobre tus derechos en el "
    "trabajo según la Ley Federal del Trabajo (despidos, salario, vacaciones, aguinaldo, "
    "jornada…), el Seguro Social (IMSS) y el INFONAVIT."
)
REFUSAL_INJECTION = (
    "Solo puedo darte información sobre la Ley Federal del Trabajo; cuéntame tu duda sobre tu "
    "trabajo y con gusto te ayudo."
)
REFUSAL_INSULT = (
    "Aquí estoy para ayudarte con tus dudas del trabajo según la Ley Federal del Trabajo; "
    "cuéntame qué pasó y lo vemos juntos."
)
REPLY_GREETING = (
    "¡Hola! Te doy información sobre tus derechos en el trabajo según la Ley Federal del Trabajo. "
    "Cuéntame tu duda, por ejemplo: «me corrieron sin carta, ¿es legal?»."
)
REPLY_EMPTY = "Escríbeme tu duda sobre tu trabajo y te digo qué dice la Ley Federal del Trabajo."

# A pension "para los niños" is a child's support (family law), not the IMSS's.
_CHILD_SUPPORT = r"(?:pa|para|de) (?:los|mis|mi|la|el) (?:niñ|nin|hij|chamac|bebe)"
# Prefixes of folded words that make a message a labor question.
_LABOR = re.compile(
    r"\b(trabaj|chamba|emple|patron|jefe|jefa|empresa|despid|despedi|corrier|corrio|"
    r"corren|correr(?:me|te|nos|los|las)\b|supervisor|gerente|encargad[oa]\b|recursos humanos|"
    r"fabrica|maquila|liquidac|liquidar|finiquit|indemniz|salari|sueldo|me pag|pagan|pagaron|"
    r"paguen|"
    # ("vacasiones", "bacaciones", "vacas": as typed.)
    r"quincena|a?gu?inald|[bv]aca[cs]ion|[bv]acas\b|gan(?:o|aba|amos) \$?\d|"
    r"\d+ (?:diarios|al dia|por dia|a la semana)|"
    r"prima (vacacional|dominical|de antiguedad)|utilidad|ptu|reparto|"
    r"jornada|horas? extra|\d+ horas|horario|turno|descanso|"
    r"incapacidad|imss|seguro social|infonavit|embaraz|maternidad|paternidad|lactan|"
    # A birth in the family ("mi novia se alivia en enero, ¿cuántos días me dan?"): Art. 132's
    # paternity leave.
    r"se alivi[ao]|va a dar a luz|dio a luz|va a nacer|nacio mi (?:bebe|hij)|"
    # Work from home: its power and internet bills are the employer's share (Art. 330-E).
    r"home office|teletrabaj|call center|"
    r"(?:mandaron|mandan|pusieron) a trabajar (?:a|desde|en) (?:mi |la )?casa|"
    r"acos(?:o|a|an|ando|ador[a]?)\b|"
    # Social security and housing (LSS, INFONAVIT law), tax withheld from a salary (ISR, Art. 110
    # of its law), and state workers (LFTSE) are in scope too.
    r"cotiza|semanas cotizadas|dar(?:me|nos)? de alta|dieron de alta|pensionad|issste|"
    r"credito (?:de vivienda|hipotecario)|subcuenta de vivienda|retencion|me retien|retenid|"
    r"burocrat|servidor(?:a|es)? public|trabajador(?:a|es)? del estado|"
    r"hostiga|discrimin|contrat|renunci|sindica|huelga|antiguedad|prestacion|outsourc|subcontrat|"
    r"home ?office|teletrabaj|conciliac|profedet|demand|laboral|riesgo|accidente|enfermedad|"
    r"capacitac|domestic|del hogar|plataforma|repartid|propina|comision|descuent|descont|nomina|"
    r"obrer|aprendiz|becari|periodo de prueba|(?:mes|meses|dias|semanas) de prueba|a prueba\b|"
    r"jubil|afore|"
    # The meal break: "me dan media hora pa comer pero no me dejan salir".
    r"(?:media )?hora (?:pa|para|de) (?:comer|la comida)|tiempo (?:pa|para|de) comer|"
    # A pension for one's children is family law's, not the IMSS's.
    rf"pension(?! alimenticia| {_CHILD_SUPPORT})|"
    # The special jobs of Título Sexto: "soy futbolista…" is a labor question, not sports talk.
    r"futbolista|deportista|beisbolista|jugador profesional|transferencia|traspaso|"
    r"(?:futbol|beisbol|basquetbol|basquet|box|voleibol) profesional|otro (?:equipo|club)\b|"
    r"actor|actriz|musico|artista|mesero|chofer|trailer|jornaler|miner|mina\b|minas\b|"
    r"equipo de (?:proteccion|seguridad)|medico residente|"
    r"cociner|ayudante de cocina|taquer|lavaloza|cajer[oa]|dependient[ea]|albanil|velador|"
    r"vigilante|recepcionist|afanador|intendencia|"
    r"ley federal del trabajo|lft|articulo|arts?\.? ?\d|"
    # A relation of work is the substance, not the scene; an app's courier is a worker.
    r"relacion (?:de trabajo|laboral)|conectarme|desconect|desactiv|due[nñ]o|"
    # Fines for being late, docked from the pay: "nos quitan 100 pesos cada que llegamos tarde".
    r"retardos?\b|lleg(?:o|as|a|amos|an|ue|aste|o|aron|ar) tarde|(?:nos|me|les) quitan \$?\d|"
    # "Si no bajo me corre", "¿así puedo meter la queja?": a dismissal and a claim.
    r"(?:me|nos|te|lo|la|los|las) corre\b|(?:meter|poner|levantar) (?:la|una|mi) queja|"
    r"carbon\b|autorrescat|"
    # "el dueño dice que no soy su trabajador, que le rento la unidad": a relation denied.
    r"(?:su|sus) trabajador(?:a|es)?\b|no tengo derechos|combi|microbus|ruta de|"
    # Work done from home (telework) is the relation, not its scene; a collection agency is a
    # workplace ("en una oficina de cobranza"), not a debt.
    r"(?<=trabajo )desde (?:mi |la )?casa|"
    r"(?:oficina|despacho|agencia|empresa|call center|centro) de cobranza)"
)
_OUT_OF_SCOPE = re.compile(
    r"\b(sat|impuesto|declaracion anual|factura|rfc|pasaporte|visa|migracion|licencia de manejo|"
    r"licencia (?:de|para) conducir|placas|tarjeta de circulacion|"
    r"divorci|pension alimenticia|custodia|herencia|testamento|receta|"
    # A kitchen as the workplace ("como en la cocina") is no cooking question.
    r"(?<!en la )(?<!de la )cocin(?!er)|pastel|pozole|"
    # A taco recipe; "un puesto de tacos" is a workplace.
    r"(?<!puesto de )(?<!negocio de )(?<!carrito de )(?<!venta de )tacos?\b|"
    r"futbol|partido|liga mx|chivas|america|clima|horoscopo|pelicula|cancion|chiste|"
    r"bitcoin|cripto|multa de transito|tenencia|refrendo|verificacion vehicular|predial|"
    r"fotomulta|fotocivica|exceso de velocidad|infraccion de transito|corralon|"
    r"casero|arrendador|desalojo|denuncia penal|"
    # A purchase gone wrong (PROFECO), a neighbour's wall.
    r"profeco|garantia|salio fallad|defectuos|reembolso|devolucion de (?:mi|un|una|el|la)|"
    r"barda|lindero|colindan|escrituras|tienda departamental|sali[oa] mal[oa]|no prend\w+|"
    r"no me l[oa] quieren? (?:cambiar|reponer)|lleg[oó] (?:todo )?(?:golpead|rot[oa]|da[nñ]ad)|"
    # Household bills (the utility, PROFECO's ground).
    r"cfe|recibo de (?:la )?(?:luz|agua|gas|telefono|internet)|telmex|izzi|megacable|totalplay|"
    # Neighbours and cars.
    r"vecin[oa]s?|ruido|a todo volumen|choque|chocaron|aseguradora|deducible|"
    # Civil paperwork and pets.
    r"curp|acta de nacimiento|credencial (?:de elector|del ine)|ine\b|"
    r"mascota|perr[oa]s?|gat[oa]s?|veterinari|"
    # Income tax outside a salary: one's own rental, a sale, a business. With work words
    # ("me retienen ISR de mi sueldo") labor wins before this list is read.
    r"isr|rente|rento|rentar|rentaba|inquilin|arrendamiento|deposito de (?:la )?renta|"
    # Building one's own house: "¿cuántos bultos de cemento lleva una losa?".
    r"cuant\w* (?:bultos|cemento|varillas?|blocks?|tabiques?|botes de pintura)|"
    r"(?:colar|echar) (?:una |la )?losa|\blosa de \d|"
    # Festive dishes ("¿cómo se hacen los chiles en nogada?").
    r"nogada|romeritos|bacalao|ponche|bu[nñ]uelos|rosca de reyes|"
    r"tarea|poema|novia|novio|videojuego|"
    # One's own savings and investments (CONDUSEF's ground, not the savings fund of a job).
    r"cetes|tandas?\b|invertir|fondo de inversion|casa de bolsa|ahorritos|"
    # Something bought or stolen (a purchase, a police matter).
    r"robad[oa]s?\b|compre (?:un|una|el|la|unos|unas)\b|"
    # Traffic police, a child's support, a recipe's ingredients.
    # A helmet on a motorbike (a mine's "casco" is safety equipment: Art. 343-C).
    r"(?:los|agentes?|policias?) de transito|transito me|casco(?=.{0,40}\bmoto)|"
    rf"pension {_CHILD_SUPPORT}|mi ex\b|"
    r"levadura|harina|ingredientes|freidora|hornear|crujient|alitas|marinad|capead|guisar|"
    r"chilaquil|enchilad|quesadill|mole\b|amarg[oa]\b|birria|tamales|pozole|frijoles?\b|"
    # One's own health and medicines (a doctor's or pharmacist's question).
    r"pastillas?\b|ibuprofeno|paracetamol|aspirina|antibiotico|dosis|dolor de muelas?|"
    r"omeprazol|ranitidina|antiacido|(?:que|q) me tomo (?:pa|para)\b|"
    r"medicina (?:es )?(?:buena )?(?:para|pa)\b|medicamento para|gripa|jarabe|"
    # Civil registry, selling or buying one's own things, a theft.
    r"registro civil|acta de matrimonio|registrar a mi (?:hijo|hija|bebe)|"
    r"vender(?:me|te|le)? (?:mi|la|una|un|su) (?:casa|terreno|carro|coche|moto|camioneta)|"
    r"cambio de propietario|"
    r"comprar (?:un|una|el|la|mi) (?:carro|coche|casa|moto|terreno|camioneta)|"
    r"(?:me|nos) robaron|asaltaron|me asaltaron|me choco|nos choco)"
)
# A debt of one's own (CONDUSEF's ground): out of scope unless it touches the job or the pay
# ("me descuentan de la nómina un préstamo" is Art. 110's).
_DEBT = re.compile(
    r"\b(cobranza|cobrador\w*|tarjeta de credito|buro de credito|deuda|adeudo|prestamo|"
    r"financiera|mensualidad\w*|me atrase (?:en|con) |atrase (?:\d+|dos|tres|unos) pagos|"
    r"enganche|credito automotriz|(?:me|nos|le) (?:presto|prestaron|presta)\b|"
    r"\b(?:me|nos) debe\b|"
    # A private sale: "le vendí mi carro a un compa y no me paga".
    r"(?:le )?vendi (?:mi|mis|un|una|el|la|unos|unas)\b|me compro (?:mi|mis|el|la|un|una)\b)"
)
# Someone who is no employer owing or charging the worker (a neighbour, a taxi, a landlord): a
# payment between them is not a labor matter unless a work word says so.
_OTHER_PARTY = re.compile(
    r"\b(mi |un |el |una |la )(vecin[oa]|taxi|taxista|casero|casera|inquilin[oa])\b"
)
_EMPLOYMENT = re.compile(
    r"\b(trabaj|chamba|emple|patron|jefe|jefa|empresa|nomina|sueldo|salari|descuent|descont|"
    r"contrat|agencia|(?:me|nos) debe\w* \d+ (?:semanas|dias|quincenas|meses)|"
    r"(?:oficina|despacho|agencia|call center|centro) de cobranza|"
    r"infonavit|fonacot|imss|finiquit|liquidac|quincena|embarg|aguinald|vacacion|utilidad)"
)
# Labor words that also set the scene of other topics ("mi chamba", "el contrato de renta").
# A lawsuit is one too: "¿puedo demandar a mi vecino?" is no labor question.
_SCENERY = re.compile(
    r"(trabaj|chamba|emple|empresa|contrat|dar(?:me|nos)? de alta|dieron de alta|due[nñ]o|"
    r"demand|supervisor|gerente|encargad|fabrica|maquila)"
)
# A recipe asked for, whatever the story around it ("ya que me corrieron voy a poner un puesto
# de tacos, ¿qué receta de salsa me recomiendas?"): no labor question.
_RECIPE = re.compile(
    r"\breceta\b(?! (?:medica|del (?:imss|doctor|medico)))|"
    r"\bcomo se (?:prepara|cocina|guisa)\b(?! (?:el|la|mi|un|una) (?:calculo|finiquito|"
    r"liquidacion|demanda|reclamo|queja|tramite))"
)
_INSULT = re.compile(
    r"\b(pendej|idiota|estupid|imbecil|chinga|puto|puta|mierda|inutil|tont[oa]|culer|cabron|"
    r"vete a la|baboso|menso)"
)
_GREETING = re.compile(
    r"^(hola|buen[oa]s? (dias|tardes|noches)|buenas|que tal|hey|saludos|gracias|ok|oki)\W*$"
)
_INJECTION = [
    re.compile(
        r"\b(ignora|olvida|omite|descarta|salta|ignore|forget|disregard|override)\b.{0,60}"
        r"\b(instruccion|indicacion|regla|prompt|lo anterior|todo lo anterior|instruction|rule|"
        r"previous|above|guidelines)"
    ),
    re.compile(
        r"\b(dime|muestra|muestrame|ensename|revela|imprime|repite|escribe|copia|dame|show|"
        r"reveal|print|repeat|tell me|give me|output)\b.{0,60}\b(prompt|system message|"
        r"mensaje de sistema|mensaje del sistema|instrucciones (de sistema|del sistema|iniciales|"
        r"originales|internas|ocultas)|tus instrucciones|tus reglas|your instructions|your rules)"
    ),
    re.compile(r"\b(system|developer) prompt\b|\bprompt (de|del) sistema\b"),
    re.compile(
        r"\b(actua|actuar|act|finge|fingir|pretend|haz de cuenta|roleplay|juega a ser|simula)\b"
        r".{0,20}\b(como|as|que eres|to be|ser|que)\b"
    ),
    re.compile(
        r"\b(eres ahora|ahora eres|ahora seras|you are now|a partir de ahora (eres|seras|vas a|"
        r"responde|responderas)|from now on)\b"
    ),
    re.compile(
        r"\bjailbreak|modo (desarrollador|dios|sin filtro)|developer mode|"
        r"sin restricciones|without (any )?restrictions|no restrictions"
    ),
    re.compile(r"(^|\n)\s*(system|sistema|assistant|asistente|developer)\s*:"),
    re.compile(r"<\|?(im_start|im_end|system)|\[/?inst\]|</?s>|<<sys>>"),
]
# "DAN" ("do anything now") only in capitals: "dan" is an everyday Spanish verb.
_DAN = re.compile(r"\bDAN\b")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_B64_TOKEN = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")


@dataclass(frozen=True)
class ScopeResult:
    verdict: Verdict
    # The one-line reply to send instead of an answer; empty for labor questions.
    reply: str = ""
    # True when the message also tried to change the assistant's rules (it is answered as data).
    injection: bool = False
    # False when no labor word was found and the message is labor only by default: the answer
    # pipeline then asks retrieval whether it reads as another topic (``rag.off_topic``).
    worded: bool = True

    @property
    def in_scope(self) -> bool:
        return self.verdict == "labor"


def _decoded_variants(folded: str, raw: str) -> list[str]:
    """The folded text, its leetspeak reading and any base64 payload it carries."""
    variants = [folded, folded.translate(_LEET)]
    for token in _B64_TOKEN.findall(raw):
        try:
            decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
            variants.append(fold(decoded.decode("utf-8")))
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
    return variants


def looks_like_injection(text: str) -> bool:
    """True when ``text`` tries to change or reveal the assistant's instructions."""
    folded = fold(text)
    if _DAN.search(text):
        return True
    return any(p.search(v) for v in _decoded_variants(folded, text) for p in _INJECTION)


def check_scope(question: str) -> ScopeResult:
    """Classify one message; labor content always wins over every other signal."""
    folded = fold(question).strip()
    if not re_has_letters(folded):
        return ScopeResult("empty", REPLY_EMPTY)
    injection = looks_like_injection(question)
    found = [m.group(0) for m in _LABOR.finditer(folded)]
    # "…aparte de mi chamba, ¿tengo que darme de alta en el SAT?": a work word that only sets
    # the scene does not make another topic a labor question.
    scenery = all(_SCENERY.match(word) for word in found)
    owed = _DEBT.search(folded) is not None or _OTHER_PARTY.search(folded) is not None
    debt = owed and _EMPLOYMENT.search(folded) is None
    if _RECIPE.search(folded) and not injection:
        return ScopeResult("out_of_scope", REFUSAL_OUT_OF_SCOPE)
    if found and not (scenery and _OUT_OF_SCOPE.search(folded)) and not debt:
        return ScopeResult("labor", injection=injection)
    if injection:
        return ScopeResult("injection", REFUSAL_INJECTION, injection=True)
    if _OUT_OF_SCOPE.search(folded) or debt:
        return ScopeResult("out_of_scope", REFUSAL_OUT_OF_SCOPE)
    if _INSULT.search(folded):
        return ScopeResult("insult", REFUSAL_INSULT)
    if _GREETING.match(folded):
        return ScopeResult("greeting", REPLY_GREETING)
    return ScopeResult("labor", worded=False)


def re_has_letters(text: str) -> bool:
    return re.search(r"[a-zñ]", text) is not None
