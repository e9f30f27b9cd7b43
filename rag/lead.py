"""The first sentence of an answer: the verdict, the number or the deadline, from a rule or a fact.

Pure. Picks the best-supported plain-language rule for the question among the retrieved
articles' rules, says "Sí"/"No" only when the rule and the question's polarity make it certain,
and corrects a false premise when the rule contradicts the question's figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from calc.dates import MONTHS
from calc.shifts import hour_ranges
from calc.text import fold
from rag.amounts import Quantity, figures, same_amount
from rag.claims import (
    EMPLOYER_MAY,
    UNTIL_CLAUSE,
    ceiling_verdict,
    claim_agrees,
    claim_denies,
    claim_told,
    claim_verdict,
    opens_with_yes,
    opposed,
    untold_condition,
)
from rag.dated import date_verdict
from rag.definitions import asks_definition
from rag.faults import FIRED, NOT_FROM_WORK, WAIVER, WORK_RISK
from rag.laws import LAWS
from rag.lexical import stems
from rag.passages import special_regime
from rag.polarity import (
    DENIES_RULE,
    EMPLOYER_PAYS,
    JUDGED_PRACTICE,
    NEGATED_QUESTION,
    NEGATIVE_RULE,
    RESTRICTED,
    SPARED,
    WORKER_MUST,
    WORKER_PAYS,
    forbids_claim,
)
from rag.query import expand_shorthand
from rag.rule_exceptions import decides, exception_first, general_first, unnamed_special
from rag.rule_index import (
    GENERIC_STEMS,
    RuleMatch,
    chapter_job,
    jobs_named,
    names_job,
    names_rules_job,
    rules_jobs,
    speaks_to_job,
)
from rag.rule_index import article_id as rule_article
from rag.rules import Rule
from rag.thresholds import (
    BAN_ARTICLE,
    MINIMUM_AGE_ARTICLE,
    MINOR,
    Finding,
    adult,
    asked_unit,
    asks_child_work,
    asks_minor_work_later,
    condition_clauses,
    conditions_told,
    conditions_touched,
    elapsed,
    findings,
    is_minor,
    measures_alike,
    misread,
    personal,
    placed,
    speaks_of,
    states_unit,
    term,
    waiting,
)
from rag.types import Passage

QuestionKind = Literal["yes_no", "how_much", "until_when", "open"]

# A question of at most this many words is one clause: the slang table's reading is its own.
SHORT_FOLLOW_UP = 12
# A rule leads only with at least this much lexical evidence (idf-weighted shared stems).
MIN_RULE_SCORE = 2.0
# How long something takes, asked: "¿cuánto tarda?", "¿cuánto tiempo dura?".
_ASKS_DURATION = re.compile(
    r"\bcuanto (?:tiempo\s+)?(?:se\s+)?(?:puede\s+)?(?:tarda|tardan|tardar|dura|duran|durar)\b"
)
# A rule the worker's figures fit leads only with this share of the best rule's evidence.
FIT_SHARE = 0.1
# Sí/No is said only when the rule is this well supported, holds this share of the question's
# words and its article ranks in the top 2.
CONFIDENT_SCORE = 4.0
CONFIDENT_COVERAGE = 0.5
SURE_SCORE = 30.0
# A false premise is checked against this many of the best rules; a lower one corrects it only
# with this share of the first rule's score.
PREMISE_RULES = 3
# A premise's figure is weighed against this many of the best rules (with half the first one's
# evidence): an article's several rules can push the one that speaks of the figure down.
CORRECTION_RULES = 5
PREMISE_SHARE = 0.5
# A rule of the kind the question asks for ("¿cuánto?" → an amount) weighs this much more.
KIND_BOOST = 1.5
# "¿Cuántas semanas…?" names its unit: a rule stating a figure in that unit weighs this much more.
UNIT_BOOST = 2.0
_UNTIL = re.compile(
    r"\b(hasta|antes de) (cuando|que (dia|fecha))\b|\bcuanto tiempo\b|\bplazo\b|\ben que fecha\b|"
    r"\bcada cuanto\b|"
    r"\bcuando (me |se |lo |la |los |te |nos )*(tienen|tiene|deben|debe|pagan|dan)\b|"
    r"\bque tiempo\b|\bcuantos (dias|meses|anos|años) (tengo|tiene) para\b"
)
_HOW_MUCH = re.compile(
    r"\bcuant[oa]s?\b|\bque porcentaje\b|\bcuanto (me )?(toca|pagan|dan)\b|"
    # "¿Cómo se calcula lo de mi descanso?", "¿cómo me tienen que pagar el domingo?": the amount
    # or the way to figure it, which an amount rule states.
    r"\bcomo (se|me|nos|te|le|les) (calcula|calculan|saca|sacan)\b|"
    r"\bcomo (me|nos|le|les) (tienen?|deben?) (que |q )?(pagar|calcular)\b|"
    r"\bcomo se (paga|pagan)\b"
)
# The tag that asks to confirm what was just said ("así es el trato, ¿no?").
_TAG = re.compile(r"\b(no|verdad|cierto|asi es|es asi)\s*\?")
_YES_NO = re.compile(
    r"\b(es legal|es ilegal|es valido|se vale|se puede|pueden?|puedo|me toca|le toca|"
    r"tengo derecho|tiene derecho|es cierto|verdad|deben?|tienen? que|obligad[oa]s?|esta bien|"
    r"es justo|es justificad[oa]|pierdo|pierde|tiene razon|eso se puede|es normal|es correcto|"
    r"esta permitido)\b|" + _TAG.pattern
)
_PREMISE = re.compile(
    r"\b(es cierto|verdad|me dijeron|me dice|me dicen|dice que|dicen que|dice q|dicen q|segun|"
    r"nos dijo|nos dijeron|nos dice|nos dicen|"
    r"por ley (es|son)|tiene razon|tengo entendido|(?<!\bno )se (que|q)(?! hacer))\b|"
    # "Tengo como 3 años pa reclamarlo, no?": a statement put up to be confirmed.
    r"(?<!\bo )(?<!\bo sea )\bno\s*\?+\W*$"
)
_CALENDAR_DAY = re.compile(rf"\b\d{{1,2}} de (?:{'|'.join(MONTHS)})\b")
# "¿juntas o en partes?" asks to choose, not to confirm.
_ALTERNATIVES = re.compile(
    r"\w\s+o\s+(?!no\b)(?!(?:q|que)(?: (?:sigue|hago|pasa|procede|onda)\b|\W*$))\w"
)
# The case form's topics said along with a follow-up ("salario o prestaciones") choose nothing.
_FORM_TOPICS = re.compile(
    r"\b(salario o prestaciones|acoso o discriminacion|embarazo o maternidad)\b"
)
# Questions about what the employer may do ("¿me pueden…?", "¿es legal?").
_PERMISSION = re.compile(
    r"\b(es legal|es ilegal|es valido|se vale|se puede|me pueden|le pueden|pueden|puede el|puede|"
    r"esta bien|es justo|es justificad[oa]|tiene razon|es normal|es correcto|esta permitido)\b"
)
# Questions about what the worker gets or may do ("¿me toca?", "¿puedo?").
_ENTITLEMENT = re.compile(
    r"\b(me toca|le toca|tengo derecho|tiene derecho|puedo|me deben|me dan|"
    r"me (lo |la |los |las )?tienen? que)\b"
)
# The worker's own "¿me toca algo?" after a denial told.
SOMETHING_ASKED = re.compile(r"\b(me|nos|le) (toca|tocan|corresponde|dan|deben) algo\b")
# Of those, a condition the right hangs on, and an exception to what the rule says.
_CONDITIONED = re.compile(
    r"\b(solo si|solamente si|unicamente si|siempre que|siempre y cuando|mientras|solo cuando|"
    r"solo en)\b|^solo\b"
)
_EXCEPTED = re.compile(r"\b(salvo|excepto|a menos que)\b")
# An exception's words that name no case of its own ("salvo en los casos que marca la ley").
_VAGUE_STEMS = GENERIC_STEMS | stems("casos marca marque senala permite pocos otra cosa acuerden")
# A question that asks which, how or who ("¿qué descuentos me pueden hacer?").
_WH_ASKED = re.compile(r"\s*(que|q|cual|cuales|como|donde|quien|quienes)\s+(?!onda\b|tal\b)\w")
_LOSS = re.compile(r"\b(pierdo|pierde|perderia|perdi|perdio|perdimos)\b")
# "Me descuentan el 5 % de INFONAVIT": a deduction from the pay told, asked about after it.
_DEDUCTED = re.compile(r"\b(me|nos) (descuentan|descontaron|descuenta|desconto|quitan|quitaron)\b")
# "Nos cobra el camión… ¿está bien?": a charge told in the story, asked about after it.
_CHARGED = re.compile(r"\b(me|nos) (cobra|cobran|cobraron|cobro)\b")
# A rule that gives something free of charge.
_FREE = re.compile(r"\b(gratis|gratuit[ao]s?|sin costo|sin cobrarte)\b")
# A premise that denies the worker a right ("no me toca nada", "es mi problema", "ya se lo
# queda el gobierno").
_DENIES = re.compile(
    r"\b(no (me|nos|le|les) (toca|tocan|corresponde|deben|dan|pagan) nada|"
    r"no (me|nos|le|les) (toca|tocan|corresponde)\b|no (tengo|tenemos|tiene) derecho|"
    r"es (mi|su|nuestro) problema|asi es el trato|no (tiene|tienen) (la |ninguna )?obligacion|"
    r"no (soy|somos|es|eres) (su |sus |tu )?"
    r"(trabajador|trabajadora|empleado|empleada)s?|no cuentan?|se (lo|la|los|las) queda\w*|"
    # "me pueden sacar sin pagarme nada", "me quedo sin sueldo", "no tiene que pagar nada".
    r"sin pagar(me|nos|le|les)? nada|me quedo sin (sueldo|salario|pago|paga|nada)|"
    r"no (tiene|tienen) (que|q) pagar(me|nos|le|les)? nada|no (me|nos) (va|van) a pagar nada|"
    # "Este año no hay aguinaldo", "no nos va a dar utilidades".
    r"no (hay|habra|va a haber) (aguinaldo|utilidades|reparto|vacaciones|prima)|"
    r"no (me|nos) (va|van) a (dar|pagar) (el |mi |nuestro |la )?"
    r"(aguinaldo|reparto|utilidades|vacaciones|prima))\b"
)
# A floor the law sets ("debe ser por lo menos el salario mínimo") grants as "tienes derecho".
_FLOOR = re.compile(
    r"\b(por lo menos|al menos|como minimo|nunca (puede|pueden) ser menor|siguen? igual|"
    r"se prorroga\w*|"
    r"se conserva\w*|no se pierde\w*|no los pierdes|no la pierdes|no lo pierdes)\b"
)
_POSITIVE_RULE = re.compile(
    r"\b(tienes derecho|puedes|te toca|te tocan|te corresponde|deben? pagarte|deben? darte|"
    r"te deben|tiene que pagarte|(el|tu) patron (debe|tiene que|esta obligado)|debe pagarte|"
    r"te dan|te tienen que dar)\b"
)
# A story that says the employer paid short ("me los pagaron como día normal nomás").
_SHORT_PAID = re.compile(
    r"\b(me|nos) (lo |la |los |las )?(pagaron|pagan|paga|pago|dieron|dan)\b[^.?!]{0,40}"
    r"\b(nomas|nada mas|solamente|como (un )?dia normal|sencill\w*|normal nomas)\b|"
    # "nomás me las pagan sencillas", "me las pagan como las normales"
    r"\b(me|nos) (lo |la |los |las )?(pagaron|pagan|paga|pago)\s+(sencill\w*|normal(es)?|"
    r"como (las )?normales|igual que las normales)\b"
)
# A duty claimed of the employer: "me tienen que aceptar sí o sí", "a fuerza me regresan".
_DUTY_CLAIMED = re.compile(
    r"\b(me|nos|te|le|lo|la) (tienen|tiene) (que|q) (aceptar|regresar|reinstalar|recibir)\b|"
    r"\bsi o si\b|\ba fuerzas? (me|nos|tienen|tiene)\b"
)
_POWER_CLAIMED = re.compile(r"\b(puede|pueden|podra|podran)\b")
# The tag that asks whether a claim told is true.
_CONFIRM = re.compile(r"\b(es cierto|verdad|asi es|es asi|tiene razon)\b")
# "¿Es obligación del patrón?", "¿la empresa tiene que…?": whether the employer owes it.
_DUTY_ASKED = re.compile(
    r"\b(es|seria) (su |una )?obligac?ion (del|de mi|de la|de el) (patron|empresa|jefe|jefa)\b|"
    r"\b(el patron|la empresa|mi patron|mi jefe|mi jefa) (tiene|esta) (la )?obliga|"
    r"\btienen? (la )?obligacion de (dar|pagar)\w*"
)
_CITED = re.compile(rf"\(Art\. ([^)]+?) ({'|'.join(LAWS)})\)")
_TIME_UNITS = frozenset({"dia", "semana", "mes", "ano", "hora"})
# rag.phasein's sentence on what applies today ("Hoy (4 de diciembre de 2026) aplica un máximo
# de 48 horas a la semana"): when a reform phases in, that is the answer for today.
_TODAY = re.compile(r"Hoy \([^)]*\) aplica un m[aá]ximo de [^;.()]*[^;.() ]")


def today_line(note: str) -> str | None:
    """The "Hoy … aplica un máximo de …" sentence of a phase-in note, if it has one."""
    found = _TODAY.search(note)
    return found.group(0) if found else None


def weigh_today(question: str, now: str) -> str:
    """ "No" or "Sí" when a yes/no question's figure breaks or keeps what applies today ("me
    ponen 10 horas extra a la semana, ¿es legal?" against "hoy aplica un máximo de 9 horas extra
    a la semana"), else "". Hours are weighed against hours, overtime against overtime."""
    folded = fold(question)
    if question_kind(question) != "yes_no" or NEGATED_QUESTION.search(folded):
        return ""
    if not _PERMISSION.search(folded):
        return ""
    limits = [q for q in figures(now) if q.unit == "hora"]
    asked = [q for q in figures(question) if q.unit == "hora"]
    if len(limits) != 1 or len(asked) != 1:
        return ""
    if ("extra" in folded) != ("extra" in fold(now)):
        return ""  # 45 hours a week are not 45 hours of overtime
    # "2 horas extra diario" is no week's count; "me las pagan sencillas" asks the pay.
    if not _A_WEEK.search(folded) or _SHORT_PAID.search(expand_shorthand(folded)):
        return ""
    return "No" if asked[0].value > limits[0].value else "Sí"


