"""A lawyer's review from the chat, the worker's side: offer, preview and consent, forwarding
while a lawyer has the case, cancel, and the 1-5 rating once it is closed.

Pure; ``bot.machine`` calls ``route`` before its own handling of a message and ``offer`` for
``/abogado``; ``bot.results`` calls ``result`` for the handoff events. Nothing is sent to anyone
until the worker has seen the package (``PreviewHandoff`` → ``HandoffPreviewed``) and said yes;
"no" stores nothing. Commands keep working while a request is open.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot import handoff_wording as words
from bot import payments
from bot.commands import Command
from bot.conversation import Conversation, HandoffView, State
from bot.dates import long_spanish
from bot.effects import (
    CancelHandoff,
    CheckNotices,
    Event,
    ForwardToLawyer,
    HandoffCancelled,
    HandoffOpened,
    HandoffPreviewed,
    HandoffUnavailable,
    NoticesWaiting,
    OpenHandoff,
    PreviewHandoff,
    RateHandoff,
)
from bot.form import pick_option
from bot.free_help import free_route_text
from bot.handoff_package import preview
from bot.messages import Inbound, Reply
from bot.out import Out, say
from calc.text import fold

DETOURS = (State.HANDOFF_OFFER, State.HANDOFF_CONSENT)
_OTHER_DETOURS = (State.PICK_CASE, State.PICK_FIELD, State.CONFIRM_DELETE)
_YES = re.compile(r"^(si|sip|simon|claro|va|ok|okay|dale|acepto|de acuerdo|si envialo|1)\b")
_NO = re.compile(r"^(no|nel|nop|mejor no|2)\b")
_VER = re.compile(r"^\s*ver\W*$")
_RATING = re.compile(r"^\s*([1-5])\s*(?:estrellas?|de 5)?\W*$")
RATE_OFFER = "calificar"  # ``Conversation.offer`` while the rating question waits
HANDOFF_EVENTS = (
    HandoffPreviewed,
    HandoffOpened,
    HandoffUnavailable,
    HandoffCancelled,
    NoticesWaiting,
)


def _options(conv: Conversation) -> tuple[str, str]:
    review = (
        words.OFFER_REVIEW_PAID.format(price=conv.review_price)
        if conv.review == "paid" and conv.review_price
        else words.OFFER_REVIEW_FREE
        if conv.review == "free"
        else words.OFFER_REVIEW_PAID.format(price="con costo")
    )
    return (review, words.OFFER_FREE_ONLY)


def _resume(conv: Conversation) -> State:
    if conv.state in (*DETOURS, *_OTHER_DETOURS):
        return conv.resume or State.READY
    return conv.state


def _back(conv: Conversation) -> Conversation:
    return replace(conv, state=_resume(conv), resume=None, consent_digest=None)


def offer(conv: Conversation, out: Out) -> Conversation:
    """``/abogado``: the free route always; a lawyer's review where the deployment has one."""
    out.say(free_route_text())
    current = conv.handoff
    if current is not None and current.active:
        if current.status == "awaiting_payment":
            say(conv, out, words.ALREADY_AWAITING_PAYMENT)
            payments.pay_for_review(out, handoff_id=current.id)
        else:
            say(conv, out, words.ALREADY_OPEN, status=words.STATUS.get(current.status, ""))
        return _back(conv) if conv.state in DETOURS else conv
    if conv.review not in ("free", "paid"):
        return _back(conv) if conv.state in DETOURS else conv
    if not conv.linked:
        say(conv, out, words.OFFER_NEEDS_LINK)
        return conv
    say(conv, out, words.OFFER, _options(conv), who=words.RECIPIENT)
    return replace(conv, state=State.HANDOFF_OFFER, resume=_resume(conv), consent_digest=None)


