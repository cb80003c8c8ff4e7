"""What the `translate serve` tests share: the app on a real loopback socket, and a batch's
output folder with flagged segments to review."""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
from pathlib import Path

import pytest

from translate.config import load_config
from translate.engines.pseudo import PseudoEngine

REPO = Path(__file__).resolve().parent.parent
NEWSROOM = REPO / "glossaries" / "newsroom.toml"
SAMPLE = REPO / "samples" / "azatutyun-csto-border.txt"


class RunningServer:
    """A uvicorn server for ``app`` on 127.0.0.1 (a free port), in a thread; stopped by :meth:`stop`."""

    def __init__(self, app):
        import uvicorn

        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


# How the stand-in engine writes the article's glossary terms into Armenian: in forms the
# glossary accepts, each with the case it chose (the engine decides the case; the glossary
# checks the form) — except Nagorno-Karabakh, which it calls Artsakh, as MT trained on
# Armenian news does, and Baku, which it copies in Latin letters (no suffix can show its case).
# Longer names first.
ARMENIAN_TERMS = [
    (r"Nikol Pashinian", "Նիկոլ Փաշինյանը"), (r"Pashinian", "Փաշինյանը"), (r"Prime Minister", "վարչապետ"),
    (r"Collective Security Treaty Organization", "Հավաքական անվտանգության պայմանագրի կազմակերպության"),
    (r"CSTO", "ՀԱՊԿ"), (r"ARMENIA|Armenia(?=’s)", "Հայաստանի"), (r"Armenia", "Հայաստանը"),
    (r"Yerevan", "Երևանում"), (r"Foreign Minister", "արտաքին գործերի նախարար"),
    (r"Sergei Lavrov", "Սերգեյ Լավրովը"), (r"Lavrov", "Լավրովը"), (r"Moscow", "Մոսկվայում"),
    (r"Russia(?=’s)", "Ռուսաստանի"), (r"Vladimir Putin", "Վլադիմիր Պուտինը"), (r"Nagorno-Karabakh", "Արցախում"),
]
_TERMS = re.compile("|".join(rf"(?P<t{number}>\b(?:{pattern})\b)" for number, (pattern, _) in enumerate(ARMENIAN_TERMS)))


def _armenian_term(match: re.Match[str]) -> str:
    return ARMENIAN_TERMS[int(match.lastgroup[1:])][1]


class SloppyEngine(PseudoEngine):
    """Pseudo-localisation into Armenian that errs the way MT does. The glossary's terms come
    out in accepted Armenian forms (:data:`ARMENIAN_TERMS`), but Baku is copied (an uncertain
    term); in the sentence about the Kremlin Nagorno-Karabakh is called Artsakh and,
    protected, its placeholder dropped (a failed term); in the one about sniper fire the
    number is lost (a lost quantity), and the one about incursions is copied untranslated:
    all flagged."""

    def translate(self, texts):
        results = []
        for text in texts:
            if "Kremlin" in text:  # the placeholder dropped
                text = re.sub(r"⟦[^⟧]*⟧|\b7\d\d\b", "", text)
            if "sniper" in text:  # the number of wounded lost
                text = re.sub(r"⟦[^⟧]*⟧|\b\d+\b", "", text)
            if "incursions" in text:  # the source copied, untranslated
                results.append(text)
                continue
            results.append(super().translate([_TERMS.sub(_armenian_term, text)])[0])
        return results


def batch_output(tmp: Path) -> tuple[Path, dict[str, object]]:
    """The sample article through the real batch into Armenian with :class:`SloppyEngine`:
    the output folder and the article's report."""
    from translate.pipeline.batch import Batch, BatchOptions, discover
    from translate.pipeline.runner import Pipeline

    inputs, out = tmp / "in", tmp / "out"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / SAMPLE.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("translate.pipeline.chain.load_engine", lambda name, spec: SloppyEngine(spec.source, spec.target))
        sources, missing = discover([inputs], out_dir=out)
        (outcome,) = Batch(Pipeline(load_config(), engine="pseudo"), BatchOptions(["hy"], "en", out)).run(sources, missing)
    return out, json.loads(Path(outcome.output + ".report.json").read_text(encoding="utf-8"))


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
