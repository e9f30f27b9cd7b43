"""The answer pipeline: scope → retrieve → transitorios → prompt → model → grounding → reply.

Grounding is enforced here, by code: citations of unretrieved articles and misquotes are
repaired (one regeneration, then removal), and a model that is down yields the articles quoted.
Logs carry event names and article ids only, never the user's words.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

from calc.text import fold
from rag import extractive
from rag.answer_case import Case, ended_by, regime, served
from rag.day_pay import day_subject
from rag.errors import ModelThrottledError, ModelUnavailableError
from rag.faults import earlier_fault
from rag.follow_up import earlier_turns, follows_up
from rag.lead import today_line, weigh_today
from rag.lexical import stems
from rag.model_output import check_output, leaks, strip_model_disclaimer, with_rule_passages
from rag.next_steps import dismissal_term_fact, is_dismissal, with_required
from rag.phasein import fraction_of, phase_in_notes
from rag.ports import ChatModel, OffTopic, Retrieval, RuleMeaning, Spelling
from rag.prompts import (
    DISCLAIMER,
    MAX_QUESTION_CHARS,
    MAX_RULES,
    SYSTEM_PROMPT,
    render_correction,
    render_question,
)
from rag.query import TopicTable, respell
from rag.question_facts import question_facts
from rag.resignation import earlier_resignation
from rag.rule_exceptions import deciding_matches
from rag.rule_index import RuleIndex, RuleMatch, default_rule_index, pulled_by_meaning
from rag.rule_index import article_id as rule_article
from rag.rules import Rule
from rag.scope import REFUSAL_OUT_OF_SCOPE, check_scope
from rag.shift import schedule_query, with_schedule
from rag.spelling import sure_repairs, with_h
from rag.thresholds import days_since, months_worked, service
from rag.types import Answer, Citation, Passage

log = logging.getLogger(__name__)

DEGRADED_NOTE = (
    "Por ahora el asistente está saturado, así que te comparto los artículos que aplican. "
    "La explicación completa te llegará más tarde si el canal lo permite."
)
NOTHING_FOUND = (
    "No encontré en la Ley Federal del Trabajo artículos que respondan tu pregunta. Cuéntame un "
    "poco más (qué pasó, desde cuándo) o pide orientación gratuita a la PROFEDET."
)


@lru_cache(maxsize=1)
def _topics() -> TopicTable:
    return TopicTable.default()


def _own_topic(question: str, topic: str) -> bool:
    """Whether a follow-up names a topic of its own, other than the case form's: a dismissal,
    or a topic of the law's topical index whose articles are not the form topic's."""
    if is_dismissal(question) and not is_dismissal(topic):
        return True
    own = _topics().articles(question)
    return bool(own) and not set(own) & set(_topics().articles(topic))


# A follow-up with words of its own ("y si ya la firmé y luego la usan como renuncia?") asks
# something new: the rule the last answer led with yields to the next one that has this share of
# its score. A bare "¿es legal?" is asked of that same rule.
NEW_ASK_WORDS = 7
NEXT_RULE_SHARE = 0.2
DEMOTED_SHARE = 0.99
# A question about how overtime is paid, not how much of it is allowed.
_PAY_ASKED = re.compile(r"\b(sencill\w*|dobles?|al doble|triples?|al triple)\b")


def not_said_again(
    question: str, rules: Sequence[RuleMatch], history: Sequence[tuple[str, str]]
) -> Sequence[RuleMatch]:
    """``rules`` with the one the last answer led with moved below the next good one."""
    last = next((text for role, text in reversed(history) if role == "assistant"), "")
    if len(rules) < 2 or not last or len(question.split()) < NEW_ASK_WORDS:
        return rules
    top = rules[0]
    if top.rule.rule.rstrip(". ") not in last.split("\n", 1)[0]:
        return rules
    following = next((m for m in rules[1:] if m.rule.rule.rstrip(". ") not in last), None)
    if following is None or following.score < NEXT_RULE_SHARE * top.score:
        return rules
    # The last answer's rule scores just below the next one (the lead re-ranks by score).
    demoted = replace(top, score=following.score * DEMOTED_SHARE)
    return [following, *(m for m in rules[1:] if m is not following), demoted]


class AnswerPipeline:
    """Answers one question from the retrieved articles; ``model=None`` answers extractively."""

    def __init__(
        self,
        retrieval: Retrieval,
        model: ChatModel | None,
        *,
        today: date | Callable[[], date],
        max_retries: int = 2,
        sleep: Callable[[float], None] = time.sleep,
        k: int = 8,
        expand: Callable[[str], Sequence[str]] | None = None,
        pairs: Callable[[str], Sequence[str]] | None = None,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        rules: RuleIndex | None = None,
    ) -> None:
        self.retrieval = retrieval
        self.model = model
        self._today = today
        self.max_retries = max_retries
        self.sleep = sleep
        self.k = k
        self.expand = expand
        # Expansions precise enough to count as the worker's own words when ranking rules.
        self.pairs = pairs
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        # The packaged rules unless given; indexed on the first question, then cached.
        self._rules = rules
        self._closers: list[Callable[[], None]] = []

    def on_close(self, closer: Callable[[], None]) -> None:
        """Register a resource to release in ``close`` (the index client, an HTTP client)."""
        self._closers.append(closer)

    def close(self) -> None:
        while self._closers:
            self._closers.pop()()

    @property
    def today(self) -> date:
        return self._today if isinstance(self._today, date) else self._today()

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str] | None = None,
        history: Sequence[tuple[str, str]] = (),
        k: int | None = None,
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> Answer:
        """The answer; ``facts``: figures computed for the case; ``detail``: the long form."""
        question = respell(question)  # "y si no m lo pagan?" read as "…me lo pagan?"
        if context and context.get("descripción"):
            context = {**context, "descripción": respell(context["descripción"])}
        scope = check_scope(question)
        if not scope.in_scope:
            log.info("answer: refused (%s)", scope.verdict)
            return Answer(text=scope.reply, citations=(), in_scope=False)
        if scope.injection:
            log.warning("answer: injection attempt inside a labor question; answered as data")
        # No labor word and nothing before it to lean on: a message that reads as another topic
        # by meaning ("¿cuánto tiempo se cuece el frijol?") is refused like a listed one. (The
        # chat keeps a first message as the case's story: that is no case told before it.)
        if (
            not scope.worded
            and not _labor_before(history)
            and not _case_told(context, besides=question)
            and isinstance(self.retrieval, OffTopic)
            and self.retrieval.off_topic(question)
        ):
            log.info("answer: refused (off topic by meaning)")
            return Answer(text=REFUSAL_OUT_OF_SCOPE, citations=(), in_scope=False)
        today = self.today
        story = (context or {}).get("descripción", "")
        # "Ya me quiero salir" told before and "¿me tienen que dar algo?" now: the question is
        # what the resignation is worth, read as the worker would have asked it in one turn.
        if earlier_resignation(question, history, story=story):
            question = f"si renuncio, {question}"
        # A fault told before (in an earlier turn or the form's story) is the story of "¿me puedo
        # ir y que me paguen?": its figures are settled and their articles fetched with it.
        fault = earlier_fault(question, history, story=story)
        passages, query = self._retrieve(
            question, history=history, context=context, k=k or self.k, fault=fault
        )
        # A short follow-up ("¿es legal?") is about what was said before: its rules and figures too.
        asked = query if follows_up(question) else question
        rules = self._rules if self._rules is not None else default_rule_index()
        # Rules by meaning too, with the query vector retrieval already made (no model call).
        meaning = (
            self.retrieval.rule_meaning(query) if isinstance(self.retrieval, RuleMeaning) else {}
        )
        passages = pulled_by_meaning(passages, meaning, rules, self._article)
        articles = [p for p in passages if p.kind == "article"]
        if not articles:
            return Answer(text=f"{NOTHING_FOUND}\n\n{DISCLAIMER}", citations=())
        transitorios = self.retrieval.transitorios(articles)
        # Misspelt words mended toward the law's ("enbarazada", "aginaldo"), as retrieval searched
        # them, and the pair rows' terms ("aguinaldo & renuncié" → "parte proporcional"): the
        # slang table reads the mended words too, and the rules are ranked with what was meant.
        speller = self.retrieval if isinstance(self.retrieval, Spelling) else None
        mended = speller.repairs(asked) if speller is not None else []
        spelled = " ".join([speller.mend(asked) if speller is not None else asked, *mended])
        expansions = (*(self.expand(spelled) if self.expand else ()), regime(context))
        meant = " ".join([spelled, *(self.pairs(spelled) if self.pairs else ())])
        # The fault told before, unless the question (or the turns it follows) says it already.
        told_fault = fault if fault not in asked else ""
        if told_fault:
            meant = f"{fault} {meant}"  # the rules for the fault told before rank too
        given = tuple(f for f in facts if f.strip())
        # The time worked the case form shows weighs as if the question said it ("llevo 16
        # años"): "si renuncio, ¿me toca prima de antigüedad?" is answered for this worker.
        known = served(context, today=today)
        # "Me corrieron el 15 de septiembre" weighs as "hace 81 días" against a term.
        since = days_since(asked, today=today)
        # "Entré en marzo del año pasado y me corrieron en enero" weighs as "trabajé 10 meses",
        # unless the case form says the time worked.
        worked = months_worked(asked, today=today) if service(known) is None else ""
        # The case's story is what the question is asked about ("mi esposo murió… ¿es cierto
        # que la prima solo se da con 15 años?"): its words and figures weigh with the rules.
        said = fold(f"{told_fault} {asked}")
        untold = story if story.strip() and fold(story.strip()) not in said else ""
        job = (context or {}).get("puesto", "")
        # The story in the law's words too ("insinuaciones" → "acoso sexual"): the rules' cases.
        meant_story = " ".join(self.expand(untold)) if untold and self.expand else ""
        about = " ".join(t for t in (untold, meant_story, asked if asked != question else "") if t)
        # The misspelt words surely mended ("me corieron" → "corrieron") read with them.
        sure = " ".join(sure_repairs(mended))
        told = " ".join(t for t in (known, since, worked, told_fault, sure, about) if t)
        # The day a pay figure is for: the question's own, or the story's "ese día".
        subject = day_subject(question, asked, story)
        # "¿Eso es turno de noche?" is asked of the schedule the case form holds.
        own = subject
        subject = with_schedule(subject, context)
        # A question about the case ("¿nos toca algo a la familia?", "¿y qué más nos toca?")
        # is asked of its story: its figures read the story too (before the schedule, when
        # the form gives one: "el lunes me quedé 2 horas extra" and "de 7:00 a 15:00").
        if untold and own == asked:
            subject = f"{untold.rstrip(' .')}. {subject}"
        # The case's facts first: the question's own words end the text, as its kind is read.
        stated = " ".join(t for t in (known, since, worked, told_fault, sure, subject) if t)
        stated = with_h(stated)  # "3 oras extra": the figures' readers look for "horas"
        # The articles the figures read from the case need ("me despidieron" in the form and
        # "¿de cuánto sería la indemnización?" now: the dismissal's).
        if stated != asked:
            passages = with_required(passages, stated, context, self._article)
            articles = [p for p in passages if p.kind == "article"]
        # Without the case's computed figures, those the question settles by itself lead.
        ids = {p.article_id for p in articles}
        derived = given or question_facts(
            stated, today=today, retrieved=ids, asked=with_h(question)
        )
        if not derived:
            # "¿Hasta cuándo puedo demandar?" after a dismissal: the day the case form's end
            # date leaves.
            term = dismissal_term_fact(
                question, story=stated, context=context, retrieved=ids, today=today
            )
            derived = (term,) if term else ()
        case = Case(
            question=question,
            context=context,
            history=history,
            expansions=expansions,
            today=today,
            articles=articles,
            transitorios=transitorios,
            notes=phase_in_notes(
                transitorios, retrieved=[p.article_id for p in articles[:3]], today=today
            ),
            rules=self._ranked(
                rules, meant, articles, expansions, meaning, told, jobs=f"{job} {untold}"
            ),
            facts=derived,
            detail=detail,
            told=told,
        )
        if self.model is None:
            return self._extractive(case)
        return self._answer_with_model(case)

    @staticmethod
    def _ranked(
        rules: RuleIndex,
        meant: str,
        articles: Sequence[Passage],
        expansions: Sequence[str],
        meaning: Mapping[str, float],
        told: str,
        jobs: str = "",
    ) -> tuple[RuleMatch, ...]:
        """The retrieved articles' rules ranked for what was meant, and below them the rules of
        the deciding cases the story or the question names (``rag.rule_exceptions``); ``jobs``:
        the case's job and story, whose special job is the worker's."""
        ranked = list(
            rules.rank(meant, articles, expansions=expansions, meaning=meaning, told=jobs)
        )
        have = {m.rule.id for m in ranked}
        ids = [p.article_id for p in articles]
        story = " ".join([told, meant, *expansions])
        ranked += [m for m in deciding_matches(story, ids) if m.rule.id not in have]
        return tuple(ranked)

    def _retrieve(
        self,
        question: str,
        *,
        history: Sequence[tuple[str, str]],
        context: Mapping[str, str] | None,
        k: int,
        fault: str = "",
    ) -> tuple[list[Passage], str]:
        """The passages, and the text retrieved for (the question, or a follow-up with context)."""
        question = question[:MAX_QUESTION_CHARS]
        query = question
        # What changes the law that applies (a pregnant worker's dismissal) goes with it.
        situation, special = (context or {}).get("situación", ""), regime(context)
        if follows_up(question):
            said = question.strip()
            previous = [text for role, text in history if role == "user" and text.strip() != said]
            # With no earlier turn (the story only went into the form), the story is what it
            # follows: "¿es legal?" after "me corrieron sin carta".
            story = (context or {}).get("descripción", "")
            before = earlier_turns(previous)
            # Turns that are all follow-ups themselves ("¿eso es legal?") follow the story too.
            if story.strip() and story.strip() != said and all(follows_up(t) for t in before):
                before = [story, *before]
            topic = (context or {}).get("tema", "")
            # The form's topic read from the story itself ("me quieren correr" → despido) would
            # count the story's words twice: it goes along only when it says something new.
            said_before = " ".join(
                [*before, *(self.expand(" ".join(before)) if self.expand else ())]
            )
            if topic and stems(topic) <= stems(said_before):
                topic = ""
            # "¿Y si me corren…?", "¿y le deben dar vacaciones?" name their own topic: the form's
            # ("jornada") would pull them away.
            if topic and _own_topic(question, topic):
                topic = ""
            # The job changes the law that applies too ("albañil contratado por día").
            job = (context or {}).get("puesto", "")
            # How it ended ("despido") goes along with the topic and the situation: a pregnant
            # worker's "¿qué puedo hacer?" after "me corrieron" is about the dismissal first,
            # not about her work while pregnant ("embarazada" alone buried it).
            ended = ended_by(context) if topic or situation else ""
            ended = "" if ended[:6] in fold(" ".join(before)) else ended  # "me despidieron"
            # "¿Ese horario está permitido?" is asked of the form's schedule.
            hours = schedule_query(question, context)
            parts = [*before, job, topic, situation, *([ended] if ended else [])]
            parts += [*([hours] if hours else []), question]
            query = " ".join(parts).strip()
        elif special:
            query = f"{question} ({special})"
        passages = self.retrieval.retrieve(query, k=k)
        # The remedy and deadline of a dismissal, and the deadline asked for, are never missing.
        needs = f"{fault} {query}" if fault and fault not in query else query
        # Read with its typos mended ("me corieron": a dismissal's articles too).
        mended = self.retrieval.repairs(query) if isinstance(self.retrieval, Spelling) else []
        needs = " ".join([*sure_repairs(mended), needs])
        return with_required(passages, needs, context, self._article), query

    def _article(self, article_id: str) -> list[Passage]:
        """An article fetched by id (what retrieval returns for "artículo 47")."""
        return self.retrieval.retrieve(f"artículo {article_id}", k=1)

    def _answer_with_model(self, case: Case) -> Answer:
        prompt = render_question(
            case.question,
            passages=case.articles,
            transitorios=case.transitorios,
            notes=[text for text, _ in case.notes],
            context=case.context,
            history=case.history,
            today=case.today,
            rules=[m.rule for m in case.rules[:MAX_RULES]],
            facts=case.facts,
        )
        messages: list[tuple[str, str]] = [("user", prompt)]
        given = [m.rule for m in case.rules[:MAX_RULES]]
        sources = with_rule_passages([*case.articles, *case.transitorios], given)
        # Figures may come from the law, the rules, the notes, the facts and the worker's words.
        figure_sources = [p.text for p in sources] + [r.rule for r in given]
        figure_sources += [text for text, _ in case.notes] + list(case.facts) + [case.question]
        figure_sources += list((case.context or {}).values())
        events: list[str] = []
        try:
            text = self._complete(messages)
            report, amounts = check_output(text, sources, figure_sources)
            if not report.clean or not amounts.clean or leaks(text):
                events.extend(report.events or ())
                events.extend(f"ungrounded_amount:{a}" for a in amounts.ungrounded)
                events.extend(() if events else ("prompt_leak",))
                log.warning("answer: grounding repair, regenerating once: %s", ",".join(events))
                allowed = [p.article_id for p in case.articles]
                bad = report.unknown_citations or (() if amounts.ungrounded else ("?",))
                correction = render_correction(bad, allowed, bad_amounts=amounts.ungrounded)
                messages += [("assistant", text), ("user", correction)]
                text = self._complete(messages)
                report, amounts = check_output(text, sources, figure_sources)
                events.append("regenerated")
        except ModelUnavailableError as exc:
            log.warning("answer: model unavailable, degraded answer (%s)", type(exc).__name__)
            return replace(self._extractive(case, prefix=DEGRADED_NOTE), degraded=True)
        # Nothing left, or more thrown away than kept: the quotes are safer than the remains.
        removed = report.removed_sentences + amounts.removed_sentences
        if leaks(amounts.text) or report.kept_sentences <= removed:
            events.append("fallback_to_quotes")
            log.warning("answer: grounding failed after repair: %s", ",".join(events))
            return replace(self._extractive(case), repaired=tuple(events))
        if not report.clean or not amounts.clean:
            dropped = [*report.events, *(f"ungrounded_amount:{a}" for a in amounts.ungrounded)]
            events.extend([*dropped, "removed"])
            log.warning("answer: removed ungrounded sentences: %s", ",".join(dropped))
        answer = self._finish(
            case, strip_model_disclaimer(amounts.text), report.citations, rules=given
        )
        return replace(answer, repaired=tuple(events))

    def _complete(self, messages: Sequence[tuple[str, str]]) -> str:
        """The model's text, retrying throttling with capped exponential backoff and jitter."""
        assert self.model is not None
        for attempt in range(self.max_retries + 1):
            try:
                return self.model.complete(system=SYSTEM_PROMPT, messages=messages)
            except ModelThrottledError as exc:
                if attempt == self.max_retries:
                    raise
                ceiling = min(self.backoff_cap, self.backoff_base * 2**attempt)
                delay = exc.retry_after if exc.retry_after is not None else ceiling
                delay = min(delay, self.backoff_cap)
                log.info("answer: model throttled, retry %d in %.2fs", attempt + 1, delay)
                self.sleep(random.uniform(delay / 2, delay))  # noqa: S311 (jitter, not crypto)
        raise ModelUnavailableError("no attempts left")  # pragma: no cover - loop always returns

    def _extractive(self, case: Case, *, prefix: str = "") -> Answer:
        body = extractive.compose(
            case.question,
            case.articles,
            today=case.today,
            context=case.context,
            expansions=case.expansions,
            rules=not_said_again(case.question, case.rules, case.history),
            facts=case.facts,
            detail=case.detail,
            told=case.told,
            meant=self.expand,
        )
        text = f"{prefix}\n\n{body.text}" if prefix else body.text
        # A computed figure is already today's (the overtime paid double this year): it leads.
        # ("Nos las pagan sencillas, ¿es legal?" asks the pay: the double leads, not the limit.)
        today_first = (
            not prefix
            and not case.facts
            and not _PAY_ASKED.search(fold(f"{case.told} {case.question}"))
        )
        return self._finish(case, text, body.citations, rules=body.rules, today_first=today_first)

    def _finish(
        self,
        case: Case,
        body: str,
        citations: Sequence[Citation],
        *,
        rules: Sequence[Rule] = (),
        today_first: bool = False,
    ) -> Answer:
        body = body.strip()
        cited = list(citations)
        known = {c.article_id for c in cited}
        # A phase-in note about an article the answer does not rely on is noise, and so is one
        # about a fraction of an article the answer quotes from another fraction.
        quoted: dict[str, list[str]] = {}
        for citation in cited:
            quoted.setdefault(citation.article_id, []).append(citation.quote)
        for rule in rules:  # a rule said without its quote ("También: …") counts by its passage
            quoted.setdefault(rule_article(rule), []).append(rule.passage)
        texts: dict[str, str] = {}
        for passage in case.articles:
            texts[passage.article_id] = f"{texts.get(passage.article_id, '')}\n{passage.text}"
        # A long article retrieved as one chunk may not show the fraction its quote lies in
        # (Art. 132's "mal trato de palabra", fraction VI): the whole article, fetched by id.
        noted = {a for _, ids in case.notes for a in ids}
        for article in noted & set(quoted):
            if any(fraction_of(texts.get(article, ""), q) is None for q in quoted[article] if q):
                whole = [p.text for p in self._article(article) if p.article_id == article]
                texts[article] = whole[0] if whole else texts.get(article, "")
        kept = phase_in_notes(
            case.transitorios,
            retrieved=[ids for _, note_ids in case.notes for ids in note_ids],
            today=case.today,
            quoted=quoted,
            texts=texts,
        )
        notes = [(text, ids) for text, ids in kept if known & set(ids)]
        lead, _, rest = body.partition("\n\n")
        if notes and rest and {c.article_id for c in citations[:1]} & set(notes[0][1]):
            # What applies today changes the answer itself: it leads, its note follows the lead.
            now = today_line(notes[0][0]) if today_first else None
            said = weigh_today(case.question, now) if now else ""
            # The lead's own verdict ("No. Las horas extra se pagan al doble") opens the answer,
            # before what applies today, not in the middle of it.
            opened = re.match(r"(Sí|No)\. ", lead)
            if now and not said and opened:
                said, lead = opened.group(1), lead[opened.end() :]
            now = f"{said}. {now}" if now and said else now
            lead = f"{now} (Art. {notes[0][1][0]} LFT). {lead}" if now else lead
            body = f"{lead}\n\n{notes[0][0]}\n\n{rest}"
            notes = notes[1:]
        note_text = "\n\n".join(text for text, _ in notes)
        marker = "\nQué puedes hacer"
        if note_text and marker in body:
            # Dates belong with what the law says, before the next steps.
            head, _, tail = body.partition(marker)
            body = f"{head.rstrip()}\n\n{note_text}\n{marker}{tail}"
            note_text = ""
        note_ids = [a for _, ids in notes for a in ids]
        cited.extend(Citation(a) for a in dict.fromkeys(note_ids) if a not in known)
        return Answer(
            text="\n\n".join(p for p in (body, note_text, DISCLAIMER) if p),
            citations=tuple(cited),
            passages=tuple(with_rule_passages([*case.articles, *case.transitorios], rules)),
        )


def _case_told(context: Mapping[str, str] | None, *, besides: str) -> bool:
    """Whether the case form says anything other than the message itself."""
    said = fold(besides.strip())
    return any(str(v).strip() and fold(str(v).strip()) != said for v in (context or {}).values())


def _labor_before(history: Sequence[tuple[str, str]]) -> bool:
    """Whether the worker said anything about work before ("hola, qué onda" is no such turn):
    a wordless message after it may be a follow-up."""
    return any(role == "user" and check_scope(text).worded for role, text in history)
