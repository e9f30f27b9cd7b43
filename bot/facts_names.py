"""Who and where: the employer, the job and the place of work, as the worker named them.

Only names tied to work words ("trabajo en una maquila", "de cajero", "en Tijuana") or known
brands; "mi jefe", "el ingeniero", "la empresa" are not names. Pure; used by bot.facts.
"""

from __future__ import annotations

import re

from bot.facts_text import Text

_BRANDS = (
    "oxxo", "walmart", "walmart express", "bodega aurrera", "aurrera", "soriana", "chedraui",
    "la comer", "costco", "sams", "sam's club", "coppel", "elektra", "liverpool", "suburbia",
    "sears", "sanborns", "home depot", "office depot", "starbucks", "mcdonalds", "mc donalds",
    "burger king", "kfc", "dominos", "little caesars", "vips", "toks", "farmacias guadalajara",
    "farmacias del ahorro", "farmacias similares", "bimbo", "pemex", "cfe", "telmex", "telcel",
    "amazon", "mercado libre", "rappi", "didi food", "didi", "uber eats", "uber", "cabify",
    "indrive", "cornershop", "nissan", "volkswagen", "general motors", "foxconn", "femsa",
    "coca cola", "cinepolis", "cinemex", "3b", "tiendas 3b", "bbva", "banco azteca", "dhl",
    "estafeta", "fedex", "palacio de hierro", "zara", "c&a", "waldos", "oxxo gas", "7 eleven",
    "seven eleven", "circle k", "kiosko", "heb", "grupo modelo",
)  # fmt: skip
_BRAND_RE = re.compile(
    r"\b(" + "|".join(re.escape(b) for b in sorted(_BRANDS, key=len, reverse=True)) + r")\b"
)
_JOBS = (
    "guardia de seguridad", "operador de produccion", "operadora de produccion",
    "operador de montacargas", "ayudante general", "ayudante de cocina", "auxiliar de limpieza",
    "auxiliar administrativo", "auxiliar administrativa", "trabajadora del hogar",
    "trabajador del hogar", "empleada domestica", "agente de ventas", "cajero", "cajera",
    "mesero", "mesera", "repartidor", "repartidora", "chofer", "albanil", "guardia", "velador",
    "albañil",
    "veladora", "vigilante", "vendedor", "vendedora", "despachador", "despachadora", "operador",
    "operadora", "costurera", "costurero", "cocinero", "cocinera", "ayudante", "enfermero",
    "enfermera", "maestro", "maestra", "obrero", "obrera", "intendente", "conserje",
    "secretaria", "recepcionista", "mecanico", "soldador", "electricista", "plomero",
    "carpintero", "pintor", "jardinero", "ninera", "niñera", "cuidadora", "cuidador",
    "promotor",
    "promotora", "almacenista", "montacarguista", "estilista", "barista", "bartender",
    "lavaplatos", "garrotero", "cargador", "empacador", "empacadora", "chalan", "jornalero",
    "jornalera", "programador", "programadora", "contador", "contadora", "cajero", "taxista",
    "operario", "operaria", "supervisor", "supervisora", "gerente", "encargado", "encargada",
    "capturista", "telefonista", "asesor", "asesora", "ejecutivo", "ejecutiva", "analista",
    "tecnico", "tecnica", "chef", "panadero", "panadera", "carnicero", "tortillero",
    "tortillera", "afanadora", "afanador", "trailero", "camionero",
)  # fmt: skip
_JOB_WORDS = frozenset(_JOBS)
_JOB_RE = re.compile(
    r"\b(?:soy|era|fui|trabajo de|trabajo como|trabajaba de|trabajaba como|trabaje de|trabaje como|"
    r"estuve de|estuve como|estaba de|estaba como|entre de|entre como|me contrataron de|"
    r"me contrataron como|chambeo de|chambeaba de|de|como)\s+("
    + "|".join(re.escape(j) for j in sorted(set(_JOBS), key=len, reverse=True))
    + r")\b"
)
_PLACES = (
    "aguascalientes", "baja california sur", "baja california", "campeche", "chiapas",
    "chihuahua", "coahuila", "colima", "durango", "estado de mexico", "edomex", "guanajuato",
    "guerrero", "hidalgo", "jalisco", "michoacan", "morelos", "nayarit", "nuevo leon", "oaxaca",
    "puebla", "queretaro", "quintana roo", "san luis potosi", "sinaloa", "sonora", "tabasco",
    "tamaulipas", "tlaxcala", "veracruz", "yucatan", "zacatecas", "cdmx", "ciudad de mexico",
    "el df", "tijuana", "mexicali", "ensenada", "tecate", "rosarito", "san luis rio colorado",
    "nogales", "agua prieta", "ciudad juarez", "juarez", "ojinaga", "piedras negras", "acuna",
    "ciudad acuna", "nuevo laredo", "reynosa", "matamoros", "monterrey", "guadalajara", "zapopan",
    "tlaquepaque", "leon", "hermosillo", "saltillo", "torreon", "merida", "cancun",
    "playa del carmen", "toluca", "morelia", "culiacan", "mazatlan", "tampico", "villahermosa",
    "tuxtla", "acapulco", "cuernavaca", "pachuca", "tepic", "la paz", "los cabos", "cabo san lucas",
    "chetumal", "celaya", "irapuato", "monclova", "ecatepec", "nezahualcoyotl", "naucalpan",
    "tlalnepantla", "iztapalapa", "apodaca", "guadalupe", "escobedo", "ciudad obregon",
    "los mochis", "xalapa", "coatzacoalcos", "silao", "salamanca", "uruapan", "tehuacan",
    "san juan del rio", "ciudad victoria", "cd juarez", "cd. juarez", "cd obregon",
    "cd. obregon", "cd victoria", "cd. victoria", "cd acuna", "cd. acuna", "delicias",
    "cuauhtemoc", "parral", "ixtapaluca",
)  # fmt: skip
_PLACE_RE = re.compile(
    r"\b(?:en|(?<!soy )(?<!somos )(?<!vengo )(?<!originario )(?<!originaria )(?<!naci en )de|"
    r"aqui en|alla en|en la ciudad de|en el estado de)\s+("
    + "|".join(re.escape(p) for p in sorted(_PLACES, key=len, reverse=True))
    + r")\b"
)
_WORK_VERB = (
    r"\b(?:trabajo|trabajaba|trabaje|trabajando|trabaja|chambeo|chambeaba|chambeando|laboro|"
    r"laboraba|laborando|estuve|soy|entre a trabajar|empece a trabajar|llevo|llevaba|"
    r"reparto|manejo|gano|ganaba|me pagan|me pagaban)\b"
)
# An employer named by a work verb: "en/para/con un(a) …", up to a stop word.
_EMPLOYER_AFTER_VERB = re.compile(
    _WORK_VERB + r"[^,.;!?]{0,100}?\b(?:en|para|con)\s+((?:un|una)\s+[a-z]+(?:\s+[a-z]+){0,3})"
)
_STOP = {
    "en", "y", "como", "desde", "por", "pero", "que", "me", "los", "las", "el", "la", "a", "con",
    "para", "hace", "donde", "porque", "sin", "nos", "se", "le", "les", "mi", "su", "ya", "todo",
    "todos", "cuando", "aunque", "pues", "ahi", "alli", "aqui", "hasta", "durante",
    "del", "al", "o", "ni", "no", "si", "es", "son", "era", "fue", "tengo", "gano", "trabajo",
}  # fmt: skip
# "una maquila de lunes a sábado": after "de", these end the name.
_NOT_OF = {
    "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "sabados", "domingo",
    "domingos", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre", "noche", "manana", "tarde", "planta",
    "mañana",
    "base", "entrada", "tiempo", "medio", "turno", "casa", "ahi",
}  # fmt: skip
# Words that make "un/una X" not an employer: a person, a tool, a thing.
_NOT_EMPLOYER = {
    "jefe", "jefa", "patron", "patrona", "persona", "senor", "senora", "maquina", "moto",
    "señor", "señora",
    "contrato", "problema", "horario", "turno", "dia", "semana", "mes", "ano", "vez", "pregunta",
    "año",
    "companero", "companera", "amigo", "amiga", "cliente", "escalera", "hijo", "hija", "hijos",
    "compañero", "compañera",
    "bebe", "esposo", "esposa", "novio", "novia", "mama", "papa", "caja", "situacion",
    "tarjeta", "cuenta", "nomina", "sobre", "transferencia", "parte", "sola", "app",
    "aplicacion", "plataforma", "obra", "deuda",
}  # fmt: skip


