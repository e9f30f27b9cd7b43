"""Every word abogado says to a person, in Mexican Spanish: plain, warm, short.

One module so it can be reviewed and translated. ``{c}`` is the command prefix: "/" on
Telegram and the terminal, nothing on WhatsApp (where commands are typed as plain words).
"""

from __future__ import annotations

DISCLAIMER = "Es información legal, no asesoría de un abogado."
PROFEDET = "PROFEDET te asesora gratis: 800 911 7877."

WELCOME = (
    "¡Hola! Soy abogado, un asistente que te explica tus derechos como trabajador según la "
    "Ley Federal del Trabajo. Te doy información legal; no soy un abogado ni te represento. "
    + PROFEDET
)
PRIVACY_SHORT = (
    "Guardo lo que me cuentes solo para ayudarte con tus casos. Aviso de privacidad completo: "
    "{c}privacidad · ver tus datos: {c}mis_datos · borrarlo todo: {c}borrar."
)
PRIVACY_FULL = (
    "Aviso de privacidad\n\n"
    "Qué guardo: tu cuenta (correo y nombre de usuario), el chat desde el que me escribes, "
    "tus casos (las respuestas que me das) y los mensajes de cada caso. Si pagas algo: el "
    "producto, el monto, la fecha y las referencias del pago (nunca datos de tu tarjeta); la "
    "ley fiscal pide guardarlos cinco años aunque borres tus datos.\n\n"
    "Para qué: solo para contestar tus preguntas con el contexto de tu caso (finalidad "
    "necesaria). Si aceptas avisos sobre cambios en la ley, también para mandártelos "
    "(finalidad voluntaria; la dejas cuando quieras escribiendo {c}baja).\n\n"
    "Con quién lo comparto: con nadie, salvo que tú aceptes enviar un caso a un abogado de la "
    "red de abogado ({c}abogado): entonces recibe solo ese caso, después de que veas qué se "
    "envía. Tus preguntas se procesan en nuestros servidores para buscar los artículos de la "
    "ley que aplican.\n\n"
    "Tus derechos: ver lo que tengo ({c}mis_datos) y borrarlo todo ({c}borrar). La autoridad "
    "que vigila la protección de datos personales es la Secretaría Anticorrupción y Buen "
    "Gobierno (SABG)."
)
HELP = (
    "Esto es lo que puedo hacer:\n"
    "• Pregúntame lo que quieras sobre tu trabajo, por ejemplo: «¿me pueden despedir sin "
    "pagarme?»\n"
    "• {c}nuevo: abrir un caso nuevo\n"
    "• {c}casos: ver tus casos · {c}caso 2: cambiar al caso 2\n"
    "• {c}calcular: cuánto te toca (aguinaldo, vacaciones, finiquito, liquidación, horas "
    "extra) y hasta cuándo puedes reclamar\n"
    "• «más»: la respuesta anterior con todo lo que dice la ley\n"
    "• {c}editar: corregir un dato de tu caso · {c}cerrar: cerrar el caso\n"
    "• {c}abogado: ayuda gratuita y, si la hay, que un abogado revise tu caso\n"
    "• {c}privacidad · {c}mis_datos · {c}borrar\n"
    "• {c}cancelar: dejar lo que estábamos haciendo"
)

# Linking
LINK_NEEDED = (
    "Para guardar tus casos de forma segura necesito que inicies sesión una vez. Abre este "
    "enlace (sirve una sola vez y dura 10 minutos):\n{url}\n\n"
    "Al terminar verás un código de 6 dígitos: escríbelo aquí en el chat."
)
LINK_UNAVAILABLE = (
    "Ahorita no puedo generar tu enlace para iniciar sesión. Intenta de nuevo en un rato "
    "escribiendo {c}vincular."
)
LINK_REMINDER = (
    "Todavía no has iniciado sesión. Abre el enlace que te mandé y escribe aquí el código de "
    "6 dígitos. Si ya venció, escribe {c}vincular y te mando uno nuevo."
)
LINK_OK = "¡Listo! Tu chat ya está vinculado a tu cuenta."
LINK_WRONG = "Ese código no coincide. Revísalo y escríbelo otra vez, por favor."
LINK_EXPIRED = "Ese código ya venció. Escribe {c}vincular y te mando un enlace nuevo."
LINK_TOO_MANY = (
    "Se intentaron demasiados códigos. Por seguridad, escribe {c}vincular para empezar de nuevo."
)
ALREADY_LINKED = "Tu chat ya está vinculado a tu cuenta."
UNLINKED = (
    "Desvinculé este chat de tu cuenta. Tus casos siguen guardados en tu cuenta; para volver a "
    "verlos aquí escribe {c}vincular."
)
ANON_LEFT = "Puedo contestarte sin cuenta {n} pregunta(s) más."
HELD_QUESTION = (
    "Guardé tu pregunta: te la contesto en cuanto vincules tu cuenta, sin que la vuelvas a "
    "escribir."
)
HELD_ANSWERING = "Ahora sí, te contesto lo que me preguntaste antes."
MY_DATA_HELD = "• Pregunta guardada para cuando vincules tu cuenta: «{q}»"

