"""`translate models …`: which checkpoints are configured and found; download, convert, build a tiny one."""

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
def models_build_tiny(directory, source, target, target_tokens) -> None:
    """Build a tiny random Marian checkpoint in DIRECTORY, offline.

    Its output is meaningless, but loading, batching and writing are real: use it to try
    `translate run --model DIRECTORY` where no Opus-MT checkpoint can be downloaded.
    """
    from translate.engines.tiny import build_tiny_marian

    build_tiny_marian(directory, source=source, target=target, target_tokens=target_tokens)
    click.echo(f"tiny Marian checkpoint ({source}→{target}) written to {directory}")


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
