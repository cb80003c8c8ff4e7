"""`translate models convert`: Opus-MT checkpoints converted once for the ctranslate2 engine."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("convert")
@click.argument("checkpoints", nargs=-1)
@click.option("--compute-type", help="Weights: auto (the configuration's; float32 on CPU), int8, float16, …")
@click.option("--force", is_flag=True, help="Convert again even if an up-to-date conversion exists.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A TOML file over the defaults (configs/default.toml).")
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
