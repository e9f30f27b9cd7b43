"""What a worker reads when a lawyer acts on their handoff outside a turn (claim, reply, document
request, close) and when nobody claims it in time. Pure text: ``db.lawyer_inbox`` and
``services.handoff_sweep`` write these into ``notices``; the courier delivers them."""

from __future__ import annotations

PROFEDET = "PROFEDET 800 911 7877 (gratis)"

CLAIMED = (
    "Un abogado tomó tu caso y ya está leyendo lo que compartiste. Te va a escribir por aquí mismo."
)

REPLY = "Tu abogado te respondió:\n\n{text}\n\nPuedes contestarle aquí mismo."

# A document the lawyer may ask for: (code, what the worker reads).
DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("contrato", "tu contrato de trabajo"),
    ("recibos", "tus recibos de nómina"),
    ("carta", "la carta de despido o de renuncia"),
    ("imss", "tu constancia de semanas cotizadas del IMSS"),
    ("identificacion", "una identificación oficial"),
    ("otro", "un documento"),
)

DOCUMENT_REQUEST = (
    "Tu abogado te pide {document}.{detail}\n\n"
    "Si lo tienes, dile aquí qué dice o cómo puede verlo. Si no lo tienes, dile también."
)

CLOSED = (
    "Tu abogado cerró tu caso.{note}\n\n"
    "¿Qué tan útil te fue su ayuda? Responde con un número del 1 (nada) al 5 (mucho)."
)

ESCALATED = (
    "Perdón: ningún abogado pudo tomar tu caso en el tiempo que te dijimos. "
    "Tu solicitud sigue en la fila y te avisamos por aquí si alguien la toma.{refund}\n\n"
    "Mientras tanto puedes pedir ayuda gratuita a la " + PROFEDET + "."
)

ESCALATED_REFUND = " Te vamos a devolver lo que pagaste."


def reply(text: str) -> str:
    return REPLY.format(text=text.strip())


def document_request(code: str, detail: str) -> str | None:
    """The request's text, or None for an unknown document code."""
    found = dict(DOCUMENTS).get(code)
    if found is None:
        return None
    extra = f" {detail.strip()}" if detail.strip() else ""
    return DOCUMENT_REQUEST.format(document=found, detail=extra)


def closed(note: str) -> str:
    return CLOSED.format(note=f"\n\nSu nota: {note.strip()}" if note.strip() else "")


def escalated(*, refunded: bool) -> str:
    return ESCALATED.format(refund=ESCALATED_REFUND if refunded else "")
