"""Small readers over synthesized templates, shared by the infra tests."""

from __future__ import annotations

from typing import Any

from aws_cdk.assertions import Template


def resources(template: Template, kind: str) -> dict[str, dict[str, Any]]:
    return {name: dict(r) for name, r in template.find_resources(kind).items()}


def props(template: Template, kind: str) -> dict[str, dict[str, Any]]:
    return {name: r.get("Properties", {}) for name, r in resources(template, kind).items()}


def only(template: Template, kind: str, **match: Any) -> tuple[str, dict[str, Any]]:
    """The one resource of ``kind`` whose properties include ``match`` (top-level equality)."""
    hits = [
        (name, p)
        for name, p in props(template, kind).items()
        if all(p.get(k) == v for k, v in match.items())
    ]
    assert len(hits) == 1, f"expected one {kind} matching {match}, found {len(hits)}"
    return hits[0]


def ref(logical_id: str) -> dict[str, str]:
    return {"Ref": logical_id}


def function_by_handler(template: Template, handler: str) -> tuple[str, dict[str, Any]]:
    hits = [
        (name, p)
        for name, p in props(template, "AWS::Lambda::Function").items()
        if p.get("ImageConfig", {}).get("Command") == [handler]
    ]
    assert len(hits) == 1, f"expected one function with CMD {handler}, found {len(hits)}"
    return hits[0]


def subnet_ids(template: Template, prefix: str) -> list[str]:
    """Logical ids of the VPC's subnets of one group (``Public``, ``Private``, ``Data``)."""
    return sorted(n for n in resources(template, "AWS::EC2::Subnet") if f"Vpc{prefix}Subnet" in n)
