"""What somebody told the worker ("el patrón dice que…, ¿es cierto?") and whether a rule says
otherwise. Pure: ``claim_told`` finds the claim, ``claim_verdict`` weighs it against one rule."""

from __future__ import annotations

import re

from calc.text import fold
from rag.amounts import quantities, stated_in
from rag.lexical import stems
from rag.polarity import (
    DENIES_RULE,
    EMPLOYER_PAYS,
    JUDGED_PRACTICE,
    NEGATIVE_RULE,
    RESTRICTED,
    SPARED,
    UNJUSTIFIED,
    WORKER_MUST,
    WORKER_PAYS,
    forbids_claim,
)
from rag.query import expand_shorthand
from rag.rules import Rule
from rag.thresholds import conditions_touched

# Who told the worker something, and where what they said starts: "el dueño dice que…",
# "en la empresa me dijeron q…", "mi compadre dice…".
_SAID = re.compile(
    r"\b(?:dice|dicen|dijo|dijeron|me dijo|nos dijo|me dijeron|nos dijeron|me dice|nos dice|"
    r"me dicen|nos dicen|asegura|aseguran|insiste en|alega|alegan|salen? con)"
    # "me dijeron en la constructora que…": where it was said, between the verb and "que".
    r"(?:\s+(?:en|a|al)\s+(?:la|el|mi|su|los|las)?\s*[a-zñ]+)?\s+(?:que|q)\b"
)
# The closing words that ask whether what was told holds ("¿es cierto?", "¿tiene razón?",
# "¿se vale?", "asi es no?"), nothing more.
_JUDGED = re.compile(
    rf"{JUDGED_PRACTICE.pattern}|\b(?:es cierto|es verdad|verdad|asi es|es asi|tiene razon|"
    r"tienen razon|se puede|pueden|puede|es obligatorio|eso)\b"
)
# A belief the worker states and resigns to, asking only to confirm it: "…, ni modo verdad?".
_OWN_BELIEF = re.compile(r"\bni modo\W+(verdad|no)\W*$")
# A claim that reports what was or was not done ("no ha pagado", "nunca me dieron").
_FACT_DENIED = re.compile(
    r"\b(no|nunca|ni)\s+(me |le |nos |les |lo |la |los |las )?(ha|han|habia|habian|hubo|pago|"
    r"pagaron|dio|dieron|deposito|depositaron|aviso|avisaron|entrego|entregaron)\b"
)
# A "no" inside what is claimed ("derecho a no contestar", "para no perder").
_OWN_NO = re.compile(r"\b(a|de|para|por) no\b")
# The words of a claim that tell a loss without a "no" ("se terminó", "pierdo", "desde cero").
_LOST = re.compile(r"\b(termin\w*|acab\w*|pierd\w*|perdi\w*|cero)\b")
# A denial that holds only until something happens, or unless it does.
UNTIL_CLAUSE = re.compile(
    r"\b(hasta (que|q|cumplir|tener)|sino hasta|mientras no|antes de (que|q)?)\b"
)
# A rule that gives the employer a power: "el patrón puede negarse…", "pueden despedirte si…".
EMPLOYER_MAY = re.compile(
    r"\b(el|tu) patron (puede|podra)\b|^(pueden|puede)\b|\bpuede negarse\b|\bpueden despedirte\b|"
    r"\bpuede (terminar|despedir|rescindir|correr)\w*|\bsin responsabilidad para (el|el patron)\b"
)
# A rule that keeps what the worker had: "tus derechos siguen igual", "no afecta tu antigüedad".
_KEEPS = re.compile(
    r"\b(siguen? igual|no (?:se )?afecta\w*|se conserva\w*|conservas?|sigue(?:n)? contando)\b"
)
# A rule that says nothing is due ("no hay indemnización"): it agrees with "no me deben nada".
_NONE_DUE = re.compile(r"\bno hay\b")
# What a claim loses or denies: "no me debe nada", "empieza desde cero", "ya perdí mi puesto".
# "Nomás" ("nada más") narrows, and a claim that narrows what a rule grants is mostly wrong.
_CLAIM_DENIES = re.compile(
    r"\b(no|ni|nunca|nada|tampoco|jamas|desde cero|de cero|perdi\w*|pierd\w*|"
    r"se acaba\w*|se termin\w*)\b"
)
# A duty put on the worker: "primero tengo que ir a conciliación", "necesitas un juicio".
_CLAIM_MUST = re.compile(rf"{WORKER_MUST.pattern}|\b(necesit\w*|ocup\w*|hay (que|q))\b")


