"""A fake Twilio Messages API: real HTTP on 127.0.0.1 in a thread, recording every create call.

Point ``settings.twilio.api_base_url`` at ``fake.url``. Script errors with ``fail_next`` (63016
outside the window, 21610 opted out, 63017 account rate, 20429 concurrency 429). Media added
with ``add_media`` is served at its ``MediaUrl`` to the account's Basic auth only, as Twilio
does: a 307 to a storage URL on another origin (``localhost``), which needs no credentials.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "fake_twilio_auth_token_0123456789"
FROM = "whatsapp:+14155238886"

# Status and message Twilio returns with each error code (twilio.com/docs/api/errors).
ERRORS: dict[int, tuple[int, str]] = {
    63016: (400, "Failed to send freeform message because you are outside the allowed window."),
    21610: (400, "Attempt to send to unsubscribed recipient"),
    63017: (429, "Rate limit exceeded"),
    20429: (429, "Too Many Requests"),
    21617: (400, "The concatenated message body exceeds the 1600 character limit"),
    20500: (500, "Internal Server Error"),
}


@dataclass(frozen=True)
class Call:
    path: str
    form: dict[str, str]
    at: float
    status: int = 201  # what the fake answered (a scripted error's status otherwise)

    @property
    def to(self) -> str:
        return self.form.get("To", "")

    @property
    def body(self) -> str:
        return self.form.get("Body", "")


@dataclass
class _Failure:
    code: int
    to: str | None
    times: int


@dataclass
class FakeTwilioAPI:
    account_sid: str = ACCOUNT_SID
    auth_token: str = AUTH_TOKEN
    calls: list[Call] = field(default_factory=list)
    _failures: list[_Failure] = field(default_factory=list)
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _server: ThreadingHTTPServer | None = None
    _drops: int = 0
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    head_allowed: bool = True  # False: a HEAD on media answers 405
    # (method, "api" or "storage", whether an Authorization header came along)
    media_requests: list[tuple[str, str, bool]] = field(default_factory=list)

    def add_media(self, data: bytes, content_type: str = "audio/ogg") -> str:
        """Store media and return its MediaUrl0 (on this fake's API origin)."""
        sid = "ME" + uuid.uuid4().hex
        with self._cond:
            self.media[sid] = (data, content_type)
        message = "MM" + uuid.uuid4().hex
        return f"{self.url}/2010-04-01/Accounts/{self.account_sid}/Messages/{message}/Media/{sid}"

    def start(self, port: int = 0) -> FakeTwilioAPI:
        """Serve on ``port`` (0: any free one; a stopped fake restarts on its old port)."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def do_GET(self) -> None:
                fake._media(self)

            def do_HEAD(self) -> None:
                fake._media(self)

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
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def fail_next(self, code: int, *, to: str | None = None, times: int = 1) -> None:
        with self._cond:
            self._failures.append(_Failure(code, to, times))

    def drop_answers(self, times: int = 1) -> None:
        """The next ``times`` messages are created (the phone gets them) but the connection
        closes before the answer: the caller cannot know they were sent."""
        with self._cond:
            self._drops += times

    def messages(self, to: str | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if to is None or c.to == to]

    def delivered(self, to: str | None = None) -> list[Call]:
        """The create calls the fake answered with success (what reached the phone)."""
        return [c for c in self.messages(to) if c.status == 201]

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.calls) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self.calls)} messages, wanted {count}")
                self._cond.wait(left)
            return list(self.calls)

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        expected = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        if req.path != expected:
            self._reply(req, 404, {"code": 20404, "message": "Not found", "status": 404})
            return
        if not self._authorized(req.headers.get("Authorization", "")):
            self._reply(req, 401, {"code": 20003, "message": "Authenticate", "status": 401})
            return
        length = int(req.headers.get("Content-Length") or 0)
        form = dict(parse_qsl(req.rfile.read(length).decode(), keep_blank_values=True))
        with self._cond:
            failure = self._take_failure(form.get("To", ""))
            status = ERRORS[failure][0] if failure is not None else 201
            self.calls.append(Call(req.path, form, time.monotonic(), status))
            self._cond.notify_all()
            drop = failure is None and self._drops > 0
            self._drops -= drop
        if drop:
            return  # no answer: the server closes the connection
        if failure is not None:
            status, message = ERRORS[failure]
            self._reply(
                req,
                status,
                {
                    "code": failure,
                    "message": message,
                    "more_info": f"https://www.twilio.com/docs/errors/{failure}",
                    "status": status,
                },
            )
            return
        sid = "SM" + uuid.uuid4().hex
        self._reply(
            req,
            201,
            {
                "sid": sid,
                "account_sid": self.account_sid,
                "to": form.get("To"),
                "from": form.get("From"),
                "body": form.get("Body", ""),
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "date_created": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()),
                "uri": f"{expected[:-5]}/{sid}.json",
            },
        )

    def _media(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path.split("?")[0]
        sid = path.rsplit("/", 1)[-1]
        storage = path.startswith("/storage/")
        with self._cond:
            found = self.media.get(sid)
            has_auth = bool(req.headers.get("Authorization"))
            self.media_requests.append((req.command, "storage" if storage else "api", has_auth))
        api_path = f"/2010-04-01/Accounts/{self.account_sid}/Messages/"
        if req.command == "HEAD" and not self.head_allowed:
            self._reply(req, 405, {"code": 20004, "message": "Method not allowed", "status": 405})
            return
        if found is None or not (storage or path.startswith(api_path)):
            self._reply(req, 404, {"code": 20404, "message": "Not found", "status": 404})
            return
        if not storage:
            if not self._authorized(req.headers.get("Authorization", "")):
                self._reply(req, 401, {"code": 20003, "message": "Authenticate", "status": 401})
                return
            assert self._server is not None
            port = self._server.server_address[1]
            req.send_response(307)
            req.send_header("Location", f"http://localhost:{port}/storage/{sid}?sig=x")
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        data, ctype = found
        req.send_response(200)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        if req.command == "GET":
            req.wfile.write(data)

    def _authorized(self, header: str) -> bool:
        if not header.startswith("Basic "):
            return False
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        return user == self.account_sid and password == self.auth_token

    def _take_failure(self, to: str) -> int | None:
        for failure in self._failures:
            if failure.to is not None and failure.to != to:
                continue
            failure.times -= 1
            if failure.times <= 0:
                self._failures.remove(failure)
            return failure.code
        return None

    @staticmethod
    def _reply(req: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        req.send_response(status)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)


def running_fake() -> Iterator[FakeTwilioAPI]:
    """Generator body for a pytest fixture: ``yield from running_fake()``."""
    fake = FakeTwilioAPI().start()
    try:
        yield fake
    finally:
        fake.stop()
