"""Results the shell feeds back into ``step``: answers, link outcomes, exports, deletion.

Pure; called by ``bot.machine.step`` for every event that is not an ``Inbound``.
"""

from __future__ import annotations

from dataclasses import replace

from bot import handoff, payments, wording
from bot.casework import FIRST_QUESTION, ask_answerer, enter, resume_after_answer, resume_form
from bot.conversation import Case, Conversation, State
from bot.dates import long_spanish
from bot.effects import (
    AnswerFailed,
    AnswerReady,
    DataDeleted,
    DataExported,
    Event,
    LinkConfirmed,
    LinkIssued,
    LinkRejected,
    LinkUnavailable,
    RecordMessage,
    SaveCase,
)
from bot.form import DETAIL_NAMES, FIELD_NAMES, display
from bot.handoff import HANDOFF_EVENTS
from bot.messages import Reply
from bot.out import Out, say
from bot.purchases import PAYMENT_EVENTS
from calc.text import fold


def result_event(conv: Conversation, event: Event, out: Out) -> Conversation:
    if isinstance(event, PAYMENT_EVENTS):
        return payments.result(conv, event, out)
    if isinstance(event, HANDOFF_EVENTS):
        return handoff.result(conv, event, out)
    if isinstance(event, AnswerReady):
        out.replies.append(Reply(event.text))
        if not event.articles and "PROFEDET" in event.text:
            handoff.no_law_hint(conv, out)  # the law does not settle it: a person can help
        out.replies.extend(event.after)
        conv = replace(conv, last_question=event.question)
        if conv.linked:
            out.effects.append(RecordMessage(conv.current, "assistant", event.text, event.articles))
        else:
            left = conv.anonymous_allowed - conv.anonymous_used
            say(conv, out, wording.ANON_LEFT if left > 0 else wording.LINK_REMINDER, n=left)
        if event.refused:
            return forget_refused(conv, out, event.question)
        conv = resume_after_answer(conv, out, said=event.after)
    elif isinstance(event, AnswerFailed):
        say(conv, out, wording.ANSWER_FAILED)
        out.replies.extend(event.after)
        resume_form(conv, out)
    elif isinstance(event, LinkIssued):
        say(conv, out, wording.LINK_NEEDED, url=event.url)
    elif isinstance(event, LinkUnavailable):
        say(conv, out, wording.LINK_UNAVAILABLE)
    elif isinstance(event, LinkConfirmed):
        conv = replace(conv, user_id=event.user_id, cases=tuple(sorted(event.cases, key=_number)))
        say(conv, out, wording.LINK_OK)
        held, conv = conv.held_question, replace(conv, held_question=None)
        if held:
            say(conv, out, wording.HELD_ANSWERING)
            ask_answerer(conv, out, held)
        conv = enter(conv, out)
    elif isinstance(event, LinkRejected):
        texts = {
            "wrong": wording.LINK_WRONG,
            "expired": wording.LINK_EXPIRED,
            "too_many": wording.LINK_TOO_MANY,
        }
        say(conv, out, texts.get(event.reason, wording.LINK_WRONG))
    elif isinstance(event, DataExported):
        _my_data(conv, event, out)
        resume_form(conv, out)
    elif isinstance(event, DataDeleted):
        say(conv, out, wording.DELETED)
        conv = Conversation(
            channel=conv.channel,
            chat_id=conv.chat_id,
            today=conv.today,
            state=State.GONE,
            version=conv.version,
        )
    return conv


def _number(case: Case) -> int:
    return case.number


def _my_data(conv: Conversation, event: DataExported, out: Out) -> None:
    data = event.data
    if conv.held_question:
        say(conv, out, wording.MY_DATA_HELD, q=conv.held_question)
    if not data.cases and not data.email and not data.message_count:
        say(conv, out, wording.MY_DATA_NONE)
        return
    lines = [wording.MY_DATA_HEADER]
    if data.email or data.username:
        lines.append(f"• Cuenta: {data.email or data.username}")
    lines.append("• Chats: " + ", ".join(data.identities))
    lines.append(f"• Mensajes guardados: {data.message_count}")
    lines.append("• Avisos: " + ("no quieres recibirlos" if data.opted_out else "sí los recibes"))
    for case in data.cases:
        lines.append(f"\nCaso {case.number} ({case.status}):")
        shown = [
            f"  – {name}: {display(name, case.fields[name])}"
            for name in (*FIELD_NAMES, *DETAIL_NAMES)
            if case.fields.get(name)
        ]
        lines.extend(shown or [f"  – {wording.MY_DATA_EMPTY_CASE}"])
    for status, opened, closed, stars in data.handoffs:
        lines.append("• " + handoff.my_data_line(status, opened, closed, stars))
    lines.extend(payments.my_data_lines(data.payments))
    for number, send_on, last_day in data.reminders:
        lines.append(
            "• "
            + wording.MY_DATA_REMINDER.format(
                n=number, send=long_spanish(send_on), deadline=long_spanish(last_day)
            )
        )
    say(conv, out, "\n".join(lines).replace("{", "{{").replace("}", "}}"))


def forget_refused(conv: Conversation, out: Out, question: str) -> Conversation:
    """After a refusal ("¿cómo hago pozole?"), no form question follows, and a case opened with
    that message keeps nothing of it: the worker's next message, about work, is its story."""
    case = conv.case
    story = case.fields.get(FIRST_QUESTION) if case is not None else None
    if case is None or story is None or fold(story).strip() != fold(question).strip():
        return conv
    updated = case.with_field(FIRST_QUESTION, None)
    if conv.linked:
        out.effects.append(SaveCase(updated))
    conv = conv.with_case(updated)
    if conv.state != State.FORM:
        return conv
    # The story is asked for again by the next message itself, not by a question now.
    return replace(conv, form_field=FIRST_QUESTION, form_trail=(), form_reasked=FIRST_QUESTION)
