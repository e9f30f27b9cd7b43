"""Load the recorded platform payloads under tests/fixtures/{telegram,twilio}."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def telegram(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "telegram" / f"{name}.json").read_text())
    return data


def telegram_bytes(name: str) -> bytes:
    return (FIXTURES / "telegram" / f"{name}.json").read_bytes()


def twilio(name: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((FIXTURES / "twilio" / f"{name}.json").read_text())
    return data


def names(platform: str) -> list[str]:
    return sorted(p.stem for p in (FIXTURES / platform).glob("*.json"))
