"""``abogado law list|show``: the parsed LFT (or, with ``--law``, a related law), by article.

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

from services.errors import AbogadoError, UsageError

if TYPE_CHECKING:
    from abogado.container import Container
    from ingest.model import Article, Law, Transitorio
    from services.settings import Settings

DEFAULT_LOCAL_SOURCE = Path("../shared/data/lft/lft_2026-05-01_lexmx.md")
DEFAULT_RELATED_DIR = Path("../shared/data/related")
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
        help="list or show articles of the parsed LFT (or of a related law)",
        description="The LFT parsed into articles (and transitorios). The source defaults to the "
        "cached parse, else ../shared/data/lft/lft_2026-05-01_lexmx.md, else the official PDF URL. "
        "With --law LSS|LINFONAVIT|LFTSE|CPEUM, a related law from ../shared/data/related.",
    )
    actions = parser.add_subparsers(dest="law_command", metavar="ACTION", required=True)
    source_help = "a file (Markdown, text or PDF) or an http(s) URL of the law"
    law_help = "which law: LFT (default), LSS, LINFONAVIT, LFTSE or CPEUM (Art. 123 only)"

    list_parser = actions.add_parser(
        "list", help="every article, one per line", description="Print every body article."
    )
    list_parser.add_argument("--format", choices=("jsonl", "text"), default="text")
    list_parser.add_argument("--source", metavar="PATH|URL", help=source_help)
    list_parser.add_argument("--law", metavar="CODE", help=law_help)
    list_parser.set_defaults(func=run_list)

    show_parser = actions.add_parser(
        "show",
        help="one article or transitorio",
        description='Print one article ("76", "3 Bis", "153-F Bis"), transitorio '
        '("T 2026-05-01 Segundo") or article of a related law ("15 LSS", or 15 --law LSS).',
    )
    show_parser.add_argument("id", metavar="ID")
    show_parser.add_argument("--format", choices=("text", "json"), default="text")
    show_parser.add_argument("--source", metavar="PATH|URL", help=source_help)
    show_parser.add_argument("--law", metavar="CODE", help=law_help)
    show_parser.set_defaults(func=run_show)


def law_option(value: str | None) -> str:
    """``--law`` as a law code; unknown names are a usage error."""
    from rag.laws import LAWS, LFT, law_code

    if value is None:
        return LFT
    code = law_code(value)
    if code is None:
        raise UsageError(f"unknown law {value!r}; choose from {', '.join(LAWS)}")
    return code


def obtain_law(settings: Settings, source: str | None, code: str = "LFT") -> Law:
    """Parse ``source`` (and cache it), or reuse the cache, or parse the default source."""
    from ingest.errors import IngestError
    from ingest.parse import parse_law
    from ingest.related import RELATED_LAWS, parse_related
    from ingest.source import OFFICIAL_URL, load_source, locate_related
    from ingest.store import load_law, save_law

    try:
        if source is None:
            cached = load_law(data_dir=settings.data_dir, code=code)
            if cached is not None:
                return cached
            if code == "LFT":
                local = DEFAULT_LOCAL_SOURCE
                source = str(local) if local.exists() else OFFICIAL_URL
            else:
                prefix = {code: RELATED_LAWS[code].file_prefix}
                found, _missing = locate_related(DEFAULT_RELATED_DIR, prefix)
                if code not in found:
                    raise AbogadoError(
                        f"no {code} text in {DEFAULT_RELATED_DIR}: give one with --source"
                    )
                source = str(found[code])
        text = load_source(source, progress=_pdf_progress)
        law = parse_law(text) if code == "LFT" else parse_related(text, code=code)
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


def _law_and_id(user_id: str, law_flag: str | None) -> tuple[str, str]:
    """The law and the article id inside it: ``--law`` wins, else a qualified id ("15 LSS")."""
    from rag.laws import normalize_id, split_id

    if law_flag is not None:
        return law_option(law_flag), user_id
    local, code = split_id(normalize_id(user_id))
    return (code, local) if code != "LFT" else ("LFT", user_id)


def _find(law: Law, user_id: str) -> Article | Transitorio | None:
    from rag.laws import normalize_id

    article = law.article(canonical_id(user_id)) or law.article(normalize_id(user_id))
    if article is not None:
        return article
    wanted = " ".join(user_id.split()).casefold()
    return next((t for t in law.transitorios if t.id.casefold() == wanted), None)


def _summary(article: Article, code: str) -> dict[str, Any]:
    from rag.laws import qualify

    extra = {} if code == "LFT" else {"law": code}
    return {
        "id": qualify(article.id, code),
        **extra,
        "path": list(article.path),
        "text": article.text,
        "repealed": article.repealed,
        "reforms": list(article.reforms),
    }


def run_list(args: argparse.Namespace, container: Container) -> int:
    from rag.laws import qualify

    code = law_option(args.law)
    law = obtain_law(container.settings, args.source, code)
    out = sys.stdout
    for article in law.articles:
        if args.format == "jsonl":
            out.write(json.dumps(_summary(article, code), ensure_ascii=False) + "\n")
        else:
            first = article.text.split("\n", 1)[0]
            first = first if len(first) <= 90 else first[:89] + "…"
            out.write(f"{qualify(article.id, code):<12} {first}\n")
    return 0


def run_show(args: argparse.Namespace, container: Container) -> int:
    from ingest.model import Article

    code, wanted = _law_and_id(args.id, args.law)
    law = obtain_law(container.settings, args.source, code)
    found = _find(law, wanted)
    if found is None:
        raise AbogadoError(f"no article or transitorio {args.id!r} in the {code} ({law.version})")
    if args.format == "json":
        kind = "article" if isinstance(found, Article) else "transitorio"
        extra = {} if code == "LFT" else {"law": code}
        print(json.dumps({"kind": kind, **extra, **asdict(found)}, ensure_ascii=False, indent=2))
    elif isinstance(found, Article):
        print(_render_article(found, law.version, code))
    else:
        print(_render_transitorio(found))
    return 0


def _render_article(article: Article, version: str, code: str = "LFT") -> str:
    from rag.laws import LAWS

    state = " (derogado)" if article.repealed else ""
    lines = [f"Artículo {article.id} — {LAWS[code].name}{state}"]
    if article.path:
        lines.append(" › ".join(article.path))
    lines += ["", article.text, ""]
    lines += [f"  {note}" for note in article.reforms]
    lines.append(f"Texto vigente, últimas reformas DOF {_dmy(version)}")
    if code != "LFT":
        lines.append(f"Se cita como: Art. {article.id} {code}")
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
