"""A small in-memory index of the plain-language rules, scored against a question by word stems.

Built once per process from ``rag.rules.load_rules()`` (lazily, never at import) and cached. It
only ranks the rules of articles retrieval already returned: retrieval decides the articles, this
decides which of their rules answers the question.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from calc.text import fold
from rag.grounding import id_key
from rag.laws import law_of, named_laws
from rag.lexical import squash, stems
from rag.passages import special_regime
from rag.rule_asks import load_asks
from rag.rules import Rule, load_rules
from rag.types import Passage

# Words every rule uses: they say nothing about which rule answers.
GENERIC_STEMS = frozenset(
    stems("trabajo trabajador trabajadores patron patrones persona personas ley articulo tu te")
    | stems("empresa servicio servicios relacion caso derecho tienes puedes debe deben")
    # The question's own word: "¿cuántos días me tocan?" is no match for a rule that says
    # "por escrito cuántos días trabajaste".
    | stems("cuanto cuantos cuanta cuantas")
)
LENGTH_B = 0.4
# The passage backs the rule; its words count, but less than the rule's own plain words.
PASSAGE_WEIGHT = 0.5
# Each retrieval rank below the first costs this share of a rule's score (only the top four
# articles' rules can lead). First measured on the dev + colloquial retrieval sets (133
# questions): the lead rule's article was gold for 82 % of those led by a rule at 0.4, 80 % at
# 0.25. With the worker questions (``rag.rule_asks``) a rule's own evidence is better than its
# article's rank: on the answer tuning sets (dev, blind-blind9) 0.25 states the key fact in
# 902 set-points against 889 at 0.4 (0.2: 906, with more irrelevant quotes); docs/answers.md.
RANK_DECAY = 0.25
# Past the fourth article the decay stops at this share, so that a rule of a lower article can
# still lead on strong evidence of its own ("tengo 15 años… ¿cuántas horas?" → Art. 177). On the
# tuning sets 0.15 states 2 more key facts and leads 1 more than 0 (docs/answers.md).
RANK_FLOOR = 0.15
# The law's words the slang table adds ("despido", stemmed "desp") meet the rules' verb forms
# ("despedirte") from 4 letters; the worker's own words from 5, as before ("cobro" must not
# meet "cobrarte intereses").
EXPANSION_PREFIX = 4
# A rule whose passage is in the very chunk retrieval matched is about what was asked.
CHUNK_BOOST = 1.3
# An article's first rule states its main point (the rules are written in the article's order),
# as an article's opening sentence usually does.
FIRST_RULE_BOOST = 1.2
# Rules of a special job (Título Sexto: domestic work, apps, the countryside…) when the question
# does not name that job.
SPECIAL_PENALTY = 0.5
# Each unit of coverage (the share of the question's own word weight a rule holds) adds this
# much: a rule that holds more of what was asked wins a near-tie. Chosen on the retrieval sets
# dev + colloquial and the answers dev sample (0.0 → 1.0: dev lead-rule article gold 70.8 % →
# 72.3 %, colloquial 80.9 % → 80.9 %; 2.0 costs the answers sample one lead).
COVERAGE_WEIGHT = 1.0
# Meaning (``rag.rule_vectors``): a rule whose vector stands more than MEANING_FLOOR standard
# deviations above the other rules' for the question gains MEANING_WEIGHT per deviation beyond
# that, so a rule that shares no word with the worker's can still lead. Unrelated rules reach
# z 2.5-3; rules about the question 3.5-5.5. Chosen on the tuning sets only (dev + colloquial,
# answers dev sample; docs/answers.md, "Third pass"): 4 / 3.0 fixed 7 lead rules and broke none;
# 6 / 2.5 broke four.
MEANING_WEIGHT = 4.0
MEANING_FLOOR = 3.0
# Worker questions (``rag.rule_asks``): the best-matching question of a rule adds this share of
# its word score (scored among the questions, as the rules are among the rules).
ASK_WEIGHT = 0.5
# A question that names a related law ("imss", "infonavit"): that law's retrieved articles count
# as ranked from here (its first article at this rank, the next one below…) when retrieval put
# them lower, so their rules can lead. None: off. Chosen on the tuning sets (lead rule's article
# gold): bench/data/related_laws.jsonl 5 → 8 of 24 at 0 (7 at 1); dev 50/65 and colloquial 55/68
# unchanged.
NAMED_LAW_RANK: int | None = 0
# A rule that stands this many deviations above all the rules by meaning (its own words or its
# worker questions') brings its article in at PULL_PLACE when retrieval ranked it lower.
PULL_Z = 5.0
PULL_PLACE = 1
# A rule for the special job the question names ("soy trabajadora del hogar": the chapter on
# domestic work, Art. 127's domestic workers) over the general rule it departs from.
# Only for the jobs a worker names as their own: "supervisor", "comisionista", "hospital",
# "camión" or "barco" are often someone else's job or the scene (the boost moved such leads on
# the tuning sets: 1.5 and 2.0 state the same number of key facts, 2.0 with fewer loose quotes).
JOB_BOOST = 2.0
# Their chapter's retrieved articles count as ranked from here (None: off).
JOB_RANK: int | None = 1
BOOSTED_JOBS = frozenset(
    ("hogar", "campo", "plataformas", "teletrabajo", "deportista", "actores", "minas", "comercio")
)


# A rule that places the worker outside a regime ("no eres trabajadora del hogar") answers only
# a question about which rules apply ("¿soy trabajadora del hogar?"); it leads nothing else.
_EXCLUSION = re.compile(r"\bno eres\b|\bno te aplican? las reglas\b")
_ASKS_WHICH_RULES = re.compile(
    r"\b(soy|eres|es|sería|seria) (una? )?(trabajador|emplead)|\bme aplica|\bse considera|"
    r"\bcuenta como\b|\bque ley\b|\bque reglas\b"
)

# A rule whose point is the worker's status ("…, eres persona trabajadora del hogar", "es trabajo
# a domicilio", "Eres trabajador si…") answers "¿soy…?"; a worker who says what she is ("soy
# trabajadora del hogar, …¿no me toca más descanso?") asks something else, which it does not say.
_STATUS = re.compile(
    r"^eres (?:persona )?trabajador|, (?:si |tambien )?(?:eso (?:tambien )?)?"
    r"(?:es trabajo a domicilio|eres (?:persona )?trabajador|la ley lo considera una relacion de "
    r"trabajo)"
)
_ASKS_STATUS = re.compile(
    r"\b(?:soy|es|somos|seria|sere|sigo siendo|cuento como|cuenta como) (?:una? |su )?"
    r"(?:trabajador|emplead)\w*[^.?!,]{0,30}(?:\?|\bo no\b|\bo que\b|\bverdad\b)|"
    r"\bderechos\b|\bindependiente\b|\bpor mi cuenta\b|\bsocio\b|\bprestador|\bhonorarios\b|"
    r"\bno soy (?:su |tu )?(?:trabajador|emplead)|\bno (?:es|son) (?:mi |mis )?patron|"
    r"\bno (?:me|nos) (?:reconoce|reconocen|considera|consideran)\b|\bme aplica|\bse considera|"
    r"\bque ley\b|\bque reglas\b|\bcontrato (?:civil|mercantil)|\bcomisionista\b"
)


def states_status(rule: Rule) -> bool:
    """Whether the rule's point is the worker's status (``_STATUS``)."""
    return _STATUS.search(fold(rule.rule)) is not None


# How workers name the special jobs of Título Sexto, by words of the chapter's title.
_JOB_WORDS: dict[str, tuple[str, ...]] = {
    "confianza": ("confianza", "gerente", "supervisor", "director"),
    "buques": ("buque", "barco", "marino", "marinero", "embarca"),
    "aeronaut": ("avion", "piloto", "sobrecargo", "aerolinea", "tripulac"),
    "ferrocarril": ("tren", "ferrocarril", "ferroviari"),
    "autotransporte": (
        "chofer",
        "camion",
        "trailer",
        "operador",
        "transport",
        "taxi",
        "combi",
        "pesero",
        "microbus",
        "autobus",
    ),
    "maniobras": ("maniobra", "carga y descarga", "estibador"),
    "campo": (
        "campo",
        "jornaler",
        "agricol",
        "rancho",
        "cosecha",
        "siembra",
        "pizca",
        "pisca",
        "corte de cafe",
        "corte de cana",
        "corte de caña",
        "corte de uva",
    ),
    "plataformas": ("app", "aplicacion", "plataforma", "repartidor", "uber", "didi", "rappi"),
    "comercio": (
        "vendedor",
        "comisionista",
        "agente de ventas",
        "agente de comercio",
        "agente de seguros",
        "vendo seguros",
        "puro comision",
        "pura comision",
        "puras comisiones",
        "viajante",
        "propagandista",
        "impulsor",
    ),
    "deportista": ("deportista", "futbol", "jugador", "atleta"),
    "actores": (
        "actor",
        "actriz",
        "musico",
        "cantante",
        "artista",
        "mariachi",
        "norteñ",
        "norten",
        "grupo musical",
        "tocamos",
        "tocada",
        "toco en",
        "grupo versatil",
        "bailarin",
    ),
    "teletrabajo": ("teletrabajo", "home office", "remoto", "desde mi casa", "desde casa"),
    "domicilio": ("a domicilio", "maquila", "desde mi casa", "en mi casa", "en mi domicilio"),
    "hogar": (
        "hogar",
        "domestic",
        "limpieza",
        "nana",
        "niñera",
        "cuidadora",
        "trabajo en casa",
        "planchador",
        "de planta en una casa",
        "en una casa particular",
        "cuidando a una señora",
        "cuidando a una senora",
        "cuidando a un señor",
        "cuidando a un senor",
        "cuido a una señora",
        "cuido a una senora",
        "entrada por salida",
        "muchacha de planta",
        "muchachas de planta",
        "muchacha de casa",
        "muchachas de casa",
        "muchacha de quedada",
        "sirvienta",
        "hago el aseo",
        "aseo en una casa",
        "limpio casas",
        "limpio una casa",
        "con una familia",
        "la señora de la casa",
    ),
    "minas": ("mina", "minero", "carbon"),
    "hoteles": ("hotel", "restaurante", "restaurant", "bar", "mesero", "mesera", "cocinero"),
    "industria familiar": ("familiar",),
    "medicos": ("medico", "residente", "hospital"),
    "universidades": ("universidad", "profesor", "maestro"),
}


# Rules of general articles that speak to one special job ("Si trabajas en una plataforma
# digital, tu indemnización…" in Art. 50): the phrase in the rule, and the job's key above.
_RULE_JOBS = (
    ("plataforma", "plataformas"),
    ("del hogar", "hogar"),
    ("en un hogar", "hogar"),
    ("en el campo", "campo"),
    ("en hotel", "hoteles"),  # "en hoteles" too (a phrase is found within the statement)
    ("en un hotel", "hoteles"),
    ("del campo", "campo"),
    ("de confianza", "confianza"),
)


def names_rules_job(folded_question: str, rule: Rule) -> bool:
    """Whether the question names the special job a rule speaks to (True for other rules)."""
    keys = rules_jobs(rule)
    if not keys:
        return True
    return any(
        re.search(rf"\b{re.escape(w)}", folded_question) for key in keys for w in _JOB_WORDS[key]
    )


def rules_jobs(rule: Rule) -> set[str]:
    """The special jobs a general article's rule speaks to ("…del hogar" → {"hogar"})."""
    statement = fold(rule.rule)
    return {key for phrase, key in _RULE_JOBS if phrase in statement}


