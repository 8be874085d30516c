"""Property tests: the whole analysis on any text never raises and keeps the contract's invariants."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis import analyze_document
from reader.model import Document

EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "Obama Calls Putin Meeting 'Constructive But Not Conclusive'",
    "U.S. President Barack Obama says he had a “businesslike” meeting with Putin.",
    "“We will see,” he said, “whether it holds.”",
    "He said the talks would go on. Mr. Smith disagreed.",
    "Share this article", "Sign up for our newsletter", "Home", "Related stories", "0:00 0:01:27 0:00",
    "Russian President Vladimir Putin (left) met with Obama on September 5.",
    "Based on reporting by BBC, Reuters, and AFP",
    "\"", "“", "”", "...", "[bold]markup[/bold]", "\x1b[2J", "—", "A.", "U.S.", "",
]
article_like = st.lists(st.sampled_from(PIECES), max_size=30).map(lambda lines: "\n".join(lines))
any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=600)


def check_invariants(text: str) -> None:
    article = analyze_document(Document("generated.txt", text, "text"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    kept = [line.strip() for p in article.paragraphs for line in p.text.splitlines() if line.strip()]
    if article.title in lines:
        lines.remove(article.title)
    assert kept == lines, "every non-blank line but the title sits in exactly one paragraph, in order"
    for sentence in article.summary:
        paragraph = article.paragraphs[sentence.paragraph]
        assert paragraph.is_body and sentence.text in paragraph.text
    assert [s.paragraph for s in article.summary] == sorted(s.paragraph for s in article.summary)
    for speaker in article.speakers:
        assert all(article.paragraphs[s.paragraph].is_body for s in speaker.statements)
    for topic in article.topics:
        assert all(article.paragraphs[i].is_body for i in topic.paragraphs)


@EXAMPLES
@given(any_text)
def test_any_unicode_text(text):
    check_invariants(text)


@EXAMPLES
@given(article_like)
def test_article_like_text(text):
    check_invariants(text)
