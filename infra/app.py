"""Entry point: ``python infra/app.py`` synthesizes the pipeline and both stages, offline.

Output goes to ``$CDK_OUTDIR`` or ``cdk.out/`` at the repository root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def build_app(outdir: str | Path, config: object | None = None) -> object:
    """Build (not synthesize) the app: the pipeline stack with its stages, checked by cdk-nag."""
    from aws_cdk import App

    from infra.config import PipelineConfig
    from infra.environments import PIPELINE
    from infra.nag import check
    from infra.pipeline import PipelineStack

    pipeline = PIPELINE if config is None else config
    if not isinstance(pipeline, PipelineConfig):
        raise TypeError("config must be a PipelineConfig")
    app = App(outdir=str(outdir))
    PipelineStack(app, "AbogadoPipeline", config=pipeline, stack_name="abogado-pipeline")
    check(app)
    return app


def main() -> int:
    from aws_cdk import App

    outdir = os.environ.get("CDK_OUTDIR") or str(REPO_ROOT / "cdk.out")
    app = build_app(outdir)
    assert isinstance(app, App)
    app.synth()
    return 0


if __name__ == "__main__":
    # Run as a script, so make the repository root importable for ``infra.*``.
    sys.path.insert(0, str(REPO_ROOT))
    sys.exit(main())
