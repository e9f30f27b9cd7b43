"""Broadcasts: compose and preview, pace, send through Telegram and Twilio, survive crashes."""
