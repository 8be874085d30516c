"""The readable report of `newsreader analyze` without --json."""

from __future__ import annotations

import textwrap
from collections import Counter

from .display import printable
from .model import BODY, Article


def render_report(article: Article) -> str:
    """Title, facts, summary, speakers, topics and what cleaning set apart, to print with display.show.

    What is wrapped or underlined is made printable first, so the layout measures the text as it is shown and
    no escape sequence is split across two lines."""
    title = printable(article.title)
    lines = [title, "=" * min(len(title), 78)]
    facts = [fact for fact in (article.site, article.author, article.date) if fact]
    facts.append(f"{article.length} words, from {article.path}")
    lines.append(" · ".join(facts))
    lines.extend(f"Note: {note}" for note in article.notes)
    lines.append("")
    lines.append(f"Summary ({article.algorithm}, {len(article.summary)} sentences):")
    for sentence in article.summary:
        lines.extend(textwrap.wrap(printable(sentence.text), 76, initial_indent="  - ", subsequent_indent="    "))
    if article.speakers:
        lines.append("")
        lines.append("Speakers:")
        for speaker in article.speakers:
            unnamed = ", unnamed source" if speaker.unnamed else ""
            lines.append(f"  {speaker.name} ({len(speaker.counted)} statements{unnamed})")
            for statement in speaker.counted:
                lines.extend(
                    textwrap.wrap(printable(f"[{statement.kind}] {statement.text}"), 74, initial_indent="    - ",
                                  subsequent_indent="      ")
                )
    if article.topics:
        lines.append("")
        lines.append("Topics: " + ", ".join(t.name for t in article.topics))
    removed = Counter(p.role for p in article.paragraphs if p.role != BODY)
    lines.append("")
    if removed:
        lines.append("Set apart from the text: " + ", ".join(f"{n} {role}" for role, n in sorted(removed.items())))
    else:
        lines.append("Nothing was set apart from the text.")
    return "\n".join(lines)
