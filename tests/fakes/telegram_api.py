"""A fake Telegram Bot API server: real HTTP on 127.0.0.1 in a thread, recording every call.

Point python-telegram-bot's ``Bot(base_url=fake.base_url)`` (or settings.telegram.api_base_url =
``fake.url``) at it. Tell it to fail with ``fail_next`` (429 + retry_after, 400 parse errors, ...),
``block_chat`` (403 forever), keep calls unanswered with ``hold``/``release``, or feed
``getUpdates`` with ``push_update``. Stars invoices (createInvoiceLink, sendInvoice) are kept
by payload in ``invoices`` and refunds in ``refunded``; ``tests.fakes.stars`` builds the
pre_checkout_query and successful_payment updates Telegram would send. Files (voice notes)
added with ``add_file`` are served by ``getFile`` and downloaded from
``/file/bot<token>/<path>`` (settings.telegram.file_base_url).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

TOKEN = "123456:TEST-token_for-fake-api"


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, str]
    at: float
    status: int = 200  # what the fake answered (a scripted failure's status otherwise)

    @property
    def chat_id(self) -> str:
        return self.params.get("chat_id", "")

    @property
    def text(self) -> str:
        return self.params.get("text", "")


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None = None
    chat_id: str | None = None
    only_html: bool = False
    times: int = 1
    after: int = 0


@dataclass
class FakeTelegramAPI:
    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    # Each call also waits this long before answering (latency injection).
    delay_s: float = 0.0
    # Run with each call's method before it is answered (a test's fault injection: "the
    # database goes read-only while this message is on its way").
    on_call: Callable[[str], None] | None = None
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _blocked: set[str] = field(default_factory=set)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _open: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _next_message_id: int = 1
    _drops: int = 0
    # getChatMember's answers: "chat:user" → status ("creator", "administrator"); else "member".
    statuses: dict[str, str] = field(default_factory=dict)
    # Groups that became supergroups: old chat id → new id (sends answer 400 with the new id).
    migrated: dict[str, int] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    downloads: list[str] = field(default_factory=list)
    # Stars: the invoices made (by payload) and the charges refunded (refundStarPayment).
    invoices: dict[str, dict[str, str]] = field(default_factory=dict)
    refunded: set[str] = field(default_factory=set)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, port: int = 0) -> FakeTelegramAPI:
        """Serve on ``port`` (0: any free one; a stopped fake restarts on its old port)."""
        fake = self
        self._open.set()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            do_GET = do_POST

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        """What settings.telegram.api_base_url takes."""
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def base_url(self) -> str:
        """What ``telegram.Bot(base_url=...)`` takes (the token is appended by PTB)."""
        return f"{self.url}/bot"

    # -- scripting -------------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        *,
        status: int,
        description: str,
        retry_after: int | None = None,
        chat_id: str | None = None,
        only_html: bool = False,
        times: int = 1,
        after: int = 0,
    ) -> None:
        """Fail the next ``times`` matching calls, once ``after`` of them have succeeded."""
        with self._cond:
            self._failures.setdefault(method, []).append(
                _Failure(status, description, retry_after, chat_id, only_html, times, after)
            )

    def rate_limit(self, *, retry_after: int, times: int = 1) -> None:
        self.fail_next(
            "sendMessage",
            status=429,
            description=f"Too Many Requests: retry after {retry_after}",
            retry_after=retry_after,
            times=times,
        )

    def drop_answers(self, times: int = 1) -> None:
        """The next ``times`` sendMessage calls are carried out (the chat gets the message) but
        the connection closes before the answer: the caller cannot know it was sent."""
        with self._cond:
            self._drops += times

    def hold(self) -> None:
        """Keep every call waiting (unanswered) until ``release``."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    def add_file(self, file_id: str, data: bytes) -> None:
        """Serve ``data`` for ``file_id`` (getFile's file_size is its length)."""
        with self._cond:
            self.files[file_id] = data

    def block_chat(self, chat_id: str) -> None:
        with self._cond:
            self._blocked.add(str(chat_id))

    def make_admin(self, chat_id: str, user_id: int, status: str = "administrator") -> None:
        """getChatMember answers ``status`` for this person in this group."""
        with self._cond:
            self.statuses[f"{chat_id}:{user_id}"] = status

    def push_update(self, update: dict[str, Any]) -> None:
        with self._cond:
            self._updates.append(update)
            self._cond.notify_all()

    # -- inspection ------------------------------------------------------------------------
    def sent(self, chat_id: str | None = None) -> list[Call]:
        with self._cond:
            return [
                c
                for c in self.calls
                if c.method == "sendMessage" and (chat_id is None or c.chat_id == str(chat_id))
            ]

    def delivered(self, chat_id: str | None = None) -> list[Call]:
        """The ``sendMessage`` calls the fake answered with success (what reached the chat)."""
        return [c for c in self.sent(chat_id) if c.status == 200]

    def wait_for(self, method: str, count: int, timeout: float = 10.0) -> list[Call]:
        """Block until ``count`` calls of ``method`` were recorded (or raise after ``timeout``)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(found)} {method} calls, wanted {count}")
                self._cond.wait(left)

    # -- the server ------------------------------------------------------------------------
    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        prefix = f"/bot{self.token}/"
        if req.path.startswith(f"/file{prefix}"):
            self._download(req, req.path[len(prefix) + 5 :])
            return
        if not req.path.startswith(prefix):
            self._reply(req, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        method = req.path[len(prefix) :].split("?")[0]
        params = _read_params(req)
        if self.on_call is not None:
            self.on_call(method)
        self._open.wait(timeout=30)
        if self.delay_s:
            time.sleep(self.delay_s)
        with self._cond:
            failure = self._take_failure(method, params)
            if params.get("chat_id") in self._blocked and method.startswith("send"):
                failure = _Failure(403, "Forbidden: bot was blocked by the user")
            moved = (
                self.migrated.get(params.get("chat_id", "")) if method.startswith("send") else None
            )
            if moved is not None:
                failure = _Failure(400, "Bad Request: group chat was upgraded to a supergroup chat")
            status = failure.status if failure is not None else 200
            self.calls.append(Call(method, params, time.monotonic(), status))
            self._cond.notify_all()
            drop = failure is None and method == "sendMessage" and self._drops > 0
            self._drops -= drop
        if drop:
            return  # no answer: the server closes the connection
        if failure is not None:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            if moved is not None:
                body["parameters"] = {"migrate_to_chat_id": moved}
            self._reply(req, failure.status, body)
            return
        if method == "getFile" and params.get("file_id") not in self.files:
            self._reply(req, 400, {"ok": False, "error_code": 400, "description": "Bad Request"})
            return
        self._reply(req, 200, {"ok": True, "result": self._result(method, params)})

    def _download(self, req: BaseHTTPRequestHandler, path: str) -> None:
        file_id = path.removeprefix("voice/").removesuffix(".oga")
        with self._cond:
            data = self.files.get(file_id)
            self.downloads.append(file_id)
        if data is None:
            self._reply(req, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        req.send_response(200)
        req.send_header("Content-Type", "application/octet-stream")
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    def _take_failure(self, method: str, params: dict[str, str]) -> _Failure | None:
        for failure in self._failures.get(method, []):
            if failure.chat_id is not None and failure.chat_id != params.get("chat_id"):
                continue
            if failure.only_html and params.get("parse_mode") != "HTML":
                continue
            if failure.after > 0:
                failure.after -= 1
                return None
            failure.times -= 1
            if failure.times <= 0:
                self._failures[method].remove(failure)
            return failure
        return None

    def _result(self, method: str, params: dict[str, str]) -> Any:
        if method == "getFile":
            file_id = params["file_id"]
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self.files[file_id]),
                "file_path": f"voice/{file_id}.oga",
            }
        if method == "getChatMember":
            key = f"{params.get('chat_id')}:{params.get('user_id')}"
            user = {"id": int(params.get("user_id", "0")), "is_bot": False, "first_name": "X"}
            status = self.statuses.get(key, "member")
            member: dict[str, Any] = {"status": status, "user": user}
            if status in ("creator", "administrator"):
                member["is_anonymous"] = False
            if status == "administrator":
                member.update(dict.fromkeys(ADMIN_RIGHTS, True))
            return member
        if method == "getMe":
            return {
                "id": 123456,
                "is_bot": True,
                "first_name": "Abogado",
                "username": "abogado_bot",
            }
        if method == "sendMessage":
            with self._cond:
                message_id = self._next_message_id
                self._next_message_id += 1
            chat_id = int(params.get("chat_id", "0"))
            return {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "text": params.get("text", ""),
            }
        if method in ("createInvoiceLink", "sendInvoice"):
            return self._invoice(method, params)
        if method == "refundStarPayment":
            with self._cond:
                self.refunded.add(params.get("telegram_payment_charge_id", ""))
            return True
        if method == "getUpdates":
            offset = int(params.get("offset", "0") or 0)
            with self._cond:
                pending = [u for u in self._updates if u["update_id"] >= offset]
                if not pending:
                    self._cond.wait(min(float(params.get("timeout", "0") or 0), 0.2))
                    pending = [u for u in self._updates if u["update_id"] >= offset]
            return pending
        return True

    def _invoice(self, method: str, params: dict[str, str]) -> Any:
        """Stars invoices: a link (createInvoiceLink) or a message (sendInvoice), kept by
        payload so a test can pay it (``stars.paid_update``)."""
        with self._cond:
            self.invoices[params.get("payload", "")] = dict(params)
            message_id = self._next_message_id
            self._next_message_id += 1
        if method == "createInvoiceLink":
            return f"https://t.me/$inv{message_id}"
        chat_id = int(params.get("chat_id", "0"))
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
        }

    def refuse_refund(self, description: str = "Bad Request: CHARGE_ALREADY_REFUNDED") -> None:
        """The next refundStarPayment answers 400 (Telegram's answer to a second refund)."""
        self.fail_next("refundStarPayment", status=400, description=description)

    @staticmethod
    def _reply(req: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        req.send_response(status)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)


ADMIN_RIGHTS = (
    "can_be_edited",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)


def _read_params(req: BaseHTTPRequestHandler) -> dict[str, str]:
    length = int(req.headers.get("Content-Length") or 0)
    raw = req.rfile.read(length) if length else b""
    ctype = req.headers.get("Content-Type", "")
    if "json" in ctype and raw:
        loaded = json.loads(raw)
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in loaded.items()}
    query = req.path.partition("?")[2]  # getFile is a GET with its file_id in the query
    return dict(parse_qsl(query + "&" + raw.decode(), keep_blank_values=True))


def running_fake() -> Iterator[FakeTelegramAPI]:
    """Generator body for a pytest fixture: ``yield from running_fake()``."""
    fake = FakeTelegramAPI().start()
    try:
        yield fake
    finally:
        fake.stop()