# Hours told for a week, as today's limits are.
_A_WEEK = re.compile(r"\b(a la semana|por semana|semanal\w*|esta semana|en la semana|x semana)\b")


@dataclass(frozen=True)
class Lead:
    """The opening sentence and the rules it used (their passages are quoted next)."""

    sentence: str
    rules: tuple[Rule, ...]
    verdict: str = ""  # "Sí", "No" or ""
    corrected: Quantity | None = None


def asks_loss(question: str) -> bool:
    """ "¿pierdo…?": a question asked the other way round."""
    return _LOSS.search(fold(question)) is not None


def confirms_denial(question: str, denies: re.Pattern[str] | None = None) -> str | None:
    """ "El dueño dice que si renuncio no me toca prima de antigüedad, ¿tiene razón?": a denial
    told and asked to be confirmed; the words that agree with it ("en eso tiene razón"), None
    when nothing of the kind is asked. ``denies``: what a denial says, when not a right."""
    told = claim_told(question)
    folded = fold(question)
    if told is None or not (denies or _DENIES).search(expand_shorthand(told)):
        return None
    if not _CONFIRM.search(_own_clause(folded)):
        return None
    return "en eso tiene razón" if "razon" in folded else "es cierto"


# A last question that asks who, where, which or how ("…y la maquila dice que no es su problema.
# ¿A quién le reclamo?"): no yes or no answers it, whatever the story before it says.
_OPEN_LAST = re.compile(
    r"^\W*(?:y |pero |entonces |o sea |osea )?(?:a quien|con quien|ante quien|quien|a donde|"
    r"adonde|donde|cual|cuales|que hago|que puedo hacer|que debo hacer|que procede|que sigue|"
    r"como le hago|como hago|como le hacemos|como funciona|como es eso|como esta eso)\b"
)
# "…, ¿qué jornada es?", "¿qué tipo de contrato tengo?": which one, no yes or no.
_WHICH_LAST = re.compile(
    r"(?:^|,)\W*(?:y |pero |entonces )?(?:que|q) (?:jornada|tipo|turno|clase) (?:es|de|tengo|me)\b|"
    # "¿a mí y a mis hijos q nos toca?", "¿su esposa q puede reclamar?": what, not whether.
    r"\b(?:que|q) (?:me|nos|le|les|te) (?:toca|tocan|corresponde|corresponden)\W*$|"
    r"\b(?:que|q) (?:puedo|puede|podemos|pueden) (?:reclamar|pedir|cobrar)\W*$"
)


def _last_clause(folded: str) -> str:
    """The last sentence or question of a message."""
    parts = [p for p in re.split(r"[.?!¿¡\n]+", folded) if p.strip()]
    return parts[-1] if parts else folded


def asks_whom_or_how(question: str) -> bool:
    """Whether the message's last question asks who, where, which or how."""
    last = _last_clause(fold(question))
    return _OPEN_LAST.search(last) is not None or _WHICH_LAST.search(last) is not None


def question_kind(question: str) -> QuestionKind:
    folded = fold(question)
    if _UNTIL.search(folded):
        return "until_when"
    if _HOW_MUCH.search(folded):
        return "how_much"
    if asks_whom_or_how(question):
        return "open"
    if _YES_NO.search(folded) or folded.rstrip().endswith("?"):
        return "yes_no"
    return "open"


def cite(rule: Rule) -> str:
    return f"(Art. {rule.article} {rule.law})"


# "Tienes derecho a…": an amount the worker is entitled to.
_ENTITLES = re.compile(r"\b(tienes derecho|debe (darte|garantizarte))\b")
# "¿Me las tienen que pagar?": whether something is paid at all.
_PAY_ASKED_PLAIN = re.compile(
    r"\b(me|nos|le|les)( (lo|la|los|las))? (tienen?|deben?) (que |q )?pagar\b|"
    r"\bme (las|los) pagan\b"
)
# "¿Me tienen que pagar algo extra por el domingo?": a payment asked about, which a conditioned
# amount answers ("si trabajas en domingo, te toca una prima dominical…").
_PAY_ASKED = re.compile(
    r"\b(me|nos|le|les) (tienen?|deben?) (que |q )?pagar (algo|extra|aparte|mas)\b|"
    r"\bpagar(me|nos)? (algo )?(extra|aparte|de mas)\b|"
    # "¿Me siguen pagando o me quedo sin sueldo?": whether the pay goes on.
    r"\b(me|nos|le|les) (siguen|seguiran|van a seguir) pagando\b|"
    r"\bme quedo sin (sueldo|salario|paga)\b|"
    r"\b(me|nos) (pagan|van a pagar|deben pagar|tienen que pagar) (esos|esas)\b"
)


# "¿Es mi obligación?", "¿la tengo que poner yo?": whose duty it is, which a duty rule answers.
_OBLIGATION_ASKED = re.compile(
    r"\b(mi|su) obligac?i?on\b|\bobligasion\b|\bestoy obligad[oa]\b|"
    r"\b(la|lo|las|los) tengo (que|q) (poner|pagar|comprar|traer)\b"
)


# "¿Tengo como 3 años pa reclamarlo?", "¿todavía alcanzo a demandar?": the time to claim asked.
_TERM_ASKED = re.compile(
    r"\b(?:tengo|hay|me dan|tienes?) (?:como |hasta )?(?:\d+|un|una|dos|tres|cuatro|cinco|seis) "
    r"(?:a[nñ]os?|meses|mes|dias|semanas) (?:pa|para|de plazo) (?:reclamar|demandar|cobrar)\w*|"
    r"\b(?:tiempo|plazo) (?:tengo |hay |me dan )?(?:pa|para|de) (?:reclamar|demandar|cobrar)\w*|"
    r"\bprescri\w*|\btodavia (?:alcanzo|puedo (?:reclamar|demandar|cobrar))\b|"
    r"\bya (?:se me paso|no puedo (?:reclamar|demandar|cobrar))\b|"
    # "¿Cuántos meses para atrás puedo cobrar?": how far back a claim reaches.
    r"\b(?:pa|para|hacia) atras (?:puedo |se puede |me pueden |me tienen (?:que |q ))?"
    r"(?:cobrar|reclamar|pedir|exigir|demandar|pagar)\w*|"
    # "¿Hasta qué fecha tengo pa meter mi demanda?", "ya las quiero cobrar, ¿todavía se puede?"
    r"\bhasta (?:que|q) (?:fecha|dia) (?:tengo|hay|puedo)\b|"
    r"\b(?:pa|para) (?:meter|poner|presentar|levantar) (?:mi|la|una) (?:demanda|queja)\b|"
    r"\b(?:cobrar\w*|reclamar\w*|demandar\w*)\W+(?:\w+\W+)?(?:todavia|aun) (?:se puede|puedo|"
    r"estoy a tiempo|alcanzo)\b"
)


# A dismissal's own term to claim (two months).
DISMISSAL_TERM_ARTICLE = "518"
# The law's terms to claim (Título Décimo, Arts. 516-522).
_PRESCRIPTION_ARTICLES = frozenset(str(n) for n in range(516, 523))


def _is_term(rule: Rule) -> bool:
    return (rule.law == "LFT" and rule.article in _PRESCRIPTION_ARTICLES) or (
        rule.law == "LSS" and rule.article == "300"
    )


def _wanted(
    rule: Rule, kind: QuestionKind, *, pay: bool = False, duty: bool = False, term: bool = False
) -> bool:
    """Whether the rule is of the kind the question asks for; ``term``: a yes/no question about
    the time to claim, which a deadline answers."""
    stated = figures(rule.rule)
    if kind == "how_much":
        return rule.kind == "amount" or bool(stated)
    if kind == "until_when":
        # ("15 días de salario" is an amount, not a time: no answer to "¿cuándo me lo pagan?".)
        paid_days = re.search(r"\bdias de (?:salario|sueldo)\b", fold(rule.rule)) is not None
        return (
            rule.kind == "deadline"
            or (any(q.unit in _TIME_UNITS for q in stated) and not paid_days)
            or _CALENDAR_DAY.search(fold(rule.rule)) is not None  # "antes del 20 de diciembre"
        )
    if kind == "yes_no":
        # "¿Me tienen que dar chance de comer?": a figure the worker is entitled to ("tienes
        # derecho a un descanso de media hora") answers it as a right does.
        # (Only a conditioned one: "tienes derecho a un aguinaldo de 15 días" does not answer
        # "¿me toca completo?".)
        # So does a conditioned amount when the question asks whether something is paid.
        statement = fold(rule.rule)
        if term:
            return _is_term(rule)
        if pay and rule.kind == "right" and not figures(rule.rule):
            return False  # "¿me pagan esos días?" is not answered by a right that names no pay
        if duty and rule.kind == "duty":
            return True  # "¿es mi obligación poner la herramienta?": the employer's duty says
        return rule.kind in {"verdict", "right"} or (
            rule.kind == "amount"
            and (pay or _ENTITLES.search(statement) is not None)
            and _OPENS_WITH_CONDITION.search(statement) is not None
        )
    return False


def best_rules(
    matches: Sequence[RuleMatch],
    kind: QuestionKind,
    *,
    unit: str | None = None,
    question: str = "",
) -> list[RuleMatch]:
    """Matches re-weighed for the question's kind (and the unit it names), best first, above
    the evidence floor. ``question``: whether it asks about a payment."""
    said = expand_shorthand(fold(question))
    pay = _PAY_ASKED.search(said) is not None
    duty = _OBLIGATION_ASKED.search(said) is not None
    term = _TERM_ASKED.search(said) is not None

    def weight(rule: Rule) -> float:
        boost = KIND_BOOST if _wanted(rule, kind, pay=pay, duty=duty, term=term) else 1.0
        if unit is not None and states_unit(rule.rule, unit):
            boost *= UNIT_BOOST
        return boost

    weighed = [
        RuleMatch(m.rule, m.score * weight(m.rule), m.rank, m.coverage, m.first) for m in matches
    ]
    weighed.sort(key=lambda m: (-m.score, m.rank))
    return [m for m in weighed if m.score >= MIN_RULE_SCORE]


# "Hasta que cumpla 3" with no unit: years (of service or of age) are what one turns.
_SERVICE_YEARS = re.compile(
    r"\b(cumpla|cumplas|cumplir|cumplan) (\d{1,2})\b(?! *(?:anos|años|meses|semanas|dias))"
)


# What the worker has, just before a figure: "junté como 700 semanas", "llevo 20 años ahí".
_OWN_COUNT = re.compile(
    r"\b(?:junte|juntamos|llevo|llevaba|cotice|he cotizado|trabaje)\b"
    r"(?:\s+(?:como|casi|unas?|unos|mas de|apenas|nomas|solo))*\s*$"
)


_ADDED_ON = re.compile(r"\b(?:otros|otras|otro|otra)\s*$")


def _claims(question: str) -> list[Quantity]:
    """The figures a premise claims (none when the question states no premise)."""
    folded = fold(question)
    marker = _PREMISE.search(folded)
    if marker is None:
        return []
    # "renuncié a los 8 meses y me dicen que no me toca nada": the premise is what was said,
    # after the marker; a marker at the end ("…, ¿es cierto?") leaves the whole question.
    after = folded[marker.end() :]
    whole = len(after.split()) < 3
    said = folded if whole else after
    # "Dicen que es hasta que cumpla 3": years of service, as workers count them.
    said = _SERVICE_YEARS.sub(r"\1 \2 anos", said)
    # "Me va a dar otros 30 días de prueba": a figure added on is no total to correct.
    found = [
        q for q in figures(said) if not _ADDED_ON.search(said[: max(0, said.find(fold(q.text)))])
    ]
    if not whole:
        return found
    # The whole question is the premise ("…nomás junté como 700 semanas, ya perdí todo,
    # ¿verdad?"): the worker's own count is a fact told, not a figure claimed.
    return [q for q in found if not _OWN_COUNT.search(said[: max(0, said.find(fold(q.text)))])]


def _comparable(asked: Quantity, rule: Rule) -> list[Quantity]:
    return [
        s for s in figures(f"{rule.rule} {rule.passage}")
        if s.unit == asked.unit or (s.days() is not None and asked.days() is not None)
    ]  # fmt: skip


# A break's length in a rule ("un descanso de al menos media hora"): no measure of the hours
# worked a claim speaks of.
_BREAK_FIGURE = re.compile(r"\bdescanso (?:de )?(?:al menos |por lo menos |minimo )?$")
_BREAK_ASKED = re.compile(r"\b(descans\w*|comer|comida|break|receso|lunch)\b")


def contradiction(question: str, rule: Rule, *, loose: bool = False) -> Quantity | None:
    """The question's figure that the rule contradicts, when the question states a premise and
    the figure speaks of what the rule does. ``loose``: the rule is the worker's own (a minor's
    for a minor), whatever words the claim shares with it."""
    statement = fold(rule.rule)
    for asked in _claims(question):
        if not loose and not measures_alike(question, asked, f"{rule.rule} {rule.passage}"):
            continue
        comparable = _comparable(asked, rule)
        if not _BREAK_ASKED.search(fold(question)):
            comparable = [
                s
                for s in comparable
                if (at := statement.find(fold(s.text))) < 0
                or not _BREAK_FIGURE.search(statement[max(0, at - 30) : at])
            ]
        if comparable and not any(same_amount(asked, s) for s in comparable):
            return asked
    return None


def _kin(one: Rule, other: Rule) -> bool:
    """Whether two rules are of one article or of its lettered siblings (39-A and 39-D: the
    trial period's), so that one's figure may correct what the other forbids."""

    def base(rule: Rule) -> str:
        return re.split(r"[- ]", rule.article, maxsplit=1)[0]

    return one.law == other.law and base(one) == base(other)


def _forbids_claimed(question: str, rule: Rule) -> bool:
    """Whether the rule forbids what a figure of the premise speaks of."""
    text = f"{rule.rule} {rule.passage}"
    return NEGATIVE_RULE.search(fold(rule.rule)) is not None and any(
        measures_alike(question, asked, text) for asked in _claims(question)
    )


