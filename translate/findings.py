"""What every check shares: severities, and registries of small named check functions.

QA checks on translations (:mod:`translate.qa`), glossary lint
(:mod:`translate.glossary.lint`) and catalog checks
(:mod:`translate.localisation.catalog_checks`) each keep a :class:`CheckRegistry`;
their functions yield findings with a :class:`Severity`, and a run collects them all
instead of stopping at the first. One :class:`Finding` type serves them all, located
by file and line or by block and segment.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, ItemsView, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, TypeVar


class Severity(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

CheckFunction = TypeVar("CheckFunction", bound=Callable[..., object])


class CheckRegistry(Generic[CheckFunction]):
    """Check functions by name, in the order they were registered."""

    def __init__(self) -> None:
        self._checks: dict[str, CheckFunction] = {}

    def register(self, name: str) -> Callable[[CheckFunction], CheckFunction]:
        """A decorator that registers the function under ``name``."""

        def register(function: CheckFunction) -> CheckFunction:
            self._checks[name] = function
            return function

        return register

    def items(self) -> ItemsView[str, CheckFunction]:
        return self._checks.items()

    def __iter__(self) -> Iterator[str]:
        return iter(self._checks)

    def __contains__(self, name: object) -> bool:
        return name in self._checks

    def __len__(self) -> int:
        return len(self._checks)


@dataclass(frozen=True)
class Location:
    """Where a finding is: a file and line (glossary lint, catalog checks), or a block and
    segment of an article (QA). Either part may be missing."""

    path: Path | None = None
    line: int | None = None
    block: int | None = None
    segment: int | None = None

    def __str__(self) -> str:
        if self.path is not None:
            return f"{self.path}:{self.line}" if self.line else str(self.path)
        parts = [f"block {self.block}" if self.block is not None else "",
                 f"segment {self.segment}" if self.segment is not None else ""]
        return ", ".join(part for part in parts if part)


NOWHERE = Location()


@dataclass(frozen=True)
class Finding:
    """One result of any check: what (``code``, e.g. "numbers", "glossary.failed",
    "bad-form"), how bad, what to do, and where."""

    code: str
    severity: Severity
    message: str
    location: Location = NOWHERE

    def at(self, **where: object) -> Finding:
        """The same finding at another location (e.g. the block and segment it was found on)."""
        return replace(self, location=replace(self.location, **where))  # type: ignore[arg-type]

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location != NOWHERE else ""
        return f"{where}{self.severity.value}: [{self.code}] {self.message}"

    def as_dict(self) -> dict[str, object]:
        """For JSON reports: the code under "check" (the name reports have always used)."""
        data: dict[str, object] = {"check": self.code, "severity": self.severity.value, "message": self.message}
        location = self.location
        if location.path is not None:
            data.update(file=str(location.path), line=location.line)
        else:
            data.update(block=location.block, segment=location.segment)
        return data


def errors_of(findings: Iterable[Finding]) -> list[Finding]:
    """The findings of severity error, in order."""
    return [finding for finding in findings if finding.severity is Severity.ERROR]