def untold_condition(question: str, rule: Rule) -> bool:
    """Whether the rule is bound by a condition or an exception ("solo si…", "salvo que…") the
    question does not speak of: it may be the employer's case, so the rule settles nothing."""
    statement = fold(rule.rule)
    return RESTRICTED.search(statement) is not None and not conditions_touched(question, rule.rule)


def opens_with_yes(rule: Rule) -> bool:
    """Whether the rule opens with its own "Sí" ("Sí pueden descontarte…"): no verdict goes
    before it (never "No. Sí…")."""
    return re.match(r"S[íÍ]\b", rule.rule) is not None


def claim_denies(claim: str) -> bool:
    """Whether a claim denies or loses something ("no me debe nada", "desde cero"); the "no" of
    a right claimed ("derecho a no contestar") is the right's, not a denial, and so is that of a
    concession ("aunque no hagamos nada") and that of "no hay problema" (it is fine)."""
    said = _NO_PROBLEM.sub(" ", _conceded(claim))
    return _CLAIM_DENIES.search(_OWN_NO.sub(" ", said)) is not None


# "Si le firmo el permiso no hay problema": it says the thing is fine, it denies nothing.
_NO_PROBLEM = re.compile(
    r"\bno (?:hay|habra|habria) (?:ningun )?(?:problema|bronca|lio)\b|\bno pasa nada\b"
)
# What a rule grants without something ("sin intereses", "sin costo"): a claim that denies it
# ("no me cobran intereses") says the same.
_WITHOUT = re.compile(r"\bsin ((?:\w+ ){0,2}\w+)")
_DENIED = re.compile(r"\b(?:no|ni|nunca)\s+((?:\w+ ){0,3}\w+)")


def _denied_without(claim: str, statement: str) -> bool:
    """Whether what the claim denies is what the rule says comes without: "no me cobran
    intereses" against "sin intereses ordinarios"."""
    denied = {w[:5] for m in _DENIED.finditer(claim) for w in stems(m.group(1))}
    spared = {w[:5] for m in _WITHOUT.finditer(statement) for w in stems(m.group(1))}
    return bool(denied & spared)


# A concession ("aunque no hagamos nada de lo del 47"): it says when the claim holds too, and its
# "no" denies nothing the claim asserts.
_CONCESSION = re.compile(r"\baunque\b[^,;.]*")


def _conceded(text: str) -> str:
    """The (folded) text without its concessions."""
    return _CONCESSION.sub(" ", text)


def _loss_stated(claim: str, statement: str) -> bool:
    """Whether a loss the claim tells ("se terminó", "por pérdida de…") is one the rule states."""
    return _without_stated_loss(claim, statement) != claim


def _without_stated_loss(claim: str, statement: str) -> str:
    """The claim without the loss words the rule states too ("pérdida de la confianza", "se
    terminó"): what is left may still deny ("y que no me deben nada")."""
    stated = {w[:5] for w in statement.split()}
    return _LOST.sub(lambda m: " " if m.group(0)[:5] in stated else m.group(0), claim)


def _until_own(claim: str, statement: str) -> bool:
    """Whether the claim holds only until or before something ("antes de ir a juicio…") the rule
    does not say the same way ("Antes de demandar…" is the rule's own order)."""
    return any(
        re.search(rf"\b{found.group(0)}\b", statement) is None
        for found in UNTIL_CLAUSE.finditer(claim)
    )


def claim_told(question: str) -> str | None:
    """What somebody told the worker, when the question only asks whether it holds: "el nuevo
    dueño dice que mi antigüedad empieza desde cero, ¿es cierto?" → "mi antigüedad empieza
    desde cero". None when nothing was told, or a question of its own follows the claim
    ("…me dijeron que no me toca, ¿cuánto sería?")."""
    folded = expand_shorthand(fold(question))
    told = next(reversed(list(_SAID.finditer(folded))), None)  # the last one told
    if told is not None:
        said = folded[told.end() :]
    elif re.search(r"\btienen? razon\W*$", folded):
        said = folded  # "mi patrón no me quiere dar aguinaldo, ¿tiene razón?": his stance
    elif _OWN_BELIEF.search(folded):
        said = folded  # "…la empresa ya me tiene que correr, ni modo verdad?": the worker's own
    else:
        return None
    parts = [p for p in re.split(r"[.;!?¿]|,(?=[^,]*$)", said) if p.strip()]
    if not parts:
        return None
    # "…, ¿es cierto?", "…. asi es no?", "… tiene razon?": a closing tag judges the claim; a
    # claim that ends the message unasked ("dice q es su restaurante y tiene derecho") too.
    last = parts[-1]
    if len(parts) > 1:
        rest = _JUDGED.sub(" ", last)
        if re.sub(
            r"\b(o no|no|oiga|eso|esto|entonces|y|pues|de veras|la neta|neta|en serio|a poco|"
            r"de verdad|sera|que|ni modo)\b",
            " ",
            rest,
        ).strip():
            return None
        claim = " ".join(parts[:-1])
    else:
        claim = last
        tag = _JUDGED.search(claim)
        # "…y q eso es legal?" is still the claim's; only a closing tag is cut.
        if tag is not None and not claim[tag.end() :].strip(" ?"):
            claim = claim[: tag.start()]
    claim = claim.strip(" ,")
    return claim if len(claim.split()) >= 2 else None


