"""The conversation's state: where the chat is, the worker's cases, and its JSON form.

Values only; the shell loads them (``ConversationStore``) and ``bot.machine`` moves them on.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from bot.messages import Channel


class State(enum.StrEnum):
    NEW = "new"  # never talked to us
    AWAIT_LINK = "await_link"  # asked to log in through the one-time link
    FORM = "form"  # filling the context form, one question at a time
    READY = "ready"  # the current case is set: questions get answers
    PICK_CASE = "pick_case"  # /casos showed a numbered list
    PICK_FIELD = "pick_field"  # /editar showed the numbered form fields
    CONFIRM_DELETE = "confirm_delete"  # /borrar asked "¿seguro?"
    HANDOFF_OFFER = "handoff_offer"  # /abogado offered a lawyer's review (bot.handoff)
    HANDOFF_CONSENT = "handoff_consent"  # the case package was shown; consent asked
    GONE = "gone"  # everything was deleted; the store keeps nothing


@dataclass(frozen=True)
class Case:
    """One of a worker's cases: numbered per user (1, 2, …), with the form's answers."""

    number: int
    opened_on: date
    fields: Mapping[str, str] = field(default_factory=dict)
    status: str = "abierto"  # "abierto" | "cerrado"

    @property
    def topic(self) -> str | None:
        return self.fields.get("tema")

    def with_field(self, name: str, value: str | None) -> Case:
        fields = dict(self.fields)
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
        return replace(self, fields=fields)


@dataclass(frozen=True)
class HandoffView:
    """The chat's current request for a lawyer (``db.handoffs``), loaded with the conversation:
    active, or closed and not rated yet. A lawyer's close is seen at the next message."""

    id: int
    status: str  # "awaiting_payment" | "open" | "claimed" | "closed" | "cancelled"
    paid: bool = False
    rating: int | None = None
    notified_forwarding: bool = False  # the worker was told once that messages go to the lawyer

    @property
    def active(self) -> bool:
        return self.status in ("awaiting_payment", "open", "claimed")

    @property
    def forwarding(self) -> bool:
        return self.status in ("open", "claimed")

    @property
    def awaiting_rating(self) -> bool:
        return self.status == "closed" and self.rating is None


@dataclass(frozen=True)
class Conversation:
    """Everything ``step`` needs about one chat, loaded fresh for every turn.

    ``today`` comes from the shell's clock: bot/ never reads one. ``version`` is the stored
    row's version for optimistic concurrency; ``step`` never changes it.
    """

    channel: Channel
    chat_id: str
    today: date
    state: State = State.NEW
    user_id: int | None = None
    cases: tuple[Case, ...] = ()
    current: int | None = None  # number of the current case
    form_field: str | None = None  # the form question being asked
    form_trail: tuple[str, ...] = ()  # fields asked before, for "atrás"
    editing: bool = False  # one field changed via /editar, then back to READY
    # The form question asked again after an answer: asked again a second time, the form waits.
    form_reasked: str | None = None
    # The form question answered once with other facts instead: a second time, it is let go.
    form_passed: str | None = None
    # The form question let go after two answers that asked other things: a bare reply to it
    # later ("1") still answers it.
    form_paused: str | None = None
    resume: State | None = None  # where /cancelar or a finished detour returns
    anonymous_used: int = 0
    anonymous_allowed: int = 0
    # The last question asked while no free answer was left: answered once the chat links.
    held_question: str | None = None
    # A calculation waiting for facts: its kind ("aguinaldo", …) and the question that asked it.
    calc_kind: str | None = None
    calc_question: str | None = None
    # A yes/no offer waiting for the worker's answer ("recordatorio").
    offer: str | None = None
    # The last question answered, for "más" (the long form with every quote).
    last_question: str | None = None
    # The last calculation shown in full (kind, case, total): the same again is said in one line.
    last_shown: str | None = None
    opted_out: bool = False
    # A lawyer's review: the deployment's terms ("none" | "free" | "paid", and the price as
    # shown), set by the shell like ``anonymous_allowed``; the chat's request, loaded.
    review: str = "none"
    review_price: str = ""
    handoff: HandoffView | None = None
    consent_digest: str | None = None  # the package previewed, awaiting consent
    rating_asked: int | None = None  # the closed request whose rating was asked
    version: int = 0

    @property
    def linked(self) -> bool:
        return self.user_id is not None

    @property
    def case(self) -> Case | None:
        for case in self.cases:
            if case.number == self.current:
                return case
        return None

    def with_case(self, case: Case) -> Conversation:
        others = tuple(c for c in self.cases if c.number != case.number)
        cases = tuple(sorted((*others, case), key=lambda c: c.number))
        return replace(self, cases=cases, current=case.number)

    def next_case_number(self) -> int:
        return max((c.number for c in self.cases), default=0) + 1

    def state_dict(self) -> dict[str, Any]:
        """The part the store keeps as JSON (cases and identity live in their own tables)."""
        return {
            "state": self.state.value,
            "current": self.current,
            "form_field": self.form_field,
            "form_trail": list(self.form_trail),
            "editing": self.editing,
            "form_reasked": self.form_reasked,
            "form_passed": self.form_passed,
            "form_paused": self.form_paused,
            "resume": self.resume.value if self.resume else None,
            "held_question": self.held_question,
            "calc_kind": self.calc_kind,
            "calc_question": self.calc_question,
            "offer": self.offer,
            "last_question": self.last_question,
            "last_shown": self.last_shown,
            "consent_digest": self.consent_digest,
            "rating_asked": self.rating_asked,
        }

    def with_state_dict(self, data: Mapping[str, Any]) -> Conversation:
        """Restore what ``state_dict`` saved; unknown or damaged values fall back to safe ones."""
        try:
            state = State(data.get("state", State.NEW.value))
        except ValueError:
            state = State.NEW
        resume_raw = data.get("resume")
        try:
            resume = State(resume_raw) if resume_raw else None
        except ValueError:
            resume = None
        current = data.get("current")
        trail = data.get("form_trail") or []
        form_field = data.get("form_field")
        reasked = data.get("form_reasked")
        held = data.get("held_question")
        texts = {
            key: value if isinstance(value := data.get(key), str) and value else None
            for key in (
                "calc_kind",
                "calc_question",
                "offer",
                "last_question",
                "last_shown",
                "consent_digest",
                "form_passed",
                "form_paused",
            )
        }
        asked = data.get("rating_asked")
        return replace(
            self,
            state=state,
            current=current if isinstance(current, int) else None,
            form_field=form_field if isinstance(form_field, str) else None,
            form_trail=tuple(str(x) for x in trail if isinstance(x, str)),
            editing=bool(data.get("editing", False)),
            form_reasked=reasked if isinstance(reasked, str) and reasked else None,
            resume=resume,
            held_question=held if isinstance(held, str) and held else None,
            calc_kind=texts["calc_kind"],
            calc_question=texts["calc_question"],
            offer=texts["offer"],
            last_question=texts["last_question"],
            last_shown=texts["last_shown"],
            form_passed=texts["form_passed"],
            form_paused=texts["form_paused"],
            consent_digest=texts["consent_digest"],
            rating_asked=asked if isinstance(asked, int) else None,
        )
