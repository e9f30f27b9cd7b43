"""BedrockChatModel on a real bedrock-runtime client with botocore's Stubber."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.stub import Stubber

from rag.answer import DEGRADED_NOTE, AnswerPipeline
from rag.backends.bedrock_chat import BedrockChatModel, supports_system_prompt
from rag.errors import ModelThrottledError, ModelUnavailableError
from rag.prompts import DISCLAIMER, SYSTEM_PROMPT
from tests.rag.answer_fakes import FakeRetrieval, read_articles

MIXTRAL = "mistral.mixtral-8x7b-instruct-v0:1"


def converse_response(text: str) -> dict[str, Any]:
    return {
        "output": {"message": {"role": "assistant", "content": [{"text": text}]}},
        "stopReason": "end_turn",
        "usage": {"inputTokens": 10, "outputTokens": 5, "totalTokens": 15},
        "metrics": {"latencyMs": 120},
    }


@pytest.fixture
def client() -> Any:
    return boto3.client(
        "bedrock-runtime",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def stubber(client: Any) -> Iterator[Stubber]:
    with Stubber(client) as stub:
        yield stub
        stub.assert_no_pending_responses()


def test_mixtral_gets_the_system_prompt_folded_into_the_first_user_turn(
    client: Any, stubber: Stubber
) -> None:
    expected = {
        "modelId": MIXTRAL,
        "messages": [
            {"role": "user", "content": [{"text": "REGLAS\n\npregunta 1"}]},
            {"role": "assistant", "content": [{"text": "respuesta 1"}]},
            {"role": "user", "content": [{"text": "pregunta 2\n\nmás contexto"}]},
        ],
        "inferenceConfig": {"maxTokens": 300, "temperature": 0.1},
    }
    stubber.add_response("converse", converse_response("  Hola  "), expected)
    model = BedrockChatModel(client, max_tokens=300, temperature=0.1)
    text = model.complete(
        system="REGLAS",
        messages=[
            ("user", "pregunta 1"),
            ("assistant", "respuesta 1"),
            ("user", "pregunta 2"),
            ("user", "más contexto"),
        ],
    )
    assert text == "Hola"
    assert model.name == f"bedrock:{MIXTRAL}"


def test_models_that_take_a_system_block_get_one(client: Any, stubber: Stubber) -> None:
    model_id = "anthropic.claude-3-haiku-20240307-v1:0"
    expected = {
        "modelId": model_id,
        "system": [{"text": "REGLAS"}],
        "messages": [{"role": "user", "content": [{"text": "hola"}]}],
        "inferenceConfig": {"maxTokens": 800, "temperature": 0.2},
    }
    stubber.add_response("converse", converse_response("ok"), expected)
    assert (
        BedrockChatModel(client, model_id=model_id).complete(
            system="REGLAS", messages=[("user", "hola")]
        )
        == "ok"
    )


@pytest.mark.parametrize(
    ("model_id", "supported"),
    [
        (MIXTRAL, False),
        ("mistral.mistral-7b-instruct-v0:2", False),
        ("mistral.mistral-large-2402-v1:0", True),
        ("anthropic.claude-3-haiku-20240307-v1:0", True),
    ],
)
def test_which_models_take_a_system_prompt(model_id: str, supported: bool) -> None:
    assert supports_system_prompt(model_id) is supported


@pytest.mark.parametrize(
    "code",
    [
        "ThrottlingException",
        "throttlingException",
        "ServiceUnavailableException",
        "ModelNotReadyException",
        "ModelTimeoutException",
        "InternalServerException",
    ],
)
def test_transient_errors_are_throttling(client: Any, stubber: Stubber, code: str) -> None:
    stubber.add_client_error("converse", service_error_code=code, http_status_code=429)
    with pytest.raises(ModelThrottledError, match=code):
        BedrockChatModel(client).complete(system="s", messages=[("user", "q")])


@pytest.mark.parametrize("code", ["ValidationException", "AccessDeniedException"])
def test_other_errors_are_unavailable_and_not_retryable(
    client: Any, stubber: Stubber, code: str
) -> None:
    stubber.add_client_error("converse", service_error_code=code, http_status_code=400)
    with pytest.raises(ModelUnavailableError, match=code) as info:
        BedrockChatModel(client).complete(system="s", messages=[("user", "q")])
    assert not isinstance(info.value, ModelThrottledError)


def test_an_empty_answer_is_unavailable(client: Any, stubber: Stubber) -> None:
    stubber.add_response("converse", converse_response(""))
    with pytest.raises(ModelUnavailableError, match="empty"):
        BedrockChatModel(client).complete(system="s", messages=[("user", "q")])


@pytest.fixture(scope="module")
def retrieval(lft_md: Path) -> FakeRetrieval:
    return FakeRetrieval(read_articles(lft_md, ["76", "78"]), ranking=["76", "78"])


def test_throttling_then_success_through_the_pipeline(
    client: Any, stubber: Stubber, retrieval: FakeRetrieval
) -> None:
    stubber.add_client_error("converse", service_error_code="ThrottlingException")
    stubber.add_response(
        "converse", converse_response("Respuesta corta: al menos 12 días (Art. 76 LFT).")
    )
    sleeps: list[float] = []
    pipeline = AnswerPipeline(
        retrieval, BedrockChatModel(client), today=date(2026, 11, 26), sleep=sleeps.append
    )
    answer = pipeline.answer("¿cuántos días de vacaciones me tocan?")
    assert not answer.degraded
    assert answer.text.startswith("Respuesta corta: al menos 12 días (Art. 76 LFT).")
    assert answer.text.endswith(DISCLAIMER)
    assert len(sleeps) == 1


def test_persistent_throttling_gives_a_degraded_answer(
    client: Any, stubber: Stubber, retrieval: FakeRetrieval
) -> None:
    for _ in range(3):
        stubber.add_client_error("converse", service_error_code="ThrottlingException")
    pipeline = AnswerPipeline(
        retrieval, BedrockChatModel(client), today=date(2026, 11, 26), sleep=lambda _: None
    )
    answer = pipeline.answer("¿cuántos días de vacaciones me tocan?")
    assert answer.degraded
    assert answer.text.startswith(DEGRADED_NOTE)
    # The degraded answer is the extractive one: the plain rule first, then its passage quoted.
    assert "te tocan al menos 12 días laborables de vacaciones pagadas (Art. 76 LFT)" in answer.text
    assert "“disfrutarán de un periodo anual de vacaciones pagadas" in answer.text
    assert answer.text.endswith(DISCLAIMER)


def test_the_request_carries_the_rules_and_the_tagged_question(
    client: Any, stubber: Stubber, retrieval: FakeRetrieval
) -> None:
    model = BedrockChatModel(client)
    request = model.build_request(system=SYSTEM_PROMPT, messages=[("user", "<pregunta>…")])
    assert "system" not in request
    first = request["messages"][0]["content"][0]["text"]
    assert first.startswith(SYSTEM_PROMPT)
    assert first.endswith("<pregunta>…")


def test_missing_credentials_are_not_retried(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    client = boto3.session.Session().client(
        "bedrock-runtime", region_name="us-east-1", endpoint_url="http://127.0.0.1:9"
    )
    with pytest.raises(ModelUnavailableError, match="NoCredentialsError") as info:
        BedrockChatModel(client).complete(system="s", messages=[("user", "q")])
    assert not isinstance(info.value, ModelThrottledError)


def test_a_refused_connection_is_transient() -> None:
    client = boto3.client(
        "bedrock-runtime",
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 1}),
    )
    with pytest.raises(ModelThrottledError, match="EndpointConnectionError"):
        BedrockChatModel(client).complete(system="s", messages=[("user", "q")])
