"""Nothing silently lost or overwritten in the output folder (issue 14, points 1, 3, 4 and the
naming items of 12): one output per input, one batch at a time, only our own files touched,
and a bad output path fails that input alone."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.errors import ExitCode

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TEXT = "Armenian and Azerbaijani officials met in Moscow on Tuesday.\n\nThe talks will go on.\n"
MARKDOWN = "# Border talks\n\nThe deputy prime ministers met again.\n"
HTML = "<html><body><article><h1>Gyumri base</h1><p>Russia keeps a base in Gyumri.</p></article></body></html>\n"


def invoke(*args: object):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def batch(*args: object):
    return invoke("batch", *args, "--engine", "pseudo")


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def outcomes_by_input(out: Path) -> dict[str, dict]:
    return {o["input"]: o for o in manifest(out)["outcomes"] if o["target"] != "*"}


# --- point 1: output names ---------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["same", "json", "xliff"])
def test_inputs_that_differ_only_in_extension_get_an_output_each(tmp_path, output_format):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(TEXT, encoding="utf-8")
    (folder / "story.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "story.html").write_text(HTML, encoding="utf-8")
    out = tmp_path / "out"
    result = batch(folder, "--to", "hy", "-o", out, "--format", output_format)
    assert result.exit_code == 0, result.output
    outputs = {Path(o["input"]).name: o["output"] for o in outcomes_by_input(out).values()}
    assert len(set(outputs.values())) == 3, outputs
    for name, output in outputs.items():
        assert Path(output).exists()
        report = json.loads(Path(output + ".report.json").read_text(encoding="utf-8"))
        assert Path(report["source"]).name == name  # each output holds its own input's translation
    rerun = batch(folder, "--to", "hy", "-o", out, "--format", output_format)
    assert rerun.exit_code == 0, rerun.output
    assert {o["status"] for o in outcomes_by_input(out).values()} == {"skipped"}  # reruns settle


def test_inputs_of_two_folders_with_one_name_are_told_apart_in_the_manifest(tmp_path):
    for folder, text in (("a", TEXT), ("b", "Baku said nothing.\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert batch(tmp_path / "a", tmp_path / "b", "--to", "hy", "-o", out).exit_code == 0
    by_input = outcomes_by_input(out)
    first, second = by_input[str(tmp_path / "a" / "x.txt")], by_input[str(tmp_path / "b" / "x.txt")]
    assert Path(first["output"]).name == "x.hy.txt" and first["note"] is None
    assert Path(second["output"]).name == "x~2.hy.txt" and "x.hy.txt is the output of" in second["note"]
    report = json.loads(Path(second["output"] + ".report.json").read_text(encoding="utf-8"))
    assert report["source"] == str(tmp_path / "b" / "x.txt")
    assert batch(tmp_path / "a", tmp_path / "b", "--to", "hy", "-o", out).exit_code == 0
    assert {o["status"] for o in outcomes_by_input(out).values()} == {"skipped"}


# --- point 3: one batch at a time, only our own files ------------------------------------------


def test_a_second_batch_on_the_same_folder_refuses_and_touches_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    in_flight = out / ".story.hy.txt.k2j4h5g6.tmp"  # the first batch's file, mid-write
    in_flight.write_text("half an output", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from translate.pipeline.outfolder import "
         "OutputFolder\nwith OutputFolder(Path(sys.argv[1])).locked():\n print('held', flush=True); sys.stdin.read()",
         str(out)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        article = tmp_path / "story.txt"
        article.write_text(TEXT, encoding="utf-8")
        result = batch(article, "--to", "hy", "-o", out)
        assert result.exit_code == ExitCode.ENVIRONMENT, result.output
        assert "another `translate batch` is writing here" in result.output
        assert f"pid {holder.pid}" in result.output
        assert in_flight.read_text(encoding="utf-8") == "half an output"
        assert not (out / "story.hy.txt").exists() and not (out / "manifest.json").exists()
    finally:
        holder.communicate("")
    assert batch(tmp_path / "story.txt", "--to", "hy", "-o", out).exit_code == 0  # free again


def test_clean_up_removes_only_temporary_files_that_are_provably_ours(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert batch(article, "--to", "hy", "-o", out).exit_code == 0
    ours = [out / ".story.hy.txt.a1b2c3d4.tmp", out / ".manifest.json.zz9_zz9z.tmp",
            out / ".story.hy.txt.report.json.00000000.tmp"]
    users = [out / ".notes.tmp", out / ".something.tmp", out / ".draft.txt.abcdefgh.tmp", out / "notes.tmp",
             out / "sub" / ".story.hy.txt.a1b2c3d4.tmp"]  # our naming, but no file of ours in that folder
    for path in ours + users:
        path.parent.mkdir(exist_ok=True)
        path.write_text("kept?", encoding="utf-8")
    article.write_text(TEXT + "\nOne more line.\n", encoding="utf-8")
    assert batch(article, "--to", "hy", "-o", out).exit_code == 0
    assert [path for path in ours if path.exists()] == []
    assert all(path.read_text(encoding="utf-8") == "kept?" for path in users)


# --- point 4: a bad output path fails that input alone -----------------------------------------


def test_a_bad_output_path_fails_that_input_alone(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    names = {"long": "a" * 226 + ".txt", "too-long": "b" * 246 + ".txt", "folder": "folder.txt", "link": "link.txt",
             "users": "users.txt", "good": "good.txt"}
    for name in names.values():
        (folder / name).write_text(TEXT, encoding="utf-8")
    out.mkdir()
    (out / "folder.hy.txt").mkdir()  # a folder where an output goes
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not ours", encoding="utf-8")
    (out / "link.hy.txt").symlink_to(elsewhere)  # a link where an output goes
    (out / "users.hy.txt").write_text("the editor's own translation", encoding="utf-8")

    result = batch(folder, "--to", "hy", "-o", out)
    assert result.exit_code == ExitCode.PARTIAL, result.output
    by_name = {Path(i).name: o for i, o in outcomes_by_input(out).items()}
    assert set(by_name) == set(names.values())
    assert {name for name, o in by_name.items() if o["status"] != "failed"} == {names["long"], names["good"]}
    assert "shorten the input's name" in by_name[names["too-long"]]["error"]
    assert "is a folder" in by_name["folder.txt"]["error"]
    assert "symbolic link" in by_name["link.txt"]["error"]
    assert "translate did not write it" in by_name["users.txt"]["error"]
    assert elsewhere.read_text(encoding="utf-8") == "not ours"
    assert (out / "users.hy.txt").read_text(encoding="utf-8") == "the editor's own translation"
    assert (out / ("a" * 226 + ".hy.txt")).exists() and manifest(out)["finished"]


def test_an_output_whose_report_a_kill_prevented_is_still_ours(tmp_path):
    """The journal is written before the output: an output without its report (a kill between the
    two) is redone on the rerun, not mistaken for a user's file."""
    article = tmp_path / "story.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert batch(article, "--to", "hy", "-o", out).exit_code == 0
    for report in out.glob("story.hy.txt.report.*"):
        report.unlink()
    (out / "manifest.json").unlink()
    result = batch(article, "--to", "hy", "-o", out)
    assert result.exit_code == 0, result.output
    assert [o["status"] for o in outcomes_by_input(out).values()] in (["translated"], ["flagged"])