_GERUND = re.compile(r"(?:ando|iendo|yendo)$")


def _phrase(words: list[str]) -> list[str]:
    """An article, a head noun, one adjective or "de" + a noun, cut at the first stop word."""
    kept = words[:2]
    rest = words[2:]
    while rest and len(kept) < 5:
        word = rest[0]
        if word == "de":
            if len(rest) < 2 or rest[1] in _STOP | _NOT_OF | _JOB_WORDS or not rest[1].isalpha():
                break
            kept += rest[:2]
            rest = rest[2:]
            continue
        if word in _STOP or not word.isalpha() or _GERUND.search(word):
            break  # "una casa haciendo la limpieza": the place ends where the verb starts
        kept.append(word)
        rest = rest[1:]
    return kept


# "una deuda de coppel", "compré en walmart": a brand that is not where the worker works.
_NOT_WORK_BEFORE_BRAND = re.compile(
    r"\b(?:deuda|credito|tarjeta|compra|compre|cuenta|prestamo|abono|cliente)"
    r"(?:\s+\w+)?\s+(?:de|del|en|con)\s*$"
)
_GENERIC = {
    "empresa", "compania", "compañia", "negocio", "lugar", "trabajo", "chamba", "jale", "chambita"
}  # fmt: skip


def _brand(text: Text) -> str | None:
    for m in _BRAND_RE.finditer(text.folded):
        if not _NOT_WORK_BEFORE_BRAND.search(text.folded[max(0, m.start() - 30) : m.start()]):
            return text.said(*m.span(1))
    return None


