"""What one step collects: the replies to send and the effects to perform, in order.

Pure values; ``say`` fills in the channel's command prefix (``{c}``) for bot.wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.commands import prefix
from bot.conversation import Conversation
from bot.effects import Effect
from bot.messages import Reply


@dataclass
class Out:
    """Replies and effects collected during one step."""

    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    # Said after the answer: what was noted and noticed while reading a question (answer first).
    held: list[Reply] = field(default_factory=list)

    def say(self, text: str, options: tuple[str, ...] = (), /, **params: object) -> None:
        self.replies.append(Reply(text.format(**params) if params else text, options))

    def hold_from(self, mark: int) -> None:
        """Move the replies said since ``mark`` to after the answer."""
        self.held.extend(self.replies[mark:])
        del self.replies[mark:]

    def release(self) -> None:
        """Say what was held (after an answer, or before the next question)."""
        self.replies.extend(self.held)
        self.held.clear()

    def take_held(self) -> tuple[Reply, ...]:
        """What was held, for the answer effect to carry past the answerer's call."""
        held = tuple(self.held)
        self.held.clear()
        return held


def say(
    conv: Conversation, out: Out, text: str, options: tuple[str, ...] = (), /, **kw: object
) -> None:
    out.say(text, options, c=prefix(conv.channel), **kw)
