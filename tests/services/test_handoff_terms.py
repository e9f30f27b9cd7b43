"""What review the chat offers, from the settings: none/free/paid by profile, a paid review's
price per channel (a channel that cannot pay offers none)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.conversation import Conversation
from services.handoff_effects import ReviewTerms, review_terms
from services.settings import (
    DatabaseSettings,
    HandoffSettings,
    PaymentsSettings,
    Product,
    QdrantSettings,
    Settings,
)

CONV = Conversation(channel="telegram", chat_id="1", today=date(2026, 12, 4))
REVIEW = Product(code="revision", title="Revisión", price_mxn=299, stars=250)


def _aws(**extra: object) -> Settings:
    return Settings(
        profile="aws",
        database=DatabaseSettings(url="mysql+pymysql://abogado@127.0.0.1:9/ab"),
        qdrant=QdrantSettings(url="http://127.0.0.1:9"),
        embedding={"backend": "titan"},  # type: ignore[arg-type]  # pydantic builds the model
        answer={"backend": "bedrock"},  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def test_unset_review_is_free_locally_and_none_on_aws() -> None:
    assert review_terms(Settings()) == ReviewTerms("free")
    assert review_terms(_aws()) == ReviewTerms("none")
    assert review_terms(_aws(handoff=HandoffSettings(review="free"))) == ReviewTerms("free")


def test_a_paid_review_has_a_price_per_channel_where_it_is_sold() -> None:
    settings = Settings(
        handoff=HandoffSettings(review="paid"), payments=PaymentsSettings(products=[REVIEW])
    )
    terms = review_terms(settings)
    assert terms.prices == {"telegram": "250 ⭐", "whatsapp": "$299 MXN"}
    on_telegram = terms.apply(CONV)
    assert (on_telegram.review, on_telegram.review_price) == ("paid", "250 ⭐")
    on_cli = terms.apply(replace(CONV, channel="cli"))
    assert on_cli.review == "none"  # the terminal cannot pay


def test_a_paid_review_without_its_product_offers_none() -> None:
    settings = Settings(handoff=HandoffSettings(review="paid", review_product="otro"))
    assert review_terms(settings) == ReviewTerms("none")
    no_stars = PaymentsSettings(products=[replace_stars(REVIEW)])
    terms = review_terms(Settings(handoff=HandoffSettings(review="paid"), payments=no_stars))
    assert terms.apply(CONV).review == "none"  # not sold on Telegram: not offered there


def replace_stars(product: Product) -> Product:
    return product.model_copy(update={"stars": 0})
