"""`translate models …`: which checkpoints are configured and found; download, convert, check, build a tiny one."""

from __future__ import annotations

from pathlib import Path

import click

from translate.cli.options import config_option


@click.group()
def models() -> None:
    """Checkpoints: which are configured and where they are found; a tiny one for trying."""


@models.command("list")
@config_option
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


@models.command("download")
@click.argument("checkpoints", nargs=-1)
@config_option
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
@click.option("--tokenizer", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A real Opus-MT tokenizer folder (source.spm, target.spm, vocab.json, config.json): "
                   "build around it, keeping its vocabulary, special ids and target tokens.")
def models_build_tiny(directory, source, target, target_tokens, tokenizer) -> None:
    """Build a tiny random Marian checkpoint in DIRECTORY, offline.

    Its output is meaningless, but loading, batching and writing are real: use it to try
    `translate run --model DIRECTORY` where no Opus-MT checkpoint can be downloaded. With
    --tokenizer it has a real checkpoint's tokenizer, so what its vocabulary does to a
    text (`translate models check`) is what the real checkpoint would do.
    """
    if tokenizer is not None:
        if target_tokens:
            raise click.UsageError("--target-token and --tokenizer: the tokenizer's vocabulary decides the target tokens")
        from translate.engines.tiny import build_tiny_from_tokenizer

        build_tiny_from_tokenizer(directory, tokenizer)
        click.echo(f"tiny Marian checkpoint around the tokenizer of {tokenizer} written to {directory}")
        return
    from translate.engines.tiny import build_tiny_marian

    build_tiny_marian(directory, source=source, target=target, target_tokens=target_tokens)
    click.echo(f"tiny Marian checkpoint ({source}→{target}) written to {directory}")


@models.command("check")
@click.argument("checkpoint")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@config_option
def models_check(checkpoint, output_format, config_path) -> None:
    """What CHECKPOINT (a directory, or a downloaded hub id) will do to our text, before a batch.

    \b
    From its tokenizer files alone (no weights are loaded):
      - its special ids, and the >>xxx<< target tokens it needs if it is multilingual-target;
      - for each wrapper that puts placeholders in (glossary, quantities, characters), the
        scheme it will use with this checkpoint: the first of its schemes that round-trips
        (source.spm → vocabulary → target.spm, no <unk>, nothing normalised); the schemes
        passed over are listed too, and a wrapper with none refuses the checkpoint at load;
      - which characters of news text in the configured languages it loses (<unk>) or
        changes, and which are still lost after Moses punctuation normalisation (carried
        around the engine as placeholders).
    """
    import json

    from translate.config import load_config
    from translate.engines.checkpoints import cached_checkpoint, how_to_get
    from translate.errors import ModelNotAvailable
    from translate.pipeline.model_check import check_checkpoint, render_text

    config = load_config(config_path)
    directory = cached_checkpoint(checkpoint)
    if directory is None:
        raise ModelNotAvailable(how_to_get(checkpoint))
    languages = dict.fromkeys([config.source, *(code for pair in sorted(config.models) for code in pair)])
    report = check_checkpoint(directory, list(languages))
    if output_format == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(report))


@models.command("convert")
@click.argument("checkpoints", nargs=-1)
@click.option("--compute-type", help="Weights: auto (the configuration's; float32 on CPU), int8, float16, …")
@click.option("--force", is_flag=True, help="Convert again even if an up-to-date conversion exists.")
@config_option
def convert(checkpoints, compute_type, force, config_path) -> None:
    """Convert CHECKPOINTS (hub ids or directories; default: every configured one) for ctranslate2.

    The converted model is kept next to the checkpoint when that is a writable directory,
    else in the user cache; `translate run --engine ctranslate2` finds it there (and
    converts on first use if this was not run). Needs torch and transformers, once.
    """
    from translate.config import load_config
    from translate.engines.conversion import convert_checkpoint

    config = load_config(config_path)
    if not checkpoints:
        checkpoints = sorted({entry.checkpoint for entry in config.models.values()})
    for checkpoint in checkpoints:
        location = convert_checkpoint(
            checkpoint,
            compute_type or config.generation.compute_type,
            device=config.generation.device,
            force=force,
        )
        click.echo(f"{checkpoint}: {location}")
