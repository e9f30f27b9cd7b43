"""Mexico's calendar day, defined once: every "today" the bot, the answers and reminders use.

Mexico abolished daylight saving time in 2022 (Ley de los Husos Horarios): the center, Mexico
City included, is UTC-6 all year, so a fixed offset is right and needs no tz database (Lambda
images may lack one). It lives in calc, the pure package bot, db and rag may all import.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

MEXICO_CITY = timezone(timedelta(hours=-6), "America/Mexico_City")


def today_in_mexico() -> date:
    """Today's date in Mexico City (it reads the clock: call it in the shell, not in calc)."""
    return datetime.now(MEXICO_CITY).date()
