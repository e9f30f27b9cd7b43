"""ingest's exception tree.

IngestError
└── SourceError   the source is not the LFT, is empty, truncated, or unreadable
"""

from __future__ import annotations


class IngestError(Exception):
    """Base of every error raised by ingest."""


class SourceError(IngestError):
    pass
