"""What abogado says about a lawyer's review, in plain Mexican Spanish. ``{c}`` is the command
prefix (see ``bot.wording``). Copy only; ``bot.handoff`` decides when each is said.
"""

from __future__ import annotations

# Who receives the case and what for: said in the consent question (LFPDPPP: a transfer).
RECIPIENT = "un abogado de la red de abogado"
PURPOSE = "revisar tu caso y contestarte por este chat"

OFFER = "¿Quieres que {who} revise tu caso? Lo atiende una persona, no el bot."
OFFER_REVIEW_FREE = "Sí, que un abogado revise mi caso (gratis)"
OFFER_REVIEW_PAID = "Sí, que un abogado revise mi caso ({price})"
OFFER_FREE_ONLY = "No, solo la ayuda gratuita"
OFFER_NEEDS_LINK = (
    "Para que un abogado revise tu caso primero necesito que inicies sesión: escribe {c}vincular."
)
FREE_ONLY_OK = "Va. Si cambias de opinión, escribe {c}abogado."
PREVIEW_INTRO = "Antes de enviar nada, esto es exactamente lo que vería el abogado:"
PREVIEW_CHANGED = "Tu caso cambió mientras tanto. Esto es lo que se enviaría ahora:"
CONSENT = (
    "¿Aceptas que envíe esta información a {who} para {purpose}? Solo recibe este caso, nada "
    "más. Puedes cancelar cuando quieras con {c}cancelar."
)
CONSENT_YES = "Sí, envíalo"
CONSENT_NO = "No"
NOT_SENT = "No envié nada. Seguimos como antes."
OPENED_FREE = (
    "Listo, envié tu caso. Un abogado lo va a revisar y te contestará aquí mismo. Mientras "
    "tanto, lo que me escribas se lo paso a él. Para cancelar: {c}cancelar."
)
OPENED_PAID = (
    "Guardé tu solicitud. En cuanto se confirme tu pago, un abogado la recibe y te contesta aquí "
    "mismo. Para cancelar: {c}cancelar."
)
ALREADY_OPEN = "Ya tienes una solicitud con un abogado ({status}). Lo que me escribas se lo paso."
ALREADY_AWAITING_PAYMENT = (
    "Tu solicitud de revisión espera tu pago. En cuanto se confirme, un abogado la recibe. Si ya "
    "no la quieres, escribe {c}cancelar."
)
STATUS = {"open": "esperando abogado", "claimed": "un abogado la está atendiendo"}
FORWARDED_ONCE = (
    "Se lo pasé a tu abogado. A partir de ahora le paso todo lo que escribas aquí; te contestará "
    "por este chat. Los comandos siguen funcionando ({c}ayuda); para terminar, {c}cancelar."
)
# A bare "VER" (the WhatsApp template "Tu abogado te respondió: escribe VER"), by what waits.
VER_WAITING = "Aquí va lo que te escribieron; te llega en un momento."
VER_NOTHING_YET = (
    "No tienes mensajes nuevos de tu abogado. Cuando te escriba, te llega aquí mismo; lo que tú "
    "me escribas se lo paso."
)
VER_AWAITING_PAYMENT = (
    "No tienes mensajes nuevos. Tu solicitud de revisión espera tu pago: escribe {c}abogado "
    "para ver cómo pagar."
)
VER_CLOSED = (
    "No tienes mensajes nuevos: tu abogado ya cerró tu solicitud. ¿Qué tan útil te fue su "
    "ayuda? Responde con un número del 1 (nada) al 5 (mucho)."
)
VER_NOTHING = (
    "No tienes mensajes nuevos. Si tienes una duda sobre tu trabajo, escríbemela y te ayudo."
)
PAYMENT_PENDING = (
    "Recuerda: tu solicitud de revisión espera tu pago. Escribe {c}abogado para ver cómo pagar "
    "o {c}cancelar para dejarla."
)
HANDOFF_CANCELLED = (
    "Cancelé tu solicitud: el abogado ya no recibirá tus mensajes y yo sigo contestándote."
)
# /cancelar, by what becomes of the payment (``bot.effects.CancelOutcome``).
CANCELLED = {
    "free": HANDOFF_CANCELLED,
    "refund": HANDOFF_CANCELLED
    + " Como ningún abogado la había tomado, te devolvemos lo que pagaste. Te aviso aquí cuando "
    "quede hecho.",
    "kept": HANDOFF_CANCELLED
    + " Un abogado ya había tomado tu caso, así que el pago no se devuelve solo. Si crees que "
    "debe devolverse, escribe {c}paysupport y lo revisamos.",
    "unpaid": "Cancelé tu solicitud de revisión: ya no la pagues. Si ya la habías pagado, te "
    "devolvemos el dinero y te aviso aquí.",
}
NOTHING_ACTIVE = "Tu solicitud ya no estaba activa, así que no había nada que cancelar."
SYSTEM_CANCELLED = "La persona canceló la solicitud desde el chat."
UNAVAILABLE = (
    "Ahorita no puedo enviar tu caso a un abogado. Intenta más tarde con {c}abogado. Mientras, "
    "la ayuda gratuita de arriba sí está disponible."
)
RATE = (
    "Tu abogado cerró tu solicitud. ¿Qué tan útil te fue su ayuda? Responde con un número del 1 "
    "(nada) al 5 (mucho)."
)
RATE_OPTIONS = ("1", "2", "3", "4", "5")
RATED = "¡Gracias por calificar! Nos ayuda a mejorar."
# After an answer that found nothing in the law: where a person can help.
NO_LAW_HINT = "Si quieres hablar con una persona (gratis o con un abogado), escribe {c}abogado."

# Notices written when a payment's outcome arrives (db.handoffs; the courier delivers them).
PAID = (
    "Recibimos tu pago. Tu caso ya está en la fila de los abogados: uno lo va a tomar y te "
    "contestará aquí mismo. Lo que escribas aquí se lo paso."
)
UNPAID = (
    "Tu pago no se completó (o el plazo para pagar en OXXO venció), así que cancelé tu solicitud "
    "de revisión. Si todavía la quieres, escribe abogado y empezamos de nuevo."
)

# /mis_datos: one line per request (never the lawyer's identity).
MY_DATA = "Solicitud a un abogado ({status}), del {opened}"
MY_DATA_STATUS = {
    "awaiting_payment": "esperando tu pago",
    "open": "esperando abogado",
    "claimed": "con un abogado",
    "closed": "cerrada",
    "cancelled": "cancelada",
}
MY_DATA_CLOSED = ", cerrada el {closed}"
MY_DATA_RATED = ", calificación {stars} de 5"