def chapter_job(passage: Passage) -> str | None:
    """The key of the special job whose chapter holds ``passage`` (None when none is known)."""
    chapter = fold(passage.path[-1]) if passage.path else ""
    return next((key for key in _JOB_WORDS if key in chapter), None)


# Domestic work named by a word other than "limpieza", or cleaning in a house.
_IN_A_HOUSE = re.compile(
    "|".join(rf"\b{re.escape(w)}" for w in _JOB_WORDS["hogar"] if w != "limpieza")
    + r"|\b(una|la|su|mi) casa\b"
)


_ON_COMMISSION = re.compile(
    r"\b(comisionista|agente de (seguros|ventas|comercio)|vendo seguros|"
    r"(puro|pura|puras|por|a) comision(es)?)\b"
)


_SELLS = re.compile(r"\b(vend\w*|seguros|ventas|agente|promotor\w*|viajante|impulsor\w*)\b")


def own_jobs(folded: str) -> set[str]:
    """The special jobs a question names as the worker's own (``BOOSTED_JOBS``); cleaning is
    domestic work only in a house ("hago limpieza en un hospital" is not)."""
    named = jobs_named(folded) & BOOSTED_JOBS
    if "hogar" in named and not _IN_A_HOUSE.search(folded):
        named.discard("hogar")
    # A shop's "vendedora" is no commission agent (Art. 285), nor a stylist paid by commission:
    # selling on commission makes one.
    if "comercio" in named and not (_ON_COMMISSION.search(folded) and _SELLS.search(folded)):
        named.discard("comercio")
    return named


