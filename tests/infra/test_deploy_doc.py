"""docs/deploy.md's commands agree with the code they stand in for (an operator copies them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


def test_the_manual_set_webhook_asks_for_what_the_bot_handles() -> None:
    """Step 7's setWebhook: without pre_checkout_query Telegram never asks before a Stars
    payment, and the payment fails after 10 seconds."""
    from webhooks.limits import TELEGRAM_ALLOWED_UPDATES

    (listed,) = re.findall(r"allowed_updates: (\[[^\]]*\])", DEPLOY.read_text())
    assert json.loads(listed) == list(TELEGRAM_ALLOWED_UPDATES)
