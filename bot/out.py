"""What one step collects: the replies to send and the effects to perform, in order.

Pure values; ``say`` fills in the channel's command prefix (``{c}``) for the copy.
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

    def say(self, text: str, options: tuple[str, ...] = (), /, **params: object) -> None:
        self.replies.append(Reply(text.format(**params) if params else text, options))


def say(
    conv: Conversation, out: Out, text: str, options: tuple[str, ...] = (), /, **kw: object
) -> None:
    out.say(text, options, c=prefix(conv.channel), **kw)
