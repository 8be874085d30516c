import json
import subprocess
import sys

import pytest

from reader.analysis import analyze_document, analyze_paths, load
from reader.model import Article, Document, LoadError
from reader.sources import read_document

CORE = ["reader.model", "reader.sources", "reader.clean", "reader.sentences", "reader.summary",
        "reader.speakers", "reader.topics", "reader.analysis", "reader.report", "reader.display",
        "reader.library", "reader.feeds", "reader.cli"]


def non_blank_lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_seed_analysis_keeps_every_line_once(seed_path, seed_text):
    article = analyze_document(read_document(seed_path))
    kept = [line.strip() for p in article.paragraphs for line in p.text.splitlines() if line.strip()]
    lines = non_blank_lines(seed_text)
    lines.remove(article.title)
    assert kept == lines


def test_seed_summary_is_verbatim_body_text_in_order(seed_path):
    article = analyze_document(read_document(seed_path))
    assert len(article.summary) == 3
    for sentence in article.summary:
        assert article.paragraphs[sentence.paragraph].is_body
        assert sentence.text in article.paragraphs[sentence.paragraph].text
    assert [s.paragraph for s in article.summary] == sorted(s.paragraph for s in article.summary)


def test_the_same_text_has_the_same_id(tmp_path, seed_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_path.read_bytes())
    assert load(copy).id == load(seed_path).id


def test_load_is_cheap_and_complete_adds_the_summary(seed_path):
    outline = load(seed_path)
    assert isinstance(outline, Article) and outline.summary == () and outline.paragraphs


def test_bad_files_are_reported_and_the_rest_analysed(tmp_path, seed_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_bytes(seed_path.read_bytes())
    results = list(analyze_paths([tmp_path, tmp_path / "missing.md"]))
    errors = [r for r in results if isinstance(r, LoadError)]
    assert [r.path.rsplit("/", 1)[-1] for r in errors] == ["empty.txt", "missing.md"]
    assert [r.path.rsplit("/", 1)[-1] for r in results if isinstance(r, Article)] == ["good.txt"]


def test_article_json_has_the_contract_fields(seed_path):
    data = json.loads(json.dumps(analyze_document(read_document(seed_path)).to_json()))
    assert {"id", "path", "title", "paragraphs", "summary", "speakers", "people", "topics"} <= set(data)
    assert {"text", "role", "topics"} == set(data["paragraphs"][0])


def test_core_modules_never_import_textual():
    """Like Harlequin: the analysis is plain Python, checked in a fresh interpreter."""
    code = f"import sys\nfor m in {CORE!r}: __import__(m)\nprint('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_loading_an_article_imports_neither_nltk_nor_sumy(seed_path):
    """The app paints before the slow libraries load: the outline must not need them."""
    code = (f"import sys; from reader.analysis import load; load({str(seed_path)!r}); "
            "print(sorted(m for m in ('nltk', 'sumy', 'trafilatura', 'textual') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_a_long_text_is_summarised_from_its_first_sentences_with_a_note():
    from reader.model import Document
    from reader.summary import MAX_CANDIDATES

    text = "Title\n\n" + "\n\n".join(f"Sentence number {i} of a long report on the budget." for i in range(MAX_CANDIDATES + 50))
    article = analyze_document(Document("long.txt", text, "text"))
    assert len(article.summary) == 3
    assert f"the summary is drawn from the first {MAX_CANDIDATES} of {MAX_CANDIDATES + 50} sentences" in article.notes


def test_a_hard_wrapped_text_gives_the_summary_and_speakers_of_the_same_text_unwrapped():
    from test_clean import UNWRAPPED_STORY, hard_wrapped

    from reader.model import Document

    def said(text: str) -> tuple[list[str], list[tuple[str, int]]]:
        article = analyze_document(Document("story.txt", text, "text"))
        summary = [" ".join(sentence.text.split()) for sentence in article.summary]
        return summary, [(speaker.name, len(speaker.statements)) for speaker in article.speakers]

    summary, speakers = said(hard_wrapped(UNWRAPPED_STORY))
    assert (summary, speakers) == said("\n\n".join(UNWRAPPED_STORY))
    assert ("Mere Tane", 3) in speakers and not any(sentence.endswith("dying on") for sentence in summary)


def test_the_list_heading_has_the_outlines_title_read_from_the_first_lines(seed_path, tmp_path, monkeypatch):
    from reader import analysis, clean
    from reader.analysis import heading, outline

    menus = "\n\n".join(f"Menu {n}" for n in range(14))  # a page's text saved with its menus: the headline lies deep
    story = "Harbour Reopens After Storm\n\n" + "\n\n".join(
        f"The harbour reopened on day {n} after the storm, the port authority said." for n in range(30))
    documents = [read_document(seed_path), Document(str(tmp_path / "menus.txt"), menus + "\n\n" + story, "text")]
    outlines = [outline(document) for document in documents]
    headings = [heading(document) for document in documents]
    assert [h.title for h in headings] == [o.title for o in outlines] and outlines[1].title.startswith("Harbour")
    assert [h.id for h in headings] == [o.id for o in outlines]
    assert abs(headings[0].words - outlines[0].length) < 0.1 * outlines[0].length  # the analysis counts them exactly

    cleaned: list[str] = []
    real_clean, real_head_title = clean.clean_text, clean.head_title  # the head is read by one or the other
    monkeypatch.setattr(clean, "clean_text", lambda text: cleaned.append(text) or real_clean(text))
    monkeypatch.setattr(clean, "head_title", lambda text: cleaned.append(text) or real_head_title(text))
    monkeypatch.setattr(clean, "clean_document", lambda document: pytest.fail("the whole text was cleaned"))
    long_story = Document("long.txt", story + "\n\n" + "\n\n".join(["More words of the story follow here."] * 500),
                          "text")
    assert heading(long_story).title == "Harbour Reopens After Storm"
    assert len([line for line in cleaned[0].splitlines() if line.strip()]) == analysis.HEADING_LINES


def test_listing_imports_neither_the_speakers_nor_the_topics():
    """A warm listing needs only ANALYSIS_VERSION and a cold one the cleaning: the speakers' and the topics'
    modules (a third of a second) wait for the first analysis."""
    code = ("import sys\nfrom reader.analysis import ANALYSIS_VERSION, heading\n"
            "print(sorted(m for m in ('reader.speakers', 'reader.topics', 'reader.clean') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["[]"]