def weighs_claim(question: str, rule: Rule) -> bool:
    """Whether the rule states the premise's figure among others of its kind ("8 horas de día,
    7 de noche" for "¿de noche también son 8?"): it settles the premise, but which of its
    figures applies is for the worker to read, so it leads without a verdict."""
    for asked in _claims(question):
        comparable = _comparable(asked, rule)
        if any(same_amount(asked, s) for s in comparable) and any(
            not same_amount(asked, s) for s in comparable
        ):
            return True
    return False


def _main_clause(clause: str) -> str:
    """A question without the clause it asks about: "puedo pedir que ya no me descuenten" →
    "puedo pedir" (its "no" is what is asked for, not a negated question)."""
    found = re.search(r"\s(?:que|q)\s", clause)
    return (
        clause[: found.start()] if found is not None and clause[: found.start()].strip() else clause
    )


def _own_clause(folded: str) -> str:
    """The question's own last clause: "ni me preguntaron… ¿pueden?" → " pueden"."""
    return re.split(r"[.,;!?¿]", folded.rstrip(" ?¿"))[-1]


# The words of a tag that only judges what was told ("así está bien, ¿no?", "¿eso se vale?").
_TAG_STEMS = stems(
    "asi esta bien no eso se puede es legal vale pueden hacer razon justo permitido "
    "normal correcto cierto verdad ilegal"
)


def _judged_clause(folded: str) -> str:
    """The clause a question asks about: its own last clause, or, when that is a bare tag ("…,
    le piden horas extra, ¿así está bien?"), the tag with the clause told before it."""
    parts = [p for p in re.split(r"[.,;!?¿]", folded.rstrip(" ?¿")) if p.strip()]
    if len(parts) > 1 and not stems(parts[-1]) - GENERIC_STEMS - _TAG_STEMS:
        return f"{parts[-2]} {parts[-1]}"
    return parts[-1] if parts else ""


def denies_right(folded: str) -> bool:
    """Whether the (folded) question states a premise that denies the worker a right and asks
    to confirm it: "el dueño dice que no me toca nada", "así es el trato, ¿no?"."""
    folded = expand_shorthand(folded)
    # "No me toca hasta que cumpla el año" denies only until then: often the law's own rule.
    if UNTIL_CLAUSE.search(folded):
        return False
    return _DENIES.search(folded) is not None and (
        _PREMISE.search(folded) is not None or _TAG.search(folded) is not None
    )


def _restricted(question: str, statement: str) -> bool:
    """Whether the (folded) rule's condition or exception keeps it from settling a yes/no: a
    condition always does ("solo si…"); an exception ("salvo para una pensión alimenticia")
    only when the question speaks of its case. A debt to a bank is not a child's support."""
    if _CONDITIONED.search(statement):
        return True
    found = _EXCEPTED.search(statement)
    if found is None:
        return False
    # "Salvo en los casos que marca la ley" names no case: the rule's verdict stands, and the
    # answer quotes the exception with it.
    case = stems(re.split(r"[;.]", statement[found.end() :])[0]) - _VAGUE_STEMS
    return bool(case & stems(question))


# Words a forbidding clause shares with nearly every question ("puede", "pagar").
_PLAIN_PREFIXES = frozenset({"pued", "pode", "debe", "tien", "hace", "paga", "dar", "trab"})


def _prefixes(text: str) -> set[str]:
    return {stem[:4] for stem in stems(text) - GENERIC_STEMS} - _PLAIN_PREFIXES


def names_forbidden(question: str, rule: Rule) -> bool:
    """Whether the rule forbids something and the question names it, by at least two of its
    words: "me cobra 10 % de interés" for "no puede cobrarte intereses por esa deuda", "me
    ponen multa" for "está prohibido que te pongan multas" (a word's first four letters count,
    so "descuentan" names "descontártelo")."""
    statement = fold(rule.rule)
    found = NEGATIVE_RULE.search(statement)
    if found is None or _restricted(fold(question), statement):
        return False
    forbidden = re.split(r"[;.]", statement[found.start() :])[0]
    named = _prefixes(question)
    # One word of what is forbidden will do when the rest of the rule names the worker's case
    # ("si ganas el salario mínimo, no pueden descontártelo" for "gano el mínimo y me
    # descuentan el uniforme").
    shared = len(_prefixes(forbidden) & named)
    return shared >= 2 or (shared == 1 and len(_prefixes(statement) & named) >= 3)


# "¿Cuenta como accidente de trabajo?": a question that asks whether something counts as, or
# is taken for, what the rule says it counts as.
_COUNTS = re.compile(
    r"\b(cuentan?|se consideran?|valen?|forman? parte)\s+(?:como\s+|de\s+)?((?:\w+\s*){1,3})"
)


def echoed(asked: str, statement: str) -> str:
    """ "Sí" when the rule says the thing counts as what the (folded) question's own clause
    asks about ("sí cuenta como accidente de trabajo" for "¿cuenta como accidente de trabajo?"),
    "No" when it says it does not; else ""."""
    question = _COUNTS.search(asked)
    if question is None:
        return ""
    verb = question.group(1).split()[-1][:4] if " " in question.group(1) else question.group(1)[:4]
    for said in _COUNTS.finditer(statement):
        if said.group(1)[:4] != verb and said.group(1).split()[-1][:4] != verb:
            continue
        if not {w[:5] for w in stems(question.group(2))} & {w[:5] for w in stems(said.group(2))}:
            continue
        before = statement[: said.start()].split()[-2:]
        return "No" if "no" in before else "Sí"
    return ""


# Words every situation shares ("casa" is no generic word here, though "caso" stems alike).
_EVERYWHERE = frozenset({"traba", "patro", "tiene", "perso", "empre"})


# On the way ("iba pa la chamba", "de camino al trabajo", "regresaba a mi casa").
_ON_THE_WAY = re.compile(
    r"\b(iba|ibamos|rumbo|camino|regresaba|regresando|venia|viniendo|llegando|saliendo)\b"
)


def _situation_told(question: str, rule: str) -> bool:
    """Whether each condition of the rule shares a word of its own with the question, besides
    those of what it grants: "iba de mi casa a la chamba" for "si tienes un accidente yendo de
    tu casa al trabajo, sí cuenta como accidente de trabajo"; a bare "me atropellaron" no."""
    asked = {stem[:5] for stem in stems(question)}
    if _ON_THE_WAY.search(question):  # "iba pa la chamba" tells the way as "yendo" does
        asked |= {stem[:5] for stem in stems("yendo de casa")}
    granted = {stem[:5] for stem in stems(" ".join(m.group(0) for m in _COUNTS.finditer(rule)))}
    for clause in condition_clauses(rule):
        own = {stem[:5] for stem in stems(clause)} - granted - _EVERYWHERE
        if own and not own & asked:  # (a folded "sí cuenta…" reads as a clause of its own)
            return False
    return True


# Whether the worker may be fired ("¿me pueden correr?"), and a rule that says the job goes on.
_FIRING_ASKED = re.compile(
    r"\b(?:me|nos|lo|la) (?:pueden|puede) (?:correr|despedir|sacar|dar de baja)\b|"
    r"\b(?:pueden|puede) (?:correrme|despedirme|sacarme|correrla|correrlo)\b"
)
_FIRING_MEANT = re.compile(
    r"\b(?:me|nos) (?:quieren|quiere|van a|va a) (?:correr|despedir|sacar)\b"
)
_NOT_ENDED = re.compile(
    r"\bno (?:lo |la |te |se )?termina\b|\bno (?:te )?pueden? (?:despedir|correr)"
)
# A whole amount asked about ("¿me toca completo?") and a rule that gives a share of it.
_WHOLE_ASKED = re.compile(r"\b(complet[oa]s?|enter[oa]|integr[oa])\b")
_PROPORTIONAL = re.compile(r"\bproporcional\b")


_FAULT_RULE = re.compile(r"\bpuedes (?:dejar el trabajo|irte|renunciar) por su culpa\b")
_EMPLOYER_ACT_ASKED = re.compile(
    r"\b(?:se puede(?: hacer)?|es legal|se vale|pueden hacer|puede hacer|esta permitido|"
    r"tiene derecho|tienen derecho)\b"
)
_WORKER_LEAVING = re.compile(
    r"\b(?:puedo|me puedo|podria|irme|salirme|renunciar|dejar el trabajo|me voy|me salgo)\b"
)
_ONLY_FOR_CAUSE = re.compile(r"^solo pueden despedirte\b.*\bcausa justificada\b")
_REFUSAL_FIRING = re.compile(
    r"\bsi (?:no (?:acepto|aceptamos|quiero|me cambio|firmo)|me niego|nos negamos)\b[^.?]{0,40}"
    r"\b(?:correr(?:me)?|corre|corren|despedir(?:me)?|despide|sacar(?:me)?)\b"
)
_DANGEROUS_FOR_MINORS = re.compile(r"^para menores de 18\b.*\blabor peligrosa\b")


def verdict(question: str, rule: Rule) -> str:
    """ "Sí" or "No" when the rule settles the yes/no question for sure, else ""."""
    folded, statement = expand_shorthand(question), fold(rule.rule)
    own = _own_clause(fold(folded))  # the question's own clause, without the story before it
    told = claim_told(question)
    # "Mi chamaco de 16 de chalán en la obra, ¿se puede?" against "para menores de 18, … se
    # considera labor peligrosa": no (Art. 175 forbids it to them).
    if _DANGEROUS_FOR_MINORS.search(statement) and not RESTRICTED.search(statement):
        may = _PERMISSION.search(own) or re.search(r"\b(puedo|puede|podria)\b", own)
        if may or told is not None:
            return "No"
    # "Me bajaron el sueldo, ¿se puede hacer eso?" against "si tu patrón te baja el sueldo,
    # puedes dejar el trabajo por su culpa": what lets the worker leave is the employer's fault,
    # so no. (Not "¿me puedo ir?", which asks the worker's way out.)
    if (
        _FAULT_RULE.search(statement)
        and _EMPLOYER_ACT_ASKED.search(own)
        and not _WORKER_LEAVING.search(own)
    ):
        return "No"
    # "¿Y si no acepto (el cambio de turno) me puede correr?" against "solo pueden despedirte por
    # una causa justificada": refusing a change is none of the law's causes, so no.
    if _ONLY_FOR_CAUSE.search(statement) and _REFUSAL_FIRING.search(fold(folded)):
        return "No"
    # A claim told is weighed as a claim: "¿tiene razón?" after "el patrón tenía que darme el
    # motivo por escrito" is no permission asked of a rule that calls a dismissal unjustified.
    if told is not None:
        said = claim_verdict(told, question, rule)
        if said:
            return said
        # "Me dijeron que se necesitan mínimo 20 trabajadores, ¿es cierto?" against the rule
        # that says so: yes.
        if claim_agrees(told, question, rule):
            return "Sí"
        # A ceiling claimed against the rule's ceiling was settled by its figure above: no
        # prohibition to read into it below.
        if ceiling_verdict(told, rule) is not None:
            return ""
    # "Nos las paga sencillas, ¿es legal?" against "se pagan al doble": no.
    if opposed(fold(folded), statement) and (
        _PERMISSION.search(own) or _CONFIRM.search(fold(folded))
    ):
        return "No"
    # "¿Me pueden correr?" against a rule that keeps the job ("suspende tu trabajo…; no lo
    # termina"): no.
    if _FIRING_ASKED.search(own) and _NOT_ENDED.search(statement):
        return "No"
    # "…y ya me quieren correr, ¿es legal eso?" against the same rule: no.
    if (
        _FIRING_MEANT.search(fold(folded))
        and _PERMISSION.search(own)
        and _NOT_ENDED.search(statement)
    ):
        return "No"
    # "¿El aguinaldo me toca completo?" against "te toca la parte proporcional": no.
    # (Asked in the question's own clause: "la luz la pago yo completa" asks nothing whole.)
    if _WHOLE_ASKED.search(own) and _PROPORTIONAL.search(statement):
        return "No"
    # "¿Tiene razón?", "¿es cierto?" after a claim judge the claim, not a practice: a rule that
    # forbids something else answers nothing.
    confirming = told is not None and _CONFIRM.search(own) is not None
    # "Me dicen que no me toca nada, ¿así es, no?" against a rule that grants it: no.
    # A condition the story speaks of ("mientras dure ese trabajo" to a worker re-hired every 3
    # months) still says no to "me pueden sacar sin pagarme nada".
    # ("¿Me siguen pagando o me quedo sin sueldo?" asks to choose: neither "Sí" nor "No".)
    choice = _ALTERNATIVES.search(_FORM_TOPICS.sub(" ", own)) is not None
    if (
        denies_right(folded)
        and _grants(rule)
        and not untold_condition(question, rule)
        and not choice
    ):
        # "RH dice que no me toca nada. ¿Me toca algo?": the worker's own question is answered.
        if SOMETHING_ASKED.search(own) and not NEGATED_QUESTION.search(own):
            return "Sí"
        return "No"
    charged = _CHARGED.search(folded) is not None
    asked = folded
    # The question's own clause: "ni me preguntaron… ¿pueden?" asks no negated question.
    folded = _own_clause(folded)
    # "¿Puedo pedir que ya no me descuenten?": the "no" of the clause asked for negates nothing
    # (a claim told, "me dijeron que no tengo derecho…", keeps its every word).
    scope = _main_clause(folded) if told is None else folded
    if NEGATED_QUESTION.search(scope.replace(" o no", " ")) or _ALTERNATIVES.search(folded):
        return ""  # "¿no me toca…?", "ya no puedo…", "¿A o B?": polarity too easy to get wrong
    if _WH_ASKED.match(folded):
        return ""  # "¿qué descuentos me pueden hacer?" asks which, not whether
    # "¿Tengo que firmarla?" against "que te exijan firmar hojas en blanco… es improcedente",
    # whatever time the rule's demand is made in ("en cualquier momento mientras trabajas").
    if _demand_forbidden(folded, statement):
        return "No"
    # "¿Eso lo tengo que pagar yo?" against "las comisiones las paga el patrón": whatever else
    # the rule makes conditional, the cost is the employer's.
    if WORKER_PAYS.search(folded) and EMPLOYER_PAYS.search(statement):
        return "No"
    # "¿Esa media hora cuenta como trabajada?" against "ese tiempo cuenta como tiempo
    # trabajado", when the story speaks of the rule's condition.
    counts = echoed(folded, statement)
    if counts and _situation_told(asked, rule.rule) and not _restricted(asked, statement):
        return counts
    if _restricted(asked, statement) or opens_with_yes(rule):
        return ""  # a condition, or a rule that opens with its own "Sí" (never "No. Sí…")
    negative = NEGATIVE_RULE.search(statement) is not None
    positive = _POSITIVE_RULE.search(statement) is not None and not negative
    # "El dueño dice que las propinas son para él, ¿es cierto?" against a rule that forbids
    # what he claims: no. (A claim with its own "no" is a denial's, weighed above.)
    claim = _PREMISE.search(asked)
    if claim is not None and forbids_claim(statement) and _CONFIRM.search(folded):
        said = asked[claim.end() :]
        if not NEGATED_QUESTION.search(said.replace(" o no", " ")):
            return "No"
    if WORKER_PAYS.search(folded) or (charged and _PERMISSION.search(folded)):
        return "No" if negative or EMPLOYER_PAYS.search(statement) else ""
    # "Me descuentan el 5 % de INFONAVIT, ¿es legal?" against what the employer must pay: no.
    if _DEDUCTED.search(asked) and _PERMISSION.search(folded) and EMPLOYER_PAYS.search(statement):
        return "No"
    if WORKER_MUST.search(folded) and SPARED.search(statement):
        return "No"  # "¿tenemos que hacer juicio sucesorio?" against "sin juicio sucesorio"
    if _LOSS.search(folded):
        return "No" if positive else ""
    if _ENTITLEMENT.search(folded) or _DUTY_ASKED.search(folded):
        if DENIES_RULE.search(statement):
            return "No"
        return "Sí" if positive else ""
    # "La encargada no nos deja sentarnos, ¿eso lo pueden hacer?" against the duty to give
    # seats: the employer withholds what the rule grants.
    if _withholds_granted(asked, folded, rule):
        return "No"
    if _PERMISSION.search(folded) and not confirming:
        # "Me los pagaron como día normal nomás, ¿está bien así?" against what the employer
        # must pay: no.
        if positive and _SHORT_PAID.search(asked):
            return "No"
        return "No" if negative else ""
    return ""


