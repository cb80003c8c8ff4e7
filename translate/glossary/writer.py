"""Glossary entries as TOML text, written the same way every time (stable diffs).

Keys come in a fixed order and defaults are left out; a list goes on one line when it
fits and one item per line otherwise, so adding a form is a one-line diff.
"""

from __future__ import annotations

from translate.glossary.model import Entry, GlossaryFile, Rendering

_WIDTH = 88

FILE_COMMENT = """\
# Glossary: one [term.ID] table per concept, one [term.ID.LANG] table per target language.
# Format and matching rules: translate/glossary/store.py; check with `translate glossary lint`.
"""


def toml_string(value: str) -> str:
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _value(key: str, value: object) -> list[str]:
    if isinstance(value, bool):
        return [f"{key} = {'true' if value else 'false'}"]
    if isinstance(value, str):
        return [f"{key} = {toml_string(value)}"]
    items = [toml_string(item) for item in value]  # a list of strings
    one_line = f"{key} = [{', '.join(items)}]"
    if len(one_line) <= _WIDTH:
        return [one_line]
    return [f"{key} = [", *(f"    {item}," for item in items), "]"]


def render_entry(entry: Entry) -> str:
    lines = [f"[term.{entry.id}]"]
    lines += _value("term", entry.term)
    if entry.variants:
        lines += _value("variants", entry.variants)
    if entry.short:
        lines += _value("short", entry.short)
    lines += _value("type", entry.type)
    if entry.case != "auto":
        lines += _value("case", entry.case)
    if entry.do_not_translate:
        lines += _value("do_not_translate", True)
    if entry.notes:
        lines += _value("notes", entry.notes)
    for rendering in entry.renderings:
        lines += ["", *_rendering_lines(entry.id, rendering)]
    return "\n".join(lines) + "\n"


# The optional keys of a rendering, in the order a file lists them.
_RENDERING_KEYS = ("short", "forms", "stems", "suffixes", "inflect", "avoid", "notes")
_WRITTEN_WHEN_SET = {"short", "inflect"}


def _rendering_lines(entry_id: str, rendering: Rendering) -> list[str]:
    lines = [f"[term.{entry_id}.{rendering.language}]"]
    lines += _value("preferred", rendering.preferred)
    for key in _RENDERING_KEYS:
        value = getattr(rendering, key)
        # short and inflect are written whenever set (False is a choice); the rest when not empty.
        if (value is not None) if key in _WRITTEN_WHEN_SET else bool(value):
            lines += _value(key, value)
    for key in ("cases", "short_cases"):
        if getattr(rendering, key):
            lines += ["", f"[term.{entry_id}.{rendering.language}.{key}]"]
            for case, form in getattr(rendering, key):
                lines += _value(case, form)
    return lines


def render_file(glossary: GlossaryFile, comment: str = FILE_COMMENT) -> str:
    parts = [comment.rstrip("\n") + "\n\n" if comment else ""]
    parts.append("[glossary]\n")
    parts.append("\n".join(_value("source", glossary.source)) + "\n")
    parts.append("\n".join(_value("languages", glossary.languages)) + "\n")
    for entry in glossary.entries:
        parts.append("\n" + render_entry(entry))
    return "".join(parts)