# A claim that narrows what is due ("solo me toca…", "nomás…") or sets a condition of its own
# ("siempre y cuando…") says more than a rule that agrees with its words.
_NARROWS = re.compile(
    r"\b(solo|solamente|nomas|nada mas|unicamente|namas|siempre y cuando|a fuerza|ya no|"
    r"mientras|aunque|aunq|sin|menos|maximo|cuando mucho|hasta|todas|todos|siempre|y ya)\b"
)
# Of a claim's words, at least this share (and AGREE_STEMS of them) must be the rule's for it to
# say the same thing.
AGREE_SHARE = 0.6
AGREE_STEMS = 2
AGREE_PREFIX = 4


def claim_agrees(claim: str, question: str, rule: Rule, *, least: int = AGREE_STEMS) -> bool:
    """Whether the rule says what was told, as told: "me dijeron q se necesitan minimo 20
    trabajadores" against "se necesitan al menos 20 trabajadores". Every figure of the claim
    is the rule's, most of its words are, and they agree in polarity; a claim that narrows
    ("solo…") or reports a fact, and a rule bound by a condition the story does not speak of,
    never agree for sure. ``least``: how many of the claim's words the rule must share."""
    statement = fold(rule.rule)
    # "Aunque no hagamos nada…" against the rule's own "aunque no sea…": a concession of either
    # narrows nothing, and neither's words are what is claimed.
    claim, statement = _conceded(claim), _conceded(statement)
    if (
        _narrows_more(claim, statement)
        or _FACT_DENIED.search(claim)
        or _until_own(claim, statement)
    ):
        return False
    if untold_condition(question, rule) or opens_with_yes(rule) or WORKER_PAYS.search(claim):
        return False
    if opposed(claim, statement):
        return False
    negative = bool(NEGATIVE_RULE.search(statement) or DENIES_RULE.search(statement))
    # "El máximo son 6 horas" is what "no puede pasar de 6 horas" says; "por pérdida de la
    # confianza" is a loss the rule speaks of too, no denial.
    denies = claim_denies(_without_stated_loss(claim, statement))
    if denies != negative and not _both_ceilings(claim, statement):
        return False
    said = quantities(claim)
    if not all(stated_in(q, quantities(f"{rule.rule} {rule.passage}")) for q in said):
        return False
    # Words compared by their first letters: "despido" is what "despiden" speaks of.
    words = {w[:AGREE_PREFIX] for w in stems(claim) - _FRAME}
    shared = words & {w[:AGREE_PREFIX] for w in stems(statement)}
    return len(shared) >= least and len(shared) >= AGREE_SHARE * len(words)


# A claim's word and the rule's that say opposite things of the same pay: "nos las paga
# sencillas" against "se pagan al doble".
_OPPOSITES = (
    (re.compile(r"\bsencill[ao]s?\b"), re.compile(r"\b(dobles?|al doble|triples?|100 ?%)")),
    (re.compile(r"\b(la mitad|medio (sueldo|salario))\b"), re.compile(r"\b(integro|completo)\b")),
    # "Me calcularon nomás con el sueldo base, sin el bono" against "no es solo la cuota diaria".
    (
        re.compile(
            r"\b(nomas|nada mas|solo|solamente) (con )?(el |mi )?(sueldo|salario) base\b|"
            r"\bsin (el |los |mis )?bonos?\b"
        ),
        re.compile(r"\bno es solo\b|\bse integra\b|\btambien incluye\b"),
    ),
)


def opposed(claim: str, statement: str) -> bool:
    """Whether a claim (or a practice told) says the opposite of the rule's pay."""
    return any(
        (one.search(claim) and other.search(statement))
        or (other.search(claim) and one.search(statement))
        for one, other in _OPPOSITES
    )


