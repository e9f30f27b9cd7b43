"""cdk-nag: the AwsSolutions pack for the whole app, and the one way to acknowledge a rule.

Every acknowledgment carries a written reason; tests read them back from the construct tree.
"""

from __future__ import annotations

from collections.abc import Iterable

from aws_cdk import Acknowledgment, App, Validations
from cdk_nag import AwsSolutionsChecks
from constructs import IConstruct

MIN_REASON = 30


def acknowledge(construct: IConstruct, rule: str, reason: str) -> None:
    """Accept one finding of ``rule`` on ``construct`` (and its children) for ``reason``."""
    if len(reason.strip()) < MIN_REASON:
        raise ValueError(f"{rule}: write down why (at least {MIN_REASON} characters)")
    Validations.of(construct).acknowledge(Acknowledgment(id=rule, reason=reason))


def acknowledge_each(construct: IConstruct, rules: Iterable[str], reason: str) -> None:
    """Accept several findings for one reason (cdk-nag v3 matches finding ids exactly)."""
    for rule in rules:
        acknowledge(construct, rule, reason)


def check(app: App) -> None:
    """Run AwsSolutions on every stack; synth fails on any unacknowledged error."""
    Validations.of(app).add_plugins(AwsSolutionsChecks(app, verbose=True))
