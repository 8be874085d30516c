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
    assert found == ["a.txt", "b/three.htm", "b/two.md", "page.html"]


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
    [(b"", "empty"), (b"  \n\t\n", "empty"), (b"%PDF-1.4\x00\x01\x02binary", "binary")],
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
