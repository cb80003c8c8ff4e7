"""Findings: what lint and the loader report, with a severity and a file:line."""

from __future__ import annotations

from dataclasses import dataclass

from translate.findings import Severity
from translate.glossary.model import Origin

__all__ = ["Finding", "Severity"]


@dataclass(frozen=True)
class Finding:
    """ERROR: the glossary is wrong (lint exits non-zero); WARNING: probably wrong, or works
    differently than it reads."""

    severity: Severity
    check: str
    message: str
    origin: Origin | None = None

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.severity.value}: [{self.check}] {self.message}"