# A rule that calls a demand unlawful: "que te exijan firmar hojas en blanco… es improcedente".
_DEMAND_FORBIDDEN = re.compile(
    r"\bque te (?:exijan|obliguen a|pidan) (\w+)\b.*\b(?:improcedente|prohibid\w*)\b|"
    r"\bno (?:te )?pueden (?:exigirte|obligarte a) (\w+)"
)


def _demand_forbidden(asked: str, statement: str) -> bool:
    """Whether the worker asks if they must do ("¿tengo que firmarla?") what the rule says the
    employer may not demand, the same verb in both."""
    must = WORKER_MUST.search(asked)
    found = _DEMAND_FORBIDDEN.search(statement)
    if must is None or found is None:
        return False
    demanded = (found.group(1) or found.group(2))[:4]
    return any(w[:4] == demanded for w in asked[must.end() :].split()[:3])


# The employer withholding something: "no nos deja sentarnos", "no me dan mis vacaciones".
_WITHHELD = re.compile(
    r"\b(no|nunca) (me|nos|le|les) (deja|dejan|dejo|dejaron|da|dan|dio|dieron|paga|pagan|pago|"
    r"pagaron|quiere dar|quieren dar|quiere pagar|quieren pagar|va a dar|van a dar|va a pagar|"
    r"van a pagar|respeta|respetan)\b"
)
# How many words after the withholding verb name what is withheld.
_WITHHELD_WORDS = 6


def _withholds_granted(asked: str, own: str, rule: Rule) -> bool:
    """Whether the question judges a practice ("¿eso lo pueden hacer?") in which the employer
    withholds what the rule grants outright, the story speaking of its condition."""
    found = _WITHHELD.search(asked)
    if found is None or not JUDGED_PRACTICE.search(own) or not _grants(rule):
        return False
    statement = fold(rule.rule)
    if untold_condition(asked, rule) or _restricted(asked, statement) or opens_with_yes(rule):
        return False
    withheld = stems(" ".join(asked[found.end() :].split()[:_WITHHELD_WORDS])) - GENERIC_STEMS
    return bool(withheld & stems(f"{rule.rule} {rule.passage}"))


# A rule that says how something is paid ("las horas extra se pagan al doble"): it is paid.
_PAID = re.compile(r"\bse (te )?pagan?\b")


def _grants(rule: Rule) -> bool:
    """Whether the rule grants the worker something outright (or sets a floor), forbidding
    nothing."""
    statement = fold(rule.rule)
    grants = _POSITIVE_RULE.search(statement) or _FLOOR.search(statement) or _PAID.search(statement)
    return bool(grants) and not NEGATIVE_RULE.search(statement)


# A rule for a work risk ("si un accidente o una enfermedad de trabajo te incapacita").
_WORK_RISK_RULE = re.compile(
    r"\b(riesgo de trabajo|riesgos de trabajo|(accidentes?|enfermedad(es)?) (o una enfermedad )?"
    r"de trabajo|accidente de trabajo|enfermedad profesional)\b"
)


def _not_from_work(story: str, rule: Rule) -> bool:
    """Whether the rule is for a work risk and the story says the illness or injury did not
    come from work ("tengo una hernia, no es del trabajo"): it leads nothing then."""
    statement = fold(rule.rule)
    if not _WORK_RISK_RULE.search(statement) or re.search(r"\bno (es|viene)\b", statement):
        return False
    return NOT_FROM_WORK.search(fold(story)) is not None


# A rule for an illness or an injury that did not come from work (Art. 42-II, Arts. 96-104 LSS).
_NOT_WORK_RISK_RULE = re.compile(r"\bno (es|viene) (de|del) trabajo\b")


def _from_work(story: str, rule: Rule) -> bool:
    """Whether the rule is for an illness not from work and the story tells an injury at work
    ("me lastimé la mano en la obra"): the IMSS's work-risk benefits are the worker's, not the
    60 % from the fourth day."""
    if not _NOT_WORK_RISK_RULE.search(fold(rule.rule)):
        return False
    folded = fold(story)
    if NOT_FROM_WORK.search(folded):
        return False
    # (An accident told, not a place: "llevo 2 años en la empresa y me enfermé" is no work risk.)
    return WORK_RISK.search(folded) is not None


# A rule for mothers ("si tu salud o la de tu bebé corre peligro", "mientras das pecho") and
# the words that tell a pregnancy, a birth or a baby.
_MOTHERHOOD_RULE = re.compile(
    r"\b(embaraz\w*|tu bebe|das pecho|lactancia|parto|madres trabajadoras)\b"
)
_MOTHERHOOD_TOLD = re.compile(
    r"\b(embaraz\w*|bebe|parto|lactan\w*|pecho|maternidad|nacimiento|naci\w*|cesarea|"
    r"alivi\w*|encarg\w*|panza|madres?|mama|hij[oa]s?|nin[oa]s?|adopt\w*|leche|a luz|"
    r"incapacidad (pre|post)natal)\b"
)


# A leave for a birth or an adoption, and an injury or illness told.
_LEAVE_TOLD = re.compile(
    r"\b(embaraz\w*|parto|pari|adopt\w*|maternidad|bebe|naci\w*|cesarea|"
    # "cuando me alivie": when the baby is born (an illness told is an injury below).
    r"me alivie|me alivio|me voy a aliviar|aliviarme)\b"
)
_INJURY_TOLD = re.compile(
    r"\b(accident\w*|me cai|caida|lastim\w*|fractur\w*|quem\w*|cort[eo]|herid\w*|lesion\w*|"
    r"golpe\w*|machuc\w*|enferm\w*|riesgo|infarto|hernia|gripa|covid|operacion|cirugia)\b"
)


# Título Noveno of the LFT: work risks (Arts. 472-515).
_WORK_RISK_ARTICLES = range(472, 516)


def _work_risk_article(rule: Rule) -> bool:
    number = re.match(r"\d+", rule.article)
    return rule.law == "LFT" and number is not None and int(number.group()) in _WORK_RISK_ARTICLES


def _leave_not_injury(story: str, rule: Rule) -> bool:
    """Whether the rule is for a work risk and the story's only incapacity is a maternity or an
    adoption leave ("vamos a adoptar… no me toca ninguna incapacidad"): no injury, no Art. 491."""
    statement = fold(rule.rule)
    # (A rule for both, "la maternidad y el riesgo de trabajo cuentan para las utilidades", is
    # the leave's too.) Título Noveno's rules are all for work risks, named or not ("si a los 3
    # meses de incapacidad todavía no puedes volver…", Art. 491).
    work_risk = _WORK_RISK_RULE.search(statement) is not None or _work_risk_article(rule)
    if not work_risk or _LEAVE_TOLD.search(statement):
        return False
    folded = fold(story)
    return _LEAVE_TOLD.search(folded) is not None and _INJURY_TOLD.search(folded) is None


# A rule for fathers, and the words by which a woman tells of herself ("como no la parí").
_FATHER_RULE = re.compile(r"\bsi eres (papa|padre)\b")
_WOMAN_TOLD = re.compile(
    r"\b(pari|la pari|lo pari|di a luz|embarazad\w*|soy (su |la )?(mama|madre)|mi esposo|"
    r"(soy|estoy) (una )?(mesera|cajera|enfermera|maestra|vendedora|empleada|trabajadora|cocinera|"
    r"secretaria|recepcionista|costurera|obrera|madre soltera)|madre adoptiva|mama adoptiva)\b"
)


def _not_a_father(story: str, rule: Rule) -> bool:
    """Whether the rule is for fathers and the story is a woman's: "vamos a adoptar a una niña…
    como no la parí" is asked of the adoptive mother's six weeks, not the father's 5 days."""
    return bool(_FATHER_RULE.search(fold(rule.rule)) and _WOMAN_TOLD.search(fold(story)))


# A rule for minors ("menores de 15", "si eres menor de 18").
_MINORS_RULE = re.compile(
    r"(?<!hijos )(?<!hijas )(?<!hijo )(?<!hija )\bmenor(?:es)? de (?:1[0-8]\b|edad)|"
    r"\bedad minima\b|\bsi tienes 1[0-7] (?:anos|años)\b|\bmenos de 1[0-8] (?:anos|años)\b|"
    r"\bentre 1[0-8] y 1[0-8] (?:anos|años)\b"
)
# Someone else's age the story tells: a child, a relative, a young worker spoken of.
_SOMEONE_YOUNG = re.compile(
    r"\b(?:hij|sobrin|niet|herman|chamac|muchach|chav|nin)[oa]s?\b|\bmenor(?:es)?\b"
)


# Anything in a story that may tell a young age: an age, a child, school, "menor".
_AGE_TOLD = re.compile(
    r"\bedad\b|\bmenor|\bnin[oa]s?\b|\bhij[oa]|\bsobrin|\bchamac|\bescuela|\bsecundaria|"
    r"\bprepa|\ba[nñ]os\b|\bjoven|\bestudi|\b1[2-7]\b"
)


def _no_minor(story: str, rule: Rule, *, regime: str = "") -> bool:
    """Whether the rule is for minors and the story is no minor's: it tells the worker's own
    adult age with no young person in it ("tengo 54 años y ya no me contratan por mi edad"), or
    nothing of anyone's age (the form's ``regime`` read too): "a las chavas nos pagan menos que
    a los chavos" is not asked of Art. 23's minors under 15, nor a closed mine of Art. 343-C's
    ban on minors."""
    if not _MINORS_RULE.search(fold(rule.rule)):
        return False
    folded = fold(story)
    if adult(folded) and _SOMEONE_YOUNG.search(folded) is None:
        return True
    return _AGE_TOLD.search(fold(f"{story} {regime}")) is None


# A medical discharge ("el IMSS me dio de alta" after an incapacity), not a registration.
_DISCHARGED = re.compile(
    r"\b(?:me|lo|la|le) (?:dieron|dio|van a dar|dan) (?:de )?alta\b(?! en el (?:imss|seguro))"
)
_CARE_TOLD = re.compile(r"\bincapaci|\bhospital|\bdoctor|\bmedic|\boperaron|\bcirugia|\briesgo de")
_REGISTRATION_RULE = re.compile(r"\balta en el (?:imss|seguro|instituto)|\binscribirte\b")


def _discharged(story: str, rule: Rule) -> bool:
    """Whether the story's "ya me dieron de alta" is a medical discharge (after an incapacity)
    and the rule is about being registered with the IMSS."""
    folded = fold(story)
    return bool(
        _REGISTRATION_RULE.search(fold(rule.rule))
        and _DISCHARGED.search(folded)
        and _CARE_TOLD.search(folded)
        and not re.search(
            r"\bno (?:me|lo|la|le) (?:han |habian )?(?:dado|dieron|dio) de alta", folded
        )
    )


# A rule for a job still held, and a story of one that ended ("renuncié hace 7 días").
_STILL_WORKING_RULE = re.compile(r"\bmientras (sigues|sigas) trabajando\b")
_JOB_ENDED = re.compile(
    r"\b(renuncie|me sali|deje (el|la) (trabajo|chamba)|ya no trabajo (ahi|alli|en)|"
    r"(termino|se acabo|se termino) mi contrato)\b"
)


def _job_over(story: str, rule: Rule) -> bool:
    """Whether the rule holds only while the worker still works there ("no te pueden pagar las
    vacaciones en dinero mientras sigues trabajando") and the story says the job ended."""
    if not _STILL_WORKING_RULE.search(fold(rule.rule)):
        return False
    folded = fold(story)
    return _JOB_ENDED.search(folded) is not None or FIRED.search(folded) is not None


def _not_a_mother(story: str, rule: Rule) -> bool:
    """Whether the rule is for a pregnant or nursing worker and the story tells of no pregnancy,
    birth or baby: "me manda whats a las 10 de la noche" is not asked of Art. 166."""
    statement = fold(rule.rule)
    # (A rule that names pregnancy among the grounds of discrimination is for anyone.)
    if not _MOTHERHOOD_RULE.search(statement) or "discrimina" in statement:
        return False
    return _MOTHERHOOD_TOLD.search(fold(story)) is None


# A workplace that is a business, not a home, a field or an app ("me corrieron de la zapatería").
_BUSINESS_TOLD = re.compile(
    r"\b(de|en|a) ((la|el|una|un|esta|este|mi) )?(\w+eria|tienda|fabrica|maquila|oficina|"
    r"restaurante?|fonda|farmacia|super|supermercado|almacen|bodega|taller|obra|banco|escuela|"
    r"hospital|clinica|hotel|call center|gasolinera|estetica|refaccionaria|abarrotes|"
    r"minisuper|oxxo|cocina economica|empresa|empacadora|congeladora|embotelladora|"
    r"purificadora|despacho|cine|gimnasio|sucursal|plaza comercial)\b"
)