# Form
FORM_START = "Vamos a armar tu caso {n}. Solo te preguntaré lo que haga falta."
FORM_HINT = "Si no sabes algo, escribe «saltar». Para corregir la respuesta anterior, «atrás»."
FORM_DONE = (
    "¡Gracias! Ya tengo lo necesario de tu caso {n}. Pregúntame lo que quieras, por ejemplo: "
    "«¿qué me deben pagar?»"
)
STORY_ANSWER = "Con lo que me contaste, esto es lo que dice la ley:"
FORM_RESUME = "Sigamos con tu caso:"
FORM_PAUSED = (
    "Dejo los datos de tu caso para después; sigue preguntándome lo que necesites. Cuando "
    "quieras completarlos, escribe {c}editar."
)
FIELD_SAVED = "Listo, lo cambié."
SKIPPED = "Está bien, lo dejamos en blanco."
REQUIRED = "Esta respuesta sí la necesito para ayudarte."
NOTHING_BEFORE = "Esta es la primera pregunta; no hay una anterior."
TOO_LONG = "Es un poco largo para esta pregunta. ¿Me lo dices en menos de {n} letras?"


# Cases
NO_CASES = "Todavía no tienes casos. Escribe {c}nuevo para abrir uno."
CASES_HEADER = "Tus casos (elige un número para cambiarte a ese caso):"
CASE_SWITCHED = "Ahora estamos en tu caso {n}: {topic}."
CASE_NOT_FOUND = "No encontré el caso {n}. Escribe {c}casos para ver la lista."
CASE_CLOSED = "Cerré tu caso {n}. Si necesitas algo más, escribe {c}nuevo."
NO_CURRENT_CASE = "No hay un caso abierto ahora. Escribe {c}nuevo o {c}casos."
EDIT_PICK = "¿Qué dato quieres corregir? Elige un número."
CASE_DATE = "abierto el {date}"
NO_TOPIC = "sin tema"
CLOSED_TAG = "cerrado"

# Answers
ANSWER_FAILED = (
    "Perdón, no pude preparar tu respuesta en este momento. Guardé tu pregunta; inténtalo de "
    "nuevo en unos minutos. " + PROFEDET
)

# Privacy commands
DELETE_CONFIRM = (
    "¿Seguro que quieres borrar todo lo que tengo de ti? Se borran tu cuenta, tus casos y tus "
    "mensajes, en todos tus chats, y no se puede deshacer."
)
# Before /borrar's question, when a paid review waits for a lawyer: the refund outlives the
# data for a card or OXXO payment, not for Stars (Telegram needs the user id /borrar deletes).
DELETE_PAID_REVIEW = (
    "Ojo: pagaste una revisión que ningún abogado ha tomado. Si borras, te devolvemos lo que "
    "pagaste con tarjeta u OXXO de todos modos. Si pagaste con Estrellas de Telegram, primero "
    "escribe {c}cancelar y espera a que te las devolvamos: después de borrar ya no podremos."
)
DELETE_YES = "Sí, borrar todo"
DELETE_NO = "No, cancelar"
DELETED = (
    "Listo: borré tu cuenta y tu inicio de sesión, tus casos, tus mensajes, tus solicitudes a "
    "un abogado, tus recordatorios y tus chats vinculados. Solo quedan unos días una marca de "
    "este mensaje, sin texto ni número, para no contestarlo dos veces, y las copias de "
    "seguridad, que se borran solas. Si pagaste algo, guardo cinco años lo que pide la ley "
    "fiscal (Código Fiscal de la Federación, art. 30): el producto, el monto, la fecha y las "
    "referencias del pago, sin tu nombre ni tu chat; nunca guardé datos de tu tarjeta. Lo "
    "que ves en este chat sigue en tu teléfono: puedes borrarlo desde la app. Si vuelves a "
    "escribirme, empezaremos desde cero."
)
DELETE_CANCELLED = "No borré nada. Seguimos donde estábamos."
MY_DATA_HEADER = "Esto es lo que tengo guardado de ti:"
MY_DATA_EMPTY_CASE = "todavía sin datos"
MY_DATA_REMINDER = "Recordatorio del caso {n}: se manda el {send} (plazo: {deadline})"
MY_DATA_NONE = "No tengo guardado nada tuyo, salvo este chat para poder contestarte."
CANCELLED = "Listo, lo dejamos. ¿En qué te ayudo?"
NOTHING_TO_CANCEL = "No hay nada que cancelar. ¿En qué te ayudo?"
OPTED_OUT = (
    "Ya no te mandaré avisos. Puedes seguir preguntándome lo que quieras. Para volver a "
    "recibirlos escribe ALTA."
)
OPTED_IN = "Listo, te mandaré avisos importantes sobre la ley. Para dejarlos, escribe BAJA."

