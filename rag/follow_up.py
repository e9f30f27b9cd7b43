"""Which messages are follow-ups ("¿es legal?", "y si no me las dan que hago") and which earlier
turns they follow: a follow-up means nothing without what it follows. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Follow-ups shorter than this are retrieved together with the previous question; one that
# opens with "y" ("y si no me las dan que hago") or "si no" ("si no firmo, ¿me pueden correr?",
# after the paper they want signed) is a follow-up up to the longer length.
_SHORT_FOLLOW_UP_WORDS = 6
_LINKED_FOLLOW_UP_WORDS = 12
_LINKED = re.compile(r"^\W*(?:y|si no)\b", re.IGNORECASE)
# "Pero…", "entonces…" answer back to what was said: a follow-up up to this many words.
_ANSWERS_BACK_WORDS = 16
_ANSWERS_BACK = re.compile(r"^\W*(?:pero|entonces|o sea|osea)\b", re.IGNORECASE)
# A question that points back ("¿cuándo me lo tienen que dar?", "¿eso es legal?"): an object
# pronoun after "me/te/se/nos" or a demonstrative stands for what came before.
_POINTS_BACK = re.compile(
    r"\b(?:me|te|se|nos)\s+(?:lo|la|los|las)\b|\b(?:eso|esto|esa|ese|aquello)\b", re.IGNORECASE
)
# A follow-up of a follow-up reads back to the turn that said what it is about (at most this many).
_MAX_EARLIER_TURNS = 3


# "¿Y cuántas semanas me dan de incapacidad?" names what it asks about: an "y" that opens it
# links it to nothing before (a linked question this long that names its subject is its own).
_OWN_SUBJECT = re.compile(
    r"\b(?:incapacidad|maternidad|vacaciones|aguinaldo|utilidades|ptu|prima|finiquito|"
    r"liquidacion|liquidación|indemnizacion|indemnización|lactancia|guarderia|guardería|pension|"
    r"pensión|afore|infonavit|horas extra)\b",
    re.IGNORECASE,
)
_OWN_SUBJECT_WORDS = 6


def follows_up(question: str) -> bool:
    """Whether ``question`` only makes sense with what came before ("¿es legal?", "y si no…")."""
    words = len(question.split())
    linked = words < _LINKED_FOLLOW_UP_WORDS and (
        _LINKED.match(question) is not None or _POINTS_BACK.search(question) is not None
    )
    if linked and words >= _OWN_SUBJECT_WORDS and _POINTS_BACK.search(question) is None:
        linked = _OWN_SUBJECT.search(question) is None
    answers_back = words < _ANSWERS_BACK_WORDS and _ANSWERS_BACK.match(question) is not None
    return words < _SHORT_FOLLOW_UP_WORDS or linked or answers_back


def earlier_turns(turns: Sequence[str]) -> list[str]:
    """The last turns back to (and with) the latest one that is not itself a follow-up."""
    kept: list[str] = []
    for text in reversed(turns):
        kept.insert(0, text)
        if not follows_up(text) or len(kept) == _MAX_EARLIER_TURNS:
            break
    return kept
