"""What `translate serve` was told: files, folders, engine, address and limits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

TOKEN_ENVIRONMENT = "TRANSLATE_SERVE_TOKEN"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeSettings:
    config_path: Path | None = None
    glossary_paths: tuple[Path, ...] = ()  # instead of the configured glossary files
    out_dirs: tuple[Path, ...] = ()  # batch output folders for QA review
    articles: tuple[Path, ...] = ()  # folders (or files) of articles for suggestions
    host: str = "127.0.0.1"
    port: int = 8080
    token: str | None = None  # required when host is not loopback
    engine: str | None = None
    model: str | None = None
    fallback: str | None = None
    chrome: str | None = None
    memory: bool = True  # the configured translation memory
    # Limits: a request body, the characters one /translate request may ask for.
    max_body_bytes: int = 2_000_000
    max_characters: int = 200_000
    # Batching: how long the queue waits for more requests after the first, and how many
    # texts go to the pipeline together at most.
    batch_wait: float = 0.02
    batch_texts: int = 256

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)