# Input the bot cannot use
MEDIA = {
    "sticker": "¡Gracias por el sticker! 🙂",
    "photo": "Por ahora no puedo ver fotos.",
    "voice": "Por ahora no puedo escuchar notas de voz.",
    "video": "Por ahora no puedo ver videos.",
    "document": "Por ahora no puedo abrir documentos.",
    "location": "Por ahora no uso ubicaciones.",
    "contact": "Por ahora no uso contactos.",
}
TYPE_IT = "Escríbeme tu pregunta con palabras y con gusto te ayudo. Escribe {c}ayuda para ver más."
EMPTY = "No me llegó ningún texto. Escríbeme tu pregunta y con gusto te ayudo."
TOO_LONG_MESSAGE = (
    "Tu mensaje es muy largo para mí (más de {n} letras). ¿Me lo puedes resumir en unas "
    "líneas? Así te contesto mejor."
)
NO_LAST_QUESTION = "Todavía no me has hecho una pregunta. Escríbemela y con gusto te contesto."
UNKNOWN_COMMAND = "No conozco ese comando."
GREETING = "¡Hola de nuevo! ¿En qué te ayudo? Escribe {c}ayuda para ver lo que puedo hacer."
THANKS = "¡Con gusto! Aquí estoy si necesitas algo más."
UNSURE = (
    "No te preocupes. Si tienes otra duda, pregúntame con tus palabras, por ejemplo: "
    "«¿cuánto me deben?», «¿hasta cuándo puedo reclamar?» o «¿qué hago?»."
)

# Deadline reminders (sent by the reminder sender, outside a conversation turn).
REMINDER = (
    "⏰ Recordatorio de tu caso {n}: tienes hasta el {deadline} para {what}. "
    "Faltan {days} días. Si ya lo hiciste, ignora este mensaje. " + PROFEDET + " Para no "
    "recibir más avisos, escribe BAJA."
)
REMINDER_TOMORROW = (
    "⏰ Recordatorio de tu caso {n}: mañana, {deadline}, es el último día para {what}. " + PROFEDET
)
REMINDER_LAST_DAY = "⏰ Recordatorio de tu caso {n}: hoy es el último día para {what}. " + PROFEDET

# Listening: what was written down, and what the facts show (once per case).
NOTED = "Anoté: {facts}. Si algo está mal, escribe {c}editar."
ALREADY_NOTED = "Ya lo tenía anotado: {facts}. Escríbeme tu duda cuando quieras."
CORRECTED = "Corregí tu caso: {facts}. Si algo está mal, escribe {c}editar."
NOTICE_HOURS = (
    "Ojo: {hours} horas a la semana pasan del máximo de {limit} horas que la ley permite este "
    "año (Art. 59 y transitorio Segundo del decreto del 1 de mayo de 2026). Las horas de más "
    "se pagan como extra, al doble o al triple (Art. 67 y 68)."
)
NOTICE_MINIMUM = (
    "Ojo: ${daily} al día es menos que el salario mínimo de {year} (${minimum} al día). "
    "Nadie puede ganar menos que el mínimo por una jornada completa (Art. 90)."
)
NOTICE_NO_CONTRACT = (
    "No tener contrato por escrito no te quita tus derechos: la ley culpa al patrón de esa "
    "falta (Art. 26)."
)
NOTICE_IMSS = (
    "Tu patrón está obligado a inscribirte en el IMSS dentro de los 5 días hábiles después de "
    "que empiezas (Art. 15 de la Ley del Seguro Social). Puedes revisar tu alta en el IMSS o "
    "pedir ayuda gratis a la PROFEDET."
)
SMALL_TALK_THANKS = THANKS

