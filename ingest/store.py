"""The parsed law cached as JSON under ``<data_dir>/law/<version>.json``.

A related law goes under ``<data_dir>/law/<code>/<version>.json`` (``law/lss/2026-01-15.json``),
so the LFT's own lookup never picks it up. Plain JSON of the model's fields; reading back
yields equal ``Law`` values.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.model import Article, Decree, Fraccion, Law, Transitorio

FORMAT = 1


def law_dir(data_dir: Path, code: str = "LFT") -> Path:
    folder = data_dir / "law"
    return folder if code == "LFT" else folder / code.lower()


def law_to_dict(law: Law) -> dict[str, Any]:
    extra = {} if law.code == "LFT" else {"code": law.code}
    return {
        "format": FORMAT,
        **extra,
        "version": law.version,
        "articles": [asdict(a) for a in law.articles],
        "decrees": [asdict(d) for d in law.decrees],
    }


def law_from_dict(data: dict[str, Any]) -> Law:
    if data.get("format") != FORMAT:
        raise IngestError(f"cached law has format {data.get('format')!r}, expected {FORMAT}")
    articles = tuple(
        Article(
            id=a["id"],
            number=a["number"],
            suffix=a["suffix"],
            path=tuple(a["path"]),
            text=a["text"],
            fracciones=tuple(Fraccion(f["numeral"], f["text"]) for f in a["fracciones"]),
            reforms=tuple(a["reforms"]),
            repealed=a["repealed"],
        )
        for a in data["articles"]
    )
    decrees = tuple(
        Decree(
            date=d["date"],
            title=d["title"],
            reformed_articles=tuple(d["reformed_articles"]),
            transitorios=tuple(
                Transitorio(
                    id=t["id"],
                    decree_date=t["decree_date"],
                    decree_title=t["decree_title"],
                    ordinal=t["ordinal"],
                    text=t["text"],
                    governs=tuple(t["governs"]),
                )
                for t in d["transitorios"]
            ),
        )
        for d in data["decrees"]
    )
    return Law(
        version=data["version"],
        articles=articles,
        decrees=decrees,
        code=str(data.get("code", "LFT")),
    )


def save_law(law: Law, *, data_dir: Path) -> Path:
    """Write ``<data_dir>/law/[<code>/]<version>.json`` atomically and return its path."""
    folder = law_dir(data_dir, law.code)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{law.version}.json"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".law-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(law_to_dict(law), fh, ensure_ascii=False)
    Path(tmp).replace(target)
    return target


def load_law(*, data_dir: Path, version: str | None = None, code: str = "LFT") -> Law | None:
    """The cached law ``code`` of ``version`` (default: the newest cached), or None."""
    folder = law_dir(data_dir, code)
    if version is not None:
        candidates = [folder / f"{version}.json"]
    else:
        candidates = sorted(folder.glob("[0-9]*.json"), reverse=True)[:1]
    for path in candidates:
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise IngestError(f"cannot read the cached law {path}: {exc}") from exc
            return law_from_dict(data)
    return None
