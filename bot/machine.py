"""The conversation as a state machine: ``step(conversation, event) -> Step``.

Theory of operation (after h11): ``step`` is a pure function. The shell loads the
``Conversation`` (state JSON, the chat's account and cases, today's date), calls ``step`` with
an ``Inbound`` message, performs the returned effects in one transaction, and feeds any
result (``AnswerReady``, ``LinkConfirmed``, ``DataDeleted``…) back through ``step``. Replies
from every call are sent together. No I/O, clock or environment here.

States (``bot.conversation.State``): NEW → (linked? FORM/READY : AWAIT_LINK);
AWAIT_LINK → FORM once the six-digit code is confirmed; FORM → READY when the last question
is answered; READY answers questions. PICK_CASE, PICK_FIELD and CONFIRM_DELETE are detours that
return to ``resume``. Commands work in every state; unusable input gets a kind reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot import handoff, wording
from bot.casework import (
    ask_answerer,
    case_label,
    edit_field,
    enter,
    field_labels,
    form_input,
    resume_form,
    switch_case,
)
from bot.command_handlers import NEEDS_ACCOUNT, run_command
from bot.commands import parse_command
from bot.conversation import Conversation, State
from bot.effects import (
    CheckLinkCode,
    DeleteEverything,
    Effect,
    Event,
)
from bot.facts import is_small_talk
from bot.form import pick_option
from bot.intake import free_text
from bot.messages import Inbound, Reply
from bot.out import Out, say
from bot.results import result_event
from calc.text import fold

# Longer than this is not a question we can answer well; ask for a summary.
MAX_TEXT = 4000
_CODE = re.compile(r"^\s*(\d{3})\s?-?(\d{3})\s*$")
_YES = re.compile(r"^(si|sí|s|1|borrar|borrar todo|si borrar todo)\W*$")


@dataclass(frozen=True)
class Step:
    conversation: Conversation
    replies: tuple[Reply, ...] = ()
    effects: tuple[Effect, ...] = ()


def step(conversation: Conversation, event: Event) -> Step:
    """Advance ``conversation`` by one event; see the module docstring."""
    out = Out()
    if isinstance(event, Inbound):
        conv = _inbound(conversation, event, out)
    else:
        conv = result_event(conversation, event, out)
    out.release()
    return Step(conv, tuple(out.replies), tuple(out.effects))


# --- inbound messages --------------------------------------------------------------------


def _inbound(conv: Conversation, msg: Inbound, out: Out) -> Conversation:
    conv = consistent(conv)
    command = parse_command(msg)
    if conv.state == State.NEW:
        say(conv, out, wording.WELCOME)
        say(conv, out, wording.PRIVACY_SHORT)
        wants_command = command is not None and command.name not in ("start", "ayuda")
        if command is not None and command.name in NEEDS_ACCOUNT and not conv.linked:
            wants_command = False  # the login link comes first
        story = (
            command is None
            and msg.kind == "text"
            and len(msg.text) <= MAX_TEXT
            and is_small_talk(msg.text) is None
        )
        conv = enter(conv, out, quiet=wants_command, story=story)
        if command is not None:
            return run_command(conv, command, out) if wants_command else conv
        if not story:
            return conv
        if not conv.linked and conv.anonymous_used >= conv.anonymous_allowed:
            return hold(conv, out, msg.text.strip())
    if msg.kind in ("media", "empty", "unsupported"):
        return _unusable(conv, msg, out)
    if len(msg.text) > MAX_TEXT:
        say(conv, out, wording.TOO_LONG_MESSAGE, n=MAX_TEXT)
        resume_form(conv, out)
        return conv
    conv, handled = handoff.route(conv, msg, command, out)
    if handled:
        return conv
    if command is not None:
        return run_command(conv, command, out)
    return _text(conv, msg.text.strip(), out)


def consistent(conv: Conversation) -> Conversation:
    """Repair a state that cannot hold (an account unlinked elsewhere, a deleted case)."""
    state = conv.state
    if state == State.GONE:
        return replace(conv, state=State.NEW)
    if not conv.linked and state in (State.FORM, State.READY, State.PICK_CASE, State.PICK_FIELD):
        return replace(conv, state=State.AWAIT_LINK, form_field=None, form_trail=(), resume=None)
    if conv.linked and state == State.AWAIT_LINK:
        return replace(conv, state=State.READY)
    if state == State.FORM and (conv.case is None or conv.form_field is None):
        return replace(conv, state=State.READY, form_field=None, form_trail=(), editing=False)
    return conv


def _unusable(conv: Conversation, msg: Inbound, out: Out) -> Conversation:
    if msg.kind == "empty":
        say(conv, out, wording.EMPTY)
    else:
        if msg.media is not None:
            say(conv, out, wording.MEDIA[msg.media])
        say(conv, out, wording.TYPE_IT)
    resume_form(conv, out)
    return conv


def _text(conv: Conversation, text: str, out: Out) -> Conversation:
    state = conv.state
    if state == State.CONFIRM_DELETE:
        if (
            _YES.match(fold(text))
            or pick_option(text, (wording.DELETE_YES, wording.DELETE_NO)) == 0
        ):
            out.effects.append(DeleteEverything())
            return conv
        say(conv, out, wording.DELETE_CANCELLED)
        conv = replace(conv, state=conv.resume or State.READY, resume=None)
        resume_form(conv, out)
        return conv
    if state == State.PICK_CASE:
        index = pick_option(text, tuple(case_label(c) for c in conv.cases))
        if index is not None:
            return switch_case(conv, out, conv.cases[index].number)
        conv = replace(conv, state=conv.resume or State.READY, resume=None)
        return _text(conv, text, out)
    if state == State.PICK_FIELD:
        case = conv.case
        index = pick_option(text, field_labels(case)) if case else None
        if index is not None:
            return edit_field(conv, out, index)
        conv = replace(conv, state=conv.resume or State.READY, resume=None)
        return _text(conv, text, out)
    if state == State.AWAIT_LINK:
        return _awaiting_link(conv, text, out)
    if state == State.FORM and conv.editing:
        return form_input(conv, out, text)
    return free_text(conv, out, text)


def _awaiting_link(conv: Conversation, text: str, out: Out) -> Conversation:
    code = _CODE.match(text)
    if code:
        out.effects.append(CheckLinkCode(code[1] + code[2]))
        return conv
    greeting = is_small_talk(text) is not None
    if conv.anonymous_used < conv.anonymous_allowed and not greeting:
        ask_answerer(conv, out, text)
        return replace(conv, anonymous_used=conv.anonymous_used + 1)
    say(conv, out, wording.LINK_REMINDER)
    return conv if greeting else hold(conv, out, text)


def hold(conv: Conversation, out: Out, text: str) -> Conversation:
    """Keep the question for after linking (the newest one only), and say so."""
    if not text:
        return conv
    say(conv, out, wording.HELD_QUESTION)
    return replace(conv, held_question=text)
