"""`translate run` and `translate batch`: articles in, translations and QA reports out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from translate.cli.options import (
    close_memory,
    encoding_option,
    engine_options,
    languages_option_value,
    make_pipeline,
)


@click.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "targets", required=True, help="Target languages, comma-separated: hy,ru.")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (default: next to each article).")
@click.option("--dry-run", is_flag=True,
              help="Translate nothing: print one JSON line per engine input, {\"segment\": …, \"mt_input\": …}, "
                   "what the model would be given after every wrapper (target token included).")
@encoding_option
@engine_options
def run(articles, targets, out_dir, dry_run, encoding, source, site, engine, model, fallback, chrome, no_cache,
        config_path) -> None:
    """Translate ARTICLES (.txt, .md, .html, .jsonl) into each --to language.

    Writes ARTICLE.LANG.EXT per article and language (e.g. lavrov.hy.txt), paragraphs
    where the source had them, and beside it ARTICLE.LANG.EXT.report.json: the signature
    (engine, checkpoint, settings, version) and QA findings. Each article's language is
    identified from its text unless --from gives it; an article already in a --to language
    is copied into it, not translated ("same language"). A translation written by an
    earlier run (its report says so) is not translated again: `translate run *.txt` twice
    does not make lavrov.hy.hy.txt. For folders, resumable runs and a manifest, use
    `translate batch`.

    \b
    --dry-run writes nothing and loads no weights (only the checkpoint's tokenizer files):
    mt_input is each segment's first-pass input to the model, normalised as Opus-MT's
    preprocessing does, with what the checkpoint cannot represent carried out and the
    target token first. The translation memory is not consulted; of a pivot route, the
    first hop's input is shown.
    """
    from translate.errors import InputError
    from translate.pipeline.batch import Batch, BatchOptions, Source
    from translate.pipeline.discovery import not_a_file
    from translate.pipeline.outfolder import written_by_translate

    pipeline, source = make_pipeline(source, engine, model, fallback, chrome, config_path, no_cache, site, dry_run)
    languages = languages_option_value(targets)
    for target in languages:
        pipeline.check_route(source, target)
    for path in articles:
        problem = not_a_file(path) or (f"{path}: a folder; use `translate batch` for folders" if path.is_dir() else None)
        if problem:
            raise InputError(problem)
    if dry_run:
        _print_model_inputs(pipeline, articles, source, languages, {"encoding": encoding} if encoding else None)
        return
    by_folder: dict[Path, list] = {}
    for path in articles:
        if written_by_translate(path):
            click.echo(f"skipped: {path}: a translation written by translate (its report says so), not an input",
                       err=True)
            continue
        by_folder.setdefault(out_dir or path.parent, []).append(Source(path, Path(path.name)))
    outcomes = []
    for folder, sources in by_folder.items():
        options = BatchOptions(languages, source, folder, force=True, write_manifest=False,
                               format_options={"encoding": encoding} if encoding else {})
        outcomes += Batch(pipeline, options, on_outcome=_echo_outcome).run(sources)
    close_memory(pipeline)
    _raise_for_failures(outcomes, "")


def _print_model_inputs(pipeline, articles, source, languages, options) -> None:
    import json

    from translate.io.readers import read_bytes

    for path in articles:
        documents, errors = pipeline.prepare_bytes(read_bytes(path), path, source, options)
        for where, error in errors:
            click.echo(f"{path}: {where}: {error}", err=True)
        for document in documents:
            for target in languages:
                for segment, given in pipeline.model_inputs(document, target):
                    click.echo(json.dumps({"segment": segment, "mt_input": given}, ensure_ascii=False))


def _raise_for_failures(outcomes, where: str) -> None:
    """INPUT when nothing could be done, PARTIAL when only some of it."""
    from translate.errors import BatchIncomplete, InputError

    failed = sum(outcome.status == "failed" for outcome in outcomes)
    if failed and failed == len(outcomes):
        raise InputError(f"nothing was translated: all {failed} translations failed{where}")
    if failed:
        raise BatchIncomplete(f"{failed} of {len(outcomes)} translations failed{where}")


def _echo_outcome(outcome) -> None:
    if outcome.status == "failed":
        click.echo(f"failed: {outcome.input} → {outcome.target}: {outcome.error}", err=True)
        return
    if outcome.status == "same-language":
        click.echo(f"{outcome.output} (same language: {outcome.note})")
        return
    engines = (outcome.signature or {}).get("engines", {})
    pseudo = any("pseudo" in str(value) for value in engines.values())
    label = " (pseudo-localisation, not a translation)" if pseudo else ""
    click.echo(f"{outcome.output}{label}")


def _cluster_option_value(ctx, param, value):
    if value is None:
        return None
    from translate.errors import UsageError
    from translate.pipeline.cluster import parse_cluster

    try:
        return parse_cluster(value)
    except UsageError as error:
        raise click.BadParameter(str(error).split(": ", 1)[-1]) from None


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--to", "targets", required=True, help="Target languages, comma-separated: hy,ru.")
@click.option("-o", "--out", "out_dir", required=True,
              help="Output directory; the inputs' folder structure is kept under it. With --cluster, "
                   "inputs and OUT may be fsspec URLs (s3://bucket/out, file:///srv/out).")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Only files matching (repeatable; default: *.txt *.md *.html *.htm *.jsonl).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching (repeatable).")
@click.option("--format", "output_format", type=click.Choice(["same", "json", "xliff"]), default="same",
              show_default=True, help="Output: the input's own format, JSON (blocks, segments, findings) or XLIFF 2.1.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Chunks of articles translated at once (threads sharing one model).")
@click.option("--cluster", callback=_cluster_option_value, metavar="local[:N]|tcp://HOST:8786",
              help="Translate the chunks on a Dask cluster: N worker processes on this machine, or the "
                   "workers of a scheduler (README: Running on a cluster). Needs the [cluster] extra.")
@click.option("--force", is_flag=True, help="Redo every article, even those already translated and up to date.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="never", show_default=True,
              help="Exit with code 6 (findings) when a finding of this severity or worse is found "
                   "(QA checks, glossary terms failed (error) or uncertain (warning), quantities the engine dropped).")
@click.option("--text-field", help="JSON Lines: the field with the article text (default: [jsonl] text_field, text).")
@click.option("--title-field", help="JSON Lines: the field with the title (default: [jsonl] title_field, title).")
@click.option("--id-field", help="JSON Lines: the field that names an article (default: [jsonl] id_field, id).")
@encoding_option
@engine_options
def batch(inputs, targets, out_dir, include, exclude, output_format, jobs, cluster, force, fail_on, text_field,
          title_field, id_field, encoding, source, site, engine, model, fallback, chrome, no_cache, config_path) -> None:
    """Translate a folder of articles (recursively) into each --to language, unattended.

    \b
    Resumable: rerunning the same command skips outputs whose source and settings are
    unchanged and does the rest (--force redoes all). Outputs are written atomically, so
    an interrupted run never leaves a partial file. Bad input (empty, binary, undecodable,
    malformed) fails that article alone, with a one-line error; the others go on.

    \b
    Writes under OUT: the translations (story.txt → story.hy.txt; with --format json,
    story.hy.txt.json), a .report.json per output (signature, QA findings), and
    manifest.json accounting for every input. Each article's language is identified from
    its text unless --from gives it; one already in a --to language is copied, not
    translated, and counted as "same-language". One batch at a time per OUT (a second one
    refuses); only files translate wrote there are ever replaced or cleaned up. OUT may
    be the input folder itself.

    \b
    Exit codes (all in `translate --help`): 0 all done; 1 some inputs failed;
    4 every input failed; 6 findings at the --fail-on severity or worse; 7 disk full,
    OUT not writable or in use by another batch; 130 interrupted (rerun to finish).
    """
    import time

    from translate.errors import FindingsAboveThreshold
    from translate.pipeline.batch import DEFAULT_INCLUDE, STATUSES, Batch, BatchOptions, discover
    from translate.qa import Severity

    started = time.perf_counter()
    remote = any("://" in path for path in (*inputs, out_dir))
    if remote and cluster is None:
        raise click.UsageError("URLs as inputs or output need --cluster (local paths work without it)")
    if cluster is not None and jobs > 1:
        raise click.UsageError("-j and --cluster: choose one (a cluster's workers are its parallelism)")
    pipeline, source = make_pipeline(source, engine, model, fallback, chrome, config_path, no_cache, site)
    languages = languages_option_value(targets)
    for target in languages:
        pipeline.check_route(source, target)
    include = include or DEFAULT_INCLUDE
    if remote:
        from translate.pipeline.staging import as_url, discover_urls

        out_dir = as_url(out_dir)
        sources, missing = discover_urls([as_url(path) for path in inputs], include, exclude, out_dir)
    else:
        out_dir = Path(out_dir)
        sources, missing = discover([Path(path) for path in inputs], include, exclude, out_dir)
    options = BatchOptions(
        languages, source, Path(out_dir) if not remote else Path("."), output_format=output_format, force=force,
        jobs=jobs, format_options={key: value for key, value in (("text_field", text_field), ("title_field", title_field),
                                                                 ("id_field", id_field), ("encoding", encoding)) if value},
    )
    with _BatchProgress(len(sources) * len(languages)) as progress:
        if cluster is not None:
            from translate.pipeline.cluster import run_on_cluster

            outcomes = run_on_cluster(pipeline, options, sources, missing, cluster, out_url=out_dir if remote else None,
                                      on_outcome=progress.outcome, say=lambda line: click.echo(line, err=True))
        else:
            outcomes = Batch(pipeline, options, on_outcome=progress.outcome).run(sources, missing)
            close_memory(pipeline)
    summary = {status: sum(o.status == status for o in outcomes) for status in STATUSES}
    click.echo(
        f"{len(sources)} files × {len(languages)} languages in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{count} {status}" for status, count in summary.items())
        + f". Manifest: {out_dir}/manifest.json",
        err=True,
    )
    failures: dict[tuple[str, str], list[str]] = {}
    for outcome in outcomes:
        if outcome.status == "failed":
            failures.setdefault((outcome.article or outcome.input, outcome.error or ""), []).append(outcome.target)
    for (name, error), failed_targets in failures.items():
        click.echo(f"  failed: {name} ({', '.join(failed_targets)}): {error}", err=True)
    _raise_for_failures(outcomes, " (see above)")
    if fail_on != "never":
        threshold = Severity(fail_on)
        worse = [name for name in ("warning", "error") if Severity(name).rank >= threshold.rank]
        if any(outcome.findings.get(name) for outcome in outcomes for name in worse):
            raise FindingsAboveThreshold(f"findings of severity {fail_on} or worse; see the reports in {out_dir}")


class _BatchProgress:
    """A progress bar (articles, segments, ETA) on a terminal; one line per article otherwise."""

    def __init__(self, total: int):
        self.total, self.done, self.segments = total, 0, 0
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True)

    def __enter__(self):
        return self

    def outcome(self, outcome) -> None:
        if outcome.target != "*" and outcome.article is None:  # one file × language step
            self.done += 1
        self.segments += outcome.segments
        if self.bar is not None:
            self.bar.n = min(self.done, self.total)
            self.bar.set_postfix(segments=self.segments, refresh=False)
            self.bar.refresh()
        else:
            detail = outcome.error if outcome.status == "failed" else outcome.note or f"{outcome.segments} segments"
            click.echo(f"[{self.done}/{self.total}] {outcome.input} → {outcome.target}: {outcome.status} ({detail})",
                       err=True)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
