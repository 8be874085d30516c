import json

import pytest

from reader.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_json_defaults_to_the_seeds(capsys):
    code, out, _ = run(capsys, "analyze", "--json")
    data = json.loads(out)
    assert code == 0 and data["version"] == 1 and data["errors"] == []
    [article] = data["articles"]
    assert article["path"].endswith("000_62ec73b051e80c3c.txt")
    assert len(article["summary"]) == 3


def test_analyze_sentences_and_algorithm(capsys, seed_path):
    code, out, _ = run(capsys, "analyze", str(seed_path), "--json", "--sentences", "5", "--algorithm", "lexrank")
    article = json.loads(out)["articles"][0]
    assert code == 0 and len(article["summary"]) == 5 and article["algorithm"] == "lexrank"


def test_analyze_reports_bad_files_and_exits_1(capsys, tmp_path, seed_path):
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run(capsys, "analyze", str(tmp_path / "empty.txt"), str(seed_path), "--json")
    data = json.loads(out)
    assert code == 1
    assert len(data["articles"]) == 1
    assert data["errors"] == [{"path": str(tmp_path / "empty.txt"), "error": "the file is empty"}]
    assert "empty.txt: the file is empty" in err


def test_readable_report(capsys, seed_path):
    code, out, _ = run(capsys, "analyze", str(seed_path))
    assert code == 0
    assert "Summary (news, 3 sentences):" in out
    assert "from " + str(seed_path) in out


