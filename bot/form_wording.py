"""What the case form asks, field by field, and what it says when an answer cannot be used:
plain Mexican Spanish, kept apart from ``bot.wording`` (the rest of what the bot says)."""

from __future__ import annotations

QUESTIONS = {
    "tema": "¿De qué se trata tu problema? Elige un número o escríbelo con tus palabras.",
    "patrón": (
        "¿Para quién trabajas o trabajabas? Puede ser el nombre de la empresa o el tipo de "
        "patrón (una tienda, una casa, una fábrica…)."
    ),
    "puesto": "¿Cuál es o era tu puesto o trabajo? Por ejemplo: cajera, albañil, chofer.",
    "fecha de inicio": (
        "¿Cuándo empezaste a trabajar ahí? Por ejemplo: 15/03/2021, «marzo del 2021» o "
        "«hace 3 años»."
    ),
    "fecha de fin": (
        "¿Cuándo terminó tu trabajo ahí? Por ejemplo: «el lunes pasado» o 30/09/2025. Si "
        "sigues trabajando, escribe «sigo»."
    ),
    "salario": (
        "¿Cuánto te pagan o pagaban y cada cuándo? Por ejemplo: «8,500 al mes», «$350 diarios» "
        "o «4 mil a la quincena»."
    ),
    "contrato": "¿Qué contrato tienes o tenías? Elige un número.",
    "horario": "¿Cuál es tu horario de siempre? Por ejemplo: «lunes a sábado de 8 a 6».",
    "descripción": (
        "Cuéntame con tus palabras qué pasó en tu trabajo. Por ejemplo: «me corrieron ayer sin "
        "carta; trabajé 3 años de cajera y ganaba 9 mil al mes»."
    ),
    "motivo": "¿Cómo terminó tu trabajo? Elige un número o dímelo con tus palabras.",
    "zona": (
        "¿Trabajas o trabajabas en un municipio de la frontera norte (Tijuana, Mexicali, Ciudad "
        "Juárez, Reynosa, Matamoros, Nuevo Laredo…)? Ahí el salario mínimo es más alto."
    ),
    "jornada": "¿Cuántas horas dura tu jornada normal en un día? Por ejemplo: «8».",
    "horas extra": "¿Cuántas horas extra trabajas en una semana? Por ejemplo: «10».",
}

INVALID = {
    "unreadable": (
        "No entendí esa fecha. Escríbela como 15/03/2021, «marzo del 2021» o «hace 3 años»."
    ),
    "future": "Esa fecha todavía no llega. ¿Me la escribes otra vez?",
    "too_old": "Esa fecha se ve muy antigua. ¿Me la escribes otra vez?",
    "start_after_end": (
        "Esa fecha es posterior a cuando terminó tu trabajo ({end}). ¿Me la escribes otra vez?"
    ),
    "end_before_start": (
        "Esa fecha es anterior a cuando empezaste ({start}). ¿Me la escribes otra vez?"
    ),
    "no_amount": (
        "No encontré la cantidad. Escríbela con número, por ejemplo «8,500 al mes» o "
        "«$350 diarios»."
    ),
    "no_period": (
        "¿Y cada cuándo te pagan esa cantidad? Escríbelo junto, por ejemplo «8,500 al mes» "
        "o «$350 diarios»."
    ),
    "implausible": "Esa cantidad no me cuadra. ¿Me la escribes otra vez, con número?",
    "hourly": (
        "Si te pagan por hora, para las cuentas necesito cuánto juntas a la semana o a la "
        "quincena, por ejemplo «1,440 a la semana»."
    ),
    "option": "No te entendí. Elige un número de la lista o dímelo con otras palabras.",
    # More of the story while a menu waits ("nomás me dijeron ya no vengas"): noted, no scolding.
    "known": "Gracias, lo anoté en tu caso.",
    "blank": "No alcancé a leer tu respuesta. ¿Me la escribes otra vez?",
    "no_hours": "¿Cuántas horas? Escríbelo con número, por ejemplo «8».",
    "implausible_hours": "Esas horas no me cuadran. ¿Me las escribes otra vez, con número?",
}