def jobs_named(folded: str) -> set[str]:
    """The special jobs a text names (keys of the job table): "trabajo del hogar" → {"hogar"}."""
    return {
        key
        for key, words in _JOB_WORDS.items()
        if any(re.search(rf"\b{re.escape(w)}", folded) for w in words)
    }


def speaks_to_job(folded_question: str, rule: Rule) -> bool:
    """Whether a rule that names a special job in its statement ("en el campo…", "si eres
    chofer…") is for a question that names that job too (True for rules that name none)."""
    statement = fold(rule.rule)
    for words in _JOB_WORDS.values():
        named = [w for w in words if re.search(rf"\b{re.escape(w)}", statement)]
        if named and not any(re.search(rf"\b{re.escape(w)}", folded_question) for w in words):
            return False
    return True


def names_job(folded_question: str, passage: Passage) -> bool:
    """Whether the question names the special job of the passage's chapter (or the chapter is
    one this table does not know: then it is not penalised)."""
    key = chapter_job(passage)
    if key is None:
        return True
    return any(re.search(rf"\b{re.escape(w)}", folded_question) for w in _JOB_WORDS[key])


@dataclass(frozen=True)
class RuleMatch:
    rule: Rule
    score: float
    # 0-based retrieval rank of the rule's article.
    rank: int
    # Share of the question's word weight the rule (or its passage) contains.
    coverage: float = 0.0
    # Whether it is its article's first rule (the article's main point).
    first: bool = False


