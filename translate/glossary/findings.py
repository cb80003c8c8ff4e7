"""Findings: what lint and the loader report, with a severity and a file:line."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from translate.glossary.model import Origin


class Severity(str, enum.Enum):
    ERROR = "error"  # the glossary is wrong: lint exits non-zero
    WARNING = "warning"  # probably wrong, or works differently than it reads


@dataclass(frozen=True)
class Finding:
    severity: Severity
    check: str
    message: str
    origin: Origin | None = None

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.severity.value}: [{self.check}] {self.message}"
