"""The CDK app's one exception: a configuration that cannot deploy, raised before any construct."""

from __future__ import annotations


class ConfigError(ValueError):
    """An environment's configuration is inconsistent; raised before any construct is built."""
