from pathlib import Path

import pytest

from reader.model import LoadError
from reader.sources import SourceError, decode, discover, read_document, seed_paths

PHRASE = "Café “quoted” – déjà vu"


def test_seed_paths_are_the_bundled_seed(seed_path):
    assert seed_paths() == [seed_path]


@pytest.mark.parametrize(
    "encoded",
    [
        PHRASE.encode("utf-8"),
        b"\xef\xbb\xbf" + PHRASE.encode("utf-8"),
        PHRASE.encode("utf-16"),  # with BOM
        PHRASE.encode("utf-16-be").join([b"\xfe\xff", b""]),
        PHRASE.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "windows-1252"],
)
def test_decode_reads_each_encoding(encoded):
    assert decode(encoded) == PHRASE


def test_discover_reads_folders_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/two.md", "a.txt", "page.html", "notes.pdf", "b/three.htm"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.txt", "page.html", "b/three.htm", "b/two.md"]  # a folder's files, then its folders


@pytest.mark.parametrize("names", [(), ("report.pdf", "scan.png")])
def test_a_folder_with_no_articles_is_told_as_such(tmp_path, names):
    for name in names:
        (tmp_path / name).write_bytes(b"%PDF")
    [error] = discover([tmp_path])
    assert isinstance(error, LoadError)
    assert error.error == f"no articles (.txt, .md, .html) under {tmp_path}"


def test_discover_reports_a_missing_path(tmp_path):
    [error] = discover([tmp_path / "gone.txt"])
    assert isinstance(error, LoadError) and "no such file" in error.error


def test_read_document_kinds(tmp_path, seed_path):
    (tmp_path / "a.md").write_text("# Title\n\nText.", encoding="utf-8")
    assert read_document(tmp_path / "a.md").kind == "markdown"
    seed = read_document(seed_path)
    assert seed.kind == "text" and "Barack Obama" in seed.text


@pytest.mark.parametrize(
    "content, problem",
    [(b"", "empty"), (b"  \n\t\n", "empty"), (b"\x00\x01\x02\x03binary", "binary data")],
)
def test_read_document_refuses_with_a_reason(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=problem):
        read_document(path)


