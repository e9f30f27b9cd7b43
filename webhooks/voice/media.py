"""Download what a person sent: Telegram through ``getFile`` and the file URL, WhatsApp from
Twilio's ``MediaUrl0`` with the account's credentials (it redirects to storage, where httpx
drops the credentials). Downloads stop at the size limit; URLs (which hold the bot token) and
bytes are never logged.
"""

from __future__ import annotations

import functools
import ssl
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from webhooks.errors import UnparseableUpdate
from webhooks.voice import limits
from webhooks.voice.ports import Audio, TooLong, VoiceError

if TYPE_CHECKING:
    import httpx

    from bot.messages import Attachment


@functools.cache
def tls() -> ssl.SSLContext:
    """One TLS context for every client here: httpx builds a new one (loading the CA bundle,
    about 0.2 s on a busy 2-core box) for each client it makes without one."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


async def _download(
    client: httpx.AsyncClient, url: str, *, mime: str, max_bytes: int, auth: tuple[str, str] | None
) -> Audio:
    import httpx

    chunks: list[bytes] = []
    total = 0
    try:
        async with client.stream("GET", url, auth=auth, follow_redirects=True) as response:
            if response.status_code != 200:
                raise VoiceError(f"download: {response.status_code}")
            declared = response.headers.get("Content-Length", "")
            if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
                raise TooLong("size")
            async for chunk in response.aiter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise TooLong("size")
                chunks.append(chunk)
            mime = response.headers.get("Content-Type", "") or mime
    except httpx.HTTPError as exc:
        raise VoiceError(f"download: {type(exc).__name__}") from None
    return Audio(b"".join(chunks), mime)


class TelegramMedia:
    """``api_base_url`` and ``file_base_url`` are Telegram's (or a local fake's) origins."""

    def __init__(
        self,
        *,
        token: str,
        api_base_url: str,
        file_base_url: str,
        timeout_s: float = limits.HTTP_TIMEOUT_S,
    ) -> None:
        self._token = token
        self._api = api_base_url.rstrip("/")
        self._files = file_base_url.rstrip("/")
        self._timeout_s = timeout_s

    async def size(self, attachment: Attachment) -> int | None:
        return attachment.size  # the update says it (Voice.file_size, Audio.file_size)

    async def fetch(self, attachment: Attachment, *, max_bytes: int) -> Audio:
        import httpx

        async with httpx.AsyncClient(timeout=self._timeout_s, verify=tls()) as client:
            try:
                response = await client.get(
                    f"{self._api}/bot{self._token}/getFile", params={"file_id": attachment.ref}
                )
                found = response.json()
            except (httpx.HTTPError, ValueError) as exc:
                raise VoiceError(f"getFile: {type(exc).__name__}") from None
            if not isinstance(found, dict) or not found.get("ok"):
                description = str(found.get("description", "")) if isinstance(found, dict) else ""
                if "too big" in description.lower():  # over the Bot API's 20 MB
                    raise TooLong("size")
                raise VoiceError(f"getFile: {response.status_code}")
            result = found.get("result") or {}
            size, path = result.get("file_size"), result.get("file_path")
            if isinstance(size, int) and size > max_bytes:
                raise TooLong("size")
            if not isinstance(path, str) or not path:
                raise VoiceError("getFile: no file_path")
            url = f"{self._files}/file/bot{self._token}/{path}"
            return await _download(
                client, url, mime=attachment.mime, max_bytes=max_bytes, auth=None
            )


class TwilioMedia:
    """Media URLs are fetched only from the configured Twilio API origin: the account's
    credentials never go to a host named in a form."""

    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        api_base_url: str,
        timeout_s: float = limits.HTTP_TIMEOUT_S,
    ) -> None:
        self._auth = (account_sid, auth_token)
        origin = urlsplit(api_base_url)
        self._origin = (origin.scheme, origin.netloc)
        self._timeout_s = timeout_s

    def _checked(self, url: str) -> str:
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin:
            raise UnparseableUpdate("twilio media url outside the api origin")
        return url

    async def size(self, attachment: Attachment) -> int | None:
        """A HEAD (following the redirect to storage) for its Content-Length; None when the HEAD
        is refused or fails (the download stops at the limit all the same)."""
        import httpx

        url = self._checked(attachment.ref)
        async with httpx.AsyncClient(timeout=self._timeout_s, verify=tls()) as client:
            try:
                response = await client.head(url, auth=self._auth, follow_redirects=True)
            except httpx.HTTPError:
                return None
        if response.status_code != 200:
            return None
        declared = response.headers.get("Content-Length", "")
        return int(declared) if declared.isascii() and declared.isdigit() else None

    async def fetch(self, attachment: Attachment, *, max_bytes: int) -> Audio:
        import httpx

        url = self._checked(attachment.ref)
        async with httpx.AsyncClient(timeout=self._timeout_s, verify=tls()) as client:
            return await _download(
                client, url, mime=attachment.mime, max_bytes=max_bytes, auth=self._auth
            )