def _elsewhere(story: str, rule: Rule) -> bool:
    """Whether the rule speaks to a special job ("como trabajadora del hogar…") the story does
    not name, and the story names a business as the workplace ("me corrieron de la zapatería
    cuando supieron que estoy embarazada"): it leads nothing then."""
    folded = fold(story)
    if not rules_jobs(rule) or names_rules_job(folded, rule):
        return False
    return _BUSINESS_TOLD.search(folded) is not None


def foreign_chapters(story: str, passages: Sequence[Passage]) -> frozenset[str]:
    """The retrieved articles of a special job's chapter (Título Sexto) the story does not name,
    when it names a business as the workplace or another special job: "despachador en una
    gasolinera" is not asked of the chapter on hotels and restaurants (Art. 347's tips)."""
    folded = fold(story)
    # So is another special job named ("chofer de autobús foráneo": not the apps' chapter).
    if _BUSINESS_TOLD.search(folded) is None and not jobs_named(folded):
        return frozenset()
    return frozenset(
        p.article_id
        for p in passages
        if special_regime(p) and chapter_job(p) is not None and not names_job(folded, p)
    )


def _meets(said: set[str], own: set[str]) -> int:
    """How many stems of ``said`` ``own`` holds, stems of six letters or more meeting on their
    first six ("indemniz" and "indemnic": the stemmer cuts a word's forms apart)."""
    heads = {u[:6] for u in own if len(u) >= 6}
    return sum(1 for s in said if s in own or (len(s) >= 6 and s[:6] in heads))


# A figure of the computed fact that the backing rule states too counts as this many words.
BACKING_FIGURE = 3


def _backing(sentence: str, matches: Sequence[RuleMatch]) -> RuleMatch | None:
    """The rule that backs a computed figure: of the first article the sentence cites that has
    rules, the one that says most of what the sentence says just before that citation."""
    start = 0
    for cited in _CITED.finditer(sentence):
        article, law = cited.groups()
        clause = sentence[start : cited.start()]
        said, amounts = stems(clause), figures(clause)
        start = cited.end()
        pool = [m for m in matches if m.rule.article == article and m.rule.law == law]
        if pool:
            # On a tie, the article's first rule: it states the article's point.
            return max(pool, key=lambda m: (_backs(m.rule, said, amounts), m.first))
    return None


def _backs(rule: Rule, said: set[str], amounts: Sequence[Quantity]) -> int:
    """How well a rule says what a fact's clause says: its words and its passage's, a figure it
    states too ("3 meses") counting as ``BACKING_FIGURE`` words."""
    own = f"{rule.rule} {rule.passage}"
    same = sum(any(same_amount(a, b) for b in figures(own)) for a in amounts)
    return _meets(said, stems(own)) + BACKING_FIGURE * same


def allowed_by_story(rule: Rule, story: str, *, also: Sequence[str] = (), regime: str = "") -> bool:
    """Whether nothing the story tells rules the rule out: another job's rule for a shop
    worker, a mother's rule with no baby told, a work risk's for an illness not from work."""
    return not (
        misread(story, rule.rule)
        or _not_from_work(story, rule)
        or _from_work(story, rule)
        or _job_over(story, rule)
        or _not_a_mother(" ".join([story, *also, regime]), rule)
        or _leave_not_injury(story, rule)
        or _not_a_father(story, rule)
        or _elsewhere(" ".join([story, regime]), rule)
        or _no_minor(story, rule, regime=regime)
        or _discharged(story, rule)
        or _other_pension(story, rule)
    )


# The IMSS pensions a worker names: "la pensión de invalidez" is not the old-age one.
_PENSIONS = {
    "vejez": re.compile(r"\bvejez\b"),
    "cesantia": re.compile(r"\bcesantia\b"),
    "invalidez": re.compile(r"\binvalid[eo]z?\b|\binvalid[oa]\b"),
    "viudez": re.compile(r"\bviud[eoa]z?\b"),
    "orfandad": re.compile(r"\borfandad\b|\bhuerfan"),
}


def _pensions(text: str) -> set[str]:
    folded = fold(text)
    return {name for name, pattern in _PENSIONS.items() if pattern.search(folded)}


def _other_pension(story: str, rule: Rule) -> bool:
    """Whether the rule is for a pension other than the one the story names: "¿cuántas semanas
    necesito pa la pensión de invalidez?" is not answered by the old-age pension's age."""
    asked = _pensions(story)
    own = _pensions(rule.rule)
    return bool(asked and own and not asked & own)


# A figure that says what is owed ("te deben pagar tu finiquito", "te tocan 7.5 días").
_OWED_SAID = re.compile(r"\b(te deben|te toca|te tocan|te corresponde)\b")
# A claim that a day or an hour is paid like any other ("se paga normal", "ya va incluido").
_PAID_PLAIN = re.compile(r"\b(normal|sencill\w*|incluid\w*|como (?:un|cualquier) dia)\b")
# A claim that a practice is against the law ("eso no se vale", "es ilegal").
_ILLEGAL = re.compile(
    r"\b(no se vale|es ilegal|no es legal|no (?:te |le |me |nos )?pueden|no deben|"
    r"esta prohibid\w*)\b"
)
# How many of the best rules a claim told is weighed against when the best one settles nothing.
CLAIM_RULES = 4
# ... and how many of the claim's words such a rule must share.
CLAIM_WORDS = 3


def lead(
    question: str,
    matches: Sequence[RuleMatch],
    *,
    facts: Sequence[str] = (),
    also: Sequence[str] = (),
    minor: bool = False,
    told: str = "",
    regime: str = "",
    regime_articles: frozenset[str] = frozenset(),
    unnamed_jobs: frozenset[str] = frozenset(),
) -> Lead | None:
    """The opening for ``question``; None when no fact is given and no rule is good enough.
    ``also``: words the question means too (the slang table's: "me corrieron" → "despido"),
    for telling whether a rule's condition is the worker's; ``minor``: the case form says the
    worker is under 18; ``told``: a follow-up ("¿es legal?") with the turns it follows, whose
    figures ("me corrieron por faltar 3 días") weigh as the question's; ``regime``: the special
    job the case form names ("trabajo del hogar"), whose own rules lead; ``regime_articles``: the
    retrieved articles of that job's chapter; ``unnamed_jobs``: the retrieved articles of a special
    job's chapter the story does not name."""
    kind = question_kind(question)
    # A premise that denies a right ("no me toca nada, ¿así es?") is the question itself.
    denied = denies_right(fold(question))
    # What somebody told the worker, when the question asks whether it holds.
    told_claim = claim_told(question)
    # The figures are the story's too; the kind of answer is the question's own.
    story = f"{told} {question}" if told else question

    def fits_story(rule: Rule) -> bool:
        return allowed_by_story(rule, story, also=also, regime=regime)

    ranked = _regime_first(
        [
            m for m in best_rules(matches, kind, unit=asked_unit(question), question=question)
            if fits_story(m.rule)
        ],
        regime,
        regime_articles,
    )  # fmt: skip
    # "Me acosaba, ¿tengo que ir primero a conciliación?": the law's exception leads.
    meant = " ".join([story, *also])
    # "¿Cuánto se tarda…?" asks a time, which a deadline's rule answers; "¿cuánto me toca?" money.
    timed = asked_unit(question) is not None or _ASKS_DURATION.search(fold(question)) is not None
    # "¿A quién le reclamo?" after a story asks who, not the story's case again: only a case the
    # question itself names decides.
    opened = bool(told) and asks_whom_or_how(question)
    ranked = exception_first(
        ranked,
        matches,
        " ".join([question, *also]) if opened else meant,
        amount=kind == "how_much" and not timed,
        own=" ".join([question, *also]) if told else None,
    )
    decided = ranked[0] if ranked and decides(meant, ranked[0].rule) else None
    # A special case of an article leads only when named; else the article's general rule.
    ranked = general_first(ranked, matches, meant)
    ranked = _plain_first(ranked, " ".join([story, *also, regime]))
    ranked = _figure_first(ranked, kind)
    ranked = _term_first(ranked, question)
    ranked = _met_first(ranked, story, minor)
    ranked = _minor_first(ranked, story, minor)
    ranked = _asked_now_first(ranked, question, told)
    ranked = _benefit_first(ranked, question)
    ranked = _defined_last(ranked, question)
    # A deciding case named leads whatever the reorderings above preferred ("recamarera en un
    # hotel" told as domestic work: Art. 332's, not the domestic workers' PTU rule the benefit
    # asked names).
    if decided is not None and decided in ranked and ranked[0] is not decided:
        ranked = [decided, *(m for m in ranked if m is not decided)]
    ranked = _child_first(ranked, matches, story, question)
    # "¿Sí puedo?" of a girl of 14: no, whatever figure the facts would give.
    child = asks_child_work(story, asked=question)
    if ranked and child and rule_article(ranked[0].rule) == BAN_ARTICLE:
        ban = ranked[0].rule
        # "El dueño dice que ni con permiso lo puede contratar, ¿es cierto?": he is right.
        said = "Sí" if told_claim is not None and claim_denies(told_claim) else "No"
        return Lead(f"{said}. {ban.rule.rstrip('.')} {cite(ban)}.", (ban,), verdict=said)
    # "¿Y a los 15 ya puedo?" after the ban: yes, from 15, with the limits the law sets.
    if asks_minor_work_later(story, asked=question):
        least = next(
            (m.rule for m in [*ranked, *matches] if rule_article(m.rule) == MINIMUM_AGE_ARTICLE),
            None,
        )
        if least is not None:
            return Lead(f"Sí. {least.rule.rstrip('.')} {cite(least)}.", (least,), verdict="Sí")
    if facts:
        sentence = " ".join(f.strip() for f in facts if f.strip())
        # "Ya sé que no me toca nada, ¿verdad?" answered by a figure that grants it: the
        # worker's "no" is what is corrected ("No: con 16 años te toca…").
        # So is "¿ya no me toca nada?" asked outright: "Sí" would agree that nothing is owed.
        asked_nothing = _DENIES.search(expand_shorthand(_own_clause(fold(question))))
        # (Not when the worker's own last words ask "¿me toca algo?": that is answered "Sí".)
        own_asks = SOMETHING_ASKED.search(_own_clause(fold(question))) is not None
        if sentence.startswith("Sí: ") and (denied or asked_nothing) and not own_asks:
            sentence = f"No: {sentence[4:]}"
        # "Me dicen que no me toca nada de vacaciones, ¿es así?" against a figure of what is
        # owed, said without a verdict of its own: no.
        elif denied and _OWED_SAID.search(fold(sentence)) and not re.match(r"(Sí|No)\b", sentence):
            sentence = f"No: {sentence[0].lower()}{sentence[1:]}"
        # "El encargado dice que ese día se paga normal, ¿tiene razón?" against the pay owed:
        # no; "mi hermana dice que eso no se vale, ¿tiene razón?" against a practice the law
        # forbids: yes. The verdict answers what was told, not the practice.
        if told_claim is not None and _CONFIRM.search(_own_clause(fold(question))):
            if sentence.startswith("Sí: ") and _PAID_PLAIN.search(told_claim):
                sentence = f"No: {sentence[4:]}"
            elif sentence.startswith("No: ") and _ILLEGAL.search(told_claim):
                sentence = f"Sí: {sentence[4:]}"
        # The law's words that back the figure: a rule of the article the facts cite, else of
        # retrieval's first article (another article's rule would be a loose quote).
        # The first article cited is the figure's own: its best rule backs it.
        backing = _backing(sentence, [*ranked, *matches])
        backing = backing or next((m for m in ranked if m.rank == 0), None)
        # "Me dijeron que por ser accidente de trabajo me pagan el 100 %" against the figure's
        # rule that says so: yes.
        if (
            told_claim is not None
            and backing is not None
            and not re.match(r"(Sí|No)\b", sentence)
            and claim_agrees(told_claim, question, backing.rule)
        ):
            return Lead(f"Sí. {sentence}", (backing.rule,), verdict="Sí")
        return Lead(sentence, (backing.rule,) if backing else ())
    if not ranked:
        return None
    # The first rule forbidding what the figure speaks of settles the claim: "10 % de interés"
    # on a debt to the company store is answered by "no puede cobrarte intereses" (Art. 111),
    # not corrected by the 2 % a month of a dismissal's trial (Art. 48).
    settled = _forbids_claimed(question, ranked[0].rule)
    corrections: list[tuple[Rule, Quantity]] = []
    for position, match in enumerate(ranked[:CORRECTION_RULES]):
        rule = match.rule
        # A rule far behind the first corrects nothing.
        if match is not ranked[0] and match.score < PREMISE_SHARE * ranked[0].score:
            continue
        # Past the first few, only a rule whose condition the story speaks of ("si te
        # despidieron" for "me corrieron"; not "si eres de planta" for a widow's question).
        if position >= PREMISE_RULES and not conditions_touched(meant, rule.rule):
            continue
        # A special case the question does not name corrects nothing ("6 semanas después del
        # parto" is no error for want of a baby in hospital).
        unnamed = unnamed_special(rule.id, meant)
        # A minor's own rule leading for a minor ("tengo 15 años") weighs the claim whatever
        # words they share ("trabajar de corrido las 8 horas" against "no más de 6 horas").
        minors_own = (
            position == 0
            and (minor or is_minor(story))
            and _MINORS_RULE.search(fold(rule.rule)) is not None
        )
        wrong = (
            None
            if unnamed or (settled and match is not ranked[0] and not _kin(rule, ranked[0].rule))
            else contradiction(question, rule, loose=minors_own)
        )
        if wrong is not None:
            corrections.append((rule, wrong))
        elif weighs_claim(question, rule) and not corrections:
            return Lead(f"{rule.rule.rstrip('.')} {cite(rule)}.", (rule,))
    if corrections:
        # "Hasta que cumpla 3 (años)" is corrected by the rule that counts years ("al cumplir un
        # año…", Art. 76), not by one that counts months ("6 meses después", Art. 81), when both
        # contradict it; else by the best rule that does.
        rule, wrong = next(
            ((r, w) for r, w in corrections if any(f.unit == w.unit for f in _comparable(w, r))),
            corrections[0],
        )
        sentence = f"No. {rule.rule.rstrip('.')} {cite(rule)}, no {wrong.said}."
        return Lead(sentence, (rule,), verdict="No", corrected=wrong)
    # "Nos lo van a dar en enero" told, "¿es legal?" asked: the month told is weighed.
    dated = _dated(story, ranked, kind)
    if dated is not None:
        return dated
    timely = _in_time(story, ranked, kind, meant=meant)
    if timely is not None:
        return timely
    weighed_first = {m.rule for m in ranked}
    rest = sorted(
        (m for m in matches if m.rule not in weighed_first and fits_story(m.rule)),
        key=lambda m: -m.score,
    )
    weighed = _weighed(_with_shift_hours(story), [*ranked, *rest], kind, meant=meant, minor=minor)
    if weighed is not None:
        return weighed
    # "¿Me lo paga el nuevo o el anterior?": the rule that names both choices answers it.
    chosen = _naming_both(question, [*ranked, *rest][:CHOICE_RULES])
    if chosen is not None and chosen.rule != ranked[0].rule:
        return Lead(f"{chosen.rule.rule.rstrip('.')} {cite(chosen.rule)}.", (chosen.rule,))
    # "Tengo 16 años, ¿cuántos días de vacaciones me tocan?": the rule for the worker's age or
    # years of service leads over the general one.
    own = _own_clause(fold(question))
    # A short follow-up ("¿y por eso me pueden correr así nomás?") means what the slang table
    # reads in it ("correr" → "despido").
    if len(question.split()) <= SHORT_FOLLOW_UP:
        own = " ".join([own, *also])
    fits = next(
        (
            m
            for m in [*ranked, *rest]
            if _fits(story, m.rule, meant, minor)
            and speaks_of(own, m.rule.rule)
            # A field worker's 27 weeks do not fit a shop worker's 10 months.
            and rule_article(m.rule) not in unnamed_jobs
            # Nor does a rule with next to no evidence ("25 años" in an AFORE question is no
            # dismissal after 20 years).
            and (not ranked or m.score >= FIT_SHARE * ranked[0].score)
        ),
        None,
    )
    if fits is not None and (not ranked or fits.rule != ranked[0].rule):
        said = f"{fits.rule.rule.rstrip('.')} {cite(fits.rule)}."
        # "Mi patrón dice que me quedo sin sueldo" against the rule for the worker's case that
        # grants it: no.
        if denied and _grants(fits.rule):
            return Lead(f"No. {said}", (fits.rule,), verdict="No")
        # "Me dijeron que a mi edad el máximo son 6 horas, ¿es cierto?" against the rule for the
        # worker's age that says so: yes.
        if (
            told_claim is not None
            and kind == "yes_no"
            and claim_agrees(told_claim, question, fits.rule)
        ):
            return Lead(f"Sí. {said}", (fits.rule,), verdict="Sí")
        # "No me da de alta en el IMSS, ¿eso es legal?" against the duty the practice breaks.
        settles = verdict(question, fits.rule) if kind == "yes_no" else ""
        if settles:
            return Lead(f"{settles}. {said}", (fits.rule,), verdict=settles)
        return Lead(said, (fits.rule,))
    top = ranked[0]
    rule = top.rule
    said = ""
    # A story before the question covers little of any one rule: a score far above the
    # evidence floor is sure enough on its own.
    # Its condition told in the story counts as none ("mi papá falleció" for "si un
    # trabajador muere").
    covered = top.coverage >= CONFIDENT_COVERAGE or (
        top.score >= SURE_SCORE
        and (_unconditional(story, rule) or conditions_told(f"{story} {meant}", rule.rule))
    )
    # A denied right is settled by the best rule of the first articles without covering the
    # story around it.
    sure = top.score >= CONFIDENT_SCORE and (covered or denied) and top.rank <= 1
    # "Me cobra 10 % de interés, ¿se vale?" against "no puede cobrarte intereses": the question
    # names the very thing the rule forbids, among the first articles.
    sure = sure or (top.score >= CONFIDENT_SCORE and top.rank <= 2 and names_forbidden(story, rule))
    # A deciding case the question names ("nos quieren pagar en vales") settles it too.
    sure = sure or decides(meant, rule)
    # A claim told ("el patrón dice que los pago yo, ¿es así?"), or a practice told and judged
    # ("…, ¿pueden hacer eso?") against a rule that forbids: the rule's own words settle it,
    # whatever else the story says. (``verdict`` weighs whether the rule speaks of the claim.)
    judged = JUDGED_PRACTICE.search(_own_clause(fold(question))) is not None
    forbids = NEGATIVE_RULE.search(fold(rule.rule)) is not None
    claimed = told_claim is not None
    # "Nos cobran 30 pesos por el camión, ¿es legal?" against "el patrón debe darte transporte
    # gratis": what is charged is free by the rule's own words.
    free = _CHARGED.search(fold(question)) is not None and _FREE.search(fold(rule.rule)) is not None
    # "No me da de alta en el IMSS, ¿eso es legal?" against the duty it breaks.
    withheld = judged and _withholds_granted(fold(story), _own_clause(fold(question)), rule)
    sure = sure or (
        top.score >= CONFIDENT_SCORE
        and top.rank <= 1
        and (claimed or (judged and (forbids or free or withheld)))
    )
    # "Si tienes menos de 16 años, …" says nothing sure to a worker who gave no age, and
    # "cuando trabajaste más de 288 horas" nothing but "No" to one who worked 200.
    read = findings(story, rule.rule, minor=minor)
    unmet = read is None or any(f.threshold.role == "condition" and not f.holds for f in read)
    # A premise that denies a right is a question even when told without "?" ("mi patrón dice
    # que me quedo sin sueldo").
    # So is a claim told and left there ("me dicen que a fuerza me tengo que meter al
    # sindicato, que es obligatorio").
    # (Not when the last question asks who or how: "…la maquila dice que no es su problema. ¿A
    # quién le reclamo?" wants the one to claim from, not a "No".)
    asked = kind == "yes_no" or ((denied or claimed) and not asks_whom_or_how(question))
    if asked and sure and not unmet:
        said = verdict(question, rule)
        # (The practice told before the question: "…no me da de alta." + "¿eso es legal?")
        said = said or ("No" if withheld and kind == "yes_no" else "")
        # ("…me las quieren pagar sencillas." + "¿eso es legal?" against "se pagan al doble")
        if not said and told and kind == "yes_no" and _PERMISSION.search(fold(question)):
            said = "No" if opposed(fold(told), fold(rule.rule)) else ""
    # "Mi cuñado dice que el patrón tenía que darme el motivo por escrito, ¿tiene razón?": when
    # the best rule settles nothing, another of its article's that says what was told does, by
    # more of its words than two ("lo puede hacer cuando quiera" is in "si quieres hacerlo…").
    if asked and sure and not said and told_claim is not None:
        agreeing = next(
            (
                m.rule
                for m in ranked[1:CLAIM_RULES]
                if rule_article(m.rule) == rule_article(rule)
                and claim_agrees(told_claim, question, m.rule, least=CLAIM_WORDS)
            ),
            None,
        )
        if agreeing is not None:
            return Lead(f"Sí. {agreeing.rule.rstrip('.')} {cite(agreeing)}.", (agreeing,), "Sí")
    # "No. No pueden…" says it twice: a rule that opens with the verdict needs no prefix.
    repeats = said == "No" and re.match(r"no\b", fold(rule.rule)) is not None
    opening = f"{said}. " if said and not repeats else ""
    return Lead(f"{opening}{rule.rule.rstrip('.')} {cite(rule)}.", (rule,), verdict=said)


