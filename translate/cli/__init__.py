"""The command line: `translate run`, `translate segment`, `translate models …`.

Errors of the :class:`TranslateError` hierarchy become one line on stderr and the
class's :class:`~translate.errors.ExitCode`, here and nowhere else; an OS error the
commands did not map themselves becomes ENVIRONMENT (:mod:`translate.environment` words
it); Ctrl-C exits with INTERRUPTED, anything else is a bug (INTERNAL). Heavy modules are imported inside commands.
"""

from __future__ import annotations

import logging
import sys

import click

from translate import __version__
from translate.errors import ExitCode, TranslateError, exit_code_table

log = logging.getLogger("translate")


class TranslateGroup(click.Group):
    """Turns errors into a one-line message and an exit code, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TranslateError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            ctx.exit(error.exit_code)
        except (KeyboardInterrupt, click.Abort):
            click.secho("Interrupted. Rerun the same command to finish: `translate batch` skips what is done "
                        "(outputs are written whole or not at all).", fg="yellow", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException):  # click's own: usage errors exit with 2
            raise
        except OSError as error:  # the machine refused (disk full, read-only, permission): say what to do
            from translate.environment import environment_problem

            click.secho(f"Error: {environment_problem(error)}", fg="red", err=True)
            ctx.exit(ExitCode.ENVIRONMENT)
        except Exception as error:  # a bug: say so briefly; -vv shows the traceback
            if log.isEnabledFor(logging.DEBUG):
                raise
            click.secho(f"Error: internal error: {type(error).__name__}: {error} "
                        "(run with -vv for the traceback, and please report it)", fg="red", err=True)
            ctx.exit(ExitCode.INTERNAL)


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * verbose
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(max(level, logging.DEBUG))
    log.propagate = False


EXIT_CODES_HELP = "\b\nExit codes:\n" + "\n".join(f"  {line}" for line in exit_code_table())


@click.group(cls=TranslateGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP)
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
      translate serve --out out/           # the editors' web page: glossary, QA review, API
    """
    _setup_logging(verbose)


def _register() -> None:
    """Every command group, one module each; they import click only (their work imports lazily)."""
    from translate.cli.glossary import glossary
    from translate.cli.glossary_apply import apply
    from translate.cli.glossary_checks import check, lint, suggest
    from translate.cli.glossary_interchange import export, import_
    from translate.cli.models import models
    from translate.cli.run import batch, run
    from translate.cli.segment import segment
    from translate.cli.serve import serve
    from translate.cli.tm import tm
    from translate.cli.ui import ui

    for command in (lint, check, suggest, apply, export, import_):
        glossary.add_command(command)
    for command in (run, batch, segment, models, glossary, ui, tm, serve):
        main.add_command(command)


_register()
