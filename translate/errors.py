"""One error hierarchy. Every message says what to do; the CLI maps classes to exit codes."""

from __future__ import annotations


class TranslateError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 1


class ConfigError(TranslateError):
    """A configuration file is malformed: the message names the file and the key."""

    exit_code = 2

    def __init__(self, message: str, *, path: object = None, key: str | None = None):
        where = ""
        if path is not None:
            where = f"{path}: "
        if key:
            where += f"{key}: "
        super().__init__(f"{where}{message}")
        self.path = path
        self.key = key


class UnsupportedLanguagePair(ConfigError):
    """No checkpoint (direct or through a pivot) is configured for a language pair."""


class UnknownLocaleError(TranslateError):
    """A language or locale code that babel does not know."""

    exit_code = 2


class InputError(TranslateError):
    """An input article cannot be read (missing, binary, undecodable, malformed)."""

    exit_code = 3


class ModelNotAvailable(TranslateError):
    """A checkpoint is neither a local directory nor cached, and cannot be downloaded."""

    exit_code = 4


class EngineError(TranslateError):
    """An engine failed while loading or translating."""

    exit_code = 5


class UnknownEngine(EngineError):
    """No engine is registered under the requested name."""

    exit_code = 2


class BatchIncomplete(TranslateError):
    """Some inputs of a batch failed; the others were translated (see the manifest)."""

    exit_code = 1


class FindingsAboveThreshold(TranslateError):
    """QA findings at or above the --fail-on severity."""

    exit_code = 6


class GlossaryError(TranslateError):
    """A glossary file is malformed, or a glossary check found terms not in an accepted form."""

    exit_code = 6


class TranslationMemoryError(TranslateError):
    """The translation memory file cannot be opened or is of another format."""
