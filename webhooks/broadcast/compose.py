"""What a broadcast looks like on each channel: the text plus the line that says how to stop.

Pure functions; also the checks that keep every broadcast one message per recipient.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from webhooks import limits

STOP_LINE = "Para dejar de recibir avisos escribe BAJA."
# One message per recipient on both channels: well under WhatsApp's 1,600 (emoji count double).
MAX_TEXT = 1000
MAX_TEMPLATE_VARIABLE = limits.WHATSAPP_MAX_BODY


class InvalidBroadcast(ValueError):
    """The text or the template does not fit (shown to the admin, in Spanish)."""


@dataclass(frozen=True)
class Preview:
    channel: str
    text: str
    # WhatsApp only: what recipients outside the 24-hour window get instead.
    outside_window: str


def render(text: str) -> str:
    """The message every recipient gets: the text, then how to stop the notices."""
    return f"{text.strip()}\n\n{STOP_LINE}"


def check(text: str, *, template_sid: str | None, variables: Mapping[str, str]) -> None:
    body = text.strip()
    if not body:
        raise InvalidBroadcast("Escribe el texto del aviso.")
    if len(body) > MAX_TEXT:
        raise InvalidBroadcast(f"El aviso debe tener como máximo {MAX_TEXT} caracteres.")
    if template_sid is not None and template_sid and not template_sid.startswith("HX"):
        raise InvalidBroadcast("El ContentSid de la plantilla empieza con HX.")
    if variables and not template_sid:
        raise InvalidBroadcast("Las variables necesitan una plantilla (ContentSid).")
    for name, value in variables.items():
        if not name or len(value) > MAX_TEMPLATE_VARIABLE:
            raise InvalidBroadcast(
                f"Cada variable de la plantilla admite hasta {MAX_TEMPLATE_VARIABLE} caracteres."
            )


def previews(
    text: str, *, channels: tuple[str, ...], template_sid: str | None, variables: Mapping[str, str]
) -> list[Preview]:
    message = render(text)
    result = []
    for channel in channels:
        outside = ""
        if channel == "whatsapp":
            if template_sid:
                shown = ", ".join(f"{{{{{k}}}}} = {v}" for k, v in sorted(variables.items()))
                outside = f"Plantilla {template_sid}" + (f" ({shown})" if shown else "")
            else:
                outside = "No se envía (sin plantilla): queda como omitido."
        result.append(Preview(channel, message, outside))
    return result