# A rule that grants something ("te toca…", "pueden despedirte si…") or forbids it.
_GRANTS = re.compile(rf"{_POSITIVE_RULE.pattern}|^(pueden|puede)\b|\bel patron puede\b")
_FORBIDS = re.compile(rf"{NEGATIVE_RULE.pattern}|\besta prohibido\b")


def _with_shift_hours(story: str) -> str:
    """The story with the length of the one shift it tells said in hours ("de 8 de la mañana a 5
    de la tarde" → "9 horas al día"), for a rule's hours to be weighed against it."""
    shifts = hour_ranges(fold(story))
    if len({(s.start, s.minutes) for s in shifts}) != 1 or shifts[0].minutes % 60:
        return story
    return f"{story} ({shifts[0].minutes // 60} horas al día)"


def _weighed(
    question: str, ranked: Sequence[RuleMatch], kind: QuestionKind, *, meant: str, minor: bool
) -> Lead | None:
    """ "Me corrieron por faltar 3 días, ¿es legal?" against "si faltas más de 3 veces": the
    question's figure settles whether the rule applies, or breaks its floor or ceiling.
    ``ranked``: the weighed rules first, then the rest of the retrieved articles' rules."""
    folded = fold(question)
    # "Me dijeron que a todos nos toca, ¿cuánto me toca?" with a condition the worker's figure
    # misses ("45 días" for "por lo menos 60"): nothing, whatever the amount would be.
    counted = kind == "how_much" and _ENTITLEMENT.search(folded) is not None
    # "El dueño dice que si firmo el permiso no hay problema" (no "?"): a claim to weigh.
    claimed = kind == "open" and _PREMISE.search(folded) is not None
    if kind != "yes_no" and not (counted or claimed):
        return None
    # A claim's own "no" ("no hay problema") is what a broken floor corrects; a negated
    # question's polarity is too easy to get wrong.
    # A claim told and asked about as a permission ("dice que no me van a reinstalar, ¿pueden
    # hacer eso?") has its own "no": the question is whether they may.
    told = claim_told(question) if _PERMISSION.search(_own_clause(folded)) else None
    # "¿…o no?" and a closing "…, ¿no?" confirm; they negate nothing.
    untagged = re.sub(r"\bno\W*$", " ", folded.replace(" o no", " "))
    if NEGATED_QUESTION.search(untagged) and not (claimed or told):
        return None
    # "¿A o B?" asks to choose; the story's "salario o prestaciones" (the case's topic) does not.
    own = _FORM_TOPICS.sub(" ", _own_clause(folded))
    if _LOSS.search(folded) or _ALTERNATIVES.search(own):
        return None  # "¿pierdo…?" turns the verdict around
    # A deciding case the question names leads ("¿puedo pagar yo solo el seguro?" is the
    # voluntary continuation's, Art. 218 LSS): no other rule's figure answers for it.
    decided = bool(ranked) and decides(meant, ranked[0].rule)
    for position, match in enumerate(ranked):
        if decided and position > 0:
            break
        rule = match.rule
        found = findings(question, rule.rule, minor=minor)
        # A claim against a floor the worker's own figure plainly misses, among the best rules
        # ("la edad mínima para trabajar es de 15 años" for a girl of 14): whatever else the
        # rule says, the claim is wrong.
        low = [f for f in found or () if f.threshold.role == "bound" and not f.holds]
        if claimed and position < PREMISE_RULES and any(f.shared >= 2 for f in low):
            said = f"{rule.rule.rstrip('.')} {cite(rule)}"
            return Lead(f"No. {said}. {_short(low[0])}", (rule,), verdict="No")
        if not found or not conditions_touched(meant, rule.rule):
            continue
        # Past the best few rules, only one whose condition the question's figure plainly
        # meets or misses ("tengo 17 años" for "si eres menor de 18") is weighed.
        anchored = any(f.threshold.role == "condition" and f.shared >= 2 for f in found)
        # ... and only by the worker's own words: "firmar" read as "renuncia" (the slang table)
        # makes no resignation of a dismissed worker's "¿tengo que firmar algo?".
        if position >= PREMISE_RULES and not (anchored and conditions_touched(question, rule.rule)):
            continue
        failed = [f for f in found if f.threshold.role == "condition" and not f.holds]
        broken = [f for f in found if f.threshold.role == "bound" and not f.holds]
        # A rule for the worker's own age or years whose limit the question's figure breaks
        # ("si tienes menos de 16 años… no más de 6 horas" for a boy of 15 who works 8) speaks
        # of the question by that figure.
        met = anchored and not failed and bool(broken)
        if position > 0 and not speaks_of(meant, rule.rule) and not met:
            continue  # "Puedes entrar a un sindicato si eres mayor de 15" for "¿a los 14 trabajo?"
        statement = fold(rule.rule)
        forbids = _FORBIDS.search(statement) is not None
        grants = _GRANTS.search(statement) is not None and not forbids
        said = f"{rule.rule.rstrip('.')} {cite(rule)}"
        if claimed:
            continue
        # Past the best rule, a grant the worker's figure misses answers only what the
        # question's own clause asks ("mi hijo tiene 15 años… ¿eso se puede?" is not asked
        # about joining a union "si eres mayor de 15").
        asked_here = position == 0 or speaks_of(f"{told or ''} {_judged_clause(folded)}", rule.rule)
        if failed and grants and asked_here:
            # "El encargado dice que no me toca, ¿tiene razón?" with the condition unmet: he is.
            # (Only a right of the worker's: "pueden despedirte si faltas más de 3 veces" with 3
            # absences proves wrong the foreman who says he can.)
            yours = _POSITIVE_RULE.search(statement) is not None
            if (
                yours
                and told
                and _DENIES.search(expand_shorthand(told))
                and _CONFIRM.search(folded)
            ):
                agree = "en eso tiene razón" if "razon" in folded else "es cierto"
                return Lead(f"Sí, {agree}. {said}. {_unmet(failed[0])}", (rule,), verdict="Sí")
            return Lead(f"No. {said}. {_unmet(failed[0])}", (rule,), verdict="No")
        if failed or counted:
            continue
        # "¿Y las horas extra me las tienen que pagar?" after "me hacen manejar 14 horas": the
        # hours broken are not what is asked ("No" would read as "no te las pagan").
        paying = _PAY_ASKED_PLAIN.search(expand_shorthand(_own_clause(folded))) is not None
        if broken and paying and broken[0].figure.unit not in {"peso", "%"}:
            continue
        if broken:
            return Lead(f"No. {said}, no {broken[0].figure.said}.", (rule,), verdict="No")
        # A "Sí" past the best rule only for the worker's own age or years of service: a count
        # of absences may have had its reasons ("con incapacidad").
        own_figure = any(personal(f.threshold) for f in found)
        if position != 0 and not (anchored and own_figure):
            continue
        # ... and of what the question's own clause asks: "mi hija tiene 15 años… en
        # vacaciones, ¿ocupa permiso?" is not asked about a minor's vacations.
        # (A claim told is what "¿pueden hacer eso?" asks about.)
        if position != 0 and not speaks_of(f"{told or ''} {_judged_clause(folded)}", rule.rule):
            continue
        if _EXCUSED.search(statement) and _EXCUSE.search(folded):
            continue
        bounds = [f for f in found if f.threshold.role == "bound"]
        plain = all(f.shared >= 2 for f in bounds)
        # "Mi compa dice que me tienen que aceptar sí o sí, ¿es cierto?" against a power the
        # rule gives the employer, which the worker's figure meets: no.
        # (A claim of the employer's power itself, "puede correrme sí o sí", agrees with it.)
        duty = expand_shorthand(claim_told(question) or "")
        claims_duty = _DUTY_CLAIMED.search(duty) is not None and not _POWER_CLAIMED.search(duty)
        if claims_duty and EMPLOYER_MAY.search(statement):
            return Lead(f"No. {said}. {_met(found[0])}", (rule,), verdict="No")
        if (grants and not bounds) or (bounds and plain and _PERMISSION.search(folded)):
            return Lead(f"Sí. {said}. {_met(found[0])}", (rule,), verdict="Sí")
        if forbids and not bounds:
            return Lead(f"No. {said}.", (rule,), verdict="No")
    return None