def test_readable_report_says_when_a_file_was_cut(capsys, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("A sentence of a very long article that never seems to end.\n" * 30_000)
    _, out, _ = run(capsys, "analyze", str(path))
    assert "Note: only the first 1 MB of 1.8 MB were read" in out


@pytest.mark.parametrize("argv", [["analyze", "--sentences", "0"], ["analyze", "--algorithm", "magic"]])
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2


def test_index_then_search(capsys, tmp_path, seed_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_path.read_bytes())
    (folder / "other.txt").write_text("Tea prices rise\n\nThe price of tea rose sharply in London on Monday.\n")
    (folder / "empty.txt").write_text("")
    code, out, _ = run(capsys, "index", str(folder), "--workers", "2")
    assert code == 1
    assert "indexed 2 of 3 articles" in out and "articles/s" in out
    assert f"failed: {folder / 'empty.txt'}: the file is empty" in out
    code, out, _ = run(capsys, "search", "Hangzhou", "--json")
    assert code == 0
    assert [hit["path"] for hit in json.loads(out)["hits"]] == [str(folder / "seed.txt")]
    code, out, _ = run(capsys, "search", "tea")
    assert code == 0 and "Tea prices rise" in out
    code, out, _ = run(capsys, "search", "nothing-like-this")
    assert code == 1 and out == ""
    # The index kept the library's order: the app's first start on it has its first screen from the cache.
    from reader.session import EntriesListed, Session

    events: list = []
    Session().first_screen([folder], events.append)
    screen = next(event for event in events if isinstance(event, EntriesListed))
    assert [entry.path for entry in screen.entries] == [str(folder / "other.txt"), str(folder / "seed.txt")]


def test_readable_report_never_passes_escape_sequences(capsys, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text("Title\x1b]0;pwned\x07 here\n\nThe body \x1b[2Jclears nothing. It says [bold]this[/bold].\n")
    code, out, _ = run(capsys, "analyze", str(path))
    assert code == 0
    assert "\x1b" not in out and "[bold]this[/bold]" in out


def test_analyze_with_user_topics(capsys, tmp_path, seed_path):
    topics = tmp_path / "topics.toml"
    topics.write_text('[topics."Middle East"]\nmerge = ["Syria"]\n')
    code, out, _ = run(capsys, "analyze", str(seed_path), "--json", "--topics", str(topics))
    names = [t["name"] for t in json.loads(out)["articles"][0]["topics"]]
    assert code == 0 and "Middle East" in names and "Syria" not in names


def test_a_broken_topics_file_is_a_usage_error_naming_it(capsys, tmp_path):
    topics = tmp_path / "topics.toml"
    topics.write_text("bad = [\n")
    with pytest.raises(SystemExit) as stopped:
        main(["analyze", "--topics", str(topics)])
    assert stopped.value.code == 2
    assert f"{topics} is not valid TOML" in capsys.readouterr().err


def test_feed_commands_are_wired_in(capsys):
    code, out, _ = run(capsys, "feeds")
    assert code == 0 and "no feeds yet" in out


def test_analyze_jsonl_prints_each_article_before_reading_the_next(capsys, tmp_path, seed_path, monkeypatch):
    """Fed by a generator: the first line is out before the last path is even asked for, and of the finished
    articles at most the last is still held when the next is read (memory stays flat however many there are)."""
    import gc
    import weakref

    from reader import analysis
    from reader.cli import stream_jsonl

    made: list[weakref.ref] = []
    real_complete = analysis.complete

    def complete(*args, **kwargs):
        article = real_complete(*args, **kwargs)
        made.append(weakref.ref(article))
        return article

    monkeypatch.setattr(analysis, "complete", complete)
    files = []
    for number in range(4):
        path = tmp_path / f"story{number}.txt"
        path.write_text(f"Story {number}\n\nThe council met on Monday and voted {number} times. It adjourned.\n")
        files.append(path)
    seen_before: list[list[str]] = []

    def paths():
        for path in files:
            seen_before.append(capsys.readouterr().out.splitlines())
            gc.collect()
            assert all(ref() is None for ref in made[:-1]), "articles finished before the last are still held"
            yield path
        yield tmp_path / "missing.txt"

    assert stream_jsonl(paths(), 2, "lexrank") == 1
    out, err = capsys.readouterr()
    assert [len(lines) for lines in seen_before] == [0, 1, 1, 1]  # one line out as each article is done
    lines = [json.loads(line) for batch in seen_before for line in batch] + [json.loads(x) for x in out.splitlines()]
    assert [line["article"]["path"] for line in lines[:4]] == [str(path) for path in files]
    assert lines[4] == {"error": {"path": str(tmp_path / "missing.txt"), "error": "no such file or folder"}}
    assert "missing.txt: no such file or folder" in err


def test_analyze_jsonl_lines_go_down_a_pipe_while_the_rest_is_analysed(tmp_path, seed_path):
    import os
    import select
    import subprocess
    import sys
    from pathlib import Path

    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(40):
        (folder / f"{number:02}.txt").write_bytes(seed_path.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen([sys.executable, "-m", "reader.cli", "analyze", "--jsonl", str(folder)],
                               stdout=subprocess.PIPE, env=env)
    try:
        assert select.select([process.stdout], [], [], 120)[0], "no line within two minutes"
        first = json.loads(process.stdout.readline())
        assert process.poll() is None  # still analysing the other 39
        rest = [json.loads(line) for line in process.stdout]
    finally:
        process.kill()
        process.wait()
    assert first["article"]["path"] == str(folder / "00.txt")
    assert [line["article"]["path"] for line in rest] == [str(folder / f"{n:02}.txt") for n in range(1, 40)]


def test_analyze_json_and_jsonl_are_one_or_the_other(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["analyze", "--json", "--jsonl"])
    assert stopped.value.code == 2


def test_analyze_jsonl_holds_what_json_holds_for_one_article(capsys, seed_path):
    _, document, _ = run(capsys, "analyze", str(seed_path), "--json")
    code, lines, _ = run(capsys, "analyze", str(seed_path), "--jsonl")
    assert code == 0 and lines.count("\n") == 1
    assert json.loads(lines) == {"article": json.loads(document)["articles"][0]}


def test_analyze_on_a_folder_of_pdfs_says_it_holds_no_articles(capsys, tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7")
    code, out, err = run(capsys, "analyze", str(tmp_path), "--json")
    assert code == 1 and json.loads(out)["articles"] == []
    assert f"no articles (.txt, .md, .html) under {tmp_path}" in err
    assert "no such file" not in err


def test_the_app_given_a_path_that_does_not_exist_exits_2_naming_it(capsys, tmp_path, monkeypatch):
    import reader.ui.app

    monkeypatch.setattr(reader.ui.app.NewsReader, "run", lambda self: pytest.fail("the app was started"))
    with pytest.raises(SystemExit) as exited:
        main([str(tmp_path / "typo.txt")])
    assert exited.value.code == 2
    assert f"{tmp_path / 'typo.txt'}: no such file or folder" in capsys.readouterr().err
