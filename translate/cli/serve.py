"""`translate serve`: the editors' workspace and the LibreTranslate-compatible API, on this machine.

Only click is imported here; the web stack (FastAPI, uvicorn: the optional extra ``serve``)
is imported when the command runs, so ``translate --help`` never loads it.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from translate.cli.glossary import glossary_option
from translate.cli.options import config_option

_EXTRA = "pip install 'newsroom-translate[serve]' (in a checkout: pip install -e '.[serve]')"


@click.command("serve")
@click.option("--port", default=8080, show_default=True, help="The port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Anything but loopback needs --token (or $TRANSLATE_SERVE_TOKEN).")
@click.option("--token", help="A secret every request must carry (default: $TRANSLATE_SERVE_TOKEN).")
@click.option("--out", "out_dirs", multiple=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="A batch output folder to review (repeat for several).")
@click.option("--articles", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="A folder (or file) of articles for glossary suggestions (repeat for several).")
@click.option("--engine", help="The API's engine: marian (default), ctranslate2, pseudo.")
@click.option("--model", help="A checkpoint (hub id or directory) instead of the configured one.")
@click.option("--fallback", type=click.Choice(["pseudo"]),
              help="If the checkpoint is not available, say so and use this engine instead.")
@click.option("--chrome", type=click.Choice(["drop", "keep", "localise"]),
              help="Page chrome in API texts: kept as it was (default), dropped, or localised from a catalog.")
@click.option("--no-cache", is_flag=True, help="Neither use nor fill the translation memory.")
@config_option
@glossary_option
def serve(port, host, token, out_dirs, articles, engine, model, fallback, chrome, no_cache, config_path,
          glossary_paths) -> None:
    """Start the editors' workspace: a local web page and API.

    \b
    Pages (open http://127.0.0.1:8080/):
      /glossary     search, filter, edit entries with lint on every change; saved with
                    comments and layout kept, refused if the file changed meanwhile
      /suggestions  terms the glossary lacks, from --articles, accepted in two clicks
      /review       flagged segments of --out folders; mark findings reviewed
    API (LibreTranslate-compatible, so its clients work unchanged):
      POST /translate  q, source (or auto), target, format text|html
      GET  /languages  POST /detect  POST /glossary/apply (q, translation, source, target)

    \b
    translate serve --out out/ --articles articles/
    translate serve --engine pseudo --port 5000     # try the API without a model
    """
    from translate.errors import EnvironmentProblem, UsageError

    try:
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401  (form bodies)
        import uvicorn
    except ImportError as error:
        raise EnvironmentProblem(f"`translate serve` needs the web extra ({error.name} is not installed): {_EXTRA}") \
            from None
    from translate.serve.app import create_app
    from translate.serve.settings import TOKEN_ENVIRONMENT, ServeSettings

    settings = ServeSettings(
        config_path=config_path, glossary_paths=tuple(glossary_paths), out_dirs=tuple(out_dirs),
        articles=tuple(articles), host=host, port=port, token=token or os.environ.get(TOKEN_ENVIRONMENT) or None,
        engine=engine, model=model, fallback=fallback, chrome=chrome, memory=not no_cache,
    )
    if not settings.loopback and not settings.token:
        raise UsageError(f"--host {host} lets other machines in: give --token (or set {TOKEN_ENVIRONMENT}), "
                         "or keep the default 127.0.0.1")
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"translate serve: http://{shown}:{port}/  (Ctrl-C stops it)", err=True)
    if settings.token:
        click.echo(f"open http://{shown}:{port}/?token=… once in the browser; API clients send api_key", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
