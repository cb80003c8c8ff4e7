"""An edit of one entry, checked before it is written, and written only over the version it was made on.

The editing commands and the editors' web page (``translate serve``) both change a
glossary file through :mod:`translate.glossary.editing` (tomlkit), then:

- :func:`check_edit` lints the file as it would be written (with the other glossary files
  beside it, so clashes between files count) and keeps the findings inside the entry's
  lines: errors block saving, warnings are shown;
- :func:`save_edit` writes it atomically, but only when the file is still the version the
  edit was made on (:func:`file_version`, a hash of its bytes): a file changed in the
  meantime (another editor, another tab, a ``git pull``) is an :class:`EditConflict`, never a
  lost edit.
"""

from __future__ import annotations

import difflib
import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit
from tomlkit.toml_document import TOMLDocument

from translate.errors import EditConflict, GlossaryError
from translate.findings import Finding, Severity, errors_of
from translate.glossary.editing import read_document, remove_entry, write_document
from translate.glossary.lint import lint_parsed
from translate.glossary.store import parse_file, parse_text
from translate.io.writers import write_atomic

# Saves in one process take turns: the version check and the write are one step.
_saving = threading.Lock()


def file_version(path: Path) -> str:
    """A short hash of the file's bytes ("" when there is no such file)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ""
    return hashlib.sha256(data).hexdigest()[:20]


def _read_text(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        return ""


@dataclass
class CheckedEdit:
    """A file's new text for an edit of ``entry_id``, and what lint says about that entry."""

    path: Path
    entry_id: str
    old_text: str
    new_text: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return errors_of(self.findings)

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity is not Severity.ERROR]

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    def diff(self, context: int = 2) -> list[str]:
        """The unified diff of the file, before and after the edit (lines without line ends)."""
        name = self.path.name
        return [line.rstrip("\n") for line in difflib.unified_diff(
            self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True),
            fromfile=name, tofile=f"{name} (edited)", n=context)]


def check_edit(path: Path, document: TOMLDocument, entry_id: str, others: list[Path] = ()) -> CheckedEdit:
    """The edit ``document`` makes to ``path``, linted with the glossary files ``others`` (the
    configured ones, in order; ``path`` among them is replaced by the edit); the findings
    kept are those on the lines of ``entry_id`` in the new text."""
    new_text = tomlkit.dumps(document)
    parsed = parse_text(new_text, path)
    files = [parsed if other.resolve() == path.resolve() else parse_file(other) for other in others if other.exists()]
    if not any(item is parsed for item in files):
        files.append(parsed)
    first, last = parsed.source_map.span("term", entry_id)
    findings = [finding for finding in lint_parsed(files)
                if finding.location.path == path and first <= (finding.location.line or 0) <= last]
    return CheckedEdit(path, entry_id, _read_text(path), new_text, findings)


def save_edit(edit: CheckedEdit, expected_version: str | None) -> str:
    """Write the edit unless lint found errors in the entry, or the file is no longer the
    version ``expected_version`` (None: do not check); the file's new version."""
    if edit.errors:
        raise GlossaryError(f"{edit.path.name} not changed: {len(edit.errors)} lint error(s) in {edit.entry_id!r}: "
                            + "; ".join(finding.message for finding in edit.errors[:3]))
    with _saving:
        current = file_version(edit.path)
        if expected_version is not None and current != expected_version:
            raise EditConflict(f"{edit.path.name} changed since this edit began (someone else saved it, or another "
                               "tab did); nothing was written. Reload the entry, then make the edit again.")
        if _read_text(edit.path) != edit.old_text:  # changed after check_edit read it
            raise EditConflict(f"{edit.path.name} changed while this edit was checked; nothing was written. "
                               "Reload the entry, then make the edit again.")
        write_atomic(edit.path, edit.new_text)
        return file_version(edit.path)


def remove_saved(path: Path, entry_id: str, expected_version: str) -> str:
    """Remove ``entry_id`` from ``path`` unless the file is no longer ``expected_version``
    (checked and written in turn with saves); the file's new version."""
    with _saving:
        document = read_document(path)
        if file_version(path) != expected_version:
            raise EditConflict(f"{path.name} changed since this page was loaded; nothing was removed. "
                               "Reload the entry and try again.")
        if not remove_entry(document, entry_id):
            raise GlossaryError(f"no entry {entry_id!r} in {path.name}")
        write_document(path, document)
        return file_version(path)