_STILL = re.compile(r"\b(todavia|aun|ya)\b")
# What a worker claims besides the dismissal itself: benefits owed, which Art. 516's year
# covers ("no me pagaron el aguinaldo ni las vacaciones"); the dismissal's own claims are
# Art. 518's two months.
_BENEFITS_OWED = re.compile(
    r"\b(aguinaldo|vacaciones|prima vacacional|utilidades|ptu|horas extra|finiquito|"
    r"salarios? (?:que|q) (?:me )?deben|dias trabajados|lo trabajado)\b"
)
_DISMISSAL_CLAIMED = re.compile(
    r"\b(reinstal\w*|indemnizacion|liquidacion|3 meses|tres meses|demandar (?:el|por el) despido|"
    r"que me regresen)\b"
)
# A claim told that the time is gone ("mi hermano dice que ya se me pasó el tiempo"): "no" is
# the verdict for a worker still in time.
_GONE_TOLD = re.compile(
    r"\bya se (?:me |te |le )?(?:paso|acabo|vencio|fue)\b|"
    r"\bya no (?:alcanzo|alcanzas|puedo|puedes)\b|\bya (?:es|era) (?:muy )?tarde\b"
)


# A claim already before the court: the terms to claim stopped running when it was filed.
_SUED = re.compile(
    r"\b(demande|ya demande|meti (?:la |mi )?demanda|puse (?:la |mi )?demanda|el juicio|"
    r"estoy en juicio|sigue el juicio)\b"
)


# "¿Todavía me tienen que dar el aguinaldo?": whether it is still owed after the job ended.
_STILL_OWED = re.compile(
    r"\b(todavia|aun) (me|nos|le|les) (tienen|tiene|deben|debe|van a) (que |q )?(dar|pagar)\b"
)


def _in_time(
    question: str, ranked: Sequence[RuleMatch], kind: QuestionKind, *, meant: str
) -> Lead | None:
    """ "Me corrieron hace 3 meses, ¿todavía puedo demandar?" against "tienes 2 meses para
    reclamar": the time gone by settles it. Only past the term or well within it; on the last
    days the rule alone leads (when the term starts to run is for the worker to check)."""
    folded = fold(question)
    # The question's own clause: "no he metido nada, ¿todavía alcanzo?" asks no negated question.
    asked = re.split(r"[.,;!]", folded.rstrip(" ?¿"))[-1]
    # "¿… o ya no?" closes the question; it negates nothing.
    asked = re.sub(r"\s+o\s+(ya\s+)?no\s*$", " ", asked)
    if kind not in {"yes_no", "until_when"} or NEGATED_QUESTION.search(asked):
        return None
    if not _STILL.search(folded):
        return None  # "¿todavía puedo…?", "¿aún alcanzo…?": the worker's own claim
    if _SUED.search(folded):
        return None  # "demandé hace 2 años y el juicio no se acaba": the term stopped (Art. 521)
    if _STILL_OWED.search(asked):
        return None  # "¿todavía me tienen que dar aguinaldo?" asks what is owed, not a term
    gone = elapsed(question)
    gone_days = gone.days() if gone is not None else None
    if gone is None or gone_days is None:
        return None
    gone = said_in_months(gone)
    # The first rules, then any later deadline rule: "¿todavía alcanzo?" is about a term.
    later = [m for m in ranked[PREMISE_RULES:] if m.rule.kind == "deadline"]
    # "No me pagaron el aguinaldo ni las vacaciones… ¿ya se me pasó?": a year, not the
    # dismissal's two months.
    benefits = _BENEFITS_OWED.search(folded) is not None and not _DISMISSAL_CLAIMED.search(folded)
    told = claim_told(question)
    gone_told = told is not None and _GONE_TOLD.search(fold(told)) is not None
    for match in [*ranked[:PREMISE_RULES], *later]:
        rule = match.rule
        if benefits and rule.law == "LFT" and rule.article == DISMISSAL_TERM_ARTICLE:
            continue
        said = f"{rule.rule.rstrip('.')} {cite(rule)}"
        one = gone.value == 1
        # "Me quedé sin chamba hace un mes, ¿ya puedo sacar de la AFORE?" against "desde el día
        # 46": not yet. Past the wait the rule's other conditions are for the worker to check.
        wait = waiting(rule.rule)
        wait_days = wait.days() if wait is not None else None
        if wait_days and conditions_touched(meant, rule.rule):
            if gone_days >= wait_days:
                return None
            passed = "ha pasado" if one else "han pasado"
            return Lead(
                f"No, todavía no: {said[0].lower()}{said[1:]}, y {passed} {gone.said}.",
                (rule,),
                verdict="No",
            )
        given = term(rule.rule)
        given_days = given.days() if given is not None else None
        if given is None or given_days is None or not conditions_touched(meant, rule.rule):
            continue
        if gone_days > given_days:
            passed = "ya pasó" if one else "ya pasaron"
            said_no = "Sí" if gone_told else "No"
            return Lead(
                f"{said_no}: ya pasó el plazo. {said}, y {passed} {gone.said}. Aun así, pregunta "
                "en la PROFEDET: hay casos en que el plazo no empezó a correr o se interrumpió.",
                (rule,),
                verdict=said_no,
            )
        if gone_days < given_days - 7:
            passed = "ha pasado" if one else "han pasado"
            lowered = said[0].lower() + said[1:]
            said_yes = "No" if gone_told else "Sí"
            return Lead(
                f"{said_yes}, todavía estás a tiempo: {lowered}, y {passed} {gone.said}. "
                "No lo dejes pasar.",
                (rule,),
                verdict=said_yes,
            )
        # The last days: the term itself leads, with no verdict (when it started to run is for
        # the worker to check), and the hurry.
        passed = "ha pasado" if one else "han pasado"
        return Lead(
            f"{said}, y {passed} {gone.said}: el plazo está por vencer, no lo dejes pasar.",
            (rule,),
        )
    return None


def said_in_months(gone: Quantity) -> Quantity:
    """Many days said the way a worker counts them: "hace 645 días" → "1 año y 9 meses" (whole
    months of 30 days, never more than the days gone by); a count under 60 days stays in days."""
    if gone.unit != "dia" or gone.value < 60:
        return gone
    days = int(gone.value)
    years, months = days // 365, (days % 365) // 30
    parts = [f"{years} año{'s' if years > 1 else ''}"] if years else []
    if months:
        parts.append(f"{months} mes{'es' if months > 1 else ''}")
    exact = days == years * 365 + months * 30
    return Quantity(gone.value, gone.unit, f"{'' if exact else 'más de '}{' y '.join(parts)}")


# A question that asks to choose ("¿el nuevo o el anterior?") is answered by the first of this
# many rules that names both choices.
CHOICE_RULES = 8
_CHOICE = re.compile(r"\b(\w{4,})\s+o\s+(?:el |la |los |las |en |un |una |al |a )?(\w{4,})\s*$")


def _naming_both(question: str, matches: Sequence[RuleMatch]) -> RuleMatch | None:
    """The first rule that names both choices the question's own clause ends with: "el dueño
    anterior responde junto con el nuevo" for "¿me lo paga el nuevo o el anterior?"."""
    found = _CHOICE.search(_own_clause(fold(question)).strip())
    # Both choices are words of their own: "¿de 15 días o cómo?" offers no choice.
    if found is None or not all(stems(found.group(i)) for i in (1, 2)):
        return None
    wanted = [found.group(1)[:5], found.group(2)[:5]]
    for match in matches:
        words = {w[:5] for w in re.findall(r"\w+", fold(match.rule.rule))}
        if all(w in words for w in wanted):
            return match
    return None


# "Sin permiso ni causa justificada" is not met by an absence the question excuses.
_EXCUSED = re.compile(r"\bsin (permiso|causa justificada|justificacion)\b")
_EXCUSE = re.compile(
    r"(?<!sin )(?<!ni )\b(incapacidad|permiso|justific\w*|enferm\w*|medico|receta|hospital)\b"
)


# A rule of the special job the case form names leads with this share of the best rule's score.
REGIME_SHARE = 0.15


def _met_first(ranked: list[RuleMatch], story: str, minor: bool) -> list[RuleMatch]:
    """Rules for an age the worker's own figure plainly misses ("si tienes menos de 16 años" for
    a boy of 16) below the others: they are not about this worker. (A time of service missed is
    often the answer itself: "solo si tienes 15 años de trabajo" for one who has 10.)"""

    def missed(rule: Rule) -> bool:
        found = findings(story, rule.rule, minor=minor) or ()
        return any(
            f.threshold.dimension == "age" and f.threshold.role == "condition" and not f.holds
            and f.shared >= 2
            for f in found
        )  # fmt: skip

    out = [m for m in ranked if not missed(m.rule)]
    return out + [m for m in ranked if m not in out] if out else ranked


def _promoted(
    ranked: list[RuleMatch], wanted: Callable[[RuleMatch], bool], *, stop: int | None = None
) -> list[RuleMatch]:
    """``ranked`` with its first match past the first (before ``stop``) that is ``wanted``
    moved to the front; unchanged when none is."""
    for match in ranked[1:stop]:
        if wanted(match):
            return [match, *(m for m in ranked if m is not match)]
    return ranked


# A minor's own rule leads with this share of the best rule's evidence.
MINOR_SHARE = 0.2


def _minor_first(ranked: list[RuleMatch], story: str, minor: bool) -> list[RuleMatch]:
    """ "Tengo 17 y me dejan 3 horas extra los sábados, ¿sí se puede?": the rule for minors
    whose age the worker's own meets (Art. 178) leads the general one (Art. 66)."""
    if not ranked or not (minor or is_minor(story)):
        return ranked

    def met(rule: Rule) -> bool:
        found = findings(story, rule.rule, minor=minor) or ()
        return any(
            f.threshold.dimension == "age" and f.threshold.role == "condition" and f.holds
            and f.threshold.op in {"<", "<="} and f.threshold.value <= 18
            for f in found
        )  # fmt: skip

    # A minor's rule leads already (met, or for minors by its words: "la edad mínima…").
    if met(ranked[0].rule) or _MINORS_RULE.search(fold(ranked[0].rule.rule)):
        return ranked
    near = {id(m) for m in ranked[:CHOICE_RULES] if m.score >= MINOR_SHARE * ranked[0].score}
    # Far behind too, when it speaks of what is asked: "tengo 16 y me quedo 2 horas extra" is
    # the minors' overtime (Art. 178) however strong the general rule's evidence.
    told = fold(story)
    return _promoted(
        ranked,
        lambda m: (id(m) in near or speaks_of(told, m.rule.rule)) and met(m.rule),
    )


def _child_first(
    ranked: list[RuleMatch], matches: Sequence[RuleMatch], story: str, question: str
) -> list[RuleMatch]:
    """ "Tengo 14 años, ¿sí puedo chambear en vacaciones?": the ban on work under 15 leads,
    whatever else (the vacations) the question's words rank first."""
    if not asks_child_work(story, asked=question):
        return ranked
    ban = next((m for m in [*ranked, *matches] if rule_article(m.rule) == BAN_ARTICLE), None)
    if ban is None:
        return ranked
    return [ban, *(m for m in ranked if m.rule != ban.rule)]


def term_asked(question: str) -> bool:
    """Whether the question asks the time left to claim ("¿todavía se puede cobrar?")."""
    return _TERM_ASKED.search(expand_shorthand(fold(question))) is not None


def _term_first(ranked: list[RuleMatch], question: str) -> list[RuleMatch]:
    """ "Nunca me pagaron el aguinaldo del 2024, ¿tengo como 3 años pa reclamarlo?" asks the time
    to claim: the first rule of the law's terms (Arts. 516-522) among the ranked leads, its
    subject's rules follow."""
    if not term_asked(question):
        return ranked
    term = next((m for m in ranked if _is_term(m.rule)), None)
    return ranked if term is None else [term, *(m for m in ranked if m is not term)]


def _figure_first(ranked: list[RuleMatch], kind: QuestionKind) -> list[RuleMatch]:
    """ "¿Y me lo tienen que dar antes de cuándo?" led by the aguinaldo's proportional part is
    answered by the same article's date ("antes del 20 de diciembre"): for "¿cuánto / hasta
    cuándo?", the article's amount or deadline rule leads when it has a share of the evidence
    (the first rule follows as its why)."""
    figured = _article_figure(ranked[0].rule, ranked, kind, ranked[0].score) if ranked else None
    return ranked if figured is None else [figured, *(m for m in ranked if m is not figured)]


def _article_figure(
    rule: Rule, matches: Sequence[RuleMatch], kind: QuestionKind | None, best: float
) -> RuleMatch | None:
    """For "¿cuánto / hasta cuándo?" asked of a rule with no figure, the same article's amount
    or deadline rule with a share (``FIGURE_SHARE``) of ``best``, the best such; else None."""
    if kind not in {"how_much", "until_when"} or _wanted(rule, kind):
        return None
    own = "amount" if kind == "how_much" else "deadline"
    figured = [
        m
        for m in matches
        if m.rule.article == rule.article
        and m.rule.law == rule.law
        and m.rule != rule
        and m.rule.kind == own
        and m.score >= FIGURE_SHARE * best
    ]
    return max(figured, key=lambda m: m.score) if figured else None


