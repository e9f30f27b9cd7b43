"""A typed message in a case: answer first, keep what the worker said, ask only what matters.

Pure; called by ``bot.machine`` for free text in the FORM and READY states. Every message is read
for facts (``bot.listening``); a question is answered (or computed, ``bot.calculate``) before
anything is asked; then at most one question follows, for a fact the topic or a pending
calculation needs and the case does not hold. A question is never stored as a form answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from bot import calculate, form_wording, wording
from bot.casework import FIRST_QUESTION, ask_answerer, question, resume_form
from bot.conversation import Conversation, State
from bot.dates import long_spanish
from bot.effects import RecordMessage, SaveCase, ScheduleReminders
from bot.facts import Facts, extract, is_small_talk
from bot.facts_money import offered, received
from bot.facts_text import Text
from bot.facts_words import bare_still
from bot.form import (
    STILL_WORKING,
    TOPIC_NEEDS,
    Accepted,
    Rejected,
    get_field,
    is_back,
    is_skip,
    listed,
    looks_like_question,
    parse_answer,
    pick_option,
)
from bot.listening import speak_up, take
from bot.out import Out, say
from calc import CalcError
from calc.facts import pesos
from calc.text import fold

# In "omitidos": the worker cancelled the form; only a calculation asks anything after that.
STOPPED = "formulario"
_YES = re.compile(r"^(si|sí|sip|simon|claro|va|ok|okay|dale|por favor|sale|orale|1)\b")
_NO = re.compile(r"^(no|nel|nop|nada|2)\b")
# A yes/no question about the law ("¿me tienen que pagar…?") gets the law's answer too.
_YES_NO = re.compile(
    r"\b(legal|pueden|puede|deben|debe|tienen que|tiene que|derecho|aunque|"
    r"si (?:me|le|nos) (?:toca|tocan|corresponde|dan|pagan))\b"
)


# "no sé" after an answer says nothing to answer (in the form it skips a question instead).
_CLAIM_TOLD = re.compile(r"\b(?:dice|dicen|dijo|dijeron|dise|disen|disque)\s+(?:que|q)\b")
_UNSURE = re.compile(r"^\W*(?:no se|nose|no lo se|ni idea|quien sabe|no sabria)\W*$")


def small_talk(conv: Conversation, out: Out, text: str) -> bool:
    """ "gracias", "ok", "👍", "hola", "no sé": a short kind reply, never the law."""
    if conv.state != State.FORM and _UNSURE.match(fold(text)):
        say(conv, out, wording.UNSURE)
        return True
    kind = is_small_talk(text)
    if kind is None:
        return False
    say(conv, out, wording.THANKS if kind == "thanks" else wording.GREETING)
    resume_form(conv, out)
    return True


# A form answer this long that tells new facts is part of the story ("la app me desactivó la
# cuenta sin decirme por qué", to "¿De qué se trata?"): the answers read the whole story.
STORY_WORDS = 5
# A message of at least this many words that tells a fact is more of the story, not a failed
# answer to the question waiting.
TOLD_WORDS = 3


# The case's data (who, where, when, how much), as opposed to what happened (topic, how it ended,
# the worker's situation): a message that only adds these asks nothing of the law.
_DATA_FIELDS = frozenset({
    "patrón", "puesto", "fecha de inicio", "fecha de fin", "salario", "contrato", "horario",
    "jornada", "lugar", "zona", "horas a la semana", "aproximadas", "monto sin periodo",
    "meses trabajados", "avisos",
})  # fmt: skip


def _only_data(before: Mapping[str, str], after: Mapping[str, str]) -> bool:
    changed = {name for name in {*before, *after} if before.get(name) != after.get(name)}
    return bool(changed) and changed <= _DATA_FIELDS


def _passed_over(conv: Conversation, out: Out, name: str) -> Conversation:
    """The form question answered with other facts instead: asked once more, then let go (an
    optional one), as if skipped. Found playing a chat: a pregnant worker who told her dates and
    pay instead was asked her contract four times."""
    case = conv.case
    if case is None or conv.form_passed != name:
        return replace(conv, form_passed=name)
    if not get_field(name).optional:
        return conv
    skipped = ",".join(sorted({*listed(case.fields, "omitidos"), name}))
    updated = case.with_field("omitidos", skipped)
    out.effects.append(SaveCase(updated))
    return replace(conv.with_case(updated), form_passed=None)


# A date said alone, or with "me dijo" / "fue": the answer to a date question.
_BARE_DATE_WORDS = 6


def _late_end(conv: Conversation, text: str) -> bool:
    """Whether ``text`` is the end date the form asked for and let go: a job that ended (a
    dismissal or a resignation told), no end date, and a short message that is only a date."""
    if conv.case is None:
        return False
    fields = conv.case.fields
    if fields.get("fecha de fin") or not fields.get("motivo") or "?" in text:
        return False
    if "fecha de fin" not in listed(fields, "omitidos") or len(text.split()) > _BARE_DATE_WORDS:
        return False
    found = parse_answer("fecha de fin", text, today=conv.today, fields=fields)
    return isinstance(found, Accepted) and found.value != STILL_WORKING


# A short answer ("1", "indefinido", "3 mil a la semana") to the form question let go.
_LATE_ANSWER_WORDS = 5


def _late_answer(conv: Conversation, text: str) -> str | None:
    """The form question the worker let go (``FORM_PAUSED``) that ``text`` answers after all: a
    short message, no question, that the question reads as its answer ("1" after "¿Qué
    contrato tienes? 1. indefinido…")."""
    paused = conv.form_paused
    case = conv.case
    if conv.state != State.READY or conv.form_field is not None or not paused or case is None:
        return None
    if case.fields.get(paused) or "?" in text or len(text.split()) > _LATE_ANSWER_WORDS:
        return None
    found = parse_answer(paused, text, today=conv.today, fields=case.fields)
    return paused if isinstance(found, Accepted) else None


def _told_more(conv: Conversation, out: Out, text: str) -> Conversation:
    case = conv.case
    if case is None or len(text.split()) < STORY_WORDS:
        return conv
    story = case.fields.get(FIRST_QUESTION, "")
    if fold(text.strip()) in fold(story):
        return conv
    told = f"{story.rstrip()} {text.strip()}".strip() if story else text.strip()
    updated = case.with_field(FIRST_QUESTION, told[: get_field(FIRST_QUESTION).max_len])
    out.effects.append(SaveCase(updated))
    return conv.with_case(updated)


# A message that says it corrects what was told before.
_CORRECTING = re.compile(
    r"^\W*(?:perdon|perdone|disculpa|disculpe)\b|"
    r"\b(?:me equivoque|me confundi|corrijo|en realidad|mas bien|fe de erratas|"
    r"(?:lo|la) (?:escribi|puse) mal)\b"
)


def free_text(conv: Conversation, out: Out, text: str) -> Conversation:
    """A message in a linked chat with a current case (FORM or READY)."""
    if conv.offer == "calcular":
        labels = tuple(calculate.LABELS[k] for k in calculate.KINDS)
        index = pick_option(text, labels)
        conv = replace(conv, offer=None)
        if index is not None:
            return start_calculation(conv, out, calculate.KINDS[index], text)
    if conv.offer == "recordatorio":
        answered = _offer_reply(conv, out, text)
        if answered is not None:
            return answered
        conv = replace(conv, offer=None)
    if small_talk(conv, out, text):
        return conv
    case = conv.case
    if case is None:
        ask_answerer(conv, out, text)
        return replace(conv, state=State.READY)
    paused = _late_answer(conv, text)
    if paused is not None:  # the form goes on from the question it answers
        conv = replace(conv, state=State.FORM, form_field=paused, form_paused=None)
    name = conv.form_field if conv.state == State.FORM else None
    late = name is None and _late_end(conv, text)
    if late:
        # "¿Cuándo terminó…?" was asked and let go; "me dijo el lunes pasado" told after it is
        # that answer.
        name = "fecha de fin"
    marked = "?" in text or "¿" in text
    asks = marked
    direct = False
    deadline_before = calculate.deadline(case.fields, today=conv.today)
    result: Accepted | Rejected | None = None
    if name is not None:
        if is_back(text):
            return _back(conv, out, name)
        spec = get_field(name)
        chosen = spec.kind == "choice" and pick_option(text, spec.options) is not None
        if is_skip(text) and not chosen:
            return _skip(conv, out, name)
        result = parse_answer(name, text, today=conv.today, fields=case.fields)
        if isinstance(result, Accepted) and _other_date(name, text, conv):
            result = None  # the listener below keeps that date where it belongs
        # "¿…?" is a question; "cuánto me toca…" too, unless it reads as an answer ("como 3 años").
        # A menu read from loose words ("no tengo…" as "sin contrato") in a question or a claim
        # told ("mi jefa dice q no me van a dar la incapacidad x q no tengo semanas") is no
        # answer to it: the question is answered, the menu asked again.
        loose = spec.kind == "choice" and not chosen and name != "tema"
        taken = isinstance(result, Accepted) and not loose
        asks = marked or (not taken and looks_like_question(text))
        # The first story that reports the employer's claim ("el patrón dice que me va a pagar
        # en pan, que al cabo es lo mismo") wants it weighed now, not after the form.
        # So does a claim told as the topic ("la señora no me quiere dar aguinaldo porque dice
        # que no soy de planta"): the topic is taken from it and the claim answered.
        claimed = _CLAIM_TOLD.search(fold(text)) is not None
        asks = asks or (name == FIRST_QUESTION and claimed)
        asks = asks or (name == "tema" and claimed and isinstance(result, Accepted))
        if isinstance(result, Accepted) and (not asks or name in ("descripción", "tema")):
            updated = case.with_field(name, result.value)
            out.effects.append(SaveCase(updated))
            conv, direct = conv.with_case(updated), True
            if spec.kind == "choice" and not chosen:
                # A topic read from a story keeps the story: "me toca?" next is asked of it.
                conv = _told_more(conv, out, text)
    mark = len(out.replies)
    before = dict(conv.case.fields) if conv.case else {}
    # In a finished case a short statement corrects what was said ("desde marzo del 2023"), and
    # so does one that says it corrects, question or not ("perdón, me pagaba 3000 a la semana.
    # ¿cuánto me toca?").
    correct = name is None and (
        (not asks and len(text.split()) <= 8) or _CORRECTING.search(fold(text)) is not None
    )
    conv, found = take(conv, out, text, asked=name, correct=correct)
    learned = conv.case is not None and dict(conv.case.fields) != before
    if learned and not asks and name not in (None, FIRST_QUESTION):
        conv = _told_more(conv, out, text)
        if not direct:
            conv = _passed_over(conv, out, name)
    conv = speak_up(conv, out)
    if conv.case is not None and "recordatorio" not in conv.case.fields:
        # A dismissal date just became known: its deadline now (said once, not on every turn of
        # the form); the reminder is offered once nothing else is being asked.
        asking = conv.state != State.FORM
        known = calculate.deadline(conv.case.fields, today=conv.today) == deadline_before
        conv = offer_reminder(conv, out, ask=asking, announce=asking or not known)
    if late and direct:
        return conv  # the end date, noted: its deadline was said above
    asks = asks or (found.asks and not direct) or (name is None and looks_like_question(text))
    story = conv.case.fields.get("descripción") if conv.case else None
    # "¿Cuánto sería?" asks for the figure of the last question, or, when that named none ("¿me
    # toca?"), of the story.
    previous: list[str | None] = [p for p in dict.fromkeys((conv.last_question, story)) if p]
    kinds = (calculate.intent(text, conv.case, previous=p) for p in previous or [None])
    kind = next((k for k in kinds if k is not None), None)
    waiting = conv.calc_kind is not None and kind in (None, conv.calc_kind)
    if waiting and learned and wanted(conv) is None:
        # The fact a pending calculation asked for came with a question ("¿y cuánto sería? gano
        # 12 mil al mes"): the figure is the answer.
        return next_step(conv, out)
    if kind is not None or asks:
        out.hold_from(mark)  # the answer first; what was noted follows it
    if kind is not None:
        return start_calculation(conv, out, kind, text)
    if asks:
        conv = _ask_later(conv)
        ask_answerer(conv, out, text)
        return conv
    pending = conv.case.fields.get("monto sin periodo") if conv.case else None
    if pending and not direct and pending != before.get("monto sin periodo"):
        say(conv, out, form_wording.INVALID["no_period"])  # "2800": and every when?
        return conv
    if name is not None and not direct and not learned:
        if name == "tema":
            # Never a wall: what we cannot place is "otro", and the story is kept ("dice que
            # hasta que acabemos la obra" is what "¿eso se puede?" asks about next).
            conv = _told_more(conv, out, text)
            return _store_and_next(conv, out, {"tema": "otro"})
        reason = result.reason if isinstance(result, Rejected) else "option"
        params = result.params if isinstance(result, Rejected) else {}
        story_told = found != Facts() and len(text.split()) >= TOLD_WORDS
        if story_told:
            # The story told again or told more ("nomás me dijeron ya no vengas", "tengo
            # incapacidad del IMSS") while a menu or a date waits: kept with the story, and the
            # question asked again without "no te entendí".
            conv = _told_more(conv, out, text)
            reason = "known"
        say(conv, out, form_wording.INVALID.get(reason, wording.TOO_LONG), **params)
        question(conv, out, name)
        return conv
    if conv.calc_kind is not None or conv.state == State.FORM:
        return next_step(conv, out)
    if correct and learned:
        # The pay told after a figure asked without it: the figure now, in pesos ("¿y la prima
        # vacacional cuánto es?" shown in days, then "gano 12 mil al mes").
        if conv.case is not None and _pay_just_told(before, conv.case.fields):
            again = _shown_without_pay(conv)
            if again is not None:
                return start_calculation(conv, out, again, conv.last_question or text)
            if _MONEY_ASKED.search(fold(conv.last_question or "")):
                ask_answerer(conv, out, conv.last_question or text)
        return conv  # a correction, confirmed above: nothing to look up in the law
    if learned and not asks and conv.case is not None and _only_data(before, conv.case.fields):
        # "Trabajo en una constructora de ayudante, gano 2300 a la semana" after the case is
        # ready: the facts were noted above; there is nothing in it to answer, unless the last
        # question asked what would be paid ("¿me puedo salir y que me paguen?"): its figure.
        owed = calculate.pay_asked(conv.last_question or "", conv.case)
        if owed is not None:
            return start_calculation(conv, out, owed, conv.last_question or text)
        return conv
    if (
        not learned
        and not asks
        and conv.case is not None
        and conv.case.fields.get("fecha de fin") == STILL_WORKING
        and bare_still(fold(text))
    ):
        say(conv, out, wording.ALREADY_NOTED, facts="sigues trabajando ahí")  # said before
        return conv
    if _job_told_late(conv, text):
        # "Operador de máquina" after the form: the job, not a question for the law.
        case = conv.case
        assert case is not None
        updated = replace(case, fields={**case.fields, "puesto": text.strip(" .")})
        out.effects.append(SaveCase(updated))
        say(conv, out, wording.NOTED, facts=text.strip(" ."))
        return conv.with_case(updated)
    ask_answerer(conv, out, text)  # READY: a statement is answered like a question
    return conv


# A job title sent alone: "operador de máquina", "cajera", "chofer de pipa".
_JOB_WORD = re.compile(
    r"^(?:soy |de )?(?:\w+(?:or|ora|ero|era|ista|ante|ente|ario|aria)|chofer|guardia|velador|"
    r"intendente|cocinera|cocinero|ayudante|auxiliar|operador|operadora|obrero|obrera|peon|"
    r"albañil|albanil|mesero|mesera|cajero|cajera|niñera|ninera|jornalero|jornalera)\b"
)
_NOT_A_JOB = re.compile(
    r"\?|\d|\b(no|si|sí|ya|que|q|porque|pero|me|mi|nos|le)\b|"
    r"^(?:ahora|hora|señora|senora|señor|senor|mejor|peor|mayor|menor|primero|primera|tercero|"
    r"tercera|entero|entera|importante|siguiente|diferente|anterior|posterior|interior|exterior|"
    r"cliente|pendiente|suficiente|bastante|durante|adelante|ante|antes|tarde|temprano|sobre|"
    r"nunca|cualquiera|verdadero|verdadera|sincero|sincera)\b"
)


def _job_told_late(conv: Conversation, text: str) -> bool:
    """Whether a short message is the job, told after the form, in a case that has none."""
    case = conv.case
    if case is None or case.fields.get("puesto") or not conv.linked:
        return False
    folded = fold(text).strip(" .!")
    words = folded.split()
    return 1 <= len(words) <= 4 and bool(_JOB_WORD.match(folded)) and not _NOT_A_JOB.search(folded)


# A question for a sum of money ("¿cuánto me deben del 16 de septiembre?"), not for a time.
_MONEY_ASKED = re.compile(
    r"\bcuant[oa]s? (?:(?:me|nos|le|les) (?:deben|debe|pagan|paga|toca|tocan|corresponde|dan)|"
    r"(?:es|seria|sale) (?:la|el|mi))\b"
    r"(?! (?:de )?(?:tiempo|dias|semanas|meses|anos|años|horas|plazo)\b)"
)


def _pay_just_told(before: Mapping[str, str], fields: Mapping[str, str]) -> bool:
    return bool(fields.get("salario")) and fields.get("salario") != before.get("salario")


def _shown_without_pay(conv: Conversation) -> str | None:
    """The calculation just shown in days only (no salary then), to show again in pesos."""
    kind, _, total = (conv.last_shown or "").rpartition(":")
    kind = kind.split(":", 1)[0]
    if not kind or kind == "plazo":
        return None
    try:
        return kind if Decimal(total) == 0 else None
    except ArithmeticError:
        return None


def wanted(conv: Conversation) -> str | None:
    """The next fact to ask for: a pending calculation's first, then the topic's; else None."""
    case = conv.case
    if case is None:
        return None
    fields = case.fields
    skipped = set(listed(fields, "omitidos"))
    if conv.calc_kind is not None:
        fields, _ = calculate.supposed(conv.calc_kind, fields, conv.calc_question, today=conv.today)
        needed = calculate.missing(conv.calc_kind, fields, today=conv.today)
    elif STOPPED in skipped:
        return None
    else:
        topic = fields.get("tema")
        needed = ("tema",) if not topic else TOPIC_NEEDS.get(topic, ())
    if conv.calc_kind is not None:
        # Asked for a figure: a fact skipped in the form is asked once more (skipping it now
        # ends the calculation, see ``_skip``).
        return next((n for n in needed if not fields.get(n)), None)
    return next((n for n in needed if not fields.get(n) and n not in skipped), None)


def stop_asking(conv: Conversation, out: Out) -> Conversation:
    """The worker cancelled the form: what it would still ask counts as skipped."""
    case = conv.case
    if case is None:
        return conv
    skipped = {*listed(case.fields, "omitidos"), STOPPED}
    if conv.form_field:
        skipped.add(conv.form_field)
    updated = case.with_field("omitidos", ",".join(sorted(skipped)))
    out.effects.append(SaveCase(updated))
    return conv.with_case(updated)


_DATES = ("fecha de inicio", "fecha de fin")


def _other_date(name: str, text: str, conv: Conversation) -> bool:
    """Whether the date in an answer to one date question is plainly the other one: asked when
    the job ended, "entré hace 2 años" tells when it began (and the reverse)."""
    if name not in _DATES:
        return False
    other = _DATES[1] if name == _DATES[0] else _DATES[0]
    told = extract(text, today=conv.today).fields()
    # ("trabajo en una farmacia, entré hace un año": the start, and a job still going on.)
    return bool(told.get(other)) and told.get(name) in (None, "", STILL_WORKING)


def _ask_later(conv: Conversation) -> Conversation:
    """Point the form at the next missing fact; it is asked after the answer goes out."""
    following = wanted(conv)
    # The question let go after two answers that asked other things is not asked again after
    # the next answer ("Dejo los datos de tu caso para después" means it).
    if following is None or (following == conv.form_paused and conv.calc_kind is None):
        return replace(conv, state=State.READY, form_field=None, form_trail=())
    return replace(conv, state=State.FORM, form_field=following)


def next_step(conv: Conversation, out: Out, *, starting: bool = False) -> Conversation:
    """Ask the next missing fact, or finish what was pending (a calculation, the case);
    ``starting``: a calculation was just asked for (in the form too: "¿todavía puedo demandar?"
    asked while the form wants the end date is told why that date is asked again)."""
    following = wanted(conv)
    if following is not None:
        trail = conv.form_trail
        if conv.form_field and conv.form_field != following:
            trail = (*trail, conv.form_field)
        if conv.calc_kind is not None and (conv.state != State.FORM or starting):
            say(conv, out, wording.calc_needs(conv.calc_kind))  # once, as the asking starts
        conv = replace(conv, state=State.FORM, form_field=following, form_trail=trail)
        question(conv, out, following)
        return conv
    if conv.calc_kind is not None:
        return _finish_calculation(conv, out)
    if conv.state == State.FORM:
        return _finish_case(conv, out)
    return conv


def _finish_case(conv: Conversation, out: Out) -> Conversation:
    case = conv.case
    conv = replace(conv, state=State.READY, form_field=None, form_trail=())
    if case is None:
        return conv
    story = case.fields.get("descripción")
    # "¿Me puedo salir y que me paguen?" asked while the form ran: its figure, now computable.
    asked = conv.last_question or ""
    owed = calculate.pay_asked(asked, case)
    # "Tengo una duda sobre mi aguinaldo" told first: its figure, now that the form holds it.
    doubt = calculate.doubt_about(story or "")
    if owed is None and doubt is not None:
        owed, asked = doubt, story or ""
    # "Me hacen quedarme 2 horas diario y no me las pagan": the hours unpaid, in pesos.
    unpaid = "horas_extra_sin_pago" in listed(case.fields, "situación")
    if owed is None and unpaid and case.fields.get("horas extra"):
        owed, asked = "horas-extra", story or ""
    if owed is not None:
        supposed, _ = calculate.supposed(owed, case.fields, asked, today=conv.today)
        if not calculate.missing(owed, supposed, today=conv.today):
            say(conv, out, wording.FORM_DONE, n=case.number)
            return start_calculation(conv, out, owed, asked)
    # A job that ended: what it is owed, the liquidación of a dismissal or the finiquito of a
    # resignation ("renuncié y no me quieren pagar la última semana").
    resigned = case.fields.get("motivo") == "renuncia" and bool(case.fields.get("fecha de fin"))
    if case.topic == "despido" and (calculate.deadline(case.fields, today=conv.today) or resigned):
        kind = "finiquito" if case.fields.get("motivo") == "renuncia" else "liquidacion"
        if not calculate.missing(kind, case.fields, today=conv.today):
            say(conv, out, wording.FORM_DONE, n=case.number)
            # (A story answered when it came is not answered again after its figure.)
            answered = bool(story) and _answered_first(story or "")
            conv = replace(conv, calc_kind=kind, calc_question=story)
            return _finish_calculation(conv, out, answer=not answered)
    say(conv, out, wording.FORM_DONE, n=case.number)
    # A story that asked something, or told the employer's claim, was answered when it came:
    # not the same answer twice.
    story = None if story and _answered_first(story) else story
    # "¿Cuánto es la prima dominical?" answered before the pay was known: in pesos now.
    if not story and case.fields.get("salario") and _MONEY_ASKED.search(fold(asked)):
        ask_answerer(conv, out, asked)
        return conv
    if story:
        say(conv, out, wording.STORY_ANSWER)
    mark = len(out.replies)
    conv = offer_reminder(conv, out)
    if story:
        out.hold_from(mark)  # the offer follows the answer
        ask_answerer(conv, out, story)
    return conv


def _store_and_next(conv: Conversation, out: Out, values: dict[str, str]) -> Conversation:
    case = conv.case
    assert case is not None
    updated = replace(case, fields={**case.fields, **values})
    out.effects.append(SaveCase(updated))
    return next_step(conv.with_case(updated), out)


def _skip(conv: Conversation, out: Out, name: str) -> Conversation:
    case = conv.case
    assert case is not None
    if not get_field(name).optional:
        if name == "tema":
            return _store_and_next(conv, out, {"tema": "otro"})
        say(conv, out, wording.REQUIRED)
        question(conv, out, name)
        return conv
    say(conv, out, wording.SKIPPED)
    skipped = ",".join(sorted({*listed(case.fields, "omitidos"), name}))
    values = {"omitidos": skipped}
    if conv.calc_kind is not None and name in calculate.missing(
        conv.calc_kind, case.fields, today=conv.today
    ):
        # The calculation cannot go on without it: explain the law instead.
        say(conv, out, wording.CALC_CANT)
        question_text = conv.calc_question or ""
        conv = replace(conv, calc_kind=None, calc_question=None)
        updated = replace(case, fields={**case.fields, **values})
        out.effects.append(SaveCase(updated))
        conv = _ask_later(conv.with_case(updated))
        if question_text:
            ask_answerer(conv, out, question_text)
        return conv
    return _store_and_next(conv, out, values)


def _back(conv: Conversation, out: Out, name: str) -> Conversation:
    if not conv.form_trail:
        say(conv, out, wording.NOTHING_BEFORE)
        question(conv, out, name)
        return conv
    previous = conv.form_trail[-1]
    conv = replace(conv, form_field=previous, form_trail=conv.form_trail[:-1])
    question(conv, out, previous)
    return conv


# --- calculations ------------------------------------------------------------------------


def start_calculation(conv: Conversation, out: Out, kind: str, text: str) -> Conversation:
    """Compute ``kind`` now, or ask for its first missing fact and compute once it is known."""
    conv = replace(conv, calc_kind=kind, calc_question=text)
    case = conv.case
    if case is not None:
        out.effects.append(RecordMessage(case.number, "user", text))
    if wanted(conv) is None:
        return next_step(conv, out, starting=True)
    # A fact is missing: the law's answer now, in general terms ("tienes 2 meses desde el
    # despido"), and after it the question for the exact figure.
    mark = len(out.replies)
    conv = next_step(conv, out, starting=True)
    out.hold_from(mark)
    ask_answerer(conv, out, text, record=False)
    return conv


def _offer_or_paid(
    kind: str, asked: str | None, story: str
) -> tuple[Decimal | None, Decimal | None]:
    """The sum the employer offers on leaving, or else the one already paid, told in the question
    or else in the case's story; (None, None) for other calculations."""
    if kind not in ("liquidacion", "finiquito"):
        return None, None
    for text in (Text.of(asked or ""), Text.of(story)):
        paid = received(text)
        offer = None if paid is not None else offered(text)
        if offer is not None or paid is not None:
            return offer, paid
    return None, None


def _answered_first(story: str) -> bool:
    """Whether a story that asked something, or told the employer's claim, was answered when it
    came (not to be answered twice)."""
    return looks_like_question(story) or _CLAIM_TOLD.search(fold(story)) is not None


def _finish_calculation(conv: Conversation, out: Out, *, answer: bool = True) -> Conversation:
    """Compute the calculation asked for; ``answer``: a yes/no or a claim in its question is
    also answered by the law."""
    kind, asked = conv.calc_kind, conv.calc_question
    # The figure's question is the last one asked: "¿y de vacaciones?" asks it again of another
    # payment.
    last = asked or conv.last_question
    conv = replace(conv, calc_kind=None, calc_question=None, last_question=last)
    case = conv.case
    if kind is None or case is None:
        return conv
    if kind == "plazo" and case.fields.get("fecha de fin") == STILL_WORKING:
        say(conv, out, wording.DEADLINE_STILL_WORKING)  # no dismissal, no deadline running
        return _ask_later(conv) if conv.state == State.FORM else conv
    fields, supposed = calculate.supposed(kind, case.fields, asked, today=conv.today)
    try:
        result = calculate.compute(kind, fields, today=conv.today)
        result = replace(result, supuestos=(*supposed, *result.supuestos))
    except CalcError as exc:
        say(conv, out, wording.CALC_FAILED, reason=str(exc).rstrip("."))
        return _ask_later(conv)
    text = calculate.render(result, conv.channel)
    offer, paid = _offer_or_paid(kind, asked, case.fields.get("descripción", ""))
    if offer is not None and offer < result.total:
        # "¿Lo acepto?": the offer against the law's figure first, then how it was reckoned.
        say(conv, out, wording.CALC_OFFER_SHORT, offered=pesos(offer), total=pesos(result.total))
    elif paid is not None and paid < result.total:
        # "Me dieron 15 mil y me hicieron firmar": what was paid against the law's figure.
        missing = pesos(result.total - paid)
        say(
            conv,
            out,
            wording.CALC_PAID_SHORT,
            paid=pesos(paid),
            total=pesos(result.total),
            missing=missing,
        )
    # The table just shown, asked again with nothing changed ("¿y qué me toca?" right after it,
    # an offer weighed against it): one line, not the whole table a second time.
    shown = f"{kind}:{case.number}:{result.total}"
    same = kind != "plazo" and conv.last_shown == shown
    if same and result.total == 0:
        text = wording.CALC_SAME_DAYS.format(label=calculate.LABELS[kind])
    elif same:
        text = wording.CALC_SAME.format(label=calculate.LABELS[kind], total=pesos(result.total))
        if kind in ("horas-extra", "vacaciones"):
            # "¿Cuántos días?", "¿de un mes?": the days, the month and the year, not a week's sum.
            text = f"{calculate.headline(result)} {wording.CALC_SAME_AGAIN}"
    conv = replace(conv, last_shown=shown)
    weighed = offer if offer is not None else paid
    folded = fold(asked or "")
    # "¿Y si el ingeniero dice que no me toca nada?" right after the table: the law's answer to
    # the claim (below) is the reply, not the same figure again.
    claim_again = same and _CLAIM_TOLD.search(folded) and not re.search(r"\bcuant", folded)
    if not (same and weighed is not None and weighed < result.total) and not claim_again:
        out.say(text)  # (an offer's line said it)
    out.release()
    out.effects.append(RecordMessage(case.number, "assistant", text, calculate.articles(result)))
    if kind in ("liquidacion", "finiquito", "plazo"):
        conv = offer_reminder(conv, out)
    if (
        answer
        and kind != "plazo"
        and (_YES_NO.search(folded) or _CLAIM_TOLD.search(folded))
        and not re.search(r"\bcuant", folded)
    ):
        # "¿me tienen que pagar…?", "ella dice que no me toca" still want the law's answer (the
        # question is recorded).
        ask_answerer(conv, out, asked or "", record=False, facts=calculate.fact_lines(result))
    return _ask_later(conv) if conv.state == State.FORM else conv


def offer_reminder(
    conv: Conversation, out: Out, *, ask: bool = True, announce: bool = True
) -> Conversation:
    """Say the dismissal deadline as a date (``announce``), and (``ask``) offer a reminder once
    per case."""
    case = conv.case
    if case is None:
        return conv
    last_day = calculate.deadline(case.fields, today=conv.today)
    if last_day is None or last_day < conv.today:
        return conv
    line = calculate.deadline_line(last_day, today=conv.today)
    if announce and not any(reply.text == line for reply in (*out.replies, *out.held)):
        say(conv, out, line)  # once a turn
    if (
        not ask
        or case.fields.get("recordatorio")
        or not calculate.reminder_days(last_day, today=conv.today)
    ):
        return conv
    say(conv, out, wording.REMINDER_OFFER, ("sí", "no"))
    updated = case.with_field("recordatorio", "ofrecido")
    out.effects.append(SaveCase(updated))
    return replace(conv.with_case(updated), offer="recordatorio")


def _offer_reply(conv: Conversation, out: Out, text: str) -> Conversation | None:
    """The worker's yes or no to the reminder; None when the message is about something else."""
    case = conv.case
    folded = fold(text).strip()
    if case is None:
        return None
    if _YES.match(folded) and len(folded) < 40:
        last_day = calculate.deadline(case.fields, today=conv.today)
        days = calculate.reminder_days(last_day, today=conv.today) if last_day else ()
        if last_day is None or not days:
            return None
        out.effects.append(ScheduleReminders(case.number, last_day, days, calculate.REMINDER_WHAT))
        when = " y el ".join(long_spanish(d) for d in days)
        say(conv, out, wording.REMINDER_SET, days=when)
        updated = case.with_field("recordatorio", "sí")
    elif _NO.match(folded) and len(folded) < 40:
        say(conv, out, wording.REMINDER_DECLINED)
        updated = case.with_field("recordatorio", "no")
    else:
        return None
    out.effects.append(SaveCase(updated))
    conv = replace(conv.with_case(updated), offer=None)
    resume_form(conv, out)
    return conv


def calculation_menu(conv: Conversation, out: Out, arg: str) -> Conversation:
    """``/calcular``: the case's calculations, or the one named ("/calcular aguinaldo")."""
    conv = replace(conv, last_shown=None)  # asked for by name: shown in full again
    wanted_kind = next((k for k in calculate.KINDS if arg and fold(arg).startswith(k[:5])), None)
    if wanted_kind is not None:
        return start_calculation(conv, out, wanted_kind, f"calcular {wanted_kind}")
    say(conv, out, wording.CALC_MENU, tuple(calculate.LABELS[k] for k in calculate.KINDS))
    return replace(conv, offer="calcular")
