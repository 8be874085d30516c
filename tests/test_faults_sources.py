"""Issue 11: files that are not regular files (devices, named pipes), linked or not, given on the command line or
found in a folder, are named with what they are and never opened: opening a FIFO blocks until a writer comes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.model import LoadError
from reader.sources import SourceError, discover, read_document

DEVICE = "not a regular file: a character device"
FIFO = "not a regular file: a named pipe (FIFO)"


def errors(found) -> list[tuple[str, str]]:
    return [(Path(item.path).name, item.error) for item in found if isinstance(item, LoadError)]


def finished_within(seconds: float, work, fifo: Path | None = None):
    """`work()`'s result, or a failure when it has not returned within `seconds` (a FIFO opened for reading
    waits for a writer: one is then opened, so the blocked thread ends)."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except Exception as error:  # noqa: BLE001 - handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if fifo is not None:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(5)
        pytest.fail(f"still waiting after {seconds} s: the FIFO was opened")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("result")


@pytest.fixture
def folder(tmp_path) -> Path:
    top = tmp_path / "news"
    top.mkdir()
    (top / "article.txt").write_text("A title\n\nA sentence of the article.\n")
    return top


def test_a_link_to_a_device_says_what_it_is(folder):
    (folder / "zero.txt").symlink_to("/dev/zero")

    assert errors(discover([folder / "zero.txt"])) == [("zero.txt", DEVICE)]
    found = list(discover([folder]))
    assert errors(found) == [("zero.txt", DEVICE)]
    assert [p.name for p in found if isinstance(p, Path)] == ["article.txt"]


def test_a_dangling_link_is_still_a_link_to_nothing(folder):
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    assert errors(discover([folder / "gone.txt"])) == [("gone.txt", "a symbolic link to nothing")]
    assert errors(discover([folder])) == [("gone.txt", "a symbolic link to nothing")]


def test_a_fifo_in_a_folder_is_named_and_never_opened(folder):
    os.mkfifo(folder / "pipe.txt")
    (folder / "to-pipe.md").symlink_to(folder / "pipe.txt")

    found = finished_within(10, lambda: list(discover([folder])), folder / "pipe.txt")
    assert errors(found) == [("pipe.txt", FIFO), ("to-pipe.md", FIFO)]
    assert [p.name for p in found if isinstance(p, Path)] == ["article.txt"]


def test_read_document_refuses_a_fifo_without_waiting_for_a_writer(folder):
    os.mkfifo(folder / "pipe.txt")
    with pytest.raises(SourceError, match=r"^not a regular file: a named pipe \(FIFO\)$"):
        finished_within(10, lambda: read_document(folder / "pipe.txt"), folder / "pipe.txt")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_read_document_refuses_a_device_without_reading_it(device):
    with pytest.raises(SourceError, match=f"^{DEVICE}$"):
        read_document(device)


def test_analyze_names_a_fifo_and_a_device_and_reads_the_rest(folder):
    """As a user would run it; a blocked open would end with the subprocess's timeout, failing the test."""
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "reader.cli", "analyze", str(folder), str(folder / "pipe.txt"), "--json"],
        capture_output=True, timeout=120, text=True,
    )
    data = json.loads(done.stdout)

    assert done.returncode == 1
    assert [Path(a["path"]).name for a in data["articles"]] == ["article.txt"]
    assert errors(LoadError(e["path"], e["error"]) for e in data["errors"]) == [
        ("pipe.txt", FIFO), ("zero.txt", DEVICE), ("pipe.txt", FIFO)
    ]
    assert f"{folder / 'zero.txt'}: {DEVICE}" in done.stderr