def article_id(rule: Rule) -> str:
    """The article id as retrieval names it: LFT ids bare ("76"), others qualified ("15 LSS")."""
    return rule.article if rule.law == "LFT" else f"{rule.article} {rule.law}"


def rule_key(rule: Rule) -> str:
    """``article_id`` as a comparison key (``rag.grounding.id_key``)."""
    return id_key(article_id(rule))


def _prefix_hits(question: set[str], words: set[str], *, shortest: int = 5) -> set[str]:
    """Question stems found in ``words``; "seman" meets "semanal" (prefixes of ``shortest``+
    letters)."""
    hits = question & words
    for stem in question - hits:
        if len(stem) >= shortest and any(
            len(w) >= 5 and (w.startswith(stem) or stem.startswith(w)) for w in words
        ):
            hits.add(stem)
    return hits


class RuleIndex:
    """The rules by article, with their stems and each stem's rarity among the rules."""

    def __init__(
        self, rules: Iterable[Rule], asks: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.rules = tuple(rules)
        self._by_article: dict[str, list[int]] = {}
        self._ids = {rule.id: n for n, rule in enumerate(self.rules)}
        self._rule_stems: list[set[str]] = []
        self._passage_stems: list[set[str]] = []
        frequency: dict[str, int] = {}
        for n, rule in enumerate(self.rules):
            self._by_article.setdefault(rule_key(rule), []).append(n)
            own = stems(rule.rule) - GENERIC_STEMS
            backing = stems(rule.passage) - GENERIC_STEMS - own
            self._rule_stems.append(own)
            self._passage_stems.append(backing)
            for stem in own | backing:
                frequency[stem] = frequency.get(stem, 0) + 1
        total = max(len(self.rules), 1)
        self._idf = {s: math.log(1 + total / f) for s, f in frequency.items()}
        self._rare = math.log(1 + total)
        sizes = [
            len(a) + PASSAGE_WEIGHT * len(b)
            for a, b in zip(self._rule_stems, self._passage_stems, strict=True)
        ]
        self._average = sum(sizes) / len(sizes) if sizes else 1.0
        # Each rule's worker questions, as stem sets scored among all the questions.
        self._ask_stems = [
            [stems(q) - GENERIC_STEMS for q in (asks or {}).get(rule.id, ())] for rule in self.rules
        ]
        asked_sets = [a for per_rule in self._ask_stems for a in per_rule]
        ask_frequency: dict[str, int] = {}
        for a in asked_sets:
            for stem in a:
                ask_frequency[stem] = ask_frequency.get(stem, 0) + 1
        count = max(len(asked_sets), 1)
        self._ask_idf = {s: math.log(1 + count / f) for s, f in ask_frequency.items()}
        self._ask_rare = math.log(1 + count)
        self._ask_average = sum(len(a) for a in asked_sets) / len(asked_sets) if asked_sets else 1.0

    def __len__(self) -> int:
        return len(self.rules)

    def by_id(self, rule_id: str) -> Rule | None:
        n = self._ids.get(rule_id)
        return None if n is None else self.rules[n]

    def of_article(self, article_id: str) -> list[Rule]:
        return [self.rules[n] for n in self._by_article.get(id_key(article_id), [])]

    def rank(
        self,
        question: str,
        passages: Sequence[Passage],
        *,
        expansions: Sequence[str] = (),
        meaning: Mapping[str, float] | None = None,
        told: str = "",
    ) -> list[RuleMatch]:
        """The rules of the retrieved articles (best first) that share words or meaning with the
        question, best first. Expansions (slang → law words) count half; ``meaning`` maps a rule
        id to its z-score by meaning (``rag.rule_vectors``); ``told``: what the case says of the
        worker (the job, the story), whose special job counts as named ("vendo seguros" in the
        story, "¿con qué sueldo me calculan la liquidación?" now)."""
        asked = stems(question) - GENERIC_STEMS
        extra = stems(" ".join(expansions)) - GENERIC_STEMS - asked
        articles = [p for p in passages if p.kind == "article"]
        folded = fold(" ".join([question, *expansions, told]))
        named = own_jobs(fold(f"{question} {told}"))
        matches: list[RuleMatch] = []
        seen: set[str] = set()
        ranks = _ranks(articles, named_laws(question))
        ranks = _job_ranks(articles, ranks, named)
        for rank, passage in zip(ranks, articles, strict=True):
            key = id_key(passage.article_id)
            if key in seen:
                continue
            seen.add(key)
            matched = squash(passage.text)
            for n in self._by_article.get(key, []):
                score = self._score(n, asked) + 0.5 * self._score(
                    n, extra, shortest=EXPANSION_PREFIX
                )
                score += ASK_WEIGHT * self._ask_score(n, asked)
                z = (meaning or {}).get(self.rules[n].id, 0.0)
                score += MEANING_WEIGHT * max(0.0, z - MEANING_FLOOR)
                if score <= 0:
                    continue
                coverage = self._coverage(n, asked)
                score *= 1 + COVERAGE_WEIGHT * coverage
                score *= max(RANK_FLOOR, 1 - RANK_DECAY * rank)
                if squash(self.rules[n].passage) in matched:
                    score *= CHUNK_BOOST
                first = n == self._by_article[key][0]
                if first:
                    score *= FIRST_RULE_BOOST
                if special_regime(passage):
                    if not names_job(folded, passage):
                        score *= SPECIAL_PENALTY
                    elif named and chapter_job(passage) in named:
                        score *= JOB_BOOST
                elif not names_rules_job(folded, self.rules[n]):
                    score *= SPECIAL_PENALTY
                elif named and rules_jobs(self.rules[n]) & named:
                    score *= JOB_BOOST
                if _EXCLUSION.search(fold(self.rules[n].rule)) and not _ASKS_WHICH_RULES.search(
                    fold(question)
                ):
                    score *= SPECIAL_PENALTY
                if (
                    states_status(self.rules[n])
                    and named
                    and (chapter_job(passage) in named or rules_jobs(self.rules[n]) & named)
                    and not _ASKS_STATUS.search(fold(question))
                ):
                    score *= SPECIAL_PENALTY  # the status the worker already told
                matches.append(RuleMatch(self.rules[n], score, rank, coverage, first))
        matches.sort(key=lambda m: (-m.score, m.rank))
        return matches

    def _coverage(self, n: int, asked: set[str]) -> float:
        total = sum(self._idf.get(s, self._rare) for s in asked)
        found = _prefix_hits(asked, self._rule_stems[n] | self._passage_stems[n])
        return sum(self._idf.get(s, self._rare) for s in found) / total if total else 0.0

    def _score(self, n: int, asked: set[str], *, shortest: int = 5) -> float:
        if not asked:
            return 0.0
        own = _prefix_hits(asked, self._rule_stems[n], shortest=shortest)
        backing = _prefix_hits(asked - own, self._passage_stems[n], shortest=shortest)
        weight = sum(self._idf.get(s, self._rare) for s in own)
        weight += PASSAGE_WEIGHT * sum(self._idf.get(s, self._rare) for s in backing)
        size = len(self._rule_stems[n]) + PASSAGE_WEIGHT * len(self._passage_stems[n])
        return weight / (1 - LENGTH_B + LENGTH_B * size / self._average)

    def _ask_score(self, n: int, asked: set[str]) -> float:
        """The best of the rule's worker questions, scored like a rule among the questions."""
        best = 0.0
        for words in self._ask_stems[n]:
            hits = _prefix_hits(asked, words)
            weight = sum(self._ask_idf.get(s, self._ask_rare) for s in hits)
            best = max(best, weight / (1 - LENGTH_B + LENGTH_B * len(words) / self._ask_average))
        return best


def pulled_by_meaning(
    passages: Sequence[Passage],
    meaning: Mapping[str, float],
    index: RuleIndex,
    fetch: Callable[[str], Sequence[Passage]],
) -> list[Passage]:
    """``passages`` with the article of the rule that stands out most by meaning moved (or
    fetched by id) to the ``PULL_PLACE``-th article, when it stands ``PULL_Z`` deviations above
    the rules and retrieval ranked its article below that place."""
    out = list(passages)
    if not meaning:
        return out
    best = max(meaning, key=lambda rule_id: meaning[rule_id])
    rule = index.by_id(best)
    if rule is None or meaning[best] < PULL_Z:
        return out
    wanted = id_key(article_id(rule))
    articles = [p for p in out if p.kind == "article"]
    if any(id_key(p.article_id) == wanted for p in articles[: PULL_PLACE + 1]):
        return out
    have = [p for p in articles if id_key(p.article_id) == wanted]
    have = have or [p for p in fetch(article_id(rule)) if id_key(p.article_id) == wanted][:1]
    if not have:
        return out
    rest = [p for p in out if p not in have]
    at = rest.index(articles[PULL_PLACE]) if len(articles) > PULL_PLACE else len(rest)
    return [*rest[:at], have[0], *rest[at:]]


def _job_ranks(articles: Sequence[Passage], ranks: list[int], named: set[str]) -> list[int]:
    """The articles of the special job's chapter the worker names as theirs count as ranked from
    ``JOB_RANK`` (the first of them there, the next below…) when retrieval put them lower."""
    if JOB_RANK is None or not named:
        return ranks
    own = [n for n, p in enumerate(articles) if special_regime(p) and chapter_job(p) in named]
    out = list(ranks)
    for place, n in enumerate(own):
        out[n] = min(out[n], JOB_RANK + place)
    return out


def _ranks(articles: Sequence[Passage], named: frozenset[str]) -> list[int]:
    """Each article's rank for the rules' decay: retrieval's, or within the named law's own."""
    ranks = list(range(len(articles)))
    if NAMED_LAW_RANK is None or not named:
        return ranks
    own = [n for n, p in enumerate(articles) if law_of(p.article_id) in named]
    for place, n in enumerate(own):
        ranks[n] = min(ranks[n], NAMED_LAW_RANK + place)
    return ranks


@lru_cache(maxsize=1)
def default_rule_index() -> RuleIndex:
    """The packaged rules, indexed once per process."""
    return RuleIndex(load_rules(), load_asks())
