"""Platform limits and our own targets, in one place (RELIABILITY.md section 0); tests import them.

Values only: no behaviour lives here.
"""

from __future__ import annotations

# Telegram (core.telegram.org/bots/api, bots/faq; PTB constants.MessageLimit / FloodLimit).
TELEGRAM_MAX_TEXT = 4096
TELEGRAM_PER_CHAT_INTERVAL_S = 1.0
# "Short bursts are tolerated" (Bot FAQ): a turn's few messages go out at once [ours].
TELEGRAM_PER_CHAT_BURST = 5
TELEGRAM_MAX_RETRIES = 3
TELEGRAM_RETRY_AFTER_PAD_S = 0.1
# Telegram deletes undelivered updates after 24 h; a webhook answer must come well before 60 s.
TELEGRAM_ALLOWED_UPDATES = (
    "message",
    "edited_message",
    "callback_query",
    "my_chat_member",
    "pre_checkout_query",  # Telegram Stars (webhooks/telegram_payments.py)
)

# Twilio WhatsApp (errors 21617, 21658, 63016, 21610, 63017, 20429).
WHATSAPP_MAX_BODY = 1600
WHATSAPP_WINDOW_S = 24 * 60 * 60
TWILIO_MAX_RETRIES = 3
TWILIO_BACKOFF_BASE_S = 0.5
TWILIO_OUTSIDE_WINDOW = 63016
TWILIO_OPTED_OUT = 21610
TWILIO_ACCOUNT_RATE = 63017
TWILIO_CONCURRENCY = 20429

# Our receiver (issue 5): bodies over 1 MB are refused before they are read in full.
MAX_BODY_BYTES = 1_000_000
# Telegram updates nest about 8 deep (update > message > reply_markup > inline_keyboard > row >
# button > web_app); deeper JSON is refused (400) before json.loads, which would recurse [ours].
TELEGRAM_MAX_JSON_DEPTH = 64
# An update holds a few thousand arrays and objects at most (about one per message entity, and a
# text has 4,096 characters); more than 32,768 is refused (400) too, so the depth check never
# walks more than 64 K brackets (a megabyte of them cost 68 ms of CPU) [ours].
TELEGRAM_MAX_JSON_CONTAINERS = 32_768

# Twilio's webhook forms are small (issue 16). The largest we expect is an inbound WhatsApp text
# at WhatsApp's 4,096-character limit written in 4-byte emoji: percent-encoded, 12 bytes each,
# 49,152 bytes; with Twilio's ~25 other fields and 10 media URLs (about 3 KB) it stays under
# 53 KB. A bigger body cannot be Twilio's: 413 before it is read in full.
TWILIO_MAX_BODY_BYTES = 64 * 1024
# A WhatsApp message form has about 25 fields, 20 more with 10 media (MediaUrlN,
# MediaContentTypeN); a status callback about 15. More than 200 is refused (413) before parsing.
TWILIO_MAX_FIELDS = 200
# X-Twilio-Signature is base64 of an HMAC-SHA1 (20 bytes): exactly 28 characters, one "=".
TWILIO_SIGNATURE_LENGTH = 28
# Stripe (issue 17): an event is a few KB (a Checkout Session with its metadata is about 3 KB);
# 64 KiB is far over any we handle, so a bigger body is refused (413) before it is read in full.
STRIPE_MAX_BODY_BYTES = 64 * 1024
# Stripe-Signature: "t=<unix time>,v1=<64 hex>" (more v1 entries while a secret rolls over, and a
# v0 in test mode); longer is not Stripe's. Events older than this are refused (Stripe's own
# tolerance, stripe.Webhook.DEFAULT_TOLERANCE): a captured delivery cannot be replayed later.
STRIPE_SIGNATURE_MAX_CHARS = 512
STRIPE_TOLERANCE_S = 300
# Bodies up to this size are checked (HMAC, JSON depth) on the event loop, in tens of
# microseconds; bigger ones in a worker thread, so a burst of them never holds the loop [ours].
INLINE_CHECK_BYTES = 4096
# Threads of their own for those checks: they hold the GIL most of the time, so more would not
# be faster, and a flood of them never takes the shared pool's threads from stores and pages.
CHECK_THREADS = 4

# Our worker [ours]: bounded retries with capped exponential backoff, then a dead letter.
WORKER_MAX_ATTEMPTS = 5
WORKER_BACKOFF_BASE_S = 1.0
WORKER_BACKOFF_MAX_S = 60.0
# A turn (the model's answer included) taking longer is abandoned and retried, well before the
# local worker's 5-minute claim lease runs out: a turn outliving its lease would send twice.
WORKER_TURN_TIMEOUT_S = 120.0
# How long the worker keeps trying to record that a reply went out while the database is down
# (within the same lease): giving up means that reply is sent again on the retry.
WORKER_RECORD_PATIENCE_S = 60.0
