"""``abogado chat``: a terminal conversation with the full engine on the local profile.

Shell only: a local SQLite database under the data dir, a local user already linked to the
terminal chat, the configured answer pipeline; each line typed is one message. With standard
input that is not a terminal, one message per line and the replies printed, for scripts.
What waits for the terminal chat outside a turn (a lawyer's reply from the inbox of ``abogado
serve``) is printed before each prompt, delivered by the courier like any chat's notices.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, TextIO

from services.errors import AbogadoError

if TYPE_CHECKING:
    from datetime import datetime

    from abogado.container import Container
    from bot.messages import Reply
    from bot.ports import Answerer
    from services.settings import Settings
    from services.turns import TurnRunner
    from webhooks.broadcast.providers import Message, Result

CHAT_ID = "local"
LOCAL_SUB = "local"
PROMPT = "tú › "
SPEAKER = "abogado › "


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "chat",
        help="talk to abogado in the terminal (local profile)",
        description=(
            "A terminal conversation with abogado as a local, already-linked user: the context "
            "form, cases, commands (/ayuda) and answers from the LFT. Ctrl-D quits. When "
            "standard input is not a terminal, each line is one message and the replies are "
            "printed, so conversations can be scripted."
        ),
    )
    parser.add_argument(
        "--echo",
        action="store_true",
        help="in a scripted conversation, print each message before its replies (a transcript)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, container: Container) -> int:
    from services.answering import PipelineAnswerer

    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    with (
        container.open_pipeline() as pipeline,
        local_runner(container, PipelineAnswerer(pipeline)) as runner,
    ):
        notices = terminal_notices(container)
        if interactive:
            return _interactive(runner, container.settings, notices)
        converse(sys.stdin, runner=runner, out=sys.stdout, notices=notices, echo=args.echo)
    return 0


class _Terminal:
    """The courier's channel "cli": a notice is "sent" once it is handed to the terminal."""

    channel = "cli"

    def __init__(self) -> None:
        self.shown: list[str] = []

    async def send(
        self, chat_id: str, message: Message, *, last_inbound_at: datetime | None
    ) -> Result:
        from webhooks.broadcast.providers import Result

        self.shown.append(message.text)
        return Result("sent")

    async def close(self) -> None:
        return None


def terminal_notices(container: Container) -> Callable[[], list[str]]:
    """What waits for the terminal chat, each claimed, handed over and marked sent by a courier
    of its own (at most once, like every chat's notices); call it before each prompt."""
    import asyncio

    from db.conversations import find_identity
    from webhooks.courier import Courier

    with container.sessions() as session:
        identity = find_identity(session, "cli", CHAT_ID)
    terminal = _Terminal()
    courier = Courier(
        sessions=container.sessions,
        broadcasters={"cli": terminal},
        pacers={},
        clock=container.clock,
        identities=frozenset({identity.id} if identity is not None else ()),
    )

    def deliver() -> list[str]:
        asyncio.run(courier.run_once())
        shown, terminal.shown = terminal.shown, []
        return shown

    return deliver


@contextmanager
def local_runner(container: Container, answerer: Answerer) -> Iterator[TurnRunner]:
    """A turn runner on the local database, with the terminal's user linked (no login link, no
    model budget: the terminal is the machine's owner)."""
    from db.identities import ensure_linked_user
    from db.unit_of_work import SqlTurnWorks
    from services.handoff_effects import HandoffEffects, review_terms
    from services.turns import TurnRunner

    if not container.settings.database_url.startswith("sqlite"):
        raise AbogadoError("abogado chat runs on the local profile's SQLite database")
    container.migrate()
    sessions = container.sessions
    clock = container.clock
    with sessions() as session, session.begin():
        ensure_linked_user(
            session,
            channel="cli",
            chat_id=CHAT_ID,
            sub=LOCAL_SUB,
            username="local",
            now=clock.now(),
        )
    handoffs = HandoffEffects(sessions=sessions, terms=review_terms(container.settings))
    yield TurnRunner(work=SqlTurnWorks(sessions), answerer=answerer, clock=clock, handoffs=handoffs)


def send(runner: TurnRunner, text: str) -> tuple[Reply, ...]:
    from bot.messages import Inbound

    inbound = Inbound.from_text(
        channel="cli",
        chat_id=CHAT_ID,
        message_id=uuid.uuid4().hex,
        text=text,
        received_at=runner.now(),
    )
    return runner.handle(inbound).replies


def converse(
    lines: Iterable[str],
    *,
    runner: TurnRunner,
    out: TextIO,
    notices: Callable[[], list[str]] | None = None,
    echo: bool = False,
) -> int:
    """One message per non-blank line; every reply printed, a blank line after each. What
    ``notices`` delivers is printed before each message and after the last; with ``echo``,
    each message too, after the prompt (a transcript)."""
    count = 0
    for line in lines:
        text = line.rstrip("\n")
        if not text.strip():
            continue
        _print_notices(notices, out)
        if echo:
            out.write(f"{PROMPT}{text}\n\n")
        for reply in send(runner, text):
            out.write(reply.as_text() + "\n\n")
        out.flush()
        count += 1
    _print_notices(notices, out)
    return count


def _print_notices(notices: Callable[[], list[str]] | None, out: TextIO) -> None:
    for text in notices() if notices is not None else ():
        out.write(text + "\n\n")
    out.flush()


def render(reply: Reply, width: int) -> str:
    """A reply wrapped to the terminal, continuation lines indented under the speaker."""
    indent = " " * len(SPEAKER)
    lines: list[str] = []
    for paragraph in reply.as_text().split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        hang = indent + ("  " if paragraph.lstrip()[:1] in "•–-" or paragraph[:1].isdigit() else "")
        wrapped = textwrap.wrap(
            paragraph, width=max(width, 40), initial_indent=indent, subsequent_indent=hang
        )
        lines.extend(wrapped or [indent])
    text = "\n".join(lines)
    return SPEAKER + text[len(indent) :]


def _interactive(
    runner: TurnRunner, settings: Settings, notices: Callable[[], list[str]] | None = None
) -> int:
    from bot.messages import Reply

    _enable_line_editing(settings)
    width = min(shutil.get_terminal_size((100, 24)).columns, 100) - 1
    print("abogado · información legal sobre la Ley Federal del Trabajo")
    print(
        "Escribe tu mensaje y presiona Enter. /ayuda para ver qué puedo hacer; Ctrl-D para salir.\n"
    )
    _show(send(runner, "/start"), width, print)
    while True:
        waiting = notices() if notices is not None else []
        _show((Reply(text) for text in waiting), width, print)
        try:
            text = input(PROMPT)
        except EOFError:
            print("\n¡Hasta pronto! Aquí estaré cuando me necesites.")
            return 0
        except KeyboardInterrupt:
            print()
            continue
        if not text.strip():
            continue
        print("  …", end="\r", flush=True)
        _show(send(runner, text), width, print)


def _show(replies: Iterable[Reply], width: int, emit: Callable[[str], None]) -> None:
    for reply in replies:
        emit(render(reply, width) + "\n")


def _enable_line_editing(settings: Settings) -> None:
    try:
        import readline
    except ImportError:  # not on every platform; input() still works without it
        return
    history = settings.data_dir / "chat_history"
    with suppress(OSError):
        readline.read_history_file(history)
    readline.set_history_length(500)
    import atexit

    atexit.register(_save_history, readline.write_history_file, str(history))


def _save_history(write: Callable[[str], None], path: str) -> None:
    # History is a convenience; a read-only data dir must not break quitting.
    with suppress(OSError):
        write(path)
