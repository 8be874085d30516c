import pytest

from reader.display import printable


@pytest.mark.parametrize(
    "hostile, shown",
    [
        ("a\x1b[2Jb", "ab"),  # clear screen
        ("a\x1b[31mred\x1b[0m", "ared"),
        ("\x1b]0;pwned title\x07text", "text"),  # window title
        ("\x1b]52;c;ZXZpbA==\x1b\\text", "text"),  # OSC 52 clipboard write
        ("\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\", "link"),  # hyperlink
        ("x\x9b2Jy", "xy"),  # 8-bit CSI
        ("ab\u202ecba", "abcba"),  # right-to-left override
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("bell\x07 and null\x00", "bell and null"),
        ("tabs\tand\nnewlines stay", "tabs\tand\nnewlines stay"),
        ("[bold]markup[/bold] [@click=app.quit]x[/]", "[bold]markup[/bold] [@click=app.quit]x[/]"),
        ("Café “quoted” – déjà vu 東京", "Café “quoted” – déjà vu 東京"),
    ],
)
def test_printable(hostile, shown):
    assert printable(hostile) == shown


def test_an_unterminated_sequence_ends_with_its_line():
    assert printable("\x1b]0;title never ends") == ""
    assert printable("before\x1b]0;title\nafter") == "before\nafter"
