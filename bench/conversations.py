"""Scripted conversations through the chat engine, one per topic: how the conversation listens.

Each script is what a worker would type, message by message, on a fresh database with the real
answerer (the built index under ABOGADO_DATA_DIR). Measured, per conversation: whether the
first reply answers a question asked in the first message, how many form questions were asked
before the case was complete, whether a fact the worker already gave was asked again, whether
small talk ever got the law, and the turn latency. ``python -m bench conversations``.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot import form_wording

RESULTS = Path(__file__).parent / "results" / "conversations.json"
QUESTIONS = {name: text for name, text in form_wording.QUESTIONS.items() if name != "descripción"}
_LAW_MARKERS = ("Lo que dice la ley", "Qué puedes hacer", "(Art.")


@dataclass(frozen=True)
class Script:
    name: str
    messages: tuple[str, ...]
    # Form fields the first messages already answer: asking one of them again is a failure.
    given: tuple[str, ...] = ()
    first_asks: bool = False  # the first message asks something the first reply must answer
    small_talk: tuple[int, ...] = ()  # indexes of messages that are small talk


SCRIPTS = (
    Script(
        "despido",
        (
            "buenas, ayer me corrieron de la tienda donde era cajera, entre hace como 3 años y "
            "ganaba 9 mil al mes",
            "si",
            "gracias!!",
        ),
        given=("fecha de fin", "fecha de inicio", "salario", "tema"),
        small_talk=(2,),
    ),
    Script(
        "horas extra",
        (
            "trabajo en una maquila de lunes a sabado de 7 a 7 y no me pagan las horas extra, "
            "cuanto me deben?",
            "2800",
            "semanal",
            "ok",
        ),
        given=("horario", "tema"),
        first_asks=True,
        small_talk=(3,),
    ),
    Script(
        "acoso",
        ("mi jefe me acosa y me grita enfrente de todos, que puedo hacer?", "gracias"),
        given=("tema",),
        first_asks=True,
        small_talk=(1,),
    ),
    Script(
        "embarazo",
        (
            "estoy embarazada de 4 meses y mi jefa me dijo que ya no me van a renovar el "
            "contrato, pueden hacer eso?",
            "me hacen firmar contratos cada 3 meses",
        ),
        given=("tema",),
        first_asks=True,
    ),
    Script(
        "vacaciones",
        ("llevo 3 años en una fabrica y no me quieren dar vacaciones", "desde marzo del 2023"),
        given=("tema",),
    ),
    Script(
        "aguinaldo",
        (
            "cuanto me toca de aguinaldo si gano 9 mil al mes y entre en marzo",
            "muchas gracias",
        ),
        given=("salario", "fecha de inicio"),
        first_asks=True,
        small_talk=(1,),
    ),
    Script(
        "accidente",
        (
            "tuve un accidente en la obra, me cai de un andamio y el patron no me quiere pagar "
            "los dias que no fui",
            "¿aunque haya sido mi culpa?",
        ),
        given=("tema",),
    ),
    Script(
        "hogar",
        (
            "trabajo de planta en una casa haciendo limpieza, me pagan 1500 a la semana y no me "
            "tienen en el seguro",
            "no hay contrato",
        ),
        given=("salario",),
    ),
    Script(
        "plataforma",
        (
            "soy repartidor de una app y me desactivaron la cuenta sin avisarme, tengo derechos?",
            "nomas acepte los terminos de la app",
        ),
        first_asks=True,
    ),
    Script(
        "renuncia",
        (
            "voy a renunciar, entre el 15 de enero de 2020 y gano 400 diarios, cuanto me toca "
            "de finiquito?",
        ),
        given=("fecha de inicio", "salario"),
        first_asks=True,
    ),
)


def _answers(text: str) -> bool:
    """A reply that answers: a figure, a date, or the law cited."""
    return "$" in text or " días" in text or any(marker in text for marker in _LAW_MARKERS)


def play(script: Script, *, pipeline: object, settings: object) -> dict[str, object]:
    from abogado.commands.chat import local_runner, send
    from abogado.container import Container
    from services.answering import PipelineAnswerer

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'chat.db'}"
        local = settings.model_copy(  # type: ignore[attr-defined]
            update={"database": settings.database.model_copy(update={"url": url})}  # type: ignore[attr-defined]
        )
        asked: list[str] = []
        repeated: list[str] = []
        law_on_small_talk = 0
        first_answered = False
        latencies: list[float] = []
        with (
            Container(local) as container,  # type: ignore[arg-type]
            local_runner(container, PipelineAnswerer(pipeline)) as runner,  # type: ignore[arg-type]
        ):
            for index, message in enumerate(script.messages):
                started = time.perf_counter()
                replies = send(runner, message)
                latencies.append(time.perf_counter() - started)
                text = "\n".join(r.as_text() for r in replies)
                if index == 0:
                    first_answered = _answers(text)
                for name, question in QUESTIONS.items():
                    if question in text:
                        asked.append(name)
                        if name in script.given:
                            repeated.append(name)
                if index in script.small_talk and any(m in text for m in _LAW_MARKERS):
                    law_on_small_talk += 1
    return {
        "name": script.name,
        "questions_asked": len(asked),
        "asked": asked,
        "asked_again": repeated,
        "first_reply_answers": first_answered if script.first_asks else None,
        "law_on_small_talk": law_on_small_talk,
        "turn_p50_s": round(statistics.median(latencies), 3),
    }


def main() -> int:
    from abogado.answers import open_answer_pipeline
    from services.settings import load_settings

    settings = load_settings()
    with open_answer_pipeline(settings) as pipeline:
        rows = [play(s, pipeline=pipeline, settings=settings) for s in SCRIPTS]
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    firsts = [r["first_reply_answers"] for r in rows if r["first_reply_answers"] is not None]
    summary = {
        "conversations": len(rows),
        "mean_questions_asked": round(statistics.mean(int(r["questions_asked"]) for r in rows), 2),  # type: ignore[call-overload]
        "facts_asked_again": sum(len(r["asked_again"]) for r in rows),  # type: ignore[arg-type]
        "first_reply_answers": f"{sum(bool(f) for f in firsts)}/{len(firsts)}",
        "law_on_small_talk": sum(int(r["law_on_small_talk"]) for r in rows),  # type: ignore[call-overload]
    }
    print(json.dumps(summary, ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({"summary": summary, "conversations": rows}, ensure_ascii=False, indent=1)
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