# Calculations
CALC_MENU = "¿Qué quieres que calcule con los datos de tu caso? Elige un número."
CALC_NEXT = (
    "Es un estimado con lo que me dijiste: los recibos, el contrato o las listas de asistencia "
    "pueden cambiarlo. Si tu patrón no te paga, la PROFEDET te ayuda gratis a reclamarlo: "
    "800 911 7877. " + DISCLAIMER
)
CALC_DAY_SHIFT_ASSUMED = (
    "Supuse una jornada normal de 8 horas al día (la diurna de la ley, Art. 61); si la tuya es "
    "otra, dímela y lo ajusto."
)
CALC_OVERTIME_FROM_SCHEDULE = (
    "Con tu horario trabajas {weekly} horas a la semana: {extra} más que las {limit} de la "
    "jornada máxima de este año. Tomé tu pago como el de una jornada de 8 horas (Art. 61)."
)
CALC_PART_TIME = (
    "Trabajas {days} días a la semana: tomé como tu salario diario lo que ganas a la semana "
    "({weekly}) entre 7, que es como se saca el de un pago semanal (Art. 89): {daily}. Con él "
    "se cuentan el aguinaldo, las vacaciones y lo demás."
)
CALC_IF_RESIGN = (
    "Hice la cuenta como si renunciaras hoy: es lo que te tocaría si dejas el trabajo en esta "
    "fecha."
)
CALC_IF_DISMISSED = (
    "Hice la cuenta como si te despidieran hoy sin causa justificada: es lo que te tocaría si "
    "te corren en esta fecha."
)
CALC_IF_RESCIND = (
    "Hice la cuenta como si dejaras el trabajo hoy por culpa del patrón (acoso, malos tratos u "
    "otra falta del Art. 51): la ley te da la misma indemnización que a quien despiden sin causa "
    "(Art. 52). Para separarte tienes 1 mes desde que supiste de la falta (Art. 517); si solo "
    "renuncias, te toca el finiquito."
)
CALC_MORE = "Hay más supuestos; pregúntame si quieres saber cómo hice la cuenta."
CALC_NEEDS = "Para calcularlo me falta un dato."
# What the calculation computes, as the sentence that asks for its data names it.
_CALC_WHAT = {
    "aguinaldo": "tu aguinaldo",
    "vacaciones": "tus vacaciones",
    "finiquito": "tu finiquito",
    "liquidacion": "tu liquidación",
    "horas-extra": "el pago de tus horas extra",
    "plazo": "tu plazo para reclamar",
}


def calc_needs(kind: str | None) -> str:
    """ "Para calcular tu aguinaldo me falta un dato.": what is computed, named (a bare
    "para calcularlo" before any other word of the reply left the worker guessing what)."""
    what = _CALC_WHAT.get(kind or "")
    return f"Para calcular {what} me falta un dato." if what else CALC_NEEDS


CALC_CANT = (
    "Sin ese dato no puedo hacer la cuenta. Te explico lo que dice la ley y, cuando lo tengas, "
    "escribe {c}calcular."
)
# The same calculation asked again, unchanged: one line instead of the whole table.
CALC_SAME = (
    "Con lo que me dijiste, es la misma cuenta que te hice arriba: {label} de unos {total}. Si "
    "quieres verla completa otra vez, escribe /calcular."
)
# After the one-line answer of a figure shown just before.
CALC_SAME_AGAIN = (
    "Es la misma cuenta que te hice arriba; si quieres verla completa, escribe /calcular."
)
# The same count asked again while no salary is known: days, not "$0.00".
CALC_SAME_DAYS = (
    "Es la misma cuenta que te hice arriba ({label}); sin tu salario solo tengo los días. Dime "
    "cuánto ganas (por ejemplo «12 mil al mes») y te la hago en pesos."
)
CALC_PAID_SHORT = (
    "Te dieron {paid}; con lo que me dijiste, lo que marca la ley es de unos {total}: te faltarían "
    "unos {missing}. Aunque hayas firmado, renunciar a lo que te toca no vale (Art. 33), y la "
    "PROFEDET te asesora gratis para reclamar la diferencia."
)
CALC_OFFER_SHORT = (
    "Te ofrecen {offered}; con lo que me dijiste, lo que marca la ley es de unos {total}. No "
    "firmes algo con lo que no estés de acuerdo: un convenio en el que renuncies a lo que te "
    "toca no vale (Art. 33), y la PROFEDET te asesora gratis."
)
CALC_FAILED = "No pude hacer esa cuenta: {reason}. Revisa tus datos con {c}editar."
DEADLINE_STILL_WORKING = (
    "Como sigues trabajando ahí, todavía no corre ningún plazo para reclamar un despido: si te "
    "despiden, tendrás 2 meses contados desde el día siguiente (Art. 518). Si ya te "
    "despidieron, dime la fecha con {c}editar y te digo hasta cuándo tienes."
)
DEADLINE_LINE = (
    "Para reclamar tu despido tienes hasta el {deadline} (quedan {days} días) para presentar tu "
    "solicitud ante el Centro de Conciliación (Art. 518 y 521)."
)
REMINDER_OFFER = "¿Quieres que te lo recuerde unos días antes? Responde «sí» o «no»."
REMINDER_SET = "Listo, te lo recuerdo el {days}. Para dejar de recibir avisos escribe BAJA."
REMINDER_DECLINED = "Está bien, no te lo recuerdo ni te lo vuelvo a preguntar en este caso."

