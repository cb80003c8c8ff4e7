"""The command line: `translate run`, `translate segment`, `translate models …`.

Errors of the :class:`TranslateError` hierarchy become one line on stderr and the
class's exit code, here and nowhere else. Heavy modules are imported inside commands.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from translate import __version__
from translate.cli.models import convert as convert_command
from translate.cli.tm import tm
from translate.cli.ui import ui  # click only at import, like this module
from translate.errors import TranslateError

log = logging.getLogger("translate")


class TranslateGroup(click.Group):
    """Turns errors into a one-line message and an exit code, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TranslateError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception as error:  # a bug: say so briefly; -vv shows the traceback
            if log.isEnabledFor(logging.DEBUG):
                raise
            click.secho(f"Error: internal error: {type(error).__name__}: {error} "
                        "(run with -vv for the traceback, and please report it)", fg="red", err=True)
            ctx.exit(70)


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * verbose
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(max(level, logging.DEBUG))
    log.propagate = False


@click.group(cls=TranslateGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="translate")
@click.option("-v", "--verbose", count=True, help="More messages (-vv for debugging).")
def main(verbose: int) -> None:
    """Translate news articles with Opus-MT (MarianMT).

    Articles are cut into blocks (title, caption, body, page chrome) and sentences; page
    chrome never reaches the model; the translation keeps the article's structure.

    \b
    Start with:
      translate run article.txt --to hy,ru -o out/
      translate batch articles/ --to hy,ru -o out/   # a folder, resumable, with a QA report
      translate segment article.txt        # see how an article is cut up
      translate models list                # which checkpoints are configured and found
      translate glossary lint              # check the glossaries
    """
    _setup_logging(verbose)


def _languages(value: str) -> list[str]:
    from translate.locales import language_of

    codes = [code for code in value.replace(" ", ",").split(",") if code]
    if not codes:
        raise click.BadParameter("give at least one language, e.g. --to hy,ru")
    return [language_of(code) for code in codes]


_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML file over the defaults (configs/default.toml).",
)


_engine_options = [
    click.option("--from", "source", help="Source language (default: the configuration's, en)."),
    click.option("--engine", help="marian (default), ctranslate2 (faster on CPU), pseudo (pseudo-localisation, no model)."),
    click.option("--model", help="A checkpoint (hub id or directory) instead of the configured one."),
    click.option("--fallback", type=click.Choice(["pseudo"]),
                 help="If the checkpoint is not available, say so and use this engine instead."),
    click.option("--chrome", type=click.Choice(["drop", "keep", "localise"]),
                 help="Page chrome: drop it (default), keep it verbatim, or localise it from a catalog."),
    click.option("--no-cache", is_flag=True, help="Neither use nor fill the translation memory in this run."),
    _config_option,
]


def _engine_options_decorator(function):
    for option in reversed(_engine_options):
        function = option(function)
    return function


def _pipeline(source, engine, model, fallback, chrome, config_path, no_cache=False):
    from translate.config import load_config
    from translate.locales import language_of
    from translate.memory import MemorySettings, TranslationMemory
    from translate.pipeline.runner import Pipeline

    config = load_config(config_path)
    memory = None if no_cache else TranslationMemory.from_settings(MemorySettings.from_config(config))
    pipeline = Pipeline(config, engine=engine, model=model, fallback=fallback, chrome=chrome, memory=memory)
    return pipeline, (language_of(source) if source else config.source)


def _close_memory(pipeline) -> None:
    """Say what the translation memory saved, apply its limits, close it."""
    if pipeline.memory is None:
        return
    hits, misses = pipeline.memory_counts()
    log.info("translation memory %s: %d segments reused, %d translated", pipeline.memory.path, hits, misses)
    if misses:
        pipeline.memory.prune()
    pipeline.memory.close()


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "targets", required=True, help="Target languages, comma-separated: hy,ru.")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (default: next to each article).")
@_engine_options_decorator
def run(articles, targets, out_dir, source, engine, model, fallback, chrome, no_cache, config_path) -> None:
    """Translate ARTICLES (.txt, .md, .html, .jsonl) into each --to language.

    Writes ARTICLE.LANG.EXT per article and language (e.g. lavrov.hy.txt), paragraphs
    where the source had them, and beside it ARTICLE.LANG.EXT.report.json: the signature
    (engine, checkpoint, settings, version) and QA findings. For folders, resumable runs
    and a manifest, use `translate batch`.
    """
    from translate.pipeline.batch import Batch, BatchOptions, Source

    pipeline, source = _pipeline(source, engine, model, fallback, chrome, config_path, no_cache)
    languages = _languages(targets)
    for target in languages:
        pipeline.check_route(source, target)
    for path in articles:
        if not path.is_file():
            from translate.errors import InputError

            raise InputError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    by_folder: dict[Path, list] = {}
    for path in articles:
        by_folder.setdefault(out_dir or path.parent, []).append(Source(path, Path(path.name)))
    outcomes = []
    for folder, sources in by_folder.items():
        options = BatchOptions(languages, source, folder, force=True, write_manifest=False)
        outcomes += Batch(pipeline, options, on_outcome=_echo_outcome).run(sources)
    _close_memory(pipeline)
    failed = [outcome for outcome in outcomes if outcome.status == "failed"]
    if failed:
        from translate.errors import BatchIncomplete

        raise BatchIncomplete(f"{len(failed)} of {len(outcomes)} translations failed")


