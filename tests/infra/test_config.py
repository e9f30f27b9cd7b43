"""The typed environment config refuses inconsistent values before any construct is built."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from infra.config import ConfigError, EnvironmentConfig, PipelineConfig, QdrantConfig, Sizes
from infra.environments import PIPELINE, PRODUCTION, STAGING
from infra.logs import retention


def test_the_committed_environments_are_valid_and_distinct() -> None:
    assert STAGING.account != PRODUCTION.account
    assert STAGING.domain_name != PRODUCTION.domain_name
    assert STAGING.cognito_domain_prefix != PRODUCTION.cognito_domain_prefix
    assert PRODUCTION.is_production
    assert not STAGING.is_production
    assert PIPELINE.cross_account


def test_derived_urls() -> None:
    assert STAGING.callback_url == f"https://{STAGING.domain_name}/auth/callback"
    assert STAGING.cognito_domain == "abogado-staging.auth.us-east-1.amazoncognito.com"


def test_visibility_timeout_follows_the_worker_timeout() -> None:
    assert Sizes(worker_timeout_s=45).queue_visibility_timeout_s == 270


@pytest.mark.parametrize(
    "change",
    [
        {"account": "12345"},
        {"availability_zones": ("us-east-1a", "us-east-1a")},
        {"availability_zones": ("us-west-2a", "us-west-2b")},
        {"domain_name": "Not A Host"},
        {"certificate_arn": "arn:aws:acm:eu-west-1:111111111111:certificate/x"},
        {"cognito_domain_prefix": "aws-abogado"},
        {"cognito_domain_prefix": "-abogado"},
        {"nat_ami_id": "fck-nat-latest"},
    ],
)
def test_bad_environment_values_are_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        dataclasses.replace(STAGING, **change)


@pytest.mark.parametrize(
    "change",
    [
        {"worker_batch_size": 11},
        {"receiver_timeout_s": 15},
        {"worker_timeout_s": 300},
        {"worker_reserved_concurrency": 1},
    ],
)
def test_bad_sizes_are_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        Sizes(**change)


def test_external_qdrant_needs_https_and_a_key() -> None:
    with pytest.raises(ConfigError):
        QdrantConfig(external_url="https://q.example")
    with pytest.raises(ConfigError):
        QdrantConfig(external_url="http://q.example", external_api_key_secret_arn="arn:x")


def test_pipeline_config_is_checked() -> None:
    with pytest.raises(ConfigError):
        dataclasses.replace(PIPELINE, connection_arn="arn:aws:iam::000000000000:role/x")
    with pytest.raises(ConfigError):
        dataclasses.replace(PIPELINE, repository="abogado")
    with pytest.raises(ConfigError):
        dataclasses.replace(PIPELINE, staging=PRODUCTION)


def test_retention_accepts_only_cloudwatch_values() -> None:
    assert retention(30).name == "ONE_MONTH"
    with pytest.raises(ValueError, match="log retention"):
        retention(31)


def test_config_classes_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        STAGING.account = "333333333333"  # type: ignore[misc]
    assert isinstance(PIPELINE, PipelineConfig)
    assert isinstance(STAGING, EnvironmentConfig)


@pytest.mark.parametrize(
    "facebook",
    [
        {"app_id": "not-a-number"},
        {"app_secret_arn": "arn:aws:secretsmanager:us-east-1:999999999999:secret:fb-AbCdEf"},
        {"app_secret_arn": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:fb-AbCdEf"},
        {"api_version": "latest"},
    ],
)
def test_facebook_login_must_be_an_app_id_and_a_secret_of_that_account(
    facebook: dict[str, str],
) -> None:
    assert STAGING.facebook is not None
    with pytest.raises(ConfigError, match="facebook"):
        dataclasses.replace(STAGING, facebook=dataclasses.replace(STAGING.facebook, **facebook))


def test_facebook_is_optional() -> None:
    assert dataclasses.replace(STAGING, facebook=None).facebook is None
