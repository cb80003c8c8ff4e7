"""Translation memory: a SQLite cache of translated segments, as a Translator wrapper.

A segment is looked up by its context — engine, checkpoint and revision, languages,
target token, decoding settings (the wrapped translator's ``signature()``, so a glossary
or pivot wrapped inside contributes its version too) — and its normalised text (NFC,
whitespace collapsed). Found segments never reach the engine; the rest are translated
in one call and stored. Settings that do not change the output (batch sizes, threads,
device) are left out of the context, so changing them keeps the memory.

Several processes may share one memory: the file is in WAL mode (readers never block),
writes are short ``BEGIN IMMEDIATE`` transactions, and the first translation stored for a
segment is kept. Threads of one process (``translate batch -j``) share one connection,
one at a time. Entries carry when they were made and last used; :meth:`prune` applies
the size and age limits (least recently used go first).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self, TypeVar

from translate.engines.base import Translation, Translator, Wrapper
from translate.environment import memory_problem, os_error_message
from translate.errors import ConfigError, TranslationMemoryError
from translate.user_cache import user_cache_dir

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEMA_VERSION = 1
# GenerationSettings fields that change speed or memory, not the translation.
RUNTIME_SETTINGS = frozenset({"batch_size", "max_batch_tokens", "threads", "device"})
_LOOKUP_CHUNK = 500  # SQLite host parameters per query, well under its limit
_OPEN_TIMEOUT = 60.0  # seconds to wait for another process's write or setup
_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS contexts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    engine TEXT,
    checkpoint TEXT,
    signature TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS entries (
    context INTEGER NOT NULL REFERENCES contexts(id),
    segment TEXT NOT NULL,
    translation TEXT NOT NULL,
    created REAL NOT NULL,
    used REAL NOT NULL,
    hits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (context, segment)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS entries_used ON entries(used)",
]


def normalise(text: str) -> str:
    """The form a segment is stored and translated in: NFC, whitespace runs collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _without_runtime(signature: Any) -> Any:
    """``signature`` with the settings that do not change output taken out, at any depth."""
    if isinstance(signature, dict):
        return {
            key: _without_runtime(value)
            for key, value in signature.items()
            if not (key in RUNTIME_SETTINGS and not isinstance(value, (dict, list)))
        }
    if isinstance(signature, list):
        return [_without_runtime(value) for value in signature]
    return signature