# --- point 12: names and folders -------------------------------------------------------------------


def test_upper_case_suffixes_are_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "STORY.TXT").write_text(TEXT, encoding="utf-8")
    (folder / "PAGE.HTML").write_text(HTML, encoding="utf-8")
    out = tmp_path / "out"
    assert batch(folder, "--to", "hy", "-o", out).exit_code == 0
    assert (out / "STORY.hy.TXT").exists() and (out / "PAGE.hy.HTML").exists()
    assert "<h1>" in (out / "PAGE.hy.HTML").read_text(encoding="utf-8")  # read as HTML, not as text


def test_the_output_folder_may_be_the_input_folder(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "c.hy.txt").write_text("Բարեւ։\n", encoding="utf-8")  # an editor's own file: an input too
    result = batch(folder, "--to", "hy", "-o", folder)
    assert result.exit_code == 0, result.output
    assert "3 files" in result.output
    assert (folder / "a.hy.txt").exists() and (folder / "b.hy.md").exists() and (folder / "c.hy.hy.txt").exists()
    rerun = batch(folder, "--to", "hy", "-o", folder)
    assert rerun.exit_code == 0, rerun.output
    assert "3 files" in rerun.output and not list(folder.glob("*.hy.hy.hy.*"))
    assert {o["status"] for o in outcomes_by_input(folder).values()} == {"skipped"}
    assert (folder / "c.hy.txt").read_text(encoding="utf-8") == "Բարեւ։\n"