# Telegram groups (bot/groups.py): general information only, anything personal in private.
GROUP_HELP = (
    "Hola, soy abogado. En este grupo contesto dudas generales sobre la Ley Federal del "
    "Trabajo: menciónenme (@{bot}) o respondan a uno de mis mensajes con su pregunta. Aquí no "
    "veo ni guardo casos ni datos de nadie; para tu caso escríbeme en privado: {link}"
)
GROUP_HELLO = "¿Qué duda tienen sobre la ley del trabajo? Escríbanla después de @{bot}."
GROUP_PRIVATE = (
    "Eso es de tu caso y no lo veo en el grupo, para cuidar tus datos. Ábrelo en privado, solo "
    "tú lo ves: {link}"
)
GROUP_PRIVACY = (
    "En grupos no guardo lo que se escribe ni sé quién pregunta: contesto en general, con los "
    "artículos de la ley. Lo de cada quien, en privado: {link}"
)
GROUP_FOOTER = "¿Es tu caso? Escríbeme en privado y lo vemos con calma: {link}"
GROUP_TOO_LONG = (
    "Es mucho texto para el grupo. Hazme la pregunta corta, o cuéntame en privado: {link}"
)
GROUP_NO_MEMORY = "En el grupo no recuerdo preguntas anteriores: escríbeme la pregunta completa."
GROUP_NOT_ADMIN = "Solo quienes administran este grupo pueden cambiar eso. ¡Gracias por avisar!"
GROUP_SILENCED = "Listo, me quedo callado en este grupo. Un administrador me reactiva con /activar."
GROUP_ACTIVE = "¡Aquí estoy de nuevo! Menciónenme con su pregunta sobre la ley del trabajo."
GROUP_BROADCASTS_ON = (
    "Listo: mandaré a este grupo los avisos sobre cambios en la ley (pocos al mes). Para "
    "dejarlos: /avisos no."
)
GROUP_BROADCASTS_OFF = "Listo, ya no mando avisos a este grupo. Para volver: /avisos sí."
GROUP_BUSY = (
    "Ya contesté muchas preguntas en este grupo en poco rato; denme unos minutos. Si es urgente, "
    "escríbanme en privado: {link}"
)
GROUP_UNAVAILABLE = (
    "Ahorita no pude preparar la respuesta. Intenten de nuevo en un rato, por favor."
)

# Voice notes (webhooks/voice: transcribed, then handled like typed text)
VOICE_LISTENING = "Te estoy escuchando. Dame unos segundos…"
VOICE_HEARD = "Entendí: «{text}»"
VOICE_TOO_LONG = (
    "Tu nota de voz es muy larga para mí: puedo escuchar hasta {minutes} minutos. ¿Me mandas "
    "una más corta o me escribes tu pregunta?"
)
VOICE_NOT_UNDERSTOOD = (
    "No alcancé a entender tu nota de voz. ¿Me la mandas otra vez, con menos ruido, o me "
    "escribes tu pregunta?"
)
GROUP_BROADCAST_STOP = (
    "Para dejar de recibir avisos en este grupo, un administrador escribe /avisos no."
)
GROUP_PERSONAL = (
    "Te contesto en general. Para sacar tu cuenta con tus datos, mejor escríbeme en privado (y "
    "no compartas tu sueldo ni tus datos en el grupo): {link}"
)
