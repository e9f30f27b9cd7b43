"""Is a POST that starts a login same-origin? Refuses another site's page that auto-submits a
link (its own, for a victim signed in at the provider) and checks the shape of anonymous input.

Pure functions of the request's headers and values: no I/O, nothing stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

# A genuine state, link token or authorization code: base64url (Cognito's codes are UUIDs),
# bounded. Anything else is refused before it is hashed, stored or sent to the provider.
_TOKEN = re.compile(r"[A-Za-z0-9_\-.~]{1,512}")
# OAuth error codes (RFC 6749 §4.1.2.1): what is logged of the provider's ``error``.
_OAUTH_ERROR = re.compile(r"[a-z_]{1,64}")
_FETCH_SITES = ("same-origin", "same-site", "cross-site", "none")


def well_formed(value: str) -> bool:
    return bool(_TOKEN.fullmatch(value))


def loggable_error(value: str) -> str:
    """The provider's ``error`` when it looks like an OAuth error code, else ``"other"``."""
    return value if _OAUTH_ERROR.fullmatch(value) else "other"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def cross_site_reason(headers: Mapping[str, str], *, public_url: str) -> str | None:
    """Why this POST is refused as cross-site (safe to log), or None when it may proceed.

    ``Sec-Fetch-Site`` (set by the browser, not by the page) decides when present: only
    ``same-origin``. Without it (Safari before 16.4), ``Origin`` must be this site
    (``public_url``, or the host the browser addressed); ``null`` is refused (the link page's
    ``same-origin`` referrer policy makes its own POST send a real one). A request with neither
    comes from a browser too old to send them (every current browser sends ``Origin`` on a
    cross-origin form POST), so it proceeds: refusing it would lock out workers on old phones,
    and the code page still names the chat and warns never to share the code.
    """
    site = headers.get("sec-fetch-site")
    if site is not None:
        if site == "same-origin":
            return None
        return f"sec-fetch-site {site if site in _FETCH_SITES else 'other'}"
    origin = headers.get("origin")
    if origin is None:
        return None
    if origin.lower() == _origin(public_url):
        return None
    host = headers.get("host", "")
    if host and urlsplit(origin).netloc.lower() == host.lower():
        return None
    return "origin"
