"""Cleaning: split a page's text into paragraphs and label each with its role. (Placeholder: all body.)"""

from __future__ import annotations

from .model import BODY, CleanedText, Document, Paragraph


def clean_text(text: str) -> CleanedText:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines else ""
    return CleanedText(title, tuple(Paragraph(line, BODY) for line in lines[1:]))


def clean_document(document: Document) -> CleanedText:
    return clean_text(document.text)
