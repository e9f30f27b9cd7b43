"""The worker's cases and the context form as a dialogue: open, fill, go back, edit, switch, close.

Pure helpers for ``bot.machine``; each takes the conversation and an ``Out`` collector.
"""

from __future__ import annotations

from dataclasses import replace

from bot import form_wording, wording
from bot.conversation import Case, Conversation, State
from bot.effects import AskAnswerer, IssueLoginLink, RecordMessage, SaveCase
from bot.form import (
    FIELDS,
    Accepted,
    context,
    display,
    get_field,
    is_back,
    is_skip,
    looks_like_question,
    next_field,
    parse_answer,
    pick_option,
)
from bot.messages import Reply
from bot.out import Out, say


def _asks(conv: Conversation, name: str) -> Reply:
    """The reply that asks form question ``name``."""
    asked = Out()
    say(conv, asked, form_wording.QUESTIONS[name], get_field(name).options)
    return asked.replies[-1]


def question(conv: Conversation, out: Out, name: str) -> None:
    out.release()  # what was noted comes before the next question
    spec = get_field(name)
    say(conv, out, form_wording.QUESTIONS[name], spec.options)


def open_case(conv: Conversation, out: Out, *, ask: bool = True) -> Conversation:
    """A new case whose first question is the worker's story; ``ask=False`` when the message
    being handled already tells it."""
    current = conv.case
    if (
        current is not None
        and conv.state == State.FORM
        and not conv.editing
        and not current.fields
        and conv.form_field == FIRST_QUESTION
    ):
        # The form of a case with no answers yet is on its first question: /nuevo starts that
        # case over instead of leaving an empty one behind.
        case = current
    else:
        case = Case(number=conv.next_case_number(), opened_on=conv.today)
        out.effects.append(SaveCase(case))
    conv = replace(
        conv.with_case(case),
        state=State.FORM,
        form_field=FIRST_QUESTION,
        form_trail=(),
        form_paused=None,  # a question let go was the other case's
        editing=False,
        calc_kind=None,
        calc_question=None,
        offer=None,
    )
    if ask:
        say(conv, out, wording.FORM_START, n=case.number)
        say(conv, out, wording.FORM_HINT)
        question(conv, out, FIRST_QUESTION)
    return conv


def ask_answerer(
    conv: Conversation,
    out: Out,
    text: str,
    *,
    record: bool = True,
    facts: tuple[str, ...] = (),
    detail: bool = False,
) -> None:
    """Hand ``text`` to the answerer with the case's facts; the answer comes back as an event."""
    case = conv.case if conv.linked else None
    number = case.number if case else None
    if conv.linked and record:
        out.effects.append(RecordMessage(number, "user", text))
    ctx = context(case.fields) if case else {}
    out.effects.append(AskAnswerer(text, ctx, number, out.take_held(), facts, detail))


# The story comes first: it usually answers most of the rest.
FIRST_QUESTION = "descripción"


def _form_waiting(conv: Conversation) -> bool:
    """Whether a form question is pending and may be asked: not while a lawyer's review is under
    way (then the worker's words go to the lawyer, and a form question would be answered into
    their chat)."""
    reviewing = conv.handoff is not None and conv.handoff.active
    return conv.state == State.FORM and bool(conv.form_field) and not reviewing


def resume_form(conv: Conversation, out: Out) -> None:
    """Ask the pending form question again."""
    if _form_waiting(conv) and conv.form_field:
        say(conv, out, wording.FORM_RESUME)
        question(conv, out, conv.form_field)


def resume_after_answer(
    conv: Conversation, out: Out, *, said: tuple[Reply, ...] = ()
) -> Conversation:
    """After an answer, the pending form question again, once: a worker who answered it with
    another question twice wants answers, so the form waits for /editar (nothing is lost).
    ``said``: what went out after the answer; a form question among it is not asked again
    ("para calcular tu plazo me falta un dato. ¿Cuándo terminó…?")."""
    if not _form_waiting(conv):
        return conv
    if conv.form_field and _asks(conv, conv.form_field) in said:
        return conv
    if conv.form_reasked == conv.form_field:
        say(conv, out, wording.FORM_PAUSED)
        # The paused question is remembered: a bare "1" sent to it later still answers it.
        return replace(
            conv,
            state=State.READY,
            form_field=None,
            form_trail=(),
            form_reasked=None,
            form_paused=conv.form_field,
        )
    resume_form(conv, out)
    return replace(conv, form_reasked=conv.form_field)


def form_input(conv: Conversation, out: Out, text: str) -> Conversation:
    """One answer to the form question being asked."""
    case = conv.case
    name = conv.form_field
    if case is None or name is None:
        return replace(conv, state=State.READY, form_field=None, form_trail=())
    spec = get_field(name)
    if is_back(text):
        if not conv.form_trail or conv.editing:
            say(conv, out, wording.NOTHING_BEFORE)
            question(conv, out, name)
            return conv
        previous = conv.form_trail[-1]
        conv = replace(conv, form_field=previous, form_trail=conv.form_trail[:-1])
        question(conv, out, previous)
        return conv
    chosen = spec.kind == "choice" and pick_option(text, spec.options) is not None
    if is_skip(text) and not chosen:  # "no sé" is an answer where it is one of the options
        if not spec.optional:
            say(conv, out, wording.REQUIRED)
            question(conv, out, name)
            return conv
        say(conv, out, wording.SKIPPED)
        updated = case.with_field(name, None)
        out.effects.append(SaveCase(updated))
        return _advance(conv.with_case(updated), out, name)
    result = parse_answer(name, text, today=conv.today, fields=case.fields)
    marked = "?" in text or "¿" in text
    # "¿…?" is a question; "cuánto me toca…" too, unless it reads as an answer ("como 3 años").
    is_question = marked or (not isinstance(result, Accepted) and looks_like_question(text))
    if is_question and spec.name != "descripción":
        ask_answerer(conv, out, text)
        return conv
    if not isinstance(result, Accepted):
        say(conv, out, form_wording.INVALID.get(result.reason, wording.TOO_LONG), **result.params)
        question(conv, out, name)
        return conv
    updated = case.with_field(name, result.value)
    out.effects.append(SaveCase(updated))
    conv = _advance(conv.with_case(updated), out, name)
    if is_question:
        # The description was also a question: store it, then answer it with the whole form.
        ask_answerer(conv, out, text)
    return conv


