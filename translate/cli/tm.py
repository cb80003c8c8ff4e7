"""`translate tm …`: look into the translation memory, export it, apply its limits."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

_config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML file over the defaults (its [memory] table says where the memory is).",
)
_path_option = click.option(
    "--memory", "memory_path", type=click.Path(dir_okay=False, path_type=Path),
    help="The memory file (default: [memory] path of the configuration).",
)


def _open(config_path: Path | None, memory_path: Path | None):
    from translate.config import load_config
    from translate.errors import ConfigError, InputError
    from translate.memory import MemorySettings, TranslationMemory

    settings = MemorySettings.from_config(load_config(config_path))
    path = memory_path or settings.path
    if path is None:
        raise ConfigError("the translation memory is off ([memory] path = \"off\"); pass --memory FILE")
    if not path.exists():
        raise InputError(f"{path}: no translation memory yet (`translate run` makes it)")
    return TranslationMemory(path, max_entries=settings.max_entries, max_age_days=settings.max_age_days)


@click.group("tm")
def tm() -> None:
    """The translation memory: segments translated once are never sent to the engine again."""


@tm.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_path_option
@_config_option
def stats(fmt, memory_path, config_path) -> None:
    """Entries and reuse per language pair and engine."""
    with _open(config_path, memory_path) as memory:
        report = memory.stats()
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(f"{report['path']}: {report['entries']} entries, {report['hits']} reuses, "
               f"{report['bytes'] / 1e6:.1f} MB")
    for row in report["contexts"]:
        last = time.strftime("%Y-%m-%d", time.localtime(row["last_used"])) if row["last_used"] else "-"
        click.echo(f"  {row['source']}-{row['target']}  {row['engine']}  {row['checkpoint']}  "
                   f"{row['entries']} entries, {row['hits']} reuses, last used {last}")


@tm.command("export")
@click.argument("output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--from", "source", help="Only this source language.")
@click.option("--to", "target", help="Only this target language.")
@_path_option
@_config_option
def export(output, source, target, memory_path, config_path) -> None:
    """Write the memory (or one language pair of it) to OUTPUT as TMX 1.4 ("-": stdout).

    Units that hold placeholders (a date as ⟦Q1⟧, a glossary term as 701: what the engine was
    given) are left out and counted: a CAT tool cannot put them back."""
    from translate.io.tmx import write_tmx
    from translate.io.writers import write_atomic
    from translate.locales import language_of

    source = language_of(source) if source else None
    target = language_of(target) if target else None
    with _open(config_path, memory_path) as memory:
        entries = memory.entries(source, target)
        try:
            if str(output) == "-":
                exported = write_tmx(sys.stdout, entries, source_language=source)
            else:
                import io

                buffer = io.StringIO()
                exported = write_tmx(buffer, entries, source_language=source)
        finally:
            entries.close()  # before the connection closes, also when the reader went away
    if str(output) != "-":
        write_atomic(output, buffer.getvalue())
    left_out = (f"; {exported.left_out} left out: they hold placeholders (dates, numbers, glossary terms as "
                "⟦Q1⟧ or 701) that a CAT tool cannot put back" if exported.left_out else "")
    click.echo(f"{output}: {exported.written} translation units{left_out}", err=str(output) == "-")


@tm.command("prune")
@_path_option
@_config_option
def prune(memory_path, config_path) -> None:
    """Remove entries beyond [memory] max_age_days and max_entries now (runs do it too)."""
    with _open(config_path, memory_path) as memory:
        removed = memory.prune()
    click.echo(f"{removed} entries removed")
