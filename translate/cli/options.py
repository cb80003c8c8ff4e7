"""Options and set-up the commands share: languages, configuration, engine choice, the pipeline."""

from __future__ import annotations

import logging
from pathlib import Path

import click

log = logging.getLogger("translate")


def languages_option_value(value: str) -> list[str]:
    from translate.locales import language_of

    codes = [code for code in value.replace(" ", ",").split(",") if code]
    if not codes:
        raise click.BadParameter("give at least one language, e.g. --to hy,ru")
    # Each language once, however it is written (hy,hy or hy,hye): not translated twice.
    return list(dict.fromkeys(language_of(code) for code in codes))


def _encoding_value(context, parameter, value: str | None) -> str | None:
    if value is None:
        return None
    import codecs

    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}; e.g. utf-8, latin-1, cp1251, cp1250") from None


encoding_option = click.option(
    "--encoding", callback=_encoding_value, metavar="NAME",
    help="The articles' encoding (e.g. latin-1, cp1251) instead of detecting it; detection cannot tell "
         "some apart (Latin-1 from CP1250).",
)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML file over the defaults (configs/default.toml).",
)


ENGINE_OPTIONS = [
    click.option("--from", "source",
                 help="The articles' language (default: identified per article from its text)."),
    click.option("--site", help="The articles' site for the chrome catalogs, e.g. svoboda.org "
                                "(default: the page's URL line or canonical link tells)."),
    click.option("--engine", help="ctranslate2 (default: the checkpoint converted once, on first use), marian "
                 "(transformers, slower; used where conversion is impossible), pseudo (pseudo-localisation, no model)."),
    click.option("--model", help="A checkpoint (hub id or directory) instead of the configured one."),
    click.option("--fallback", type=click.Choice(["pseudo"]),
                 help="If the checkpoint is not available, say so and use this engine instead."),
    click.option("--chrome", type=click.Choice(["drop", "keep", "localise"]),
                 help="Page chrome: drop it (default), keep it verbatim, or localise it from a catalog."),
    click.option("--no-cache", is_flag=True, help="Neither use nor fill the translation memory in this run."),
    config_option,
]


def engine_options(function):
    for option in reversed(ENGINE_OPTIONS):
        function = option(function)
    return function


def make_pipeline(source, engine, model, fallback, chrome, config_path, no_cache=False, site=None, dry_run=False):
    """The pipeline, and the source language (None: identified per article). A dry run's
    engines are previews (no weights) and it neither reads nor fills the translation memory."""
    from translate.config import load_config
    from translate.locales import language_of
    from translate.memory import MemorySettings, TranslationMemory
    from translate.pipeline.runner import Pipeline

    config = load_config(config_path)
    memory = None if no_cache or dry_run else TranslationMemory.from_settings(MemorySettings.from_config(config))
    pipeline = Pipeline(config, engine=engine, model=model, fallback=fallback, chrome=chrome, memory=memory,
                        site=site, dry_run=dry_run)
    return pipeline, (language_of(source) if source else None)


def close_memory(pipeline) -> None:
    """Say what the translation memory saved, apply its limits, close it."""
    if pipeline.memory is None:
        return
    hits, misses = pipeline.memory_counts()
    log.info("translation memory %s: %d segments reused, %d translated", pipeline.memory.path, hits, misses)
    if misses:
        pipeline.memory.prune()
    pipeline.memory.close()