def _echo_outcome(outcome) -> None:
    if outcome.status == "failed":
        click.echo(f"failed: {outcome.input} → {outcome.target}: {outcome.error}", err=True)
        return
    engines = (outcome.signature or {}).get("engines", {})
    pseudo = any("pseudo" in str(value) for value in engines.values())
    label = " (pseudo-localisation, not a translation)" if pseudo else ""
    click.echo(f"{outcome.output}{label}")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "targets", required=True, help="Target languages, comma-separated: hy,ru.")
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output directory; the inputs' folder structure is kept under it.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Only files matching (repeatable; default: *.txt *.md *.html *.htm *.jsonl).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching (repeatable).")
@click.option("--format", "output_format", type=click.Choice(["same", "json", "xliff"]), default="same",
              show_default=True, help="Output: the input's own format, JSON (blocks, segments, findings) or XLIFF 2.1.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Chunks of articles translated at once (threads sharing one model).")
@click.option("--force", is_flag=True, help="Redo every article, even those already translated and up to date.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="never", show_default=True,
              help="Exit with code 6 when a QA finding of this severity (or worse) is found.")
@click.option("--text-field", default="text", show_default=True, help="JSON Lines: the field with the article text.")
@click.option("--title-field", default="title", show_default=True, help="JSON Lines: the field with the title.")
@click.option("--id-field", default="id", show_default=True, help="JSON Lines: the field that names an article.")
@_engine_options_decorator
def batch(inputs, targets, out_dir, include, exclude, output_format, jobs, force, fail_on, text_field,
          title_field, id_field, source, engine, model, fallback, chrome, no_cache, config_path) -> None:
    """Translate a folder of articles (recursively) into each --to language, unattended.

    \b
    Resumable: rerunning the same command skips outputs whose source and settings are
    unchanged and does the rest (--force redoes all). Outputs are written atomically, so
    an interrupted run never leaves a partial file. Bad input (empty, binary, undecodable,
    malformed) fails that article alone, with a one-line error; the others go on.

    \b
    Writes under OUT: the translations, a .report.json per output (signature, QA
    findings), and manifest.json accounting for every input.

    \b
    Exit codes: 0 all done; 1 some inputs failed; 2 bad usage or configuration;
    4 no checkpoint; 6 QA findings at --fail-on severity.
    """
    import time

    from translate.errors import BatchIncomplete, FindingsAboveThreshold
    from translate.pipeline.batch import DEFAULT_INCLUDE, Batch, BatchOptions, discover
    from translate.qa import Severity

    started = time.perf_counter()
    pipeline, source = _pipeline(source, engine, model, fallback, chrome, config_path, no_cache)
    languages = _languages(targets)
    for target in languages:
        pipeline.check_route(source, target)
    sources, missing = discover(inputs, include or DEFAULT_INCLUDE, exclude, out_dir)
    options = BatchOptions(
        languages, source, out_dir, output_format=output_format, force=force, jobs=jobs,
        format_options={"text_field": text_field, "title_field": title_field, "id_field": id_field},
    )
    with _BatchProgress(len(sources) * len(languages)) as progress:
        outcomes = Batch(pipeline, options, on_outcome=progress.outcome).run(sources, missing)
    _close_memory(pipeline)
    summary = {status: sum(o.status == status for o in outcomes) for status in ("translated", "flagged", "skipped", "failed")}
    click.echo(
        f"{len(sources)} files × {len(languages)} languages in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{count} {status}" for status, count in summary.items())
        + f". Manifest: {out_dir / 'manifest.json'}",
        err=True,
    )
    failures: dict[tuple[str, str], list[str]] = {}
    for outcome in outcomes:
        if outcome.status == "failed":
            failures.setdefault((outcome.article or outcome.input, outcome.error or ""), []).append(outcome.target)
    for (name, error), failed_targets in failures.items():
        click.echo(f"  failed: {name} ({', '.join(failed_targets)}): {error}", err=True)
    if summary["failed"]:
        raise BatchIncomplete(f"{summary['failed']} of {len(outcomes)} translations failed (see above)")
    if fail_on != "never":
        threshold = Severity(fail_on)
        worse = [name for name in ("warning", "error") if Severity(name).rank >= threshold.rank]
        if any(outcome.findings.get(name) for outcome in outcomes for name in worse):
            raise FindingsAboveThreshold(f"QA findings of severity {fail_on} or worse; see the reports in {out_dir}")


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
            detail = outcome.error if outcome.status == "failed" else f"{outcome.segments} segments"
            click.echo(f"[{self.done}/{self.total}] {outcome.input} → {outcome.target}: {outcome.status} ({detail})",
                       err=True)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--from", "source", help="Source language (default: the configuration's, en).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--chrome", type=click.Choice(["drop", "keep", "localise"]))
@click.option("--site", help="The article's site for the chrome catalog, e.g. azatutyun.am.")
@click.option("--keep-duplicates/--drop-duplicates", default=None,
              help="Write a block printed twice in a row twice (default: the configuration's).")
@_config_option
def segment(article, source, fmt, chrome, site, keep_duplicates, config_path) -> None:
    """Show how ARTICLE is cut up: blocks with their kinds, languages, reasons and sentences."""
    from translate.config import load_config
    from translate.io.catalogs import configured_ui_catalogs
    from translate.io.readers import read_document
    from translate.locales import language_of
    from translate.segmentation import segment_document
    from translate.segmentation.display import render_json, render_text

    config = load_config(config_path)
    settings = config.raw.get("segmentation", {})
    document = read_document(article, language=language_of(source) if source else config.source)
    segment_document(
        document,
        chrome=chrome or config.chrome,
        keep_duplicates=settings.get("keep_duplicates", False) if keep_duplicates is None else keep_duplicates,
        catalogs=configured_ui_catalogs(config),
        site=site or settings.get("site") or None,
    )
    click.echo(render_json(document) if fmt == "json" else render_text(document))


@main.group()
def models() -> None:
    """Checkpoints: which are configured and where they are found; a tiny one for trying."""


@models.command("list")
@_config_option
def models_list(config_path) -> None:
    """List configured language pairs, their checkpoints, and whether each is on this machine."""
    from translate.config import load_config
    from translate.engines.checkpoints import cached_checkpoint
    from translate.engines.conversion import conversions

    config = load_config(config_path)
    for (source, target), entry in sorted(config.models.items()):
        local = cached_checkpoint(entry.checkpoint)
        where = str(local) if local else "not on this machine"
        if local:
            converted = conversions(local)
            where += f"  ctranslate2: {', '.join(converted)}" if converted else "  not converted for ctranslate2"
        token = f" {entry.target_token}" if entry.target_token else ""
        click.echo(f"{source}-{target}  {entry.checkpoint}{token}  {where}")


models.add_command(convert_command)


@models.command("download")
@click.argument("checkpoints", nargs=-1)
@_config_option
def models_download(checkpoints, config_path) -> None:
    """Download CHECKPOINTS (hub ids; default: every configured one) into the Hugging Face cache.

    Needs network. Copy the cache (~/.cache/huggingface/hub, or $HF_HOME) to an offline
    machine, or pass a downloaded directory with --model.
    """
    from translate.config import load_config
    from translate.engines.checkpoints import download_checkpoint

    if not checkpoints:
        checkpoints = sorted({entry.checkpoint for entry in load_config(config_path).models.values()})
    for checkpoint in checkpoints:
        click.echo(f"{checkpoint}: {download_checkpoint(checkpoint)}")


@models.command("build-tiny")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--from", "source", default="en", show_default=True)
@click.option("--to", "target", default="hy", show_default=True)
@click.option("--target-token", "target_tokens", multiple=True,
              help="Make it multilingual-target, e.g. --target-token '>>hye<<'.")
def models_build_tiny(directory, source, target, target_tokens) -> None:
    """Build a tiny random Marian checkpoint in DIRECTORY, offline.

    Its output is meaningless, but loading, batching and writing are real: use it to try
    `translate run --model DIRECTORY` where no Opus-MT checkpoint can be downloaded.
    """
    from translate.engines.tiny import build_tiny_marian

    build_tiny_marian(directory, source=source, target=target, target_tokens=target_tokens)
    click.echo(f"tiny Marian checkpoint ({source}→{target}) written to {directory}")


main.add_command(ui)
main.add_command(tm)

from translate.cli.glossary import glossary as glossary_commands  # noqa: E402  (click only; commands import lazily)

main.add_command(glossary_commands)
