"""A dismissal told without its word is answered as a dismissal, citing what was retrieved."""

from __future__ import annotations

from rag.pushed_out import needed_articles, pushed_out_fact
from rag.resignation import asks_resignation_pay

RETRIEVED = {"47", "48", "133", "518"}


def test_a_resignation_asked_for_is_a_dismissal() -> None:
    question = "mi jefe dice q ya no me presente, q pase a firmar mi renuncia y me da mi finiquito"
    said = pushed_out_fact(question, retrieved=RETRIEVED)
    assert said is not None
    assert said.startswith("Si tu patrón te pide que firmes tu renuncia")
    assert "eso es un despido, no una renuncia" in said
    assert "3 meses de salario (Art. 48 LFT)" in said
    # Not the finiquito of a resignation the worker chose.
    assert not asks_resignation_pay(question)


def test_sent_away_gets_the_notice_presumption_and_a_pregnancy_the_prohibition() -> None:
    question = "estoy embarazada y cuando le dije a mi jefa me dijo q ya no regresara, q hago?"
    said = pushed_out_fact(question, retrieved=RETRIEVED)
    assert said is not None
    assert said.startswith("Que tu patrón te diga que ya no te presentes")
    assert "por estar embarazada está prohibido (Art. 133 LFT)" in said
    assert "presume que fue injustificado (Art. 47 LFT)" in said


def test_only_retrieved_articles_are_cited() -> None:
    question = "me dijeron que ya no regrese"
    assert pushed_out_fact(question, retrieved={"47"}) is None  # no Art. 48: nothing to say
    said = pushed_out_fact(question, retrieved={"48"})
    assert said is not None
    assert "Art. 47" not in said


def test_other_questions_get_nothing() -> None:
    assert pushed_out_fact("si renuncio me dan finiquito?", retrieved=RETRIEVED) is None
    assert pushed_out_fact("me dijo que ya no venga el sábado", retrieved=RETRIEVED) is None


def test_a_question_of_its_own_is_left_to_its_answer() -> None:
    asked = "nomas me dijeron ya no vengas, hasta cuando tienen para darme el aviso por escrito?"
    assert pushed_out_fact(asked, retrieved=RETRIEVED) is None


def test_is_it_legal_of_a_pregnant_worker_sent_home_is_answered_no_first() -> None:
    question = "estoy embarazada, mi jefa me dijo q ya no regresara, es legal lo q hizo?"
    said = pushed_out_fact(question, retrieved=RETRIEVED)
    assert said is not None
    assert said.startswith("No: despedirte o presionarte para que renuncies por estar embarazada")
    assert "Que tu patrón te diga que ya no te presentes" in said
    # A later "¿qué hago?" after the story and that question is not asked again.
    follow = pushed_out_fact(f"{question} y ahora q hago", retrieved=RETRIEVED, asked="y q hago")
    assert follow is not None
    assert follow.startswith("Que tu patrón te diga")


def test_a_resignation_handed_to_sign_asked_whether_it_must_be_signed_is_a_no() -> None:
    said = pushed_out_fact(
        "me dieron a firmar mi renuncia pero yo no quiero renunciar, tengo que firmarla?",
        retrieved=RETRIEVED,
    )
    assert said is not None
    assert said.startswith("No. Si tu patrón te pide que firmes tu renuncia")
    # Told without asking whether to sign: no verdict.
    told = pushed_out_fact("me dieron a firmar mi renuncia, que hago?", retrieved=RETRIEVED)
    assert told is not None
    assert told.startswith("Si tu patrón te pide")


def test_a_pregnant_worker_sent_away_fetches_the_prohibition() -> None:
    sent = "la señora se entero q estoy embarazada y me dijo q ya no me presente"
    assert needed_articles(sent) == ("133",)
    assert needed_articles("me dijo q ya no me presente") == ()
    assert needed_articles("estoy embarazada, cuantas semanas me dan?") == ()


def test_a_resignation_already_signed_after_a_dismissal_is_judged_with_a_no() -> None:
    # Found playing a shop worker's chat: "me hicieron firmar una renuncia, ¿eso está bien?"
    # was told "si la firmas…", as if not signed yet, with no verdict.
    question = (
        "me despidieron ayer de la tienda despues de 7 años, me dieron 15 mil y me hicieron "
        "firmar una renuncia. eso esta bien?"
    )
    said = pushed_out_fact(question, retrieved=RETRIEVED)
    assert said is not None
    assert said.startswith("No. Si tu patrón te hizo firmar una renuncia")
    assert "si la firmas" not in said
    told = pushed_out_fact("me corrieron y me hicieron firmar una renuncia", retrieved=RETRIEVED)
    assert told is not None
    assert not told.startswith("No")


def test_refusing_to_sign_a_resignation_is_told_it_loses_nothing() -> None:
    # Found playing a cashier's chat: "¿y si no firmo, qué pasa?" got her first answer again.
    story = "mi jefe me dijo q si no firmo mi renuncia me va a correr y no me va a dar nada"
    said = pushed_out_fact(
        f"{story}. y si no firmo que pasa?", retrieved=RETRIEVED, asked="y si no firmo que pasa?"
    )
    assert said is not None
    assert said.startswith("Si no la firmas, no pierdes nada: nadie te puede obligar")
    assert "3 meses de salario (Art. 48 LFT)" in said
    assert "Art. 47" not in said  # nothing was done yet: no missing letter to presume from
    # "quiere que firme" is not signed yet; "ya la firmé" is.
    wants = pushed_out_fact(
        "quiere que firme mi renuncia, si no la firmo me corren?", retrieved=RETRIEVED
    )
    assert wants is not None
    assert wants.startswith("Si no la firmas")
    # "…si no firmo no me da mi finiquito. ¿Tengo que firmar?" asks whether to sign: "No".
    must = pushed_out_fact(
        "el jefe ya me quiere fuera y me dijo q si no firmo mi renuncia no me da mi finiquito. "
        "tengo q firmar a fuerza?",
        retrieved=RETRIEVED,
    )
    assert must is not None
    assert must.startswith("No. Si tu patrón te pide que firmes tu renuncia")
    assert needed_articles("si no firmo la renuncia que me pueden hacer?") == ("48",)
    assert needed_articles("si no firmo el contrato que pasa?") == ()
