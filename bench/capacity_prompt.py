"""What one model answer sends to the model: prompt sizes over the dev questions, real retrieval.

Used by ``bench.capacity --index DIR`` (DIR holds a built index, e.g. a copy of ``.abogado``).
The model is a recorder that keeps the prompt and then reports itself unavailable, so the
pipeline makes exactly one call per question and answers extractively; no network.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from abogado.answers import make_pipeline, open_retrieval
from rag.errors import ModelUnavailableError
from services.settings import Settings

# Mixtral's SentencePiece vocabulary (32k) splits Spanish into about 3.3 characters a token; an
# estimate (no tokenizer offline), on the high side of the token count.
CHARS_PER_TOKEN = 3.3
MAX_OUTPUT_TOKENS = 800  # rag/backends/bedrock_chat.py: Bedrock reserves input + maxTokens


class RecordingModel:
    name = "recorder"

    def __init__(self) -> None:
        self.prompt_chars: list[int] = []

    def complete(self, *, system: str, messages: Sequence[tuple[str, str]]) -> str:
        self.prompt_chars.append(len(system) + sum(len(text) for _role, text in messages))
        raise ModelUnavailableError("recorder")


def measure(index_dir: Path, questions_file: Path) -> dict[str, Any]:
    questions = [
        json.loads(line)["question"]
        for line in questions_file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    settings = Settings(data_dir=index_dir)
    model = RecordingModel()
    with open_retrieval(settings) as retrieval:
        pipeline = make_pipeline(settings, retrieval, model=model)
        for question in questions:
            pipeline.answer(question)
    chars = sorted(model.prompt_chars)
    tokens = [c / CHARS_PER_TOKEN for c in chars]
    return {
        "questions": len(questions),
        "model_calls": len(chars),
        "prompt_chars_p50": int(statistics.median(chars)),
        "prompt_chars_p95": chars[int(len(chars) * 0.95)],
        "prompt_chars_max": chars[-1],
        "chars_per_token_assumed": CHARS_PER_TOKEN,
        "input_tokens_mean_est": round(statistics.fmean(tokens)),
        "input_tokens_p95_est": round(tokens[int(len(tokens) * 0.95)]),
        "max_output_tokens": MAX_OUTPUT_TOKENS,
    }