def test_run_twice_over_a_glob_does_not_translate_its_own_outputs(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert invoke("run", tmp_path / "a.txt", "--to", "hy", "--engine", "pseudo").exit_code == 0
    again = sorted(tmp_path.glob("*.txt"))  # the shell's *.txt the second time: a.txt and a.hy.txt
    result = invoke("run", *again, "--to", "hy", "--engine", "pseudo")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "a.hy.hy.txt").exists()
    assert "a.hy.txt: a translation written by translate" in result.output


def test_each_language_is_translated_once(tmp_path, pseudo_inputs):
    article = tmp_path / "a.txt"
    article.write_text("The talks will go on.\n", encoding="utf-8")
    result = invoke("run", article, "--to", "hy,hy,hye", "--engine", "pseudo")
    assert result.exit_code == 0, result.output
    assert result.output.count("a.hy.txt") == 1 and pseudo_inputs.count("The talks will go on.") == 1


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_outputs_are_created_with_the_umask(tmp_path, umask, mode):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    previous = os.umask(umask)
    try:
        assert batch(article, "--to", "hy", "-o", tmp_path / "out").exit_code == 0
    finally:
        os.umask(previous)
    for name in ("a.hy.txt", "a.hy.txt.report.json", "a.hy.txt.report.html", "manifest.json", "report.html"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == mode, name


def test_an_encoding_given_overrides_detection(tmp_path):
    """Latin-1 French is detected as CP1250 ("crčme brűlée"): --encoding says what it is."""
    article = tmp_path / "menu.txt"
    article.write_bytes("The café in Zürich served crème brûlée; naïve façade.\n".encode("latin-1"))
    detected = invoke("segment", article, "--format", "json")
    assert "crème" not in detected.output  # why the option exists
    given = invoke("segment", article, "--format", "json", "--encoding", "latin-1")
    assert given.exit_code == 0, given.output
    assert "crème brûlée" in given.output
    out = tmp_path / "out"
    assert batch(article, "--to", "hy", "-o", out, "--encoding", "latin-1").exit_code == 0
    report = json.loads((out / "menu.hy.txt.report.json").read_text(encoding="utf-8"))
    assert "crème brûlée" in report["segments"][0]["source"]
    assert invoke("segment", article, "--encoding", "klingon").exit_code == ExitCode.USAGE


# --- Ctrl-C ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_a_resume_hint_and_the_rerun_finishes(tmp_path, jobs):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(120):
        shutil.copy(SAMPLES / "azatutyun-csto-border.txt", folder / f"{number:03d}.txt")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "translate", "batch", str(folder), "--to", "hy", "-o", str(out),
               "--engine", "pseudo", "-j", jobs]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "HF_HUB_OFFLINE": "1"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out / "manifest.json").exists():
        time.sleep(0.05)
    process.send_signal(2)  # SIGINT, as Ctrl-C sends
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == ExitCode.INTERRUPTED, stderr[-2000:]
    assert "Rerun the same command to finish" in stderr and "Aborted!" not in stderr
    done = manifest(out)
    assert done["finished"] is None and 0 < len(done["outcomes"]) < 120
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    statuses = [o["status"] for o in manifest(out)["outcomes"]]
    assert len(statuses) == 120 and statuses.count("skipped") >= len(done["outcomes"])
