"""`translate glossary export | import`: glossaries to and from CSV and TBX-Basic."""

from __future__ import annotations

from pathlib import Path

import click

from translate.cli.glossary import glossary_option, load_combined, shown
from translate.cli.options import config_option


@click.command("export")
@click.argument("destination", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "tbx"]), help="Default: from DESTINATION's suffix.")
@config_option
@glossary_option
def export(destination, fmt, config_path, glossary_paths) -> None:
    """Export the glossary (the configured files combined, or --glossary FILE) as CSV or TBX-Basic.

    DESTINATION '-' writes to standard output.
    """
    from translate.glossary.model import GlossaryFile
    from translate.io.interchange import export_glossary, format_of
    from translate.io.writers import write_atomic

    combined = load_combined(config_path, glossary_paths)
    if len(combined.files) == 1:
        single = combined.files[0]
    else:
        single = GlossaryFile(destination, combined.source, combined.languages, list(combined.entries))
    fmt = fmt or ("csv" if str(destination) == "-" else None)
    text = export_glossary(single, format_of(destination, fmt))
    if str(destination) == "-":
        click.echo(text, nl=False)
        return
    write_atomic(destination, text)
    click.echo(f"exported {len(single.entries)} entries to {shown(destination)}")


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--into", "into", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The glossary file (TOML) to write or add to.")
@click.option("--format", "fmt", type=click.Choice(["csv", "tbx"]), help="Default: from SOURCE's suffix.")
@click.option("--overwrite", is_flag=True, help="Replace entries whose id is already in the file.")
def import_(source, into, fmt, overwrite) -> None:
    """Import a CSV or TBX glossary into a glossary file (created if absent)."""
    import tomlkit

    from translate.errors import GlossaryError
    from translate.glossary.editing import entry_data, entry_table, put_entry, read_document, render_file
    from translate.glossary.store import parse_text
    from translate.io.interchange import format_of, import_glossary
    from translate.io.writers import write_atomic

    imported = import_glossary(source, format_of(source, fmt))
    if not into.exists():
        imported.path = into
        text = render_file(imported)
    else:
        document = read_document(into)
        clashes = [entry.id for entry in imported.entries if entry_data(document, entry.id) is not None]
        if clashes and not overwrite:
            raise GlossaryError(f"{shown(into)} already has {', '.join(clashes)}; pass --overwrite to replace them")
        for entry in imported.entries:
            put_entry(document, entry.id, entry_table(entry))
        text = tomlkit.dumps(document)
    parsed = parse_text(text, into)
    if parsed.errors:
        raise GlossaryError(f"{shown(into)} not written: " + "; ".join(str(f) for f in parsed.errors[:5]))
    write_atomic(into, text)
    click.echo(f"imported {len(imported.entries)} entries into {shown(into)}; run `translate glossary lint {shown(into)}`")