_NAME_AFTER_VERB = re.compile(
    _WORK_VERB + r"[^,.;!?]{0,60}?\b(?:en|para|con)\s+((?:la\s+|el\s+|los\s+)?[a-z0-9&][\w&'-]*"
    r"(?:\s+[a-z0-9&][\w&'-]*){0,2})"
)
_PLACE_WORDS = frozenset(w for p in _PLACES for w in p.split())


def _capitalised(text: Text) -> str | None:
    """ "trabajo en Grupo Lala": a name the worker wrote with capitals (not a place)."""
    for m in _NAME_AFTER_VERB.finditer(text.folded):
        kept: list[tuple[int, int]] = []
        for word in re.finditer(r"[\w&'-]+", m[1]):
            start, end = m.start(1) + word.start(), m.start(1) + word.end()
            capital = text.original[text.origin[start]].isupper()
            if not kept and word[0] in ("la", "el", "los"):
                if capital:
                    kept.append((start, end))
                continue
            if not capital or word[0] in _STOP:
                break
            kept.append((start, end))
        names = [text.folded[a:b] for a, b in kept if text.folded[a:b] not in ("la", "el", "los")]
        common = _PLACE_WORDS | _NOT_EMPLOYER | _GENERIC | {"casa", "home", "office"}
        if names and not all(n in common for n in names):
            return text.said(kept[0][0], kept[-1][1])
    return None


def employer(text: Text) -> str | None:
    folded = text.folded
    brand = _brand(text)
    if brand:
        return brand
    for m in _EMPLOYER_AFTER_VERB.finditer(folded):
        words = m[1].split()
        if len(words) < 2 or words[1] in _NOT_EMPLOYER or words[1] in _STOP:
            continue
        kept = _phrase(words)
        if len(kept) == 2 and kept[1] in _GENERIC:
            continue  # "una empresa": no name
        start = m.start(1)
        end = start + len(" ".join(kept))
        return text.said(start, end)
    return _capitalised(text) or _employer_after_job(text)


_AFTER_JOB = re.compile(r"\s+(?:en|para|con)\s+((?:un|una)\s+[a-z]+(?:\s+[a-z]+){0,3})")


def _employer_after_job(text: Text) -> str | None:
    """ "como ayudante general en una bodega": the place named right after the job."""
    for m in _JOB_RE.finditer(text.folded):
        after = _AFTER_JOB.match(text.folded, m.end())
        if after is None:
            continue
        words = after[1].split()
        if words[1] in _NOT_EMPLOYER or words[1] in _STOP:
            continue
        kept = _phrase(words)
        if len(kept) == 2 and kept[1] in _GENERIC:
            continue
        return text.said(after.start(1), after.start(1) + len(" ".join(kept)))
    return None


# A job sent alone, as the answer to a question no longer asked: "albañil".
_BARE_JOB = re.compile(
    r"^\W*(" + "|".join(re.escape(j) for j in sorted(set(_JOBS), key=len, reverse=True)) + r")\W*$"
)


def job(text: Text) -> str | None:
    m = _JOB_RE.search(text.folded) or _BARE_JOB.match(text.folded)
    if m is None:
        return None
    if m[1] in ("supervisor", "supervisora", "gerente", "encargado", "encargada") and not re.match(
        r"soy|era|fui|trabajo|trabaje|trabajaba|estuve|estaba|entre|me contrataron", m[0]
    ):
        return None  # "el supervisor": a boss, not the worker's job
    return text.said(*m.span(1))


def place(text: Text) -> str | None:
    m = _PLACE_RE.search(text.folded)
    return text.said(*m.span(1)) if m else None
