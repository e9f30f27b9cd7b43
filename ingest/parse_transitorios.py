"""Transitorios: those of the 1970 law and of each reform decree, attached to their decree.

Pure: clean lines after the body's ``TRANSITORIOS`` heading in, ``Decree`` values out.
Year → value tables (the 40-hour week schedule) are rewritten as ``2027: 46 horas`` lines.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ingest.model import Decree, Transitorio
from ingest.parse_lines import join_paragraphs, requeue_numerals
from ingest.parse_refs import article_refs, lft_reformed_ids

_UNITS = "Primero|Segundo|Tercero|Cuarto|Quinto|Sexto|S[ée]ptimo|Octavo|Noveno"
_TENS = "D[ée]cimo|Vig[ée]simo|Trig[ée]simo"
_ORDINAL = rf"(?:(?:{_TENS})\s+(?:{_UNITS})|{_UNITS}|{_TENS}|Und[ée]cimo|Duod[ée]cimo|[ÚU]nico)"
_ITEM_RE = re.compile(
    rf"^(?:Art[íi]culo\s+)?(?P<ord>{_ORDINAL}|\d{{1,2}}\s*[oº°]?)\.?(?:\s+[Tt]ransitorio)?"
    r"\s*(?:\.-|\.|-|\s-)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_TRANSITORIOS_RE = re.compile(r"^(?:ART[ÍI]CULOS? )?TRANSITORIOS?\.?$", re.IGNORECASE)
_DECREE_RE = re.compile(r"^DECRETO\b")
_PUBLISHED_RE = re.compile(
    r"^Publicad[oa] en el Diario Oficial de la Federación el (?P<d>\d{1,2})[oº°]?\.? de "
    r"(?P<m>[a-z]+) de(?:l)? (?P<y>\d{4})",
    re.IGNORECASE,
)
_SIGNATURE_RE = re.compile(
    r"^(?:México, D\. ?F\.|Ciudad de México, a|México, Distrito Federal|"
    r"En cumplimiento de lo dispuesto|Salón de Sesiones|Dado en)"
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ]
    )
}
_UNIT_WORDS = [
    "Primero",
    "Segundo",
    "Tercero",
    "Cuarto",
    "Quinto",
    "Sexto",
    "Séptimo",
    "Octavo",
    "Noveno",
]
_TEN_WORDS = ("", "Décimo", "Vigésimo", "Trigésimo")
ORIGINAL_LAW_TITLE = (
    "Ley Federal del Trabajo (texto original publicado en el DOF el 1 de abril de 1970)"
)


@dataclass
class _DecreeDraft:
    date: str
    title_lines: list[str] = field(default_factory=list)
    reform_lines: list[str] = field(default_factory=list)
    items: list[tuple[str, list[str]]] = field(default_factory=list)


def normalize_ordinal(raw: str) -> str:
    word = re.sub(r"\s+", " ", raw.strip())
    digits = re.match(r"^(\d{1,2})", word)
    if digits:
        n = int(digits[1])
        if not 1 <= n <= 39:
            return str(n)
        tens, units = divmod(n, 10)
        return " ".join(w for w in (_TEN_WORDS[tens], _UNIT_WORDS[units - 1] if units else "") if w)
    fixes = {"Septimo": "Séptimo", "Decimo": "Décimo", "Vigesimo": "Vigésimo", "Unico": "Único"}
    return " ".join(fixes.get(w.capitalize(), w.capitalize()) for w in word.split())


def rewrite_tables(lines: Sequence[str]) -> list[str]:
    """``Año`` + N years + a label + N numbers → ``label:`` and ``2027: 46 horas`` lines."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i] == "Año":
            years = _run(lines, i + 1, r"\d{4}")
            label_at = i + 1 + len(years)
            if len(years) >= 2 and label_at < len(lines):
                values = _run(lines, label_at + 1, r"\d{1,3}")
                if len(values) == len(years):
                    label = lines[label_at]
                    unit = " horas" if "hora" in label.lower() or "jornada" in label.lower() else ""
                    out.append(f"{label} por año:")
                    out.extend(f"{y}: {v}{unit}" for y, v in zip(years, values, strict=True))
                    i = label_at + 1 + len(values)
                    continue
        out.append(lines[i])
        i += 1
    return out


def _run(lines: Sequence[str], start: int, pattern: str) -> list[str]:
    run: list[str] = []
    while start + len(run) < len(lines) and re.fullmatch(pattern, lines[start + len(run)]):
        run.append(lines[start + len(run)])
    return run


def _iso(m: re.Match[str]) -> str:
    month = _MONTHS.get(m["m"].lower(), 0)
    return f"{int(m['y']):04d}-{month:02d}-{int(m['d']):02d}" if month else ""


def _split_decrees(lines: Sequence[str]) -> list[_DecreeDraft]:
    drafts = [_DecreeDraft(date="")]
    drafts[0].title_lines.append(ORIGINAL_LAW_TITLE)
    mode = "items"  # the 1970 law's transitorios follow the heading directly
    for line in lines:
        if _DECREE_RE.match(line):
            drafts.append(_DecreeDraft(date="", title_lines=[line]))
            mode = "title"
            continue
        current = drafts[-1]
        if mode == "title":
            published = _PUBLISHED_RE.match(line)
            if published:
                current.date = _iso(published)
                mode = "reform"
            else:
                current.title_lines.append(line)
        elif _TRANSITORIOS_RE.match(line) and mode != "tail":
            mode = "items"
        elif mode == "reform":
            if not re.fullmatch(r"[.…]+", line):
                current.reform_lines.append(line)
        elif mode == "items":
            item = _ITEM_RE.match(line)
            if item:
                current.items.append((normalize_ordinal(item["ord"]), [item["rest"]]))
            elif _SIGNATURE_RE.match(line):
                mode = "tail"
            elif current.items:
                current.items[-1][1].append(line)
    return drafts


def parse_transitorios(lines: Sequence[str], *, known_ids: Collection[str]) -> list[Decree]:
    """Decrees in document order; the first is the 1970 law itself (``date == ""``)."""
    decrees: list[Decree] = []
    id_counts: dict[str, int] = {}
    date_counts: dict[str, int] = {}
    for draft in _split_decrees(lines):
        title = " ".join(draft.title_lines)
        reformed = lft_reformed_ids(" ".join(draft.reform_lines), known_ids=known_ids)
        date_counts[draft.date] = date_counts.get(draft.date, 0) + 1
        tag = draft.date or "1970"
        if date_counts[draft.date] > 1:
            tag = f"{tag}-{date_counts[draft.date]}"
        items: list[Transitorio] = []
        for ordinal, item_lines in draft.items:
            base = f"T {tag} {ordinal}"
            id_counts[base] = id_counts.get(base, 0) + 1
            # A decree that amends several laws may repeat "Primero", "Segundo"…
            tid = base if id_counts[base] == 1 else f"{base} ({id_counts[base]})"
            text = "\n".join(join_paragraphs(requeue_numerals(rewrite_tables(item_lines)))).strip()
            mentioned = article_refs(text, known_ids=known_ids)
            if draft.date:
                # A reform decree's transitorios also cite other laws' articles; keep the LFT's.
                mentioned = [m for m in mentioned if m in reformed]
            governs = tuple(dict.fromkeys([*mentioned, *reformed]))
            items.append(Transitorio(tid, draft.date, title, ordinal, text, governs))
        if items or draft.date:
            decrees.append(Decree(draft.date, title, reformed, tuple(items)))
    return decrees
