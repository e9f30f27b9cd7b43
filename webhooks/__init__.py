"""The HTTP shell: FastAPI app, Telegram and Twilio adapters, worker, Lambda handlers."""
