"""``OpenAIChatModel``: a self-hosted OpenAI-compatible server (``POST /v1/chat/completions``).

The HTTP client is injected; no retries here (the answer pipeline retries 429/5xx/timeouts).
The API key is sent as a bearer token and never logged or put in error messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from rag.errors import ModelThrottledError, ModelUnavailableError


def completions_url(base_url: str) -> str:
    """``http://h:8000`` or ``http://h:8000/v1`` → ``http://h:8000/v1/chat/completions``."""
    base = base_url.rstrip("/")
    return f"{base}/chat/completions" if base.endswith("/v1") else f"{base}/v1/chat/completions"


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None  # an HTTP date, or nothing: let the pipeline's backoff decide
    return max(seconds, 0.0)


class OpenAIChatModel:
    """``ChatModel`` over the OpenAI chat-completions wire format."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None,
        http: httpx.Client,
        *,
        max_tokens: int = 800,
        temperature: float = 0.2,
        timeout: float = 60.0,
    ) -> None:
        self.url = completions_url(base_url)
        self.model = model
        self._api_key = api_key
        self.http = http
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.timeout = timeout
        self.name = f"openai:{model}"

    def build_body(self, *, system: str, messages: Sequence[tuple[str, str]]) -> dict[str, Any]:
        chat = [{"role": "system", "content": system}]
        chat += [
            {"role": "assistant" if role == "assistant" else "user", "content": text}
            for role, text in messages
        ]
        return {
            "model": self.model,
            "messages": chat,
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
        }

    def complete(self, *, system: str, messages: Sequence[tuple[str, str]]) -> str:
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        body = self.build_body(system=system, messages=messages)
        try:
            response = self.http.post(self.url, json=body, headers=headers, timeout=self.timeout)
        except httpx.TimeoutException as exc:
            raise ModelThrottledError("openai: timeout") from exc
        except httpx.TransportError as exc:
            raise ModelThrottledError(f"openai: {type(exc).__name__}") from exc
        status = response.status_code
        if status == 429:
            raise ModelThrottledError("openai: HTTP 429", retry_after=_retry_after(response))
        if status >= 500:
            raise ModelThrottledError(f"openai: HTTP {status}", retry_after=_retry_after(response))
        if status >= 400:
            raise ModelUnavailableError(f"openai: HTTP {status}")
        try:
            payload = response.json()
            text = str(payload["choices"][0]["message"]["content"] or "").strip()
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise ModelUnavailableError("openai: unexpected response shape") from exc
        if not text:
            raise ModelUnavailableError("openai: empty answer")
        return text
