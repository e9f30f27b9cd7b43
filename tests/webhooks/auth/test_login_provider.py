"""One provider choice for every login: the chats' link pages and the admin pages ask the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from abogado.logins import build_admin_services, build_auth_services, login_provider
from services.settings import CognitoSettings, Settings
from webhooks.errors import LoginConfigError

COGNITO = CognitoSettings(domain="auth.example.mx", client_id="abc", user_pool_id="us-east-1_X")


def _aws(tmp_path: Path, cognito: CognitoSettings) -> Settings:
    return Settings.model_construct(
        profile="aws", data_dir=tmp_path, public_url="https://abogado.example.mx", cognito=cognito
    )


def test_aws_logins_go_to_cognito(tmp_path: Path) -> None:
    provider, client_id = login_provider(_aws(tmp_path, COGNITO))
    assert provider.token_endpoint == "https://auth.example.mx/oauth2/token"
    assert client_id == "abc"


def test_local_logins_go_to_the_built_in_provider(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, public_url="http://127.0.0.1:8000")
    provider, _ = login_provider(settings)
    assert provider.issuer.startswith("http://127.0.0.1:8000/local-idp")


def test_both_pages_refuse_a_missing_cognito_with_the_same_error(tmp_path: Path) -> None:
    settings = _aws(tmp_path, CognitoSettings(domain="auth.example.mx"))
    sessions = sessionmaker()
    with pytest.raises(LoginConfigError, match="USER_POOL_ID"):
        build_auth_services(settings, sessions=sessions)
    with pytest.raises(LoginConfigError, match="USER_POOL_ID"):
        build_admin_services(settings, sessions=sessions, secret=b"k" * 32, start_sending=None)