# The benefits a worker names by their own word: the rule that names the one asked answers it.
_BENEFITS = {
    "aguinaldo": re.compile(r"\ba?gu?inald"),
    "vacaciones": re.compile(r"\bvacacion"),
    "utilidades": re.compile(r"\butilidades\b|\bptu\b"),
    "prima dominical": re.compile(r"\bprima dominical\b"),
    "prima de antigüedad": re.compile(r"\bprima de antig"),
    "lactancia": re.compile(
        r"\blactan\w*|\bamamant\w*|\b(?:dar|darle|das|doy|le doy|dando|dandole) (?:de )?pecho\b"
    ),
}
_CLAIM_TERM = re.compile(r"\b(reclam\w*|demand\w*|prescri\w*)\b")
# A rule that names the benefit asked leads with this share of the best rule's evidence.
BENEFIT_SHARE = 0.35


def _benefit_first(ranked: list[RuleMatch], question: str) -> list[RuleMatch]:
    """ "¿Me toca aguinaldo o eso es nomás pa los de planta?": of the rules near the top, the
    one that names the aguinaldo leads one that speaks of seasonal workers' rights in general
    (Art. 39-F) when the question names one benefit only."""
    folded = fold(question)
    if _CLAIM_TERM.search(folded) or WAIVER.search(folded):
        # "¿cuánto tiempo tengo para reclamar el aguinaldo?" asks the term; "renuncio a la prima
        # de antigüedad, ¿eso vale?" asks whether a waiver holds, not about the benefit.
        return ranked
    named = [p for p in _BENEFITS.values() if p.search(folded)]
    if len(named) != 1 or not ranked or named[0].search(fold(ranked[0].rule.rule)):
        return ranked
    best = ranked[0].score
    # (Not a special case the question does not name: the aguinaldo owed despite losses.)
    return _promoted(
        ranked,
        lambda m: (
            m.score >= BENEFIT_SHARE * best
            and named[0].search(fold(m.rule.rule)) is not None
            and not unnamed_special(m.rule.id, folded)
        ),
        stop=CHOICE_RULES,
    )


# A rule that only says what a word means ("Hostigamiento es cuando…"), and the share of its
# evidence another rule needs to answer in its place a question that asks no meaning.
_DEFINITION = re.compile(r"^(?:(?:el|la|los|las) )?[^,:;]{2,50}? (?:es|son) cuando\b", re.I)
DEFINITION_SHARE = 0.3


def _defined_last(ranked: list[RuleMatch], question: str) -> list[RuleMatch]:
    """ "Ya no aguanto a mi jefa, me grita y me humilla": what the law gives the worker leads
    the definition of hostigamiento, unless the question asks what a word means."""
    if not ranked or not _DEFINITION.match(ranked[0].rule.rule):
        return ranked
    if asks_definition(expand_shorthand(fold(question))):
        return ranked
    best = ranked[0].score
    return _promoted(
        ranked,
        lambda m: m.score >= DEFINITION_SHARE * best and not _DEFINITION.match(m.rule.rule),
        stop=CHOICE_RULES,
    )


# A follow-up that only names its topic ("¿y vacaciones?", "y el aguinaldo") is this many
# words at most.
TOPIC_FOLLOW_UP = 4


def _asked_now_first(ranked: list[RuleMatch], question: str, told: str) -> list[RuleMatch]:
    """ "¿Y vacaciones?" after a question about the aguinaldo: the turns before weigh in the
    ranking, but the rule about what is asked now leads (within ``PREMISE_RULES`` + 2)."""
    own = fold(question)
    if not told or not ranked or len(own.split()) > TOPIC_FOLLOW_UP:
        return ranked
    if speaks_of(own, ranked[0].rule.rule):
        return ranked
    return _promoted(ranked, lambda m: speaks_of(own, m.rule.rule), stop=PREMISE_RULES + 2)


def _regime_first(
    ranked: list[RuleMatch], regime: str, own: frozenset[str] = frozenset()
) -> list[RuleMatch]:
    """A domestic worker's "¿solo me dejan descansar el domingo?" is answered with the domestic
    work chapter's rule (Art. 336's day and a half), not the general one (Art. 71). ``own``: the
    articles of that job's chapter: a first rule of one of them leads as it is."""
    named = jobs_named(fold(regime)) if regime else set()
    if not named or not ranked or ranked[0].rule.article in own:
        return ranked
    for match in ranked:
        if match.score < REGIME_SHARE * ranked[0].score:
            break
        if jobs_named(fold(match.rule.rule)) & named:
            return [match, *(m for m in ranked if m is not match)]
    return ranked


# A rule that opens with its condition ("si tienes 65 años…", "solo si…", "cuando…").
_OPENS_WITH_CONDITION = re.compile(r"^(si|solo|cuando|en caso|mientras|despues|antes|aunque)\b")
_JOB_CONDITION = re.compile(r"^si (eres|trabajas)\b")


# A rule for all that says what a rule for one kind of work says leads when the question does
# not name that work, with this share of the first rule's score and of its words.
PLAIN_SHARE = 0.6


def _plain_first(ranked: list[RuleMatch], meant: str) -> list[RuleMatch]:
    """ "Soy mecánico, me descuentan el desgaste de la herramienta" is answered with "no pueden
    cobrarte por el desgaste de las herramientas" (Art. 132), not with the same rule for who
    works "por obra o pieza" (Art. 83), when the question says nothing of that work."""
    if len(ranked) < 2:
        return ranked
    top = ranked[0]
    statement = fold(top.rule.rule)
    # "En el campo no te pueden pagar con vales" to a worker who names no field work.
    special = jobs_named(statement) - jobs_named(fold(meant))
    if special:
        said = stems(statement) - {s for job in special for s in stems(job)}
    elif _JOB_CONDITION.search(statement) and not conditions_touched(meant, top.rule.rule):
        # What the rule says, past its condition ("si trabajas por obra o pieza, …").
        said = stems(statement.split(",", 1)[-1])
    else:
        return ranked
    for match in ranked[1:PREMISE_RULES]:
        if match.score < PLAIN_SHARE * top.score:
            break
        other = fold(match.rule.rule)
        if _OPENS_WITH_CONDITION.search(other) or jobs_named(other):
            continue
        if len(stems(other) & said) >= PLAIN_SHARE * len(said):
            return [match, *(m for m in ranked if m is not match)]
    return ranked


def _unconditional(question: str, rule: Rule) -> bool:
    """Whether the rule holds for the worker as it stands: it sets no condition, or only the
    special job the question names ("si eres deportista profesional…" to a football player)."""
    statement = fold(rule.rule)
    if not _OPENS_WITH_CONDITION.search(statement):
        return True
    folded = fold(question)
    return bool(_JOB_CONDITION.search(statement)) and bool(
        jobs_named(statement) & jobs_named(folded)
    )


def _fits(question: str, rule: Rule, meant: str, minor: bool) -> bool:
    return (
        placed(question, rule.rule, minor=minor)
        and conditions_touched(meant, rule.rule)
        and speaks_of(meant, rule.rule)
    )


def _with(finding: Finding) -> str:
    return "Siendo menor de edad" if finding.figure is MINOR else f"Con {finding.figure.said}"


def _unmet(finding: Finding) -> str:
    return f"{_with(finding)} no se cumple: la ley dice {finding.threshold.text}."


def _short(finding: Finding) -> str:
    return f"{_with(finding)} no se cumple ({finding.threshold.text})."


def _met(finding: Finding) -> str:
    return f"{_with(finding)} sí se cumple ({finding.threshold.text})."


def _dated(question: str, ranked: Sequence[RuleMatch], kind: QuestionKind) -> Lead | None:
    """ "¿Me lo pueden pagar en enero?" against "antes del 20 de diciembre": the date settles it."""
    if kind != "yes_no" or NEGATED_QUESTION.search(fold(question)):
        return None
    for match in ranked[:PREMISE_RULES]:
        late = date_verdict(question, match.rule)
        if late is None:
            continue
        rule = match.rule
        if late:
            sentence = f"No. {rule.rule.rstrip('.')} {cite(rule)}; {late} ya es tarde."
            return Lead(sentence, (rule,), verdict="No")
        return Lead(f"Sí, a tiempo. {rule.rule.rstrip('.')} {cite(rule)}.", (rule,), verdict="Sí")
    return None


def supporting(
    lead_rule: Rule,
    matches: Sequence[RuleMatch],
    *,
    share: float = 0.75,
    detail: bool = False,
    kind: QuestionKind | None = None,
) -> Rule | None:
    """A second rule worth a sentence of "why": for "¿cuánto / hasta cuándo?" led by a rule with
    no figure, the same article's amount or deadline rule (with a third of the evidence); else the
    article's main rule when another one led and it has half the evidence, else a close one of
    the same article (another article's rule only in the long form: it is rarely asked)."""
    best = next((m.score for m in matches if m.rule == lead_rule), 0.0)
    figured = _article_figure(lead_rule, matches, kind, best)
    if figured is not None:
        return figured.rule
    for match in matches:
        same = match.rule.article == lead_rule.article and match.rule != lead_rule
        if same and match.first and match.score >= share / 1.5 * best:
            return match.rule
    for match in matches:
        if match.rule == lead_rule or match.score < share * best:
            continue
        if match.rule.passage == lead_rule.passage:
            continue
        if match.rule.article != lead_rule.article and not detail:
            continue
        return match.rule
    return None


# The share of the lead's evidence a same-article rule with the asked-for figure needs to follow it.
FIGURE_SHARE = 0.3


# Another article's rule is said too (not quoted) when it has this share of the lead's evidence.
ALSO_SHARE = 0.6


def another_article(
    question: str,
    lead_rule: Rule,
    matches: Sequence[RuleMatch],
    *,
    share: float = ALSO_SHARE,
    minor: bool = False,
    story: str = "",
) -> Rule | None:
    """The best rule of another article when it is nearly as well supported as the one that led
    (weighed for the question's kind): when two articles compete, the worker hears both.
    ``story``: the question with the turns it follows (an illness told not from work there
    keeps a work risk's rule out)."""
    kind = question_kind(question)
    folded = fold(question)
    ranked = best_rules(matches, kind, unit=asked_unit(question), question=question)
    best = next((m.score for m in ranked if m.rule == lead_rule), 0.0)
    for match in ranked:
        rule = match.rule
        if rule.article == lead_rule.article and rule.law == lead_rule.law:
            continue
        if match.score < share * best:
            return None
        if misread(question, rule.rule) or _not_from_work(story or question, rule):
            continue
        # "¿En cuántos días…?" is answered by figures: a rule that states none adds nothing.
        if kind in {"how_much", "until_when"} and not _wanted(rule, kind):
            continue
        # Not a rule for another job ("en el campo…") or for a worker the question may not be
        # ("si eres menor de 18…" without an age).
        read = findings(question, rule.rule, minor=minor)
        unmet = read is None or any(f.threshold.role == "condition" and not f.holds for f in read)
        if unmet or not speaks_to_job(folded, rule):
            continue
        return rule
    return None


# The question's own last clause must share this many content stems with a rule to be answered
# by it after a premise was corrected.
ASKED_SHARED = 2


def asked_besides(
    question: str,
    corrected_by: Rule,
    matches: Sequence[RuleMatch],
    *,
    meant: Callable[[str], Sequence[str]] | None = None,
) -> Rule | None:
    """After a premise is corrected, the rule of another article that answers what the question
    itself asks, when the correction does not: "me dan de alta hasta que pase el periodo de prueba
    de 3 meses. ¿En cuánto tiempo me tienen que dar de alta?" is corrected by Art. 39-A's 30 days
    and answered by Art. 15 LSS's 5. A second claim told with the first ("me dijeron que la
    prueba es de 3 meses y que mientras no tengo IMSS") is answered too, by any other rule that
    speaks of it; ``meant`` gives a claim's words in the law's (the slang table: "imss" →
    "seguridad social")."""
    clauses = [c for c in re.split(r"[.;!?¿]", fold(question)) if c.strip()]
    if len(clauses) < 2:
        return None
    own = stems(clauses[-1]) - GENERIC_STEMS
    if _prefix_shared(own, stems(corrected_by.rule)) < ASKED_SHARED:
        found = _speaks_of(own, corrected_by, matches, same_article=False)
        if found is not None:
            return found
    return _second_claim(question, corrected_by, matches, meant=meant)


def _second_claim(
    text: str,
    answered_by: Rule,
    matches: Sequence[RuleMatch],
    *,
    meant: Callable[[str], Sequence[str]] | None = None,
) -> Rule | None:
    """The rule that answers a second claim told with the first ("me dijeron que X y que Y"),
    when the rule that answers the first does not speak of it: the rule, of any article, that
    shares most of its words (read in the law's too, ``meant``). Used after a corrected premise
    only: over any answer, two shared words brought loose asides (measured on the tuned sets)."""
    for claim in _SECOND_CLAIM.split(fold(text))[1:]:
        said = re.split(r"[.;!?¿]", claim)[0]
        words = stems(" ".join([said, *(meant(said) if meant else ())])) - GENERIC_STEMS
        if _prefix_shared(words, stems(answered_by.rule)) >= ASKED_SHARED:
            continue  # the first answer speaks of this claim too
        found = _speaks_of(words, answered_by, matches, same_article=True)
        if found is not None:
            return found
    return None


# "me dijeron que X y que Y": a second claim.
_SECOND_CLAIM = re.compile(r"\by (?:que|q) ")


def _speaks_of(
    words: set[str], corrected_by: Rule, matches: Sequence[RuleMatch], *, same_article: bool
) -> Rule | None:
    """The rule (of another article, or also of the same one) that shares most of ``words``."""
    best: tuple[int, float, Rule] | None = None
    for match in matches:
        rule = match.rule
        if rule == corrected_by or (
            not same_article
            and (rule.article, rule.law) == (corrected_by.article, corrected_by.law)
        ):
            continue
        shared = _prefix_shared(words, stems(rule.rule))
        if shared >= ASKED_SHARED and (best is None or (shared, match.score) > best[:2]):
            best = (shared, match.score, rule)
    return best[2] if best else None


def _prefix_shared(asked: set[str], said: set[str]) -> int:
    """How many asked stems a statement has, a verb's forms alike ("dar" and "darte")."""
    long = [b for b in said if len(b) >= 3]
    return sum(
        1 for a in asked if len(a) >= 3 and any(b.startswith(a) or a.startswith(b) for b in long)
    )
