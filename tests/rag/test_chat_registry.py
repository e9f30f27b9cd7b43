"""Chat models come from the same registry as embedders: one name, one builder."""

from __future__ import annotations

import boto3
import httpx
import pytest

from abogado.answers import build_chat_model
from rag.backends.bedrock_chat import BedrockChatModel
from rag.backends.openai_chat import OpenAIChatModel
from rag.backends.registry import CHAT_MODELS, make_chat_model
from rag.errors import RagError
from services.errors import AbogadoError
from services.settings import AnswerSettings, BedrockSettings, Settings


def test_extractive_is_no_model() -> None:
    assert make_chat_model("extractive") is None


def test_bedrock_builds_with_its_model_id() -> None:
    client = boto3.client(
        "bedrock-runtime",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
    )
    model = make_chat_model("bedrock", client=client, model_id="mistral.mixtral-8x7b")
    assert isinstance(model, BedrockChatModel)
    assert model.name == "bedrock:mistral.mixtral-8x7b"


def test_openai_builds_with_its_url_and_model() -> None:
    with httpx.Client() as http:
        model = make_chat_model(
            "openai", base_url="http://127.0.0.1:9/v1", model="qwen", api_key=None, http=http
        )
    assert isinstance(model, OpenAIChatModel)
    assert model.name == "openai:qwen"


def test_unknown_names_are_refused_with_the_known_ones() -> None:
    with pytest.raises(RagError, match="extractive, bedrock, openai"):
        make_chat_model("gpt-99")


def test_the_settings_choose_through_the_registry() -> None:
    assert CHAT_MODELS == ("extractive", "bedrock", "openai")
    assert build_chat_model(Settings(answer=AnswerSettings(backend="extractive"))) is None
    bedrock = Settings(
        answer=AnswerSettings(backend="bedrock"), bedrock=BedrockSettings(chat_model="m-1")
    )
    model = build_chat_model(bedrock)
    assert isinstance(model, BedrockChatModel)
    assert model.model_id == "m-1"
    with pytest.raises(AbogadoError, match="OPENAI_BASE_URL"):
        build_chat_model(Settings(answer=AnswerSettings(backend="openai")))
