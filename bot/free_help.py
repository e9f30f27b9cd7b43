"""Free help a worker can reach without us: PROFEDET and the conciliation centres, as dated
data with the source of each entry. Pure values; ``bot.handoff`` shows them in the offer.

No phone number here is invented: PROFEDET's is the one the project already gives (rag/prompts.py),
from profedet.gob.mx; the conciliation centres are named by the law (LFT Arts. 590-A, 590-E,
684-B) and found through the official sites, not through numbers we could not check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Contact:
    name: str
    what: str  # what they do for the worker, in plain Spanish
    how: str  # phone or official site
    source: str  # where the entry comes from
    noted_on: date  # when it was written down here (not re-verified online since)


# Written down on 2026-12-04 from the project's own data and the law's text; the session that
# wrote it had no network, so the sites were not opened that day: re-check them when editing.
NOTED_ON = date(2026, 12, 4)

PROFEDET = Contact(
    name="PROFEDET (Procuraduría Federal de la Defensa del Trabajo)",
    what="te asesora gratis y, si se lo pides, te representa ante la autoridad (Art. 530 LFT)",
    how="800 911 7877 (gratis) · gob.mx/profedet",
    source="profedet.gob.mx; Art. 530 LFT",
    noted_on=NOTED_ON,
)
LOCAL_CONCILIATION = Contact(
    name="Centro de Conciliación Laboral de tu estado",
    what=(
        "antes de demandar tienes que pedir ahí la conciliación (Art. 684-B LFT); es gratis y "
        "cada estado tiene el suyo (Art. 590-E LFT)"
    ),
    how="Búscalo en el sitio del gobierno de tu estado; la PROFEDET te dice cuál te toca",
    source="Arts. 590-E y 684-B LFT",
    noted_on=NOTED_ON,
)
FEDERAL_CONCILIATION = Contact(
    name="Centro Federal de Conciliación y Registro Laboral (CFCRL)",
    what=(
        "la conciliación cuando tu trabajo es de competencia federal (por ejemplo minería, "
        "transporte federal o empresas del gobierno federal; Arts. 527 y 590-A LFT)"
    ),
    how="centrolaboral.gob.mx",
    source="centrolaboral.gob.mx; Arts. 527 y 590-A LFT",
    noted_on=NOTED_ON,
)
CONTACTS: tuple[Contact, ...] = (PROFEDET, LOCAL_CONCILIATION, FEDERAL_CONCILIATION)


def free_route_text() -> str:
    """The free route as one message: each contact, what it does, how to reach it, the source."""
    lines = ["Ayuda gratuita:"]
    for contact in CONTACTS:
        lines.append(f"• {contact.name}: {contact.what}. {contact.how}.")
    lines.append(
        f"(Datos anotados el {NOTED_ON.strftime('%d/%m/%Y')}; fuentes: "
        + "; ".join(dict.fromkeys(c.source for c in CONTACTS))
        + ".)"
    )
    return "\n".join(lines)
