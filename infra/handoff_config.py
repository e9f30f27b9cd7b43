"""What an environment offers for issue 17 (docs/handoff.md): the lawyer review and the products
sold, typed and checked at synth, then handed to the runtime as ``ABOGADO_HANDOFF__*`` and
``ABOGADO_PAYMENTS__PRODUCTS`` (``services.settings``); the runtime validates them again."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Literal

from infra.errors import ConfigError

_CODE = re.compile(r"^[a-z0-9_-]{1,32}$")
# Stripe's minimum charge in MXN is 10 pesos; OXXO takes at most 10,000 per voucher.
MIN_PRICE_MXN = 10
# Lambda allows 4 KB of environment in all; the product list must leave room for the rest.
MAX_PRODUCTS_JSON = 1200
# The sweep runs every five minutes, so a shorter claim time could not be kept.
MIN_CLAIM_MINUTES = 5
MAX_CLAIM_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class PaidProduct:
    """One thing that can be bought (``services.settings`` Product, field for field)."""

    code: str
    # Shown on the Telegram invoice (1-32 characters) and on Stripe Checkout.
    title: str
    kind: Literal["one_off", "monthly"]
    # Whole pesos; Stripe is charged this in centavos.
    price_mxn: int
    grants: Literal["lawyer_review", "answers"]
    # A monthly plan's recurring Price in Stripe ("price_…"); empty for one-off products.
    stripe_price_id: str = ""
    # Price in Telegram Stars; 0: not sold on Telegram.
    stars: int = 0
    answers_per_month: int = 0

    def check(self) -> None:
        where = f"payments: product {self.code!r}"
        if not _CODE.match(self.code):
            raise ConfigError(f"{where}: code is 1-32 of [a-z0-9_-]")
        if not 1 <= len(self.title) <= 32:
            raise ConfigError(f"{where}: title is 1-32 characters (Telegram's invoice limit)")
        if self.price_mxn < MIN_PRICE_MXN:
            raise ConfigError(f"{where}: price_mxn below Stripe's minimum of 10 MXN")
        if self.stars < 0:
            raise ConfigError(f"{where}: stars cannot be negative")
        if self.kind == "monthly" and not self.stripe_price_id.startswith("price_"):
            raise ConfigError(f"{where}: a monthly plan needs its Stripe price id (price_…)")
        if self.kind == "one_off" and self.stripe_price_id:
            raise ConfigError(f"{where}: one-off products are priced by price_mxn, not a Price")
        if (self.grants == "answers") != (self.answers_per_month > 0):
            raise ConfigError(f"{where}: answers_per_month is set exactly for 'answers' grants")


@dataclass(frozen=True)
class HandoffConfig:
    """The lawyer review on offer and what is sold. The defaults offer no review and sell
    nothing: every worker gets the free route (PROFEDET), as before issue 17."""

    # "none": only the free route; "free": a lawyer reviews at no cost; "paid": after payment.
    review: Literal["none", "free", "paid"] = "none"
    review_product: str = "revision"
    # An open request not claimed within this time is escalated (and refunded if paid).
    claim_within_minutes: int = 240
    products: tuple[PaidProduct, ...] = ()

    def __post_init__(self) -> None:
        if not MIN_CLAIM_MINUTES <= self.claim_within_minutes <= MAX_CLAIM_MINUTES:
            raise ConfigError(
                f"handoff: claim_within_minutes must be {MIN_CLAIM_MINUTES}..{MAX_CLAIM_MINUTES}"
            )
        codes = [p.code for p in self.products]
        if len(set(codes)) != len(codes):
            raise ConfigError("payments: product codes must be unique")
        for product in self.products:
            product.check()
        if self.review == "paid":
            review = next((p for p in self.products if p.code == self.review_product), None)
            if review is None or review.grants != "lawyer_review" or review.kind != "one_off":
                raise ConfigError(
                    f"handoff: a paid review needs a one-off product {self.review_product!r} "
                    "that grants lawyer_review"
                )
        if len(self.products_json()) > MAX_PRODUCTS_JSON:
            raise ConfigError(f"payments: the product list is over {MAX_PRODUCTS_JSON} bytes")

    def products_json(self) -> str:
        """``ABOGADO_PAYMENTS__PRODUCTS``: compact JSON, the runtime's Product fields."""
        return json.dumps([asdict(p) for p in self.products], separators=(",", ":"))

    def environment(self) -> dict[str, str]:
        """The settings every function reads: explicit, so the aws default never decides."""
        env = {
            "ABOGADO_HANDOFF__REVIEW": self.review,
            "ABOGADO_HANDOFF__REVIEW_PRODUCT": self.review_product,
            "ABOGADO_HANDOFF__CLAIM_WITHIN_MINUTES": str(self.claim_within_minutes),
        }
        if self.products:
            env["ABOGADO_PAYMENTS__PRODUCTS"] = self.products_json()
        return env
