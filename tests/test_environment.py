"""What the machine refuses becomes a message that says what to do and exit code 7 (issue 14,
points 5 and 10): a full or read-only disk, a damaged translation memory, a configuration that
is not UTF-8, and files that are not files (FIFOs, devices) wherever a file is read."""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.environment import memory_problem, os_error_message, stops_the_run
from translate.errors import ExitCode

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ARTICLE = SAMPLES / "azatutyun-csto-border.txt"


def invoke(*args: object):
    return CliRunner().invoke(main, [str(arg) for arg in args])


# --- the one mapping -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "advice", "stops"),
    [
        pytest.param(errno.ENOSPC, "disk is full", True, id="disk-full"),
        pytest.param(errno.EDQUOT, "quota", True, id="quota"),
        pytest.param(errno.EROFS, "read-only: choose a writable folder", True, id="read-only"),
        pytest.param(errno.EIO, "check it, then rerun", True, id="io-error"),
        pytest.param(errno.EACCES, "make it writable", False, id="permission"),
        pytest.param(errno.ENAMETOOLONG, "shorten the input's name", False, id="name-too-long"),
        pytest.param(errno.EISDIR, "a folder is in the way", False, id="folder-in-the-way"),
        pytest.param(errno.ENOTDIR, "a file is in the way", False, id="file-in-the-way"),
    ],
)
def test_os_errors_say_what_to_do_and_whether_the_run_stops(code, advice, stops):
    error = OSError(code, os.strerror(code), "/out/story.hy.txt")
    message = os_error_message(error)
    assert message.startswith("/out/story.hy.txt: ") and advice in message
    assert stops_the_run(error) is stops


@pytest.mark.parametrize(
    ("raised", "message"),
    [
        pytest.param(OSError(errno.ENOSPC, "No space left on device"), "disk is full", id="disk-full"),
        pytest.param(PermissionError(errno.EACCES, "Permission denied", "/out"), "/out: Permission denied", id="eacces"),
    ],
)
def test_an_os_error_no_command_mapped_exits_7_not_internal(monkeypatch, tmp_path, raised, message):
    def segment_document(*args, **kwargs):
        raise raised

    monkeypatch.setattr("translate.segmentation.segment_document", segment_document)
    result = invoke("segment", ARTICLE)
    assert result.exit_code == ExitCode.ENVIRONMENT, result.output
    assert message in result.output and "internal error" not in result.output


# --- a full or read-only output folder ----------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 96 KB file system of its own (tmpfs), where the machine lets tests mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip()}); the patched tests below cover the mapping")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_stops_the_batch_with_exit_7_and_keeps_what_was_done(small_disk, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(6):
        shutil.copy(ARTICLE, inputs / f"{number}.txt")
    result = invoke("batch", inputs, "--to", "hy", "-o", small_disk / "out", "--engine", "pseudo")
    assert result.exit_code == ExitCode.ENVIRONMENT, result.output
    assert "disk is full" in result.output and "Traceback" not in result.output
    assert not list((small_disk / "out").rglob("*.tmp"))  # no temporary file left to fill the disk further


def test_a_read_only_output_folder_is_exit_7_before_any_work(small_disk, tmp_path):
    (small_disk / "out").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = invoke("batch", ARTICLE, "--to", "hy", "-o", small_disk / "out", "--engine", "pseudo")
    assert result.exit_code == ExitCode.ENVIRONMENT, result.output
    assert "read-only: choose a writable folder" in result.output


def test_a_disk_that_fills_mid_write_is_exit_7(monkeypatch, tmp_path):
    """The same without a mount: the disk refuses the data of the first output (as ext4 does at fsync)."""
    def full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = invoke("batch", ARTICLE, "--to", "hy", "-o", tmp_path / "out", "--engine", "pseudo")
    assert result.exit_code == ExitCode.ENVIRONMENT, result.output
    assert "disk is full: free some space and rerun" in result.output
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_an_output_folder_without_permission_is_exit_7(monkeypatch, tmp_path):
    """As a non-root user on a folder of mode 0555 (root is never refused, so the refusal is played)."""
    out = tmp_path / "out"
    mkdir = Path.mkdir

    def refusing(self, *args, **kwargs):
        if self.is_relative_to(out):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refusing)
    result = invoke("batch", ARTICLE, "--to", "hy", "-o", out, "--engine", "pseudo")
    assert result.exit_code == ExitCode.ENVIRONMENT, result.output
    assert "Permission denied; permission denied: make it writable" in result.output


# --- the translation memory and the configuration ---------------------------------------------


