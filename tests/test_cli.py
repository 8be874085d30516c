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
