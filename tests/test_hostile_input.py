"""Broken and hostile input through `newsreader analyze --json`: one error per bad file, every good file
analysed, the invariants kept, and not one input file changed."""

import json
from pathlib import Path

import pytest
from hostile import BAD, GOOD, fingerprints, make_hostile_folder

from reader.analysis import load
from reader.cli import main


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return make_hostile_folder(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def analysed(hostile):
    before = fingerprints(hostile)
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["analyze", str(hostile), "--json"])
    return code, json.loads(out.getvalue()), err.getvalue(), before


def test_exit_status_says_some_failed(analysed):
    assert analysed[0] == 1


def test_one_clear_error_per_bad_file(analysed, hostile):
    _, data, err, _ = analysed
    errors = {Path(e["path"]).name: e["error"] for e in data["errors"]}
    for name, (_, problem) in BAD.items():
        assert problem in errors[name], name
        assert f"{hostile / name}: " in err
    assert "symbolic link to nothing" in errors["dangling.txt"]
    assert len(data["errors"]) == len(errors), "one error per file"
    assert set(errors) <= set(BAD) | {"dangling.txt", "deep.html"}


def test_every_good_file_is_analysed(analysed):
    names = {Path(a["path"]).name for a in analysed[1]["articles"]}
    assert set(GOOD) | {"huge.txt", "one-line.txt"} <= names
    assert not any("loop" in Path(a["path"]).parts for a in analysed[1]["articles"]), "the loop is not followed"


def test_huge_inputs_are_read_to_a_limit_with_a_note(analysed):
    by_name = {Path(a["path"]).name: a for a in analysed[1]["articles"]}
    assert "only the first 1 MB of 50 MB were read" in by_name["huge.txt"]["notes"]
    assert "only the first 1 MB of 10 MB were read" in by_name["one-line.txt"]["notes"]
    assert len(by_name["huge.txt"]["summary"]) == 3


def test_the_invariants_hold_on_every_article(analysed, hostile):
    for article in analysed[1]["articles"]:
        paragraphs = article["paragraphs"]
        for sentence in article["summary"]:
            assert paragraphs[sentence["paragraph"]]["role"] == "body"
            assert sentence["text"] in paragraphs[sentence["paragraph"]]["text"]


def test_markup_and_escapes_stay_in_the_data_as_they_were(analysed):
    by_name = {Path(a["path"]).name: a for a in analysed[1]["articles"]}
    body = " ".join(p["text"] for p in by_name["markup.txt"]["paragraphs"])
    assert "[@click=app.quit]a link[/]" in body and "[bold]tags[/bold]" in body


def test_no_input_file_was_changed(analysed, hostile):
    assert fingerprints(hostile) == analysed[3]


def test_a_file_deleted_before_it_is_read(tmp_path):
    path = tmp_path / "vanishing.txt"
    path.write_text("Title\n\nBody.\n")
    path.unlink()
    error = load(path)
    assert error.path == str(path) and "No such file" in error.error
