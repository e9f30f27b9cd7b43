"""A shift the question states, classed by law and weighed against its daily maximum."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rag.answer import AnswerPipeline
from rag.grounding import check_grounding
from rag.shift import asks_shift, minor_night_fact, needed_articles, shift_fact, with_schedule
from tests.rag.answer_fakes import FakeRetrieval, read_articles

BOTH = {"60", "61"}


def test_a_claimed_mixed_shift_that_is_a_night_one_is_corrected() -> None:
    question = (
        "entro a las 4 de la tarde y salgo a las 12 de la noche, me dijeron q es turno mixto y q "
        "x eso son 8 horas. es correcto?"
    )
    said = shift_fact(question, retrieved=BOTH)
    assert said == (
        "No: tu jornada de 16:00 a 0:00 es nocturna, porque tiene 4 horas entre las 8 de la noche "
        "y las 6 de la mañana, y con 3 horas y media o más de noche la jornada se considera "
        "nocturna (Art. 60 LFT). La jornada nocturna dura como máximo 7 horas al día; tú trabajas "
        "8 horas, 1 hora de más (Art. 61 LFT)."
    )


def test_a_right_claim_is_confirmed_and_a_long_shift_is_no_legal_one() -> None:
    mixed = shift_fact(
        "mi horario es de 2 de la tarde a 9 de la noche, es turno mixto?", retrieved=BOTH
    )
    assert mixed is not None
    assert mixed.startswith(
        "Sí: tu jornada de 14:00 a 21:00 es mixta, porque tiene 1 hora de noche"
    )
    assert "de más" not in mixed  # 7 hours, under the mixed shift's 7 and a half
    long = shift_fact(
        "trabajo de 6 de la mañana a 4 de la tarde, es legal esa jornada?", retrieved=BOTH
    )
    assert long is not None
    assert long.startswith("No: tu jornada de 6:00 a 16:00 es diurna")
    assert long.endswith("tú trabajas 10 horas, 2 horas de más (Art. 61 LFT).")


def test_no_figure_without_a_shift_question_or_its_articles() -> None:
    assert not asks_shift("me corrieron el lunes de 2 a 3 de la tarde, es legal?")
    assert not asks_shift("cuantas horas es la jornada nocturna?")  # no hours said
    # A minor's night work is Art. 175's question.
    assert not asks_shift(
        "tengo 17 años, me quieren poner el turno de 4 de la tarde a 12 de la noche"
    )
    assert shift_fact("trabajo de 7 a 3, es jornada diurna?", retrieved={"60"}) is None
    # A schedule told in passing is not the question.
    assert not asks_shift(
        "tengo horario de 10 a 7 y me pagan pura comision, no me toca aguinaldo, es cierto?"
    )


def test_the_hours_past_the_maximum_are_overtime_paid_double() -> None:
    question = (
        "trabajo de 10 de la noche a 6 de la mañana amasando, la hora de mas no se me paga aparte?"
    )
    assert needed_articles(question) == ("60", "61", "66")
    said = shift_fact(question, retrieved=BOTH | {"66"})
    assert said is not None
    assert said.startswith("Tu jornada de 22:00 a 6:00 es nocturna")  # no "No:" to "¿no se paga?"
    assert said.endswith(
        "Esa hora de más es tiempo extra y se paga con un 100 % más que tus horas normales, es "
        "decir, al doble (Art. 66 LFT)."
    )
    # Without Art. 66 retrieved, the overtime pay is not said.
    assert "doble" not in (shift_fact(question, retrieved=BOTH) or "")


def test_the_pipeline_fetches_both_articles(lft_md: Path) -> None:
    texts = read_articles(lft_md, ("66", "60", "61"))
    retrieval = FakeRetrieval(texts, ranking=["66"])
    answer = AnswerPipeline(retrieval, None, today=date(2026, 12, 5)).answer(
        "trabajo de 10 de la noche a 6 de la mañana, cuantas horas es lo maximo de mi turno?"
    )
    assert answer.text.startswith("Tu jornada de 22:00 a 6:00 es nocturna")
    assert {"60", "61"} <= {p.article_id for p in answer.passages}
    assert check_grounding(answer.text, answer.passages).clean


def test_a_follow_up_weighs_the_case_forms_schedule(lft_md: Path) -> None:
    form = {"puesto": "tortillera", "horario": "4:00 a 12:00"}
    asked = with_schedule("eso es turno de dia o de noche o q?", form)
    assert asked == "Mi horario es de 4:00 a 12:00. eso es turno de dia o de noche o q?"
    # A choice asked ("¿de día o de noche?") gets the kind, with no "No:" for the half hour over.
    said = shift_fact(asked, retrieved=BOTH)
    assert said is not None
    assert said.startswith("Tu jornada de 4:00 a 12:00 es mixta")
    # A question with its own hours, one of another topic, or no schedule: left as asked.
    assert with_schedule("de 8 a 4 es turno de dia?", form) == "de 8 a 4 es turno de dia?"
    assert with_schedule("me toca aguinaldo?", form) == "me toca aguinaldo?"
    # The schedule named ("¿está bien ese horario?") is the form's; "esas horas" are the story's.
    named = with_schedule("esta bien ese horario o me ponen a trabajar de mas?", form)
    assert named.startswith("Mi horario es de 4:00 a 12:00.")
    assert with_schedule("cuanto me pagan esas horas?", form) == "cuanto me pagan esas horas?"
    assert with_schedule("es turno de noche?", {"puesto": "velador"}) == "es turno de noche?"
    # Overtime asked of a schedule that tells it: the schedule goes with the question.
    overtime = {"horario": "lunes a viernes de 7 a 15, pero martes y jueves me quedo hasta las 18"}
    paid = with_schedule("cuanto me tienen q pagar de horas extras?", overtime)
    assert paid.startswith("Mi horario es de lunes a viernes de 7 a 15")
    assert with_schedule("cuanto me tienen q pagar de horas extras?", form).startswith("cuanto")
    texts = read_articles(lft_md, ("66", "60", "61"))
    pipeline = AnswerPipeline(FakeRetrieval(texts, ranking=["66"]), None, today=date(2026, 12, 5))
    answer = pipeline.answer("mi jornada es legal?", context={"horario": "22:00 a 7:00"})
    assert answer.text.startswith("No: tu jornada de 22:00 a 7:00 es nocturna")
    assert check_grounding(answer.text, answer.passages).clean


def test_a_shift_told_by_its_hours_of_entry_and_exit_is_weighed() -> None:
    question = (
        "entro a las 10 de la noche y salgo a las 6 de la mañana en la maquila, son 8 horas. eso "
        "es legal o me deben una hora?"
    )
    said = shift_fact(question, retrieved={"60", "61", "66"})
    assert said is not None
    assert said.startswith("Tu jornada de 22:00 a 6:00 es nocturna")
    assert "como máximo 7 horas al día; tú trabajas 8 horas, 1 hora de más" in said
    assert "se paga con un 100 % más" in said
    # Hours told about something else are not the question.
    other = "entro a las 8 y salgo a las 4, cuanto aguinaldo me toca?"
    assert shift_fact(other, retrieved={"60", "61", "66"}) is None


def test_a_break_asked_about_within_the_shift_is_not_the_shifts_kind() -> None:
    assert not asks_shift(
        "trabajo turno corrido de 7 a 3, me dijeron q me tienen q dar minimo media hora de "
        "descanso, es cierto"
    )
    assert not asks_shift("entro a las 7 y salgo a las 3 y no me dejan salir a comer")
    # The kind asked too: the shift is weighed.
    assert asks_shift("entro a las 7 y salgo a las 3 y como ahi, eso es jornada diurna?")


def test_a_minors_shift_past_ten_at_night_is_a_no() -> None:
    asked = (
        "tengo 16 y en la tiendita me quieren dar el turno de 3 de la tarde a 11 de la noche, se "
        "puede?"
    )
    assert needed_articles(asked) == ("175",)
    said = minor_night_fact(asked, retrieved={"175"})
    assert said == (
        "No: siendo menor de 18, no pueden ponerte a trabajar en un comercio u otro lugar que no "
        "es industria después de las 10 de la noche (Art. 175 LFT), y tu turno de 15:00 a 23:00 "
        "pasa de esa hora."
    )
    # Ending by 10, an adult, or a factory (another of Art. 175's cases): no such line.
    early = "tengo 16 y me quieren dar el turno de 2 de la tarde a 10 de la noche, se puede?"
    assert minor_night_fact(early, retrieved={"175"}) is None
    adult = "tengo 30 y me quieren dar el turno de 3 de la tarde a 11 de la noche, se puede?"
    assert minor_night_fact(adult, retrieved={"175"}) is None
    plant = "tengo 17, en la fabrica me ponen de 3 de la tarde a 11 de la noche, se puede?"
    assert minor_night_fact(plant, retrieved={"175"}) is None
