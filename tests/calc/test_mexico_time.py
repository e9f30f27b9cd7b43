"""One "today in Mexico": UTC-6 all year, shared by the answers, the reminders and the usage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import db.reminders
import services.answering
import services.usage
from calc.mexico_time import MEXICO_CITY, today_in_mexico


def test_the_evening_in_mexico_is_already_tomorrow_in_utc() -> None:
    instant = datetime(2026, 12, 5, 3, 30, tzinfo=UTC)
    assert instant.astimezone(MEXICO_CITY).date() == date(2026, 12, 4)


def test_no_daylight_saving_since_2022() -> None:
    summer = datetime(2026, 7, 1, 12, tzinfo=MEXICO_CITY)
    assert summer.utcoffset() == timedelta(hours=-6)


def test_today_is_the_utc_day_six_hours_back() -> None:
    before = (datetime.now(UTC) - timedelta(hours=6)).date()
    today = today_in_mexico()
    after = (datetime.now(UTC) - timedelta(hours=6)).date()
    assert today in (before, after)


def test_every_user_of_the_zone_shares_the_one_definition() -> None:
    assert vars(db.reminders)["MEXICO_CITY"] is MEXICO_CITY
    assert vars(services.usage)["MEXICO_CITY"] is MEXICO_CITY
    assert vars(services.answering)["today_in_mexico"] is today_in_mexico
