"""One error hierarchy and one table of exit codes. Every message says what to do.

Each error class names its :class:`ExitCode`; the CLI (``translate.cli.TranslateGroup``)
turns an error into one line on stderr and that code, in one place. ``translate --help``
and README.md show the table, generated from :class:`ExitCode`.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """What the exit status of ``translate`` means (each code's ``meaning`` is its help text)."""

    OK = 0
    PARTIAL = 1
    USAGE = 2
    CONFIG = 3
    INPUT = 4
    MODEL = 5
    FINDINGS = 6
    ENVIRONMENT = 7
    INTERNAL = 70
    INTERRUPTED = 130

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.OK: "done",
    ExitCode.PARTIAL: "some inputs failed, the others were done",
    ExitCode.USAGE: "bad command line: option, language code, engine name",
    ExitCode.CONFIG: "bad configuration or glossary file, or no such entry",
    ExitCode.INPUT: "an input cannot be read; nothing was done",
    ExitCode.MODEL: "checkpoint missing, or the engine failed to load or run",
    ExitCode.FINDINGS: "findings at or above the threshold (--fail-on, lint, checks)",
    ExitCode.ENVIRONMENT: "disk full, output not writable, translation memory damaged, cluster unreachable",
    ExitCode.INTERNAL: "a bug: please report it (-vv shows the traceback)",
    ExitCode.INTERRUPTED: "Ctrl-C: rerun the same command to finish",
}


def exit_code_table() -> list[str]:
    """The table as lines ``CODE  NAME  meaning`` (for --help and README.md)."""
    return [f"{code.value:>3}  {code.name:<11}  {code.meaning}" for code in sorted(ExitCode)]


class TranslateError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL


class UsageError(TranslateError):
    """The command line asks for something that does not exist (a language code, an engine)."""

    exit_code = ExitCode.USAGE


class ConfigError(TranslateError):
    """A configuration file is malformed: the message names the file and the key."""

    exit_code = ExitCode.CONFIG

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


class UnknownLocaleError(UsageError):
    """A language or locale code that babel does not know."""


class GlossaryError(ConfigError):
    """A glossary file is missing or malformed, or names no such entry."""


class EditConflict(GlossaryError):
    """A glossary file changed between reading it for an edit and writing the edit back."""


class InputError(TranslateError):
    """An input article cannot be read (missing, binary, undecodable, malformed)."""

    exit_code = ExitCode.INPUT


class EngineError(TranslateError):
    """An engine failed while loading or translating."""

    exit_code = ExitCode.MODEL


class ConversionUnavailable(EngineError):
    """A checkpoint cannot be converted for CTranslate2 here (no converter, an architecture it
    does not know, nowhere to write): the pipeline falls back to the marian engine, saying so."""


class ModelNotAvailable(TranslateError):
    """A checkpoint is neither a local directory nor cached, and cannot be downloaded.

    Not an :class:`EngineError`: a batch stops on it instead of failing article after article."""

    exit_code = ExitCode.MODEL


class PlaceholderError(TranslateError):
    """No placeholder scheme of a wrapper survives the checkpoint's vocabulary: the chain is
    refused when the engine loads (a batch stops, as for a missing checkpoint)."""

    exit_code = ExitCode.MODEL


class UnknownEngine(UsageError):
    """No engine is registered under the requested name."""


class BatchIncomplete(TranslateError):
    """Some inputs of a batch failed; the others were translated (see the manifest)."""

    exit_code = ExitCode.PARTIAL


class FindingsAboveThreshold(TranslateError):
    """Findings at or above the threshold: --fail-on, glossary lint errors, glossary check
    problems, ui check problems. The findings themselves were printed or reported already."""

    exit_code = ExitCode.FINDINGS


class EnvironmentProblem(TranslateError):
    """The machine refuses: disk full, output read-only or not permitted, a damaged file of ours."""

    exit_code = ExitCode.ENVIRONMENT


class ClusterUnavailable(EnvironmentProblem):
    """`--cluster`: the scheduler cannot be reached, no worker joined it, or the workers keep dying.

    ENVIRONMENT rather than USAGE: the address is well formed (a malformed one is a usage
    error); what refuses is the network or the cluster, and the same command works once it is up."""


class OutputFolderBusy(EnvironmentProblem):
    """Another batch is writing to the same output folder (it holds OUT/.translate/lock)."""


class TranslationMemoryError(EnvironmentProblem):
    """The translation memory file cannot be opened, is damaged, or is of another format."""