def route(
    conv: Conversation, msg: Inbound, command: Command | None, out: Out
) -> tuple[Conversation, bool]:
    """Handle ``msg`` if it belongs to a request for a lawyer; ``(conv, True)`` when handled,
    else the conversation (maybe moved out of a detour) for ``bot.machine`` to go on with."""
    state = conv.state
    if state in DETOURS and not conv.linked:
        return replace(conv, state=State.AWAIT_LINK, resume=None, consent_digest=None), False
    current = conv.handoff
    if command is not None:
        if command.name == "cancelar":
            if state in DETOURS:
                say(conv, out, words.NOT_SENT)
                return _back(conv), True
            if current is not None and current.active and state not in _OTHER_DETOURS:
                return cancel(conv, current, out), True
        if command.name != "abogado" and state in DETOURS:
            return _back(conv), False  # another command leaves the offer
        return conv, False
    if msg.kind != "text":
        return conv, False
    text = msg.text.strip()
    if state == State.HANDOFF_OFFER:
        return _picked(conv, text, out)
    if state == State.HANDOFF_CONSENT:
        return _consent(conv, text, out)
    if state not in (State.READY, State.FORM, State.AWAIT_LINK):
        return conv, False
    if _VER.match(fold(text)):
        # WhatsApp's template asks to write VER: writing opens the window and the courier sends
        # what waits. Never for the lawyer nor the answerer; the reply says whether anything waits.
        out.effects.append(CheckNotices())
        return conv, True
    if current is None or state == State.AWAIT_LINK:
        return conv, False
    if current.forwarding:
        first = not current.notified_forwarding
        out.effects.append(ForwardToLawyer(current.id, text, first))
        if first:
            say(conv, out, words.FORWARDED_ONCE)
        return replace(conv, handoff=replace(current, notified_forwarding=True)), True
    if current.status == "awaiting_payment":
        mark = len(out.replies)
        say(conv, out, words.PAYMENT_PENDING)
        out.hold_from(mark)  # after the answer to whatever was asked
        return conv, False
    if current.awaiting_rating:
        return _rating(conv, current, text, out)
    return conv, False


def cancel(conv: Conversation, current: HandoffView, out: Out) -> Conversation:
    """``/cancelar`` while a request is active; the reply waits for ``HandoffCancelled`` (the
    shell reads, under the row's lock, whether a lawyer had claimed it: that decides a refund)."""
    out.effects.append(CancelHandoff(current.id))
    return conv


def _picked(conv: Conversation, text: str, out: Out) -> tuple[Conversation, bool]:
    folded = fold(text)
    index = pick_option(text, _options(conv))
    if index is None and len(folded) < 30:
        index = 0 if _YES.match(folded) else 1 if _NO.match(folded) else None
    if index == 0:
        out.effects.append(PreviewHandoff(conv.current))
        return conv, True
    if index == 1:
        say(conv, out, words.FREE_ONLY_OK)
        return _back(conv), True
    return _back(conv), False  # something else: handled as usual


def _consent(conv: Conversation, text: str, out: Out) -> tuple[Conversation, bool]:
    folded = fold(text)
    options = (words.CONSENT_YES, words.CONSENT_NO)
    index = pick_option(text, options)
    if index is None and len(folded) < 30:
        index = 0 if _YES.match(folded) else 1 if _NO.match(folded) else None
    if index == 0 and conv.consent_digest:
        question = consent_question(conv)
        out.effects.append(
            OpenHandoff(
                conv.current,
                f"{question}\nRespuesta: «{text[:80]}»",
                conv.consent_digest,
                paid=conv.review == "paid",
            )
        )
        return replace(conv, state=_resume(conv), resume=None, consent_digest=None), True
    say(conv, out, words.NOT_SENT)
    return _back(conv), index is not None


def consent_question(conv: Conversation) -> str:
    """The consent question exactly as shown (the text the request records)."""
    prefix = "" if conv.channel == "whatsapp" else "/"
    return words.CONSENT.format(who=words.RECIPIENT, purpose=words.PURPOSE, c=prefix)


