"""Commands: ``/ayuda`` with a slash, or the same words alone without one, on every channel.

A message that is nothing but a command's words ("menu", "mis datos", "caso 2") is that command
wherever it is typed: people write them bare on Telegram too. BAJA/ALTO/STOP and ALTA/START
(broadcast opt-out and opt-in) work on every channel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.groups import START_PAYLOADS
from bot.messages import Channel, Inbound
from calc.text import fold

NAMES: tuple[str, ...] = (
    "start",
    "ayuda",
    "nuevo",
    "casos",
    "caso",
    "editar",
    "cerrar",
    "privacidad",
    "mis_datos",
    "borrar",
    "cancelar",
    "vincular",
    "desvincular",
    "baja",
    "alta",
    "calcular",
    "ley",
    "abogado",
    "plan",
    "pagar",
    "paysupport",
)
_ALIASES = {
    "help": "ayuda",
    "menu": "ayuda",
    "comandos": "ayuda",
    "inicio": "start",
    "misdatos": "mis_datos",
    "mis datos": "mis_datos",
    "borrar mis datos": "borrar",
    "borrar_mis_datos": "borrar",
    "nuevo caso": "nuevo",
    "mis casos": "casos",
    "cancel": "cancelar",
    "stop": "baja",
    "alto": "baja",
    "mas": "ley",
    "dime mas": "ley",
    "ver mas": "ley",
    "calcula": "calcular",
    "calculadora": "calcular",
    "calculo": "calcular",
    "calcular mi finiquito": "calcular",
    "hablar con un abogado": "abogado",
    "quiero hablar con un abogado": "abogado",
    "quiero un abogado": "abogado",
    "necesito un abogado": "abogado",
    "abogada": "abogado",
    "mi plan": "plan",
    "planes": "plan",
    "soporte de pago": "paysupport",
    "ayuda con mi pago": "paysupport",
    "problema con mi pago": "paysupport",
}
# Words typed alone that mean the broadcast opt-out/in on any channel (Twilio's own keywords
# are single words too).
_OPT_WORDS = {"baja": "baja", "alto": "baja", "stop": "baja", "alta": "alta", "start": "alta"}


@dataclass(frozen=True)
class Command:
    name: str  # one of NAMES, or "unknown"
    arg: str = ""


def prefix(channel: Channel) -> str:
    """How commands are written on this channel, for bot.wording's ``{c}``."""
    return "" if channel == "whatsapp" else "/"


def _lookup(word: str) -> str | None:
    if word in NAMES:
        return word
    return _ALIASES.get(word)


def parse_command(inbound: Inbound) -> Command | None:
    """The command in this message, or None when it is ordinary text."""
    if inbound.kind not in ("text", "command"):
        return None
    text = fold(inbound.text).strip()
    bare = re.sub(r"[\s.!¡]+$", "", text)
    if bare in _OPT_WORDS:
        return Command(_OPT_WORDS[bare])
    if inbound.kind == "command":
        m = re.fullmatch(r"/([a-z_]+)(?:@\w+)?(?:\s+(.*))?", text, flags=re.DOTALL)
        if m is None:
            return Command("unknown")
        name, arg = _lookup(m[1]), (m[2] or "").strip()
        if name == "start" and arg in START_PAYLOADS:  # a group's deep link (bot/groups.py)
            return Command(arg)
        return Command(name, arg) if name else Command("unknown")
    if len(bare) > 40:
        return None
    m = re.fullmatch(r"caso\s*#?\s*(\d+)", bare)
    if m:
        return Command("caso", m[1])
    m = re.fullmatch(r"pagar\s+([a-z0-9_-]{1,32})", bare)
    if m:
        return Command("pagar", m[1])
    name = _lookup(bare)
    return Command(name) if name else None
