"""What every check shares: severities, and registries of small named check functions.

QA checks on translations (:mod:`translate.qa`), glossary lint
(:mod:`translate.glossary.lint`) and catalog checks
(:mod:`translate.localisation.catalog_checks`) each keep a :class:`CheckRegistry`;
their functions yield findings with a :class:`Severity`, and a run collects them all
instead of stopping at the first.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, ItemsView, Iterator
from dataclasses import asdict, dataclass
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
class Finding:
    check: str
    severity: Severity
    message: str
    block: int | None = None
    segment: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "severity": self.severity.value}