# The verbs that frame a claim ("me tienen que dar…", "me toca…") say nothing of its content.
_FRAME = frozenset(stems("toca tocan tienen tiene tenia dar darme dan deben debe hay"))
# A ceiling claimed ("el máximo son 6 horas") agrees with a rule that states a ceiling too.
_CEILING = re.compile(r"\b(maximo|cuando mucho|hasta|no (puede|pueden|debe|deben) pasar)\b")


def _both_ceilings(claim: str, statement: str) -> bool:
    return bool(_CEILING.search(claim) and _CEILING.search(statement))


def ceiling_verdict(claim: str, rule: Rule) -> str | None:
    """A ceiling claimed against a rule's ceiling: "No" when the claim's figure is another in
    the rule's unit ("el máximo son 8 horas" against "no puede pasar de 6 horas"), "" when it
    is the rule's own; None when the two are not both ceilings."""
    if not _both_ceilings(claim, fold(rule.rule)):
        return None
    own = quantities(f"{rule.rule} {rule.passage}")
    said = [q for q in quantities(claim) if q.unit]
    other = [q for q in said if any(o.unit == q.unit for o in own) and not stated_in(q, own)]
    return "No" if other else ""


def _narrows_more(claim: str, statement: str) -> bool:
    """Whether the claim narrows ("solo…", "mientras…", "el máximo…") where the rule does not
    say the same: a ceiling against a rule's ceiling, or the rule's own word, narrows nothing."""
    for found in _NARROWS.finditer(claim):
        word = found.group(0)
        if re.search(rf"\b{word}\b", statement):
            continue
        if _CEILING.match(word) and _CEILING.search(statement):
            continue
        return True
    return False


def claim_verdict(claim: str, question: str, rule: Rule) -> str:
    """ "No" when the rule says otherwise than what was told: a denial ("no me debe nada",
    "desde cero") against a rule that grants or keeps it, a cost put on the worker against a
    rule that puts it on the employer, a duty against a rule that spares it, a claimed power
    against a rule that forbids it. Else ""."""
    statement = fold(rule.rule)
    negative = NEGATIVE_RULE.search(statement) is not None
    if WORKER_PAYS.search(claim):
        return "No" if negative or EMPLOYER_PAYS.search(statement) else ""
    if _CLAIM_MUST.search(claim) and SPARED.search(statement):
        return "No"
    # "El máximo son 6 horas" against "no puede pasar de 6 horas": a ceiling is no prohibition
    # of what was claimed; its figure decides (``ceiling_verdict``).
    ceiling = ceiling_verdict(claim, rule)
    if ceiling is not None:
        return ceiling
    # A condition the story does not speak of may be the employer's case ("salvo que…").
    if untold_condition(question, rule) or opens_with_yes(rule):
        return ""
    # What the rule says must be what the claim is about ("no me toca nada" is not answered by
    # the rule on Sundays).
    # (A rule that keeps everything as it was, "tus derechos siguen igual", speaks of whatever a
    # denial claims lost: "mi antigüedad empieza de cero".)
    keeps = _KEEPS.search(statement) is not None and claim_denies(claim)
    if not keeps and not stems(claim) & stems(f"{rule.rule} {rule.passage}"):
        return ""
    # "Dicen que mi patrón no ha pagado nada" reports a fact, which the law does not settle.
    if _FACT_DENIED.search(claim):
        return ""
    # "Tengo derecho a no contestarle" claims a right: its "no" is the right's, not a denial.
    if claim_denies(claim):
        # "Se terminó sola" against "la relación se termina sola": a loss the rule states too
        # agrees with the claim.
        if _loss_stated(claim, statement):
            return ""
        # "No te tocan vacaciones hasta que cumplas el año" denies only until a condition, which
        # is often the law's own: nothing sure.
        if UNTIL_CLAUSE.search(claim):
            return ""
        # A rule that denies as well ("no reciben utilidades") may agree, and so may one that
        # gives the employer the power claimed ("el patrón puede negarse a reinstalarte").
        # (An unjustified dismissal gives rights: "despido injustificado" denies nothing owed.)
        agrees = (
            NEGATIVE_RULE.search(UNJUSTIFIED.sub(" ", statement))
            or _NONE_DUE.search(statement)
            or DENIES_RULE.search(statement)
            or EMPLOYER_MAY.search(statement)
            or _denied_without(claim, statement)
        )
        return "" if agrees else "No"
    # A claimed power or duty is contradicted by a rule that forbids it.
    return "No" if forbids_claim(statement) else ""