def _advance(conv: Conversation, out: Out, name: str) -> Conversation:
    if conv.editing:
        say(conv, out, wording.FIELD_SAVED)
        return replace(conv, state=State.READY, form_field=None, form_trail=(), editing=False)
    following = next_field(name)
    if following is None:
        number = conv.current or 0
        say(conv, out, wording.FORM_DONE, n=number)
        return replace(conv, state=State.READY, form_field=None, form_trail=())
    conv = replace(conv, form_field=following, form_trail=(*conv.form_trail, name))
    question(conv, out, following)
    return conv


def case_label(case: Case) -> str:
    topic = case.topic or wording.NO_TOPIC
    label = f"Caso {case.number}: {topic}, " + wording.CASE_DATE.format(
        date=case.opened_on.strftime("%d/%m/%Y")
    )
    return label + (f" ({wording.CLOSED_TAG})" if case.status == "cerrado" else "")


def list_cases(conv: Conversation, out: Out) -> Conversation:
    if not conv.cases:
        say(conv, out, wording.NO_CASES)
        return conv
    say(conv, out, wording.CASES_HEADER, tuple(case_label(c) for c in conv.cases))
    resume = conv.resume if conv.state in (State.PICK_CASE, State.PICK_FIELD) else conv.state
    return replace(conv, state=State.PICK_CASE, resume=resume)


def switch_case(conv: Conversation, out: Out, number: int) -> Conversation:
    target = next((c for c in conv.cases if c.number == number), None)
    if target is None:
        say(conv, out, wording.CASE_NOT_FOUND, n=number)
        return (
            replace(conv, state=conv.resume or State.READY, resume=None)
            if conv.state == State.PICK_CASE
            else conv
        )
    if target.status == "cerrado":
        target = replace(target, status="abierto")
        out.effects.append(SaveCase(target))
    conv = replace(
        conv.with_case(target),
        state=State.READY,
        form_field=None,
        form_trail=(),
        resume=None,
        editing=False,
    )
    say(conv, out, wording.CASE_SWITCHED, n=number, topic=target.topic or wording.NO_TOPIC)
    return conv


def pick_field(conv: Conversation, out: Out) -> Conversation:
    case = conv.case
    if case is None:
        say(conv, out, wording.NO_CURRENT_CASE)
        return conv
    say(conv, out, wording.EDIT_PICK, field_labels(case))
    resume = conv.resume if conv.state in (State.PICK_CASE, State.PICK_FIELD) else conv.state
    return replace(conv, state=State.PICK_FIELD, resume=resume)


def field_labels(case: Case) -> tuple[str, ...]:
    """The /editar menu: each field with its current answer."""
    return tuple(
        f"{spec.name}: {display(spec.name, case.fields[spec.name])}"
        if case.fields.get(spec.name)
        else spec.name
        for spec in FIELDS
    )


def edit_field(conv: Conversation, out: Out, index: int) -> Conversation:
    name = FIELDS[index].name
    conv = replace(
        conv, state=State.FORM, form_field=name, form_trail=(), editing=True, resume=None
    )
    question(conv, out, name)
    return conv


def close_case(conv: Conversation, out: Out) -> Conversation:
    case = conv.case
    if case is None:
        say(conv, out, wording.NO_CURRENT_CASE)
        return conv
    closed = replace(case, status="cerrado")
    out.effects.append(SaveCase(closed))
    conv = replace(
        conv.with_case(closed),
        current=None,
        state=State.READY,
        form_field=None,
        form_trail=(),
        form_paused=None,
    )
    say(conv, out, wording.CASE_CLOSED, n=case.number)
    return conv


def enter(
    conv: Conversation, out: Out, *, quiet: bool = False, story: bool = False
) -> Conversation:
    """Where a chat goes after the welcome (or after linking); ``story`` when the message being
    handled tells what happened (a new case then asks nothing before reading it)."""
    if not conv.linked:
        if not quiet:
            out.effects.append(IssueLoginLink())
        return replace(conv, state=State.AWAIT_LINK)
    open_cases = [c for c in conv.cases if c.status != "cerrado"]
    if open_cases:
        latest = open_cases[-1]
        paused = conv.form_paused if latest.number == conv.current else None
        conv = replace(conv, current=latest.number, state=State.READY, form_paused=paused)
        say(
            conv,
            out,
            wording.CASE_SWITCHED,
            n=latest.number,
            topic=latest.topic or wording.NO_TOPIC,
        )
        return conv
    if quiet:
        return replace(conv, state=State.READY)
    return open_case(conv, out, ask=not story)
