"""The site an article comes from, for the UI-string catalogs and the reasons shown.

In order: what the user says (``--site``, ``[segmentation] site``), what the page says (a
URL on its first line, as scrapers store pages; the canonical link of an HTML page, which
the reader keeps in ``metadata["url"]``), and last a catalog string only one site shows.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Host prefixes that name no site of their own.
_NO_SITE_PREFIXES = ("www.", "m.")


def site_of_url(url: str) -> str | None:
    """``svoboda.org`` for ``https://www.svoboda.org/a/1.html``; None for no URL."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    for prefix in _NO_SITE_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host or None