def context_key(source: str, target: str, signature: dict[str, object]) -> str:
    """A stable hash of what decides a translation besides the segment itself."""
    blob = json.dumps(
        {"source": source, "target": target, "translator": _without_runtime(signature)},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass(frozen=True)
class MemorySettings:
    path: Path | None  # None: no translation memory
    max_entries: int = 2_000_000
    max_age_days: int = 365

    @classmethod
    def from_config(cls, config) -> MemorySettings:
        """The ``[memory]`` table of a loaded :class:`~translate.config.Config`."""
        table = config.raw.get("memory", {})
        for key in ("max_entries", "max_age_days"):
            if table.get(key, 1) < 1:
                raise ConfigError("must be at least 1", path=config.path, key=f"memory.{key}")
        raw_path = table.get("path", "auto")
        if raw_path == "off":
            path = None
        elif raw_path in ("auto", ""):
            path = user_cache_dir() / "memory.sqlite"
        else:
            path = Path(raw_path).expanduser()
        return cls(path, table.get("max_entries", 2_000_000), table.get("max_age_days", 365))


def _serialised(method: Callable[..., T]) -> Callable[..., T]:
    """One thread at a time on the memory's connection (threads of `translate batch -j`); an
    SQLite error (a damaged page found mid-run, a full disk) names the file and the ways out."""

    @functools.wraps(method)
    def serialised(self: TranslationMemory, *args: Any, **kwargs: Any) -> T:
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as error:
                raise memory_problem(error, self.path) from None

    return serialised


class TranslationMemory:
    """One SQLite file of translated segments, grouped by context."""

    def __init__(self, path: str | Path, *, max_entries: int = 2_000_000, max_age_days: int = 365):
        self.path = Path(path)
        self.max_entries = max_entries
        self.max_age_days = max_age_days
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    @classmethod
    def from_settings(cls, settings: MemorySettings) -> TranslationMemory | None:
        if settings.path is None:
            return None
        return cls(settings.path, max_entries=settings.max_entries, max_age_days=settings.max_age_days)

    # --- connection ------------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        with self._lock:
            if self._connection is None:
                self._connection = self._connect()
            return self._connection

    def _connect(self) -> sqlite3.Connection:
        if self.path.exists() and not self.path.is_file():  # a folder, FIFO or device: SQLite says "disk I/O error"
            raise TranslationMemoryError(f"{self.path}: translation memory: not a file; name a file ([memory] path)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Switching a new file to WAL needs it to itself, and SQLite answers "locked" at once
            # rather than wait when another process is doing the same: retry for a while.
            deadline = time.monotonic() + _OPEN_TIMEOUT
            while True:
                try:
                    return self._open()
                except sqlite3.OperationalError as error:
                    if "locked" not in str(error) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
        except sqlite3.Error as error:
            raise memory_problem(error, self.path) from None
        except OSError as error:
            raise TranslationMemoryError(f"translation memory: {os_error_message(error, self.path.parent)}") from None

    def _open(self) -> sqlite3.Connection:
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE, see _transaction).
        connection = sqlite3.connect(self.path, timeout=_OPEN_TIMEOUT, isolation_level=None, check_same_thread=False)
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise TranslationMemoryError(
                    f"{self.path}: translation memory of format {version}, this version reads {SCHEMA_VERSION}; "
                    "move it away or run with --no-cache"
                )
            if version == 0:
                with _transaction(connection):
                    for statement in _SCHEMA:
                        connection.execute(statement)
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            connection.close()
            raise
        return connection

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- contexts and entries -------------------------------------------------------

    @_serialised
    def context(self, source: str, target: str, signature: dict[str, object]) -> int:
        """The id of the context for this direction and translator, created on first use."""
        key = context_key(source, target, signature)
        row = self.connection.execute("SELECT id FROM contexts WHERE key = ?", (key,)).fetchone()
        if row:
            return row[0]
        hops = signature.get("hops") if isinstance(signature.get("hops"), list) else [signature]
        engine = "+".join(str(hop.get("engine")) for hop in hops if isinstance(hop, dict))
        checkpoint = " → ".join(str(hop.get("checkpoint")) for hop in hops if isinstance(hop, dict))
        with _transaction(self.connection):
            self.connection.execute(
                "INSERT OR IGNORE INTO contexts (key, source, target, engine, checkpoint, signature) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (key, source, target, engine, checkpoint, json.dumps(signature, sort_keys=True, default=str)),
            )
        return self.connection.execute("SELECT id FROM contexts WHERE key = ?", (key,)).fetchone()[0]

    @_serialised
    def lookup(self, context: int, segments: Sequence[str]) -> dict[str, str]:
        """Stored translations of ``segments`` (normalised) in ``context``; hits are recorded."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(segments))
        for start in range(0, len(unique), _LOOKUP_CHUNK):
            chunk = unique[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(
                f"SELECT segment, translation FROM entries WHERE context = ? AND segment IN ({marks})",
                (context, *chunk),
            )
            found.update(rows)
        if found:
            now = time.time()
            with _transaction(self.connection):
                self.connection.executemany(
                    "UPDATE entries SET hits = hits + 1, used = ? WHERE context = ? AND segment = ?",
                    [(now, context, segment) for segment in found],
                )
        return found

    @_serialised
    def store(self, context: int, pairs: Sequence[tuple[str, str]]) -> None:
        """Store (segment, translation) pairs; a segment stored already keeps its translation."""
        if not pairs:
            return
        now = time.time()
        with _transaction(self.connection):
            self.connection.executemany(
                "INSERT OR IGNORE INTO entries (context, segment, translation, created, used) VALUES (?, ?, ?, ?, ?)",
                [(context, segment, translation, now, now) for segment, translation in pairs],
            )

    @_serialised
    def prune(self, now: float | None = None) -> int:
        """Remove entries unused for ``max_age_days``, then the least recently used beyond ``max_entries``."""
        now = time.time() if now is None else now
        with _transaction(self.connection):
            removed = self.connection.execute(
                "DELETE FROM entries WHERE used < ?", (now - self.max_age_days * 86400,)
            ).rowcount
            excess = self.connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0] - self.max_entries
            if excess > 0:
                removed += self.connection.execute(
                    "DELETE FROM entries WHERE (context, segment) IN "
                    "(SELECT context, segment FROM entries ORDER BY used LIMIT ?)",
                    (excess,),
                ).rowcount
            self.connection.execute("DELETE FROM contexts WHERE id NOT IN (SELECT DISTINCT context FROM entries)")
        return removed

    # --- reporting ------------------------------------------------------------------

    @_serialised
    def stats(self) -> dict[str, object]:
        """Totals and one row per context: languages, engine, checkpoint, entries, hits, dates."""
        rows = self.connection.execute(
            "SELECT c.source, c.target, c.engine, c.checkpoint, COUNT(e.segment), COALESCE(SUM(e.hits), 0), "
            "MIN(e.created), MAX(e.used) FROM contexts c LEFT JOIN entries e ON e.context = c.id "
            "GROUP BY c.id ORDER BY c.source, c.target, c.engine"
        ).fetchall()
        contexts = [
            dict(zip(("source", "target", "engine", "checkpoint", "entries", "hits", "oldest", "last_used"), row))
            for row in rows
        ]
        size = sum(path.stat().st_size for path in self.path.parent.glob(self.path.name + "*") if path.is_file())
        return {
            "path": str(self.path),
            "bytes": size,
            "entries": sum(int(c["entries"]) for c in contexts),
            "hits": sum(int(c["hits"]) for c in contexts),
            "contexts": contexts,
        }

    def entries(self, source: str | None = None, target: str | None = None) -> Iterator[tuple]:
        """(source, target, engine, checkpoint, segment, translation, created, used, hits), oldest first."""
        query = (
            "SELECT c.source, c.target, c.engine, c.checkpoint, e.segment, e.translation, e.created, e.used, e.hits "
            "FROM entries e JOIN contexts c ON c.id = e.context WHERE (? IS NULL OR c.source = ?) "
            "AND (? IS NULL OR c.target = ?) ORDER BY e.created, e.segment"
        )
        try:
            yield from self.connection.execute(query, (source, source, target, target))
        except sqlite3.Error as error:
            raise memory_problem(error, self.path) from None


class _transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error): one writer at a time, waiting its turn."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *exc) -> None:
        self.connection.execute("ROLLBACK" if exc_type else "COMMIT")


class MemoryTranslator(Wrapper):
    """Wraps a translator: segments in the memory are answered from it, the rest translated and stored.

    The key is the wrapped translator's signature (what is inside it decides the output).
    ``hits`` and ``misses`` count segments (after normalisation and deduplication within a call).
    The memory keeps text only: a segment it answers comes without the facts the wrapped
    translator found when it was first made (the wrappers that find them sit outside it).
    """

    def __init__(self, inner: Translator, memory: TranslationMemory):
        super().__init__(inner)
        self.memory = memory
        self.hits = 0
        self.misses = 0
        self._context: int | None = None
        self._counting = threading.Lock()

    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        if self._context is None:
            self._context = self.memory.context(self.source, self.target, self.inner.signature())
        keys = [normalise(text) for text in texts]
        wanted = [key for key in dict.fromkeys(keys) if key]
        found = self.memory.lookup(self._context, wanted)
        missing = [key for key in wanted if key not in found]
        with self._counting:
            self.hits += len(wanted) - len(missing)
            self.misses += len(missing)
        answered = {key: Translation(text) for key, text in found.items()}
        if missing:
            translations = self.inner.translate_full(missing)
            self.memory.store(self._context, [(key, translation.text) for key, translation in zip(missing, translations)])
            answered.update(zip(missing, translations))
        # Blank inputs come back as they were, as engines return them.
        return [answered[key] if key else Translation(text) for key, text in zip(keys, texts)]
