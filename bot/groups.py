"""What abogado says in a Telegram group: general legal information only, never a case, a form
or anyone's data; personal commands get a deep link to the private chat. Pure: no I/O.

The shell (webhooks/groups.py) decides whether a message is addressed to the bot, checks admin
rights and rate limits, answers ``Answer`` through the answer pipeline without case context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot import wording
from calc.text import fold

# Telegram's deep-link payloads: 1-64 characters of A-Z, a-z, 0-9, "_" and "-".
PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Group command → the private chat's command it opens (``/start <payload>`` runs it there).
PRIVATE_PAYLOADS: dict[str, str] = {
    "casos": "casos",
    "caso": "casos",
    "nuevo": "nuevo",
    "editar": "casos",
    "cerrar": "casos",
    "calcular": "calcular",
    "mis_datos": "mis_datos",
    "misdatos": "mis_datos",
    "borrar": "borrar",
    "vincular": "vincular",
    "desvincular": "vincular",
    "cancelar": "ayuda",
    "baja": "ayuda",
    "alta": "ayuda",
    "abogado": "abogado",
}
# The payloads the private ``/start`` understands (bot.commands maps them to the command).
START_PAYLOADS: frozenset[str] = frozenset(PRIVATE_PAYLOADS.values())
MAX_QUESTION = 1000

AdminAction = Literal["silence", "activate", "broadcasts_on", "broadcasts_off"]
# "me corrieron", "mi patrón", "a mí": the asker's own case, told in front of the group.
_FIRST_PERSON = re.compile(r"\b(me|mi|mis|yo|conmigo)\b")
_OFF_WORDS = frozenset({"no", "off", "apagar", "quitar", "desactivar", "ya no"})


@dataclass(frozen=True)
class Answer:
    """Answer this question with the law, no case context; the footer offers the private chat."""

    question: str
    footer: str
    # Said first when the question is about the asker's own case: general answer, own case private.
    lead: str = ""

    def render(self, answer: str) -> str:
        return "\n\n".join(part for part in (self.lead, answer, self.footer) if part)


@dataclass(frozen=True)
class Say:
    text: str


@dataclass(frozen=True)
class Admin:
    """Only a Telegram admin of the group may do this; ``done`` is said when it is done."""

    action: AdminAction
    done: str


@dataclass(frozen=True)
class Nothing:
    """Not for us (another bot's command), or the group silenced the bot."""


GroupAction = Answer | Say | Admin | Nothing

NOT_ADMIN = wording.GROUP_NOT_ADMIN
UNAVAILABLE = wording.GROUP_UNAVAILABLE


def deep_link(bot_username: str, payload: str = "ayuda") -> str:
    """``https://t.me/<bot>?start=<payload>``: opens the private chat and sends /start payload."""
    if PAYLOAD.fullmatch(payload) is None:
        raise ValueError("a deep-link payload is 1-64 characters of A-Z a-z 0-9 _ -")
    return f"https://t.me/{bot_username}?start={payload}"


def busy_line(bot_username: str) -> str:
    """Said once when a group reaches its answer limit."""
    return wording.GROUP_BUSY.format(link=deep_link(bot_username))


def without_mention(text: str, bot_username: str) -> str:
    """The text with ``@bot`` removed (anywhere, any case) and spaces tidied."""
    pattern = re.compile(rf"@{re.escape(bot_username)}\b", flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", pattern.sub(" ", text)).strip(" ,:")


def decide(text: str, *, bot_username: str, silenced: bool) -> GroupAction:
    """A message addressed to the bot in a group (its mention already in ``text``) → action."""
    link = deep_link(bot_username)
    command = re.fullmatch(r"/([A-Za-z_]+)(?:@(\w+))?(?:\s+(.*))?", text.strip(), re.DOTALL)
    if command is not None:
        if command[2] is not None and command[2].lower() != bot_username.lower():
            return Nothing()  # /ayuda@another_bot
        action = _command(fold(command[1]), (command[3] or "").strip(), bot_username, link)
    else:
        action = _question(without_mention(text, bot_username), bot_username, link)
    if silenced and not isinstance(action, Admin):
        return Nothing()
    return action


def _command(name: str, arg: str, bot: str, link: str) -> GroupAction:
    if name == "silencio":
        return Admin("silence", wording.GROUP_SILENCED)
    if name == "activar":
        return Admin("activate", wording.GROUP_ACTIVE)
    if name == "avisos":
        if fold(arg).strip(" .!") in _OFF_WORDS:
            return Admin("broadcasts_off", wording.GROUP_BROADCASTS_OFF)
        return Admin("broadcasts_on", wording.GROUP_BROADCASTS_ON)
    if name in PRIVATE_PAYLOADS:
        return Say(wording.GROUP_PRIVATE.format(link=deep_link(bot, PRIVATE_PAYLOADS[name])))
    if name == "privacidad":
        return Say(wording.GROUP_PRIVACY.format(link=link))
    if name in ("ley", "mas"):
        return Say(wording.GROUP_NO_MEMORY)
    if name == "pregunta" and arg:
        return _question(arg, bot, link)
    return Say(wording.GROUP_HELP.format(bot=bot, link=link))


def _question(text: str, bot: str, link: str) -> GroupAction:
    if not text:
        return Say(wording.GROUP_HELLO.format(bot=bot))
    if len(text) > MAX_QUESTION:
        return Say(wording.GROUP_TOO_LONG.format(link=link))
    lead = ""
    folded = fold(text)
    if _FIRST_PERSON.search(folded):
        payload = "calcular" if re.search(r"\bcuant[oa]s?\b", folded) else "ayuda"
        lead = wording.GROUP_PERSONAL.format(link=deep_link(bot, payload))
    return Answer(text, wording.GROUP_FOOTER.format(link=link), lead)
