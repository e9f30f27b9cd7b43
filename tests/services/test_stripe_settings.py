"""Stripe's and the products' settings: from the environment, and Stripe's keys from Secrets
Manager (botocore Stubber, no AWS)."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.stub import Stubber

from services.secrets import InvalidSettings, resolve_secrets
from services.settings import SecretsSettings, Settings, load_settings

ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:abogado-stripe-AbCdEf"


def test_the_stripe_secret_fills_both_keys() -> None:
    client = boto3.client(
        "secretsmanager",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    stubber = Stubber(client)
    values = {"api_key": "sk_live_x", "webhook_secret": "whsec_y"}
    stubber.add_response(
        "get_secret_value",
        {"ARN": ARN, "Name": "stripe", "SecretString": json.dumps(values)},
        {"SecretId": ARN},
    )
    settings = Settings(secrets=SecretsSettings(stripe_arn=ARN))
    assert settings.secrets.any
    with stubber:
        resolved = resolve_secrets(settings, client=client)
    assert resolved.stripe.api_key is not None
    assert resolved.stripe.api_key.get_secret_value() == "sk_live_x"
    assert resolved.stripe.webhook_secret is not None
    assert resolved.stripe.webhook_secret.get_secret_value() == "whsec_y"
    assert "sk_live_x" not in repr(resolved)


def test_products_come_from_json_and_none_means_free(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().payments.products == []
    products = [
        {"code": "revision", "title": "Revisión", "price_mxn": 299, "stars": 250},
        {
            "code": "mensual",
            "title": "Plan",
            "kind": "monthly",
            "price_mxn": 99,
            "stripe_price_id": "price_1",
            "grants": "answers",
            "answers_per_month": 300,
        },
    ]
    monkeypatch.setenv("ABOGADO_PAYMENTS__PRODUCTS", json.dumps(products))
    monkeypatch.setenv("ABOGADO_STRIPE__API_BASE_URL", "http://127.0.0.1:9")
    settings = load_settings()
    assert [p.code for p in settings.payments.products] == ["revision", "mensual"]
    plan = settings.payments.product("mensual")
    assert plan is not None
    assert (plan.kind, plan.grants, plan.price_mxn) == ("monthly", "answers", 99)
    assert settings.payments.product("nada") is None
    assert settings.stripe.api_base_url == "http://127.0.0.1:9"


@pytest.mark.parametrize(
    "product",
    [
        {"code": "Bad Code", "title": "x"},
        {"code": "x", "title": ""},
        {"code": "x", "title": "x", "price_mxn": -1},
        {"code": "x", "title": "x", "kind": "weekly"},
        {"code": "x", "title": "x", "grants": "everything"},
    ],
)
def test_a_bad_product_is_refused_naming_the_field(
    monkeypatch: pytest.MonkeyPatch, product: dict[str, object]
) -> None:
    monkeypatch.setenv("ABOGADO_PAYMENTS__PRODUCTS", json.dumps([product]))
    with pytest.raises(InvalidSettings, match=r"payments\.products"):
        load_settings()