def damaged_memory(path: Path) -> Path:
    from translate.memory import TranslationMemory

    with TranslationMemory(path) as memory:
        context = memory.context("en", "hy", {"engine": "marian"})
        memory.store(context, [(f"Sentence number {n} about the border talks.", f"Նախադասություն {n}")
                               for n in range(3000)])
    data = bytearray(path.read_bytes())
    for page in range(3, len(data) // 4096 - 1):  # every page after the first few: the entries
        data[page * 4096 + 100 : page * 4096 + 600] = b"\xde\xad" * 250
    path.write_bytes(data)
    with pytest.raises(sqlite3.DatabaseError):  # really damaged
        sqlite3.connect(path).execute("SELECT COUNT(*), MAX(translation) FROM entries").fetchall()
    return path


def test_a_damaged_translation_memory_is_named_with_the_way_out(tmp_path, tiny_checkpoint):
    memory = damaged_memory(tmp_path / "tm.sqlite")
    config = tmp_path / "config.toml"
    config.write_text(f'[memory]\npath = "{memory}"\n[models.en-hy]\ncheckpoint = "{tiny_checkpoint}"\n'
                      '[generation]\nnum_beams = 1\n', encoding="utf-8")
    article = tmp_path / "short.txt"
    article.write_text("The talks went on.\n", encoding="utf-8")
    for command in (["tm", "stats", "--memory", memory], ["tm", "export", tmp_path / "x.tmx", "--memory", memory],
                    ["run", article, "--to", "hy", "-o", tmp_path / "out", "--config", config]):
        result = invoke(*command)
        assert result.exit_code == ExitCode.ENVIRONMENT, (command, result.output)
        assert f"{memory}: translation memory: it is damaged" in result.output
        assert "--no-cache" in result.output and "move the file aside" in result.output
    result = invoke("run", article, "--to", "hy", "-o", tmp_path / "out", "--config", config, "--no-cache")
    assert result.exit_code == 0, result.output  # the way out works
    assert memory_problem(sqlite3.DatabaseError("database disk image is malformed"), memory).exit_code == 7


def test_a_configuration_that_is_not_utf8_is_a_config_error(tmp_path):
    config = tmp_path / "user.toml"
    config.write_bytes('[defaults]\nsource = "en"  # Café\n'.encode("latin-1"))
    result = invoke("segment", ARTICLE, "--config", config)
    assert result.exit_code == ExitCode.CONFIG, result.output
    assert f"{config}: not UTF-8" in result.output and "save it as UTF-8" in result.output


# --- files that are not files (point 10) -------------------------------------------------------


def invoke_within(seconds: float, fifo: Path, *args: object):
    """``invoke(*args)``, failing if it has not returned within ``seconds`` (then the FIFO is opened
    for writing and closed, so that a blocked read ends and the test process is not left hanging)."""
    box: list = []
    worker = threading.Thread(target=lambda: box.append(invoke(*args)), daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(descriptor)
        worker.join(10)
        pytest.fail(f"translate {' '.join(map(str, args))} blocked on the FIFO {fifo}")
    return box[0]


@pytest.mark.parametrize(
    ("command", "code", "message"),
    [
        pytest.param(["segment", "{fifo}"], ExitCode.INPUT, "is a FIFO (named pipe), not a file", id="segment"),
        pytest.param(["segment", "{article}", "--config", "{fifo}"], ExitCode.CONFIG, "is a FIFO", id="config"),
        pytest.param(["glossary", "suggest", "{fifo}"], ExitCode.INPUT, "is a FIFO", id="glossary-suggest"),
        pytest.param(["glossary", "check", "{fifo}", "{article}", "--to", "hy"], ExitCode.INPUT, "is a FIFO",
                     id="glossary-check"),
        pytest.param(["glossary", "import", "{fifo}", "--into", "{tmp}/g.toml", "--format", "csv"], ExitCode.CONFIG,
                     "is a FIFO", id="glossary-import"),
        pytest.param(["glossary", "lint", "{fifo}"], ExitCode.CONFIG, "is a FIFO", id="glossary-lint"),
        pytest.param(["run", "{fifo}", "--to", "hy", "--engine", "pseudo"], ExitCode.INPUT, "is a FIFO", id="run"),
        pytest.param(["tm", "stats", "--memory", "{fifo}"], ExitCode.ENVIRONMENT, "not a file", id="tm-memory"),
    ],
)
def test_a_fifo_is_refused_at_once_wherever_a_file_is_read(tmp_path, command, code, message):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    args = [part.format(fifo=fifo, article=ARTICLE, tmp=tmp_path) for part in command]
    result = invoke_within(30, fifo, *args)
    assert result.exit_code == code, result.output
    assert message in result.output and str(fifo) in result.output


def test_a_device_is_refused_without_reading_it(tmp_path):
    """``segment /dev/zero`` read forever (2.7 GB in 6 s); now refused at once, under a 2 GB cap."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    result = subprocess.run([sys.executable, "-m", "translate", "segment", "/dev/zero"], capture_output=True,
                            text=True, timeout=120, preexec_fn=cap, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert result.returncode == ExitCode.INPUT, result.stderr[-2000:]
    assert "/dev/zero: is a character device, not a file" in result.stderr


def test_a_fifo_in_a_batch_folder_is_reported_in_the_manifest(tmp_path):
    """Point 12: a FIFO or a dangling link among the articles is a failed input, not silence."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ARTICLE, folder / "good.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (folder / "gone.pdf").symlink_to(tmp_path / "deleted.pdf")  # not an article name: not an input
    result = invoke_within(60, folder / "pipe.txt", "batch", folder, "--to", "hy", "-o", tmp_path / "out",
                           "--engine", "pseudo")
    assert result.exit_code == ExitCode.PARTIAL, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    errors = {Path(o["input"]).name: o["error"] for o in manifest["outcomes"] if o["status"] == "failed"}
    assert set(errors) == {"pipe.txt", "gone.txt"}
    assert "FIFO" in errors["pipe.txt"] and "symbolic link" in errors["gone.txt"]
    assert str(tmp_path / "deleted.txt") in errors["gone.txt"]
