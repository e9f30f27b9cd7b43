"""Answer evaluation: does an answer state the key fact, lead with it, quote only what it needs?

Pure except for the injected clock. Reads ``{"id","question","context"?,"must","must_2026"?,
"lead"?,"lead_2026"?,"articles"?}`` lines; knows nothing of how answers are made.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rag.evaluation import EvalFileError, percentile
from rag.grounding import check_grounding, id_key, quote_is_grounded
from rag.lexical import squash
from rag.types import Answer, Passage

# The window: the key fact must appear this early to count as leading.
LEAD_CHARS = 450
NEXT_STEPS_MARKER = "Qué puedes hacer"
_QUOTE = re.compile(r"“([^”]{1,3000})”|«([^»]{1,3000})»")
# A "yes" that opens an answer, for the sets' verdict patterns: "Sí", or an unaccented "Si"
# standing alone ("Si, …"). Not "S[ií]\\b": that also matches the conditional "Si te despiden…",
# which opens many answers and says neither yes nor no.
YES = r"S(?:í\b|i\b(?=[.,:;!]))"
# The ambiguous token the sets must not use (``YES`` instead).
AMBIGUOUS_YES = re.compile(r"S\[ií\]")
# Quotes this short are emphasis, not the law's words (as in rag.grounding).
_MIN_QUOTE_WORDS = 4


@dataclass(frozen=True)
class AnswerItem:
    id: str
    question: str
    must: tuple[str, ...]
    lead: str | None
    context: Mapping[str, str] = field(default_factory=dict)
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerResult:
    id: str
    question: str
    in_scope: bool
    # None when the item has no ``must`` (or no ``lead``) for this year.
    stated: bool | None
    leads: bool | None
    chars: int
    body_chars: int
    head: str
    unknown_citations: tuple[str, ...]
    misquotes: int
    quoted: tuple[str, ...]
    irrelevant: tuple[str, ...]
    gold: tuple[str, ...]
    seconds: float
    text: str


@dataclass(frozen=True)
class AnswerReport:
    results: tuple[AnswerResult, ...]

    def summary(self) -> dict[str, object]:
        """The rates and percentiles, JSON-ready."""
        rs = self.results
        stated = [r.stated for r in rs if r.stated is not None]
        leads = [r.leads for r in rs if r.leads is not None]
        judged = [r for r in rs if r.gold and r.in_scope]
        quoted = sum(len(r.quoted) for r in judged)
        chars = [float(r.chars) for r in rs if r.in_scope]
        body = [float(r.body_chars) for r in rs if r.in_scope]
        ms = [r.seconds * 1000 for r in rs]
        return {
            "n": len(rs),
            "refused": sum(1 for r in rs if not r.in_scope),
            "stated": _rate(stated),
            "stated_n": len(stated),
            "leads": _rate(leads),
            "leads_n": len(leads),
            "answers_citing_unretrieved": sum(1 for r in rs if r.unknown_citations),
            "misquotes": sum(r.misquotes for r in rs),
            "answers_with_irrelevant_quote": _rate([bool(r.irrelevant) for r in judged]),
            "quoted_articles_irrelevant": round(
                sum(len(r.irrelevant) for r in judged) / quoted if quoted else 0.0, 4
            ),
            **{f"chars_p{p}": percentile(chars, p) for p in (50, 90, 100)},
            **{f"body_chars_p{p}": percentile(body, p) for p in (50, 90)},
            **{f"latency_p{p}_ms": round(percentile(ms, p), 1) for p in (50, 95)},
        }

    def rows(self) -> list[dict[str, object]]:
        return [asdict(r) for r in self.results]


def _rate(flags: Sequence[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def _compiled(pattern: object, where: str) -> str:
    if not isinstance(pattern, str):
        raise EvalFileError(f"{where}: a pattern must be a string")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise EvalFileError(f"{where}: bad regex {pattern!r} ({exc})") from exc
    return pattern


def parse_item(row: Mapping[str, object], *, year: int, where: str) -> AnswerItem:
    """One line as an item for ``year``: ``*_2026`` entries count only when ``year`` is 2026."""
    must = [row.get("must") or []]
    lead = row.get("lead")
    for key, value in row.items():
        suffix = key.rsplit("_", 1)[-1]
        if key.startswith("must_") and suffix.isdigit() and int(suffix) == year:
            must.append(value or [])
        if key.startswith("lead_") and suffix.isdigit() and int(suffix) == year:
            lead = value
    patterns: list[str] = []
    for group in must:
        if not isinstance(group, list):
            raise EvalFileError(f"{where}: must is a list of regexes")
        patterns.extend(_compiled(p, where) for p in group)
    context = row.get("context") or {}
    articles = row.get("articles") or []
    if not isinstance(context, dict) or not isinstance(articles, list):
        raise EvalFileError(f"{where}: context must be an object and articles a list")
    return AnswerItem(
        id=str(row["id"]),
        question=str(row["question"]),
        must=tuple(patterns),
        lead=_compiled(lead, where) if lead is not None else None,
        context=form_context({str(k): str(v) for k, v in context.items()}),
        articles=tuple(str(a) for a in articles),
    )


# The case form's fields as the answerer receives them (``bot.form.context``), and the details
# kept beside them; an answer set's context in these words passes as it is.
FORM_KEYS = frozenset(
    {"tema", "patrón", "puesto", "motivo", "salario", "zona", "contrato", "horario", "jornada"}
    | {"descripción", "situación", "lugar", "fecha de inicio", "fecha de fin", "horas extra"}
)
# Writers of some sets, who never saw the form, named the facts in English: what the worker
# would have said for each, added to the form's story ("descripción"), as the chat keeps it.
_SAID = {
    "situation": "",
    "years_worked": "llevo trabajando",
    "daily_wage": "gano al día",
    "days_worked_this_year": "días trabajados este año",
    "weeks_contributed": "semanas cotizadas en el IMSS",
    "rest_day": "mi día de descanso es",
    "credit": "tengo",
}
# The form's situation flags (``rag.answer_case.REGIME_WORDS``), as the chat reads them from what
# the worker says of their job.
_FLAGS = (
    ("embarazada", re.compile(r"embaraz")),
    ("maternidad o lactancia", re.compile(r"maternidad|lactancia|\bpecho\b|amamant")),
    ("trabajo del hogar", re.compile(r"\bhogar\b|dom[eé]stic")),
    ("trabajo por aplicación", re.compile(r"\bapps?\b|aplicaci[oó]n|plataforma")),
    ("menor de edad", re.compile(r"menor de edad|\b1[4-7] años")),
)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _shown(key: str, value: str) -> str:
    """A date as the form shows it ("2026-07-01" → "01/07/2026"); any other value as it is."""
    found = _ISO_DATE.match(value.strip()) if key.startswith("fecha") else None
    return f"{found.group(3)}/{found.group(2)}/{found.group(1)}" if found else value


def form_context(raw: Mapping[str, str]) -> dict[str, str]:
    """An answer set's context as the case form gives it to the answerer: the form's own keys as
    they are, "job" as the form's "puesto", any other fact told in the story ("descripción"),
    and the situation flags the chat reads from the job and the story."""
    out = {k: _shown(k, v) for k, v in raw.items() if k in FORM_KEYS}
    if "job" in raw and "puesto" not in out:
        out["puesto"] = raw["job"]
    told = [
        f"{_SAID.get(k, k)} {v}".strip() for k, v in raw.items() if k not in FORM_KEYS | {"job"}
    ]
    if told:
        out["descripción"] = ". ".join([*filter(None, [out.get("descripción", "")]), *told])
    if "situación" not in out:
        seen = f"{out.get('puesto', '')} {out.get('descripción', '')}".lower()
        flags = [flag for flag, pattern in _FLAGS if pattern.search(seen)]
        if flags:
            out["situación"] = ", ".join(flags)
    return out


def load_answer_items(path: Path, *, year: int) -> list[AnswerItem]:
    """Read an answer set (blank lines skipped); a bad line raises ``EvalFileError``."""
    items: list[AnswerItem] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise TypeError("not an object")
            items.append(parse_item(row, year=year, where=where))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalFileError(f"{where}: not an answer evaluation line ({exc})") from exc
    return items


def body_of(text: str) -> str:
    """The answer before its next steps (the part a worker reads first)."""
    return text.split(NEXT_STEPS_MARKER, 1)[0].rstrip()


def quoted_articles(text: str, passages: Sequence[Passage]) -> tuple[list[str], int]:
    """Ids of the passages the text quotes (in order) and how many quotes match none."""
    found: list[str] = []
    misquotes = 0
    for match in _QUOTE.finditer(text):
        quote = next(g for g in match.groups() if g is not None)
        if len(squash(quote).split()) < _MIN_QUOTE_WORDS:
            continue
        sources = [p for p in passages if quote_is_grounded(quote, [p.text])]
        if not sources:
            misquotes += 1
        found.extend(p.article_id for p in sources[:1])
    return list(dict.fromkeys(found)), misquotes


def judge(item: AnswerItem, answer: Answer, *, seconds: float) -> AnswerResult:
    """Score one answer against its item."""
    text = answer.text
    stated = all(re.search(p, text) for p in item.must) if item.must else None
    leads = re.search(item.lead, text[:LEAD_CHARS]) is not None if item.lead else None
    report = check_grounding(text, answer.passages)
    retrieved = {id_key(p.article_id) for p in answer.passages if p.kind == "article"}
    unknown = [*report.unknown_citations]
    unknown += [c.article_id for c in answer.citations if id_key(c.article_id) not in retrieved]
    _, misquotes = quoted_articles(text, answer.passages)
    # Next steps quote the deadline (Art. 518) and the remedy (Art. 48) on purpose: only the
    # body's quotes are judged for relevance.
    quoted, _ = quoted_articles(body_of(text), answer.passages)
    gold = {id_key(a) for a in item.articles}
    governing = {
        p.article_id for p in answer.passages if {id_key(g) for g in p.governs} & gold
    }  # a transitorio that phases in a gold article is needed too
    irrelevant = [a for a in quoted if id_key(a) not in gold and a not in governing] if gold else []
    return AnswerResult(
        id=item.id,
        question=item.question,
        in_scope=answer.in_scope,
        stated=stated,
        leads=leads,
        chars=len(text),
        body_chars=len(body_of(text)),
        head=text[:LEAD_CHARS],
        unknown_citations=tuple(dict.fromkeys(unknown)),
        misquotes=misquotes,
        quoted=tuple(quoted),
        irrelevant=tuple(irrelevant),
        gold=item.articles,
        seconds=seconds,
        text=text,
    )


def evaluate_answers(
    items: Sequence[AnswerItem],
    answer: Callable[[AnswerItem], Answer],
    *,
    clock: Callable[[], float] = time.perf_counter,
) -> AnswerReport:
    """Answer every item, timing each call, and judge the answers."""
    results = []
    for item in items:
        start = clock()
        reply = answer(item)
        results.append(judge(item, reply, seconds=clock() - start))
    return AnswerReport(tuple(results))
