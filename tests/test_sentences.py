import subprocess
import sys

from reader.sentences import SumyTokenizer, abbreviations, sentence_spans, split_sentences, words


def test_abbreviations_never_split_a_sentence():
    text = ("U.S. President Barack Obama met Gen. Smith and Sen. Jones on Jan. 5. "
            "Mr. Putin arrived later, Dr. Lee said.")
    assert split_sentences(text) == [
        "U.S. President Barack Obama met Gen. Smith and Sen. Jones on Jan. 5.",
        "Mr. Putin arrived later, Dr. Lee said.",
    ]


def test_seed_sentence_with_us_president_stays_whole(seed_text):
    paragraph = next(line for line in seed_text.splitlines() if line.startswith("U.S. President Barack Obama says"))
    assert split_sentences(paragraph) == [paragraph]


def test_spans_are_verbatim_offsets():
    text = "He said, “We will see.” She left.  Then nothing."
    assert [text[a:b] for a, b in sentence_spans(text)] == split_sentences(text)
    assert len(split_sentences(text)) == 3


def test_words_drop_punctuation():
    assert words("Obama said, “constructive!”") == ("Obama", "said", "constructive")


def test_sumy_tokenizer_interface():
    tokenizer = SumyTokenizer()
    assert tokenizer.to_sentences("One. Two.") == ("One.", "Two.")
    assert tokenizer.to_words("One two.") == ("One", "two")


def test_shipped_parameters_hold_the_usual_abbreviations():
    assert {"u.s", "mr", "gen", "sen", "jan"} <= abbreviations()


def test_sentences_work_without_nltk_data(tmp_path):
    """No downloaded NLTK data anywhere: point NLTK at an empty folder and split sentences."""
    code = "from reader.sentences import split_sentences; print(len(split_sentences('Mr. A left. B came.')))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    )
    assert result.stdout.strip() == "2", result.stderr


def test_an_analysis_splits_each_paragraph_into_sentences_once(monkeypatch, seed_text):
    """The summary and the speakers share one Punkt pass per paragraph (it was a third of an analysis)."""
    from collections import Counter

    from reader import sentences
    from reader.analysis import analyze_document
    from reader.model import Document

    punkt = sentences._punkt()
    split: Counter[str] = Counter()

    class Counting:
        def span_tokenize(self, text):
            split[text] += 1
            return punkt.span_tokenize(text)

    monkeypatch.setattr(sentences, "_punkt", Counting)
    sentences._sentence_spans.cache_clear()
    article = analyze_document(Document(path="seed.txt", text=seed_text, kind="text"))
    assert article.summary and article.speakers
    assert split and max(split.values()) == 1
