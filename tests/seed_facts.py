"""What a careful reader sees in the seed article, shared by the tests of every analysis step."""

from __future__ import annotations

from reader.model import BODY, BOILERPLATE, Paragraph

SEED_TITLE = "Obama Calls Putin Meeting 'Constructive But Not Conclusive'"
# The seed's eight body paragraphs, by their opening words.
SEED_BODY_OPENINGS = (
    "U.S. President Barack Obama says he had",
    "Obama told reporters in Hangzhou",
    "He said any cease-fire accord",
    "Obama warned that the current situation in Syria",
    "The U.S. president said he also spoke with Putin about Ukraine",
    "Obama said the meeting was",
    "Finally, Obama said he also spoke with Putin about cybersecurity",
    "He said he hopes all states",
)


def seed_paragraphs(seed_text: str) -> tuple[Paragraph, ...]:
    """The seed's lines after its first, the body ones labelled body and the rest boilerplate, as if cleaned
    perfectly: the speakers and topics tests then do not depend on the cleaner."""
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()][1:]
    return tuple(Paragraph(line, BODY if line.startswith(SEED_BODY_OPENINGS) else BOILERPLATE) for line in lines)
