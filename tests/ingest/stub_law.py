"""A small but complete LFT source built at test time from the real text in ../shared.

Every article keeps its heading line and only the first words of its text, so the parser still
finds all ~1,265 articles (it refuses truncated sources) while embedding stays cheap. The
transitorios are those of the newest decree (the 40-hour week). Never committed: it is derived
from ../shared each run.
"""

from __future__ import annotations

import re
from pathlib import Path

_ARTICLE = re.compile(r"^(\*\*Artículo [^*]+\*\*(?:\s*(?:Bis|Ter|Quáter)\.-)?|Artículo 353-Ñ\.-?)")
_NEWEST_DECREE = (
    "DECRETO por el que se reforman, adicionan y derogan diversas disposiciones de la Ley"
)
WORDS = 6


def stub_law_text(lft_md: Path, *, edit: str = "") -> str:
    """The stub source; ``edit`` is appended to article 76's words (a changed law)."""
    lines = lft_md.read_text(encoding="utf-8").splitlines()
    split = lines.index("## TRANSITORIOS")
    out: list[str] = []
    for line in lines[:split]:
        head = _ARTICLE.match(line)
        if line.startswith(("#", "Últimas Reformas DOF", "Últimas reformas")) or line in (
            "",
            "LEY FEDERAL DEL TRABAJO",
        ):
            out.append(line)
        elif head:
            words = line[head.end() :].split()[:WORDS]
            extra = f" {edit}" if edit and line.startswith("**Artículo 76.-**") else ""
            out += [f"{head.group(1)} {' '.join(words)}{extra}", ""]
    newest = max(i for i, line in enumerate(lines) if line.startswith(_NEWEST_DECREE))
    return "\n".join([*out, "## TRANSITORIOS", "", *lines[newest:]]) + "\n"
