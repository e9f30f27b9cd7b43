"""What each command does (``/nuevo``, ``/casos``, ``/borrar``, ``/cancelar``…), in every state.

Pure, like ``bot.machine``, which parses the command and calls ``run_command`` once
``bot.handoff.route`` has let it through.
"""

from __future__ import annotations

from dataclasses import replace

from bot import handoff, payments, wording
from bot.casework import (
    ask_answerer,
    close_case,
    list_cases,
    open_case,
    pick_field,
    resume_form,
    switch_case,
)
from bot.commands import Command
from bot.conversation import Conversation, State
from bot.effects import (
    CancelReminders,
    ExportData,
    IssueLoginLink,
    SetOptOut,
    Unlink,
)
from bot.intake import calculation_menu, stop_asking
from bot.out import Out, say

# Commands that need a signed-in account (the login link comes first).
NEEDS_ACCOUNT = ("nuevo", "casos", "caso", "editar", "calcular", "cerrar")


def run_command(conv: Conversation, cmd: Command, out: Out) -> Conversation:
    """Do what ``cmd`` asks (every state; ``bot.handoff.route`` saw it first)."""
    name = cmd.name
    if name in ("start", "ayuda", "unknown"):
        if name == "unknown":
            say(conv, out, wording.UNKNOWN_COMMAND)
        say(conv, out, wording.HELP)
        resume_form(conv, out)
        return conv
    if name == "abogado":
        return handoff.offer(conv, out)
    if name == "ley":
        if conv.last_question is None:
            say(conv, out, wording.NO_LAST_QUESTION)
            return conv
        ask_answerer(conv, out, conv.last_question, record=False, detail=True)
        return conv
    if name == "privacidad":
        say(conv, out, wording.PRIVACY_FULL)
        resume_form(conv, out)
        return conv
    if name == "mis_datos":
        out.effects.append(ExportData())
        return conv
    if name == "borrar":
        resume = conv.resume if conv.state in (State.PICK_CASE, State.PICK_FIELD) else conv.state
        if conv.state == State.CONFIRM_DELETE:
            resume = conv.resume
        if conv.handoff is not None and conv.handoff.status == "open" and conv.handoff.paid:
            say(conv, out, wording.DELETE_PAID_REVIEW)
        say(conv, out, wording.DELETE_CONFIRM, (wording.DELETE_YES, wording.DELETE_NO))
        return replace(conv, state=State.CONFIRM_DELETE, resume=resume)
    if name == "cancelar":
        return _cancel(conv, out)
    if name in ("baja", "alta"):
        opted_out = name == "baja"
        out.effects.append(SetOptOut(opted_out))
        if opted_out and conv.linked:
            out.effects.append(CancelReminders(None))
        say(conv, out, wording.OPTED_OUT if opted_out else wording.OPTED_IN)
        return replace(conv, opted_out=opted_out)
    if name == "vincular":
        if conv.linked:
            say(conv, out, wording.ALREADY_LINKED)
            return conv
        out.effects.append(IssueLoginLink())
        return replace(conv, state=State.AWAIT_LINK)
    if name == "desvincular":
        if not conv.linked:
            say(conv, out, wording.LINK_REMINDER)
            return conv
        out.effects.append(Unlink())
        say(conv, out, wording.UNLINKED)
        return replace(
            conv,
            state=State.AWAIT_LINK,
            user_id=None,
            cases=(),
            current=None,
            form_field=None,
            form_trail=(),
            form_paused=None,
            resume=None,
        )
    if name in ("plan", "pagar", "paysupport"):
        return payments.command(conv, cmd, out)
    if name in NEEDS_ACCOUNT and not conv.linked:
        say(conv, out, wording.LINK_REMINDER)
        return conv
    if name == "nuevo":
        return open_case(conv, out)
    if name == "casos":
        return list_cases(conv, out)
    if name == "caso":
        if not cmd.arg.strip().isdigit():
            return list_cases(conv, out)
        return switch_case(conv, out, int(cmd.arg.strip()))
    if name == "editar":
        return pick_field(conv, out)
    if name == "calcular":
        if conv.case is None:
            say(conv, out, wording.NO_CURRENT_CASE)
            return conv
        return calculation_menu(conv, out, cmd.arg)
    if name == "cerrar":
        if conv.case is not None:
            out.effects.append(CancelReminders(conv.case.number))
        return close_case(conv, out)
    # A name in bot.commands.NAMES without a branch above is a bug, not a reason to close a case.
    raise ValueError(f"bot.command_handlers: no handler for the command {name!r}")


def _cancel(conv: Conversation, out: Out) -> Conversation:
    if conv.state in (State.PICK_CASE, State.PICK_FIELD, State.CONFIRM_DELETE):
        say(conv, out, wording.CANCELLED)
        return replace(conv, state=conv.resume or State.READY, resume=None)
    if conv.state == State.FORM or conv.calc_kind or conv.offer:
        say(conv, out, wording.CANCELLED)
        if conv.state == State.FORM and not conv.editing and not conv.calc_kind:
            conv = stop_asking(conv, out)  # "/cancelar" in the form: do not ask these again
        return replace(
            conv,
            state=State.READY,
            form_field=None,
            form_trail=(),
            editing=False,
            calc_kind=None,
            calc_question=None,
            offer=None,
        )
    say(conv, out, wording.NOTHING_TO_CANCEL)
    return conv