def _rating(
    conv: Conversation, current: HandoffView, text: str, out: Out
) -> tuple[Conversation, bool]:
    match = _RATING.match(fold(text))
    asked_here = conv.offer == RATE_OFFER
    if match and (asked_here or conv.rating_asked != current.id):
        stars = int(match[1])
        out.effects.append(RateHandoff(current.id, stars))
        say(conv, out, words.RATED)
        rated = replace(current, rating=stars)
        return replace(conv, handoff=rated, rating_asked=current.id, offer=None), True
    if asked_here:
        return replace(conv, offer=None), False
    if conv.rating_asked != current.id:
        mark = len(out.replies)
        say(conv, out, words.RATE, words.RATE_OPTIONS)
        out.hold_from(mark)  # after whatever this message gets
        return replace(conv, rating_asked=current.id, offer=RATE_OFFER), False
    return conv, False


def result(conv: Conversation, event: Event, out: Out) -> Conversation:
    """The shell's answer to a handoff effect."""
    if isinstance(event, HandoffPreviewed):
        say(conv, out, words.PREVIEW_CHANGED if event.changed else words.PREVIEW_INTRO)
        out.replies.extend(Reply(part) for part in preview(event.package))
        out.replies.append(Reply(consent_question(conv), (words.CONSENT_YES, words.CONSENT_NO)))
        resume = conv.resume if conv.state in DETOURS else conv.state
        return replace(
            conv,
            state=State.HANDOFF_CONSENT,
            resume=resume,
            consent_digest=event.package.digest,
        )
    if isinstance(event, HandoffOpened):
        view = event.view
        if event.existed:
            say(conv, out, words.ALREADY_OPEN, status=words.STATUS.get(view.status, ""))
        elif view.status == "awaiting_payment":
            say(conv, out, words.OPENED_PAID)
            payments.pay_for_review(out, handoff_id=view.id)
        else:
            say(conv, out, words.OPENED_FREE)
        return replace(conv, handoff=view)
    if isinstance(event, HandoffUnavailable):
        say(conv, out, words.UNAVAILABLE)
        return _back(conv)
    if isinstance(event, NoticesWaiting):
        return _ver(conv, event.count, out)
    if isinstance(event, HandoffCancelled):
        say(conv, out, words.CANCELLED.get(event.outcome or "", words.NOTHING_ACTIVE))
        current = conv.handoff
        if current is None:
            return conv
        return replace(conv, handoff=replace(current, status="cancelled"))
    raise TypeError(f"bot.handoff: not a handoff event: {type(event).__name__}")


def _ver(conv: Conversation, waiting: int, out: Out) -> Conversation:
    """The reply to a bare VER: what waits comes next; otherwise where the request stands."""
    current = conv.handoff
    if waiting:
        say(conv, out, words.VER_WAITING)
        return conv
    if current is not None and current.forwarding:
        say(conv, out, words.VER_NOTHING_YET)
    elif current is not None and current.status == "awaiting_payment":
        say(conv, out, words.VER_AWAITING_PAYMENT)
    elif current is not None and current.awaiting_rating:
        say(conv, out, words.VER_CLOSED, words.RATE_OPTIONS)
        return replace(conv, rating_asked=current.id, offer=RATE_OFFER)
    else:
        say(conv, out, words.VER_NOTHING)
    return conv


def no_law_hint(conv: Conversation, out: Out) -> None:
    """After an answer that found no article: a person can help (``/abogado``)."""
    say(conv, out, words.NO_LAW_HINT)


def my_data_line(status: str, opened: date, closed: date | None, stars: int | None) -> str:
    """A request as ``/mis_datos`` lists it: status, dates, rating."""
    line = words.MY_DATA.format(
        status=words.MY_DATA_STATUS.get(status, status), opened=long_spanish(opened)
    )
    if closed is not None:
        line += words.MY_DATA_CLOSED.format(closed=long_spanish(closed))
    if stars is not None:
        line += words.MY_DATA_RATED.format(stars=stars)
    return line
