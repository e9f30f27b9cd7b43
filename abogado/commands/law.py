"""``abogado law list|show``: the parsed LFT, article by article (and transitorios by id).

Shell only: finds the source (cache, ../shared, or the official URL), parses it with ingest,
caches the result under ``<data_dir>/law/`` and prints it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from abogado.errors import AbogadoError

if TYPE_CHECKING:
    from abogado.settings import Settings
    from ingest.model import Article, Law, Transitorio

DEFAULT_LOCAL_SOURCE = Path("../shared/data/lft/lft_2026-05-01_lexmx.md")
_SUFFIXES = {
    "bis": "Bis",
    "ter": "Ter",
    "quater": "Quáter",
    "quáter": "Quáter",
    "quinquies": "Quinquies",
    "sexies": "Sexies",
}
_USER_ID_RE = re.compile(
    r"^(?:art[íi]culo|art\.?)?\s*(?P<num>\d{1,4})\s*(?:o\.?|º\.?)?\s*"
    r"(?:-?\s*(?P<letter>[a-zñ])(?![a-zñ]))?\s*(?P<latin>bis|ter|qu[aá]ter|quinquies|sexies)?\.?$",
    re.IGNORECASE,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "law",
        help="list or show articles of the parsed LFT",
        description="The LFT parsed into articles (and transitorios). The source defaults to the "
        "cached parse, else ../shared/data/lft/lft_2026-05-01_lexmx.md, else the official PDF URL.",
    )
    actions = parser.add_subparsers(dest="law_command", metavar="ACTION", required=True)
    source_help = "a file (Markdown, text or PDF) or an http(s) URL of the LFT"

    list_parser = actions.add_parser(
        "list", help="every article, one per line", description="Print every body article."
    )
    list_parser.add_argument("--format", choices=("jsonl", "text"), default="text")
    list_parser.add_argument("--source", metavar="PATH|URL", help=source_help)
    list_parser.set_defaults(func=run_list)

    show_parser = actions.add_parser(
        "show",
        help="one article or transitorio",
        description='Print one article ("76", "3 Bis", "153-F Bis") or transitorio '
        '("T 2026-05-01 Segundo").',
    )
    show_parser.add_argument("id", metavar="ID")
    show_parser.add_argument("--format", choices=("text", "json"), default="text")
    show_parser.add_argument("--source", metavar="PATH|URL", help=source_help)
    show_parser.set_defaults(func=run_show)


def obtain_law(settings: Settings, source: str | None) -> Law:
    """Parse ``source`` (and cache it), or reuse the cache, or parse the default source."""
    from ingest.errors import IngestError
    from ingest.parse import parse_law
    from ingest.source import OFFICIAL_URL, load_source
    from ingest.store import load_law, save_law

    try:
        if source is None:
            cached = load_law(data_dir=settings.data_dir)
            if cached is not None:
                return cached
            source = str(DEFAULT_LOCAL_SOURCE) if DEFAULT_LOCAL_SOURCE.exists() else OFFICIAL_URL
        text = load_source(source, progress=_pdf_progress)
        law = parse_law(text)
        save_law(law, data_dir=settings.data_dir)
    except IngestError as exc:
        raise AbogadoError(str(exc)) from exc
    except OSError as exc:
        raise AbogadoError(f"cannot write the law cache under {settings.data_dir}: {exc}") from exc
    return law


def _pdf_progress(done: int, total: int) -> None:
    if done == total or done % 50 == 0:
        print(f"extracting PDF text: page {done}/{total}", file=sys.stderr, flush=True)


def canonical_id(user_id: str) -> str:
    """``"artículo 3o bis"`` → ``"3 Bis"``; anything else is returned trimmed."""
    m = _USER_ID_RE.match(user_id.strip())
    if not m:
        return user_id.strip()
    base = m["num"] + (f"-{m['letter'].upper()}" if m["letter"] else "")
    latin = _SUFFIXES.get((m["latin"] or "").lower(), "")
    return f"{base} {latin}" if latin else base


def _find(law: Law, user_id: str) -> Article | Transitorio | None:
    article = law.article(canonical_id(user_id))
    if article is not None:
        return article
    wanted = " ".join(user_id.split()).casefold()
    return next((t for t in law.transitorios if t.id.casefold() == wanted), None)


def _summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": list(article.path),
        "text": article.text,
        "repealed": article.repealed,
        "reforms": list(article.reforms),
    }


def run_list(args: argparse.Namespace) -> int:
    from abogado.settings import load_settings

    law = obtain_law(load_settings(), args.source)
    out = sys.stdout
    for article in law.articles:
        if args.format == "jsonl":
            out.write(json.dumps(_summary(article), ensure_ascii=False) + "\n")
        else:
            first = article.text.split("\n", 1)[0]
            first = first if len(first) <= 90 else first[:89] + "…"
            out.write(f"{article.id:<12} {first}\n")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from abogado.settings import load_settings
    from ingest.model import Article

    law = obtain_law(load_settings(), args.source)
    found = _find(law, args.id)
    if found is None:
        raise AbogadoError(f"no article or transitorio {args.id!r} in the LFT ({law.version})")
    if args.format == "json":
        kind = "article" if isinstance(found, Article) else "transitorio"
        print(json.dumps({"kind": kind, **asdict(found)}, ensure_ascii=False, indent=2))
    elif isinstance(found, Article):
        print(_render_article(found, law.version))
    else:
        print(_render_transitorio(found))
    return 0


def _render_article(article: Article, version: str) -> str:
    state = " (derogado)" if article.repealed else ""
    lines = [f"Artículo {article.id} — Ley Federal del Trabajo{state}"]
    if article.path:
        lines.append(" › ".join(article.path))
    lines += ["", article.text, ""]
    lines += [f"  {note}" for note in article.reforms]
    lines.append(f"Texto vigente, últimas reformas DOF {_dmy(version)}")
    return "\n".join(lines)


def _render_transitorio(t: Transitorio) -> str:
    when = f"DOF {_dmy(t.decree_date)}" if t.decree_date else "DOF 01-04-1970"
    lines = [f"Transitorio {t.ordinal} ({when})", t.decree_title]
    if t.governs:
        lines.append("Artículos relacionados: " + ", ".join(t.governs))
    lines += ["", t.text]
    return "\n".join(lines)


def _dmy(iso: str) -> str:
    parts = iso.split("-")
    return "-".join(reversed(parts)) if len(parts) == 3 else iso