HTML = """<html><head><title>Storm hits the coast | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Storm hits the coast</h1>
<p>A powerful storm struck the northern coast on Tuesday, flooding streets and cutting power to thousands of homes
across the region, officials said in a statement released late in the evening.</p>
<p>Emergency crews worked through the night to restore electricity, and the regional government opened shelters
for families forced to leave their houses as the water kept rising along the river banks.</p>
<p>Forecasters expect the rain to ease by Thursday, but warned that rivers could stay high for several more days
and urged residents to avoid travelling unless it was absolutely necessary.</p>
</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def test_html_goes_through_trafilatura(tmp_path):
    path = tmp_path / "storm.html"
    path.write_text(HTML, encoding="utf-8")
    document = read_document(path)
    assert document.kind == "html"
    assert "flooding streets" in document.text and "urged residents" in document.text
    assert "Copyright" not in document.text and "Sport" not in document.text
    assert document.title.startswith("Storm hits the coast")
    assert document.author == "Jane Reporter"


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document, not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not text"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed data, not text"),
    ],
)
def test_binary_files_with_a_text_name_say_what_they_are(tmp_path, content, problem):
    path = tmp_path / "looks-like.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=problem):
        read_document(path)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, codec):
    path = tmp_path / "wide.txt"
    path.write_bytes("Headline here\n\nA body line, with “quotes”.\n".encode(codec))
    assert read_document(path).text.startswith("Headline here\n")


def test_a_huge_file_is_read_up_to_the_limit_with_a_note(tmp_path):
    from reader.sources import MAX_BYTES

    path = tmp_path / "huge.txt"
    line = "A sentence of a very long article that never seems to end. " * 20 + "\n"
    path.write_text(line * (3 * MAX_BYTES // len(line)))
    document = read_document(path)
    assert len(document.text.encode()) <= MAX_BYTES and document.text.endswith("\n")
    assert document.notes and "only the first 1 MB of 3 MB were read" in document.notes[0]


def test_a_single_huge_line_is_cut_at_the_limit(tmp_path):
    from reader.sources import MAX_BYTES

    path = tmp_path / "oneline.txt"
    path.write_text("word " * (MAX_BYTES // 2))
    assert len(read_document(path).text) == MAX_BYTES


def test_symlink_loops_end_and_dangling_links_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    found = list(discover([tmp_path]))
    assert [p.name for p in found if isinstance(p, Path)] == ["a.txt"]
    assert [(Path(e.path).name, e.error) for e in found if isinstance(e, LoadError)] == [
        ("gone.txt", "a symbolic link to nothing")
    ]


def test_a_deeply_nested_page_fails_with_a_reason_or_reads(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + "<p>Deep text here.</p>" + "</div>" * 100_000)
    try:
        document = read_document(path)
    except SourceError as error:
        assert str(error)
    else:
        assert "Deep text" in document.text


def test_mixed_encodings_decode_line_by_line():
    data = "Café in UTF-8\n".encode("utf-8") + "Déjà in Windows-1252\n".encode("cp1252")
    assert decode(data) == "Café in UTF-8\nDéjà in Windows-1252\n"


def _page_with_scripts(script_bytes: int, scripts: int, paragraphs: list[str]) -> str:
    """A news page as sites send them: megabytes of scripts and styles in its head, then the article."""
    code = "var settings = {" + '"key": "value", ' * (script_bytes // scripts // 16) + "};"
    head = "".join(f"<script>{code}</script>\n" for _ in range(scripts))
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        f"<html><head><title>Harbour Wall Vote</title>{head}<style>{'.x{color:red}' * 1000}</style></head>"
        f"<body><article><h1>Harbour Wall Vote</h1>{body}</article></body></html>"
    )


STORY = [
    f"Paragraph {number} of the story: the council met again to discuss the harbour wall, and members said the "
    f"work would begin in the spring if the money for it could be found in time."
    for number in range(1, 9)
]


def test_a_page_over_a_megabyte_whose_article_ends_past_it_is_read_whole(tmp_path):
    path = tmp_path / "big.html"
    path.write_text(_page_with_scripts(1_500_000, 30, STORY), encoding="utf-8")
    assert path.stat().st_size > 1_400_000 and path.read_text().index("Paragraph 8") > 1_000_000
    document = read_document(path)
    assert [line for line in document.text.splitlines() if line.startswith("Paragraph")] == STORY
    assert document.notes == ()


def test_a_script_larger_than_libxml2_takes_by_default_does_not_hide_the_article(tmp_path):
    path = tmp_path / "one-script.html"
    path.write_text(_page_with_scripts(12_000_000, 1, STORY), encoding="utf-8")
    assert STORY[-1] in read_document(path).text


def test_a_page_whose_article_lies_past_the_part_read_says_so(tmp_path, monkeypatch):
    import reader.sources

    monkeypatch.setattr(reader.sources, "MAX_PAGE_BYTES", 1_000_000)
    path = tmp_path / "past.html"
    path.write_text(_page_with_scripts(1_500_000, 30, STORY), encoding="utf-8")
    with pytest.raises(SourceError, match=r"no article text found in the page \(only the first 1 MB of 1.5 MB"):
        read_document(path)


def test_an_article_longer_than_the_limit_is_kept_up_to_it_with_a_note(tmp_path):
    from reader.sources import MAX_BYTES

    paragraphs = [f"{number}: " + STORY[0] for number in range(9_000)]  # 1.6 MB of text
    path = tmp_path / "long.html"
    path.write_text(_page_with_scripts(1_000, 1, paragraphs), encoding="utf-8")
    document = read_document(path)
    assert len(document.text.encode()) <= MAX_BYTES and document.text.startswith("Harbour Wall Vote\n0: Paragraph 1")
    assert document.text.endswith(".\n") and len(document.blocks) == document.text.count("\n")
    assert document.notes == ("only the first 1 MB of the article's 1.6 MB of text were kept",)


def read_as_windows_1252(data: bytes) -> str:
    """What a program reading UTF-8 as Windows-1252 shows (the five bytes it leaves undefined as Latin-1)."""
    return "".join(chr(byte) if byte in b"\x81\x8d\x8f\x90\x9d" else bytes([byte]).decode("cp1252") for byte in data)


@pytest.mark.parametrize("written", ["It’s “quoted” – déjà vu", "Новости дня", "엔터 미디어", "Zurück zur Übersicht"])
def test_text_that_was_decoded_as_windows_1252_once_and_saved_again_reads_as_written(written):
    mangled = read_as_windows_1252(written.encode("utf-8"))
    assert mangled != written
    text = decode(f"Headline\n{mangled}\nA plain line, in a café.\n".encode("utf-8"))
    assert text == f"Headline\n{written}\nA plain line, in a café.\n"


@pytest.mark.parametrize("written", ["Café déjà vu", "Â is a letter of its own"])
def test_text_with_accents_written_as_such_is_left_as_it_is(written):
    assert decode(written.encode("utf-8")) == written
