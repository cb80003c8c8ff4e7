"""`translate glossary apply`: post-edit translations made elsewhere (a freelancer's, another
MT system's) so that their glossary terms are in the glossary's forms, in the case the
sentence needs. Modules beyond click are imported inside the command.
"""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("apply")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT.jsonl | SOURCE TRANSLATION",
                type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--to", "target", required=True, help="The translation's language, e.g. ru.")
@click.option("--from", "source_language", help="The source's language (default: the configuration's, en).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Where the post-edited JSON Lines (or translation) go; default: standard output.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A TOML file over the defaults (configs/default.toml).")
@click.option("--glossary", "glossary_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A glossary file instead of the configured ones (repeat: later ones take precedence).")
def apply(inputs, target, source_language, output, config_path, glossary_paths) -> None:
    """Post-edit translations: each glossary term of the source is put in the glossary's form,
    in the case and number of the translation's own rendering of it.

    \b
    INPUT.jsonl: one {"source": …, "translation": …} per line (other keys are kept); each
    output line is the input with the post-edited "translation" and "terms": every term
    occurrence with its status (kept, fixed, uncertain, failed), the rendering found and
    the form put in.
    SOURCE TRANSLATION: two text files, compared paragraph by paragraph like `glossary check`;
    the post-edited translation is written out, the terms listed on standard error.

    \b
    translate glossary apply pairs.jsonl --from en --to ru -o pairs.ru.jsonl
    translate glossary apply article.txt article.hy.txt --to hy -o article.hy.edited.txt

    Uncertain terms are left as written and flagged; failed ones (no rendering found) make
    the command exit with the findings code (6). A malformed line is named, the others go on.
    """
    from translate.config import load_config
    from translate.errors import BatchIncomplete, FindingsAboveThreshold, GlossaryError
    from translate.glossary.store import configured_glossary
    from translate.locales import language_of

    if len(inputs) > 2:
        raise click.BadParameter("give one JSON Lines file, or a source and a translation", param_hint="INPUTS")
    config = load_config(config_path)
    glossary = configured_glossary(config, list(glossary_paths))
    source = language_of(source_language) if source_language else config.source
    language = language_of(target)
    if not glossary.covers(source, language):
        raise GlossaryError(f"the glossary has no {source}→{language} terms (its languages: "
                            f"{', '.join(glossary.all_languages)}); check --from and --to")
    if len(inputs) == 1:
        results, bad = _apply_lines(glossary, inputs[0], source, language, output)
    else:
        results, bad = _apply_texts(glossary, inputs[0], inputs[1], source, language, output), []
    counts = {status: sum(term.status == status for _, term in results)
              for status in ("kept", "fixed", "uncertain", "failed")}
    for where, term in results:
        if term.status in ("uncertain", "failed"):
            found = f" as {term.found!r}" if term.found else ""
            click.echo(f"{where}: {term.status} {term.entry_id} {term.source!r}{found}: {term.reason}", err=True)
    click.echo(f"{len(results)} term occurrences: " + ", ".join(f"{count} {status}" for status, count in counts.items()),
               err=True)
    if bad:  # the other lines were done: PARTIAL
        raise BatchIncomplete(f"{len(bad)} line(s) could not be read ({', '.join(map(str, bad[:10]))}); "
                         "the others were post-edited")
    if counts["failed"]:
        raise FindingsAboveThreshold(f"{counts['failed']} term occurrence(s) have no rendering in the translation; "
                                     "they are flagged in the output's terms")


def _apply_lines(glossary, path: Path, source: str, language: str, output: Path | None):
    """Post-edit every line of a JSON Lines file; (where, term) of every term, and the bad lines."""
    import io

    from translate.errors import InputError
    from translate.glossary.postedit import post_edit
    from translate.regular_files import read_named_text

    text = read_named_text(path, lambda why: InputError(f"{path}: {why}"), expected="a JSON Lines file",
                           encoding="utf-8-sig")
    results, bad, lines = [], [], []
    with io.StringIO(text, newline=None) as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not all(isinstance(record.get(key), str)
                                                           for key in ("source", "translation")):
                    raise ValueError('each line must be an object with "source" and "translation" strings')
            except ValueError as error:
                click.echo(f"{where}: not read: {error}", err=True)
                bad.append(number)
                continue
            edited = post_edit(glossary, record["source"], record["translation"], source, language)
            record["translation"] = edited.text
            record["terms"] = [term.as_dict() for term in edited.terms]
            lines.append(json.dumps(record, ensure_ascii=False))
            results.extend((where, term) for term in edited.terms)
    _write(output, "".join(line + "\n" for line in lines))
    return results, bad


def _apply_texts(glossary, source_path: Path, translation_path: Path, source: str, language: str,
                 output: Path | None):
    """Post-edit a translation file against its source, paragraph by paragraph where they align."""
    from translate.errors import InputError
    from translate.glossary.compliance import aligned_units
    from translate.glossary.postedit import post_edit
    from translate.io.readers import read_document
    from translate.segmentation import segment_document

    document = segment_document(read_document(source_path, language=source))
    translation = read_document(translation_path, language=language)
    text = translation.source
    units, _ = aligned_units(document, translation)
    results, pieces, cursor = [], [], 0
    for blocks, start, end, target_text in units:
        if text[start:end] != target_text:
            raise InputError(f"{translation_path}: apply edits plain text; save the translation as .txt")
        edited = post_edit(glossary, "\n\n".join(block.text for block in blocks), target_text, source, language)
        pieces += [text[cursor:start], edited.text]
        cursor = end
        line = text.count("\n", 0, start) + 1
        results.extend((f"{translation_path.name}:{line + edited.text.count(chr(10), 0, term.start or 0)}", term)
                       for term in edited.terms)
    pieces.append(text[cursor:])
    _write(output, "".join(pieces))
    return results


def _write(output: Path | None, text: str) -> None:
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    from translate.io.writers import write_atomic

    write_atomic(output, text)
