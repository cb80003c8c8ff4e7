"""One checker for the TOML tables of the configuration and of the glossary files.

A :class:`Table` names the keys a table may hold and what each holds: a :class:`Kind`
of value, or another :class:`Table`. :func:`check` walks the data and returns every
:class:`Problem`: the key's dotted path and what is wrong; for an unknown key, the
nearest valid one ("did you mean 'num_beams'?"). The caller names the file: the
configuration raises the first problem as a ConfigError, a glossary reports each as a
finding at its line.

Why no schema library: jsonschema, cerberus and pydantic each word their own messages
(an unknown key is "Additional properties are not allowed"), none suggests the near
match, and mapping their errors back to these messages would take more code than this
walk does.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Kind:
    """A kind of value: how messages name it, the test a value must pass, and for numbers the
    range it must lie in (a setting such as ``num_beams = 100000000000000000`` is a typo)."""

    name: str
    accepts: Callable[[Any], bool]
    bounds: tuple[float, float] | None = None

    def between(self, low: float, high: float) -> Kind:
        """This kind of number, from ``low`` to ``high`` (both included)."""
        return Kind(self.name, self.accepts, (low, high))


@dataclass(frozen=True)
class Table:
    """The keys a table may hold and what each holds.

    ``others``: what a table under any other name holds (a language pair of the
    configuration's [models], a language of a glossary entry). A plain value under
    another name is an unknown key, unless the table has no named keys at all.
    """

    keys: Mapping[str, Kind | Table] = field(default_factory=dict)
    others: Table | None = None
    name: str = "a table"


@dataclass(frozen=True)
class Problem:
    key: tuple[str, ...]
    message: str

    @property
    def dotted(self) -> str:
        return ".".join(self.key)

    def __str__(self) -> str:
        return f"{self.dotted}: {self.message}" if self.key else self.message


def _no_bool(types: tuple[type, ...]) -> Callable[[Any], bool]:
    # TOML's true/false are not numbers, though Python's bool is an int.
    return lambda value: isinstance(value, types) and not isinstance(value, bool)


STRING = Kind("a string", lambda value: isinstance(value, str))
INTEGER = Kind("an integer", _no_bool((int,)))
NUMBER = Kind("a number", _no_bool((int, float)))
BOOLEAN = Kind("true or false", lambda value: isinstance(value, bool))
STRINGS = Kind('a list of strings, e.g. ["…", "…"]',
               lambda value: isinstance(value, list) and all(isinstance(item, str) for item in value))

_VALUE_NAMES = {str: "a string", int: "an integer", float: "a number", list: "a list", dict: "a table",
                datetime.datetime: "a date and time", datetime.date: "a date", datetime.time: "a time"}


def _shown(number: float) -> str:
    return str(number) if isinstance(number, int) else f"{number:g}"


def describe(value: Any) -> str:
    """A value's kind as a message names it ("a string"); true and false as themselves."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _VALUE_NAMES.get(type(value), type(value).__name__)


def unknown_key(key: tuple[str, ...], valid: Iterable[str]) -> Problem:
    valid = sorted(valid)
    near = difflib.get_close_matches(key[-1], valid, n=1)
    hint = f"did you mean {near[0]!r}?" if near else f"valid keys: {', '.join(valid)}"
    return Problem(key, f"unknown key; {hint}")


def check(value: Any, schema: Kind | Table, key: tuple[str, ...] = ()) -> list[Problem]:
    """Every problem of ``value`` (found at ``key``) against ``schema``, in the order written."""
    if isinstance(schema, Kind):
        if not schema.accepts(value):
            return [Problem(key, f"must be {schema.name}, not {describe(value)}")]
        if schema.bounds is not None and not schema.bounds[0] <= value <= schema.bounds[1]:
            low, high = (_shown(bound) for bound in schema.bounds)
            return [Problem(key, f"must be {schema.name} from {low} to {high}, not {_shown(value)}")]
        return []
    if not isinstance(value, dict):
        return [Problem(key, f"must be {schema.name}, not {describe(value)}")]
    problems: list[Problem] = []
    for name, item in value.items():
        where = (*key, name)
        if name in schema.keys:
            problems += check(item, schema.keys[name], where)
        elif schema.others is not None and (isinstance(item, dict) or not schema.keys):
            problems += check(item, schema.others, where)
        else:
            problems.append(unknown_key(where, schema.keys))
    return problems
