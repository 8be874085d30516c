"""Cleaning: split an article's text into paragraphs and label each with its role.

A page copied from a browser carries its article among navigation, share buttons, captions, player widgets and
footers. The article is found as the run of lines that read as prose (long, sentence-shaped, not Title Cased)
with the least page furniture in between; its headline is the headline-shaped line shortly before that run whose
words recur in the story. Every other line gets its role from its shape, its neighbours and a few kinds of page
words (data/clean_cues.txt). Nothing is dropped: each non-blank line is the title or in exactly one paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from .model import (
    ASIDE,
    BODY,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    CREDIT,
    DATELINE,
    FIGURE,
    HEADING,
    HEADLINE,
    MEDIA,
    SUBHEADING,
    CleanedText,
    Document,
    PageBlock,
    Paragraph,
)
from .resources import data_file

# Prose: a line this long that ends like a sentence and is not Title Cased reads as running text.
PROSE_MIN_WORDS = 10
PROSE_ANY_END_WORDS = 20  # this long (and punctuated), it is prose even without a final full stop
TITLE_CASE_SHARE = 0.6  # words capitalised: above this, a line is a headline or a menu, not prose
# Lines whose measurements are kept: more than the longest page has, fewer than a library holds.
LINES_REMEMBERED = 2048
PROSE_NAMES_WORDS = 15  # ...unless it is this long and has this share of function words: a sentence of names
PROSE_STOPWORDS = 0.15
PARAGRAPH_MAX_WORTH = 200  # no single line counts for more words than this when finding the article
FURNITURE_COST = 6.0  # what one non-prose line costs a run of article text (in words of prose)

# Page words count only on lines short enough to be page furniture rather than text that uses the word.
SHORT_LINE_WORDS = 8
AGENCY_LINE_WORDS = 6
CAPTION_MAX_WORDS = 60
PROMPT_MAX_WORDS = 60
HEADING_MAX_WORDS = 15
VIDEO_TITLE_MIN_WORDS = 3
LIST_ITEM_MAX_WORDS = 30
LIST_MIN_ITEMS = 3
HARD_WRAP_MIN_CHARS = 40  # a shorter line ends where its writer ended it, not where a wrap broke it
# A hard-wrapped text (a text browser's dump, an e-mail): most lines end within a word of one width, sentences
# running on across them.
WRAP_WIDTHS = (40, 160)  # the widths texts are wrapped at; lines all shorter or longer were ended by their writer
WRAP_WIDTH_SHARE = 0.95  # of the lines no longer than the width (a long link may stick out)
WRAP_WORD = 15  # characters: a line this close to the width ended because the next word did not fit
WRAP_MIN_LINES = 6  # lines followed by another in their block, enough to tell a wrap from chance
WRAP_NEAR_SHARE = 0.7  # of those lines ending near the width
WRAP_RUN_ON_SHARE = 0.4  # of those near the width ending in mid-sentence
GLUED_HEAD_MIN_WORDS = 3  # "Storm Hits CoastThe storm hit ...": a headline of this many words glued to its summary
GLUED_TAIL_MIN_WORDS = 8

# The headline: a line of headline length, shortly before the article, whose words the story goes on to use.
TITLE_WINDOW = 20
TITLE_MAX_WORDS = 30
HEADLINE_WORDS = (4, 20)  # the usual length of a headline
HEADLINE_BYLINE_REACH = 4  # a byline or dateline this close below a line marks it as the headline
TITLE_PROSE_MAX_WORDS = 16  # a first line this short may be a plain article's title even if it ends with a stop
TITLE_STORY_UNITS = 10  # paragraphs of the story whose words a headline should share

# The article's extent: where the readers' comments start, and how far a break inside the article may run.
COMMENTS_AFTER_WORDS = 100  # a comments header counts once the article has had this many words of prose
SIGNED_COMMENTS_AFTER_WORDS = 20  # a signed comment ("Jo on May 1, 2019 said:") is a surer sign
ARTICLE_MIN_WORTH = 50  # less prose than this before the comments, and the comments header was a false alarm
BREAK_MAX_UNITS = 20  # the article may resume after a break of this many lines of furniture
RESUMED_MIN_WORTH = 30
SAME_STORY_SHARE = 0.2  # of a resumed run's words that the article has used already

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
SENTENCE_END = re.compile(r"[.!?…。！？]['\"’”»)\]]*$")
PUNCTUATION = re.compile(r"[,.;:!?，。、]")
CLAUSE_END = re.compile(r"[:;]['\"’”»)\]]*$")  # "He said:" ends a line but not its sentence
TIMESTAMPS = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*/?\s*(?:\d{1,2}:)?\d{1,2}:\d{2})*$")
GALLERY_COUNTER = re.compile(r"^(?:[^\W\d_]+\s+)?\d+\s*(?:/|of)\s*\d+$", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2})\b")
TRUNCATED = re.compile(r"\w\s?(?:\.\.\.|…)\s*(?:\[?[^\W\d_]*\]?)?$")
GLUED_HEADLINE = re.compile(r"(?:(?<=[a-z]{3})|(?<=[a-z][?!’”]))(?=[A-Z])")
COPYRIGHT_LINE = re.compile(r"^[\W_]*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.\w")
WEB_ADDRESS = re.compile(r"https?://|www\.|(?<![\w@])@\w{2,}")  # a link, or a handle ("@jdoe")
BARE_LINK = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
COMMENT_SIGNATURE = re.compile(r"\b(?:said|says|wrote|writes)\s*:$", re.IGNORECASE)
COUNTED = re.compile(r"^[\W_]*\d+\s+")
SENTENCE_INSIDE = re.compile(r"[.!?]['\"’”]?\s+\S|[,;]\s*['\"’”]")
# "REUTERS/Jane Doe", but not a reference number ("FHC/ABJ/03/095")
PHOTO_AGENCY_CREDIT = re.compile(r"\b[A-Z]{2,}(?: [A-Z]+)?/(?:[A-Z][\w.-]+|Getty)(?![\w/])")
# "Jo, left, and Al, right, shake hands": a caption pointing at the people in the picture.
POINTING_CLAUSE = re.compile(r",\s(?:second |far )?(?:from )?(?:left|right|cent(?:er|re)),\s", re.IGNORECASE)
GALLERY_POSITION = re.compile(r"^\d+\s*(?:of|/)\s*\d+(?=\D)")  # "2of4A shopper looks at ..."
BREADCRUMB = re.compile(r"\s[>»›/]\s")  # "Blog > Health > Diets": where the page is, not what it says
# A name of one to four capitalised words, then "is a", "is an", "writes", "covers": a note about the author.
AUTHOR_NOTE = re.compile(r"^(?:[A-Z][\w.'’-]*\s){1,4}(?:is an?|was an?|writes|covers|has been an?)\s")
COMPANY_NOTE = re.compile(
    r"^(?:[A-Z][\w.&'’-]*\s){1,4}(?:is an?|is the|is headquartered|was founded|has been)\s"
)
ABOUT_HEADING = re.compile(r"^About\s+\S+(?:\s+\S+){0,4}$")
AUTHOR_NOTE_REACH = 60  # characters after that opening where the author's trade is named
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+\S")
MARKDOWN_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)")
LIST_ITEM_START = re.compile(r"^(?:[-*+•]\s|>)")  # a numbered item may be a year the wrap put first
MARKDOWN_BLOCK_START = re.compile(r"^(?:#{1,6}\s|!\[|[-*+]\s|\d+[.)]\s|>|```|~~~|\|)")


# --- word lists --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function words of several languages (data/clean_stopwords.txt)."""
    lines = data_file("clean_stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[str, ...]]:
    """The sections of data/clean_cues.txt: section name -> its phrases."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in data_file("clean_cues.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line and not line.startswith("#"):
            current.append(line)
    return {name: tuple(phrases) for name, phrases in sections.items()}


def _alternatives(section: str) -> str:
    """The section's phrases as a regular-expression alternation, longest first ("read more" before "read")."""
    phrases = sorted(cues()[section], key=len, reverse=True)
    return "|".join(re.escape(phrase) for phrase in phrases)


@cache
def phrase_anywhere(section: str) -> re.Pattern[str]:
    """Any phrase of the section, as whole words anywhere in a line."""
    # A label glued to the next word counts too: "Media captionWho is ...", but not "AP" in "APPS".
    glued = r"(?-i:(?<![A-Z0-9_])(?=[A-Z]))"
    return re.compile(rf"(?<!\w)(?:{_alternatives(section)})(?:(?!\w)|{glued})", re.IGNORECASE)


@cache
def phrase_at_start(section: str) -> re.Pattern[str]:
    """Any phrase of the section opening a line, after any punctuation."""
    return re.compile(rf"^[\W_]*(?:{_alternatives(section)})(?!\w)", re.IGNORECASE)


@cache
def phrase_as_label(section: str) -> re.Pattern[str]:
    """The phrase at the start of a line as a label: "RELATED: ...", "Photo: ...", "Watch | ..."."""
    return re.compile(rf"^[\W_]*(?:{_alternatives(section)})\s*(?:[:|»›>]|by\b|courtesy\b)", re.IGNORECASE)


@lru_cache(maxsize=1)
def photo_direction() -> re.Pattern[str]:
    """A caption pointing at the picture: "(left)", "(second from right)", "(L-R)", "(pictured, centre)"."""
    direction = _alternatives("photo-direction")
    return re.compile(rf"\(\s*(?:{direction})(?:\s*(?:,|and|to|-|/)\s*(?:{direction}))*\s*[),;]", re.IGNORECASE)


@lru_cache(maxsize=1)
def picture_date() -> re.Pattern[str]:
    """A caption's date between commas, weekday first: "..., Tuesday, Nov. 19, 2019, in Grass Valley"."""
    names = _alternatives("date")
    return re.compile(rf",\s*(?:{names}),\s*(?:{names})\.?\s+\d{{1,2}},\s*\d{{4}}", re.IGNORECASE)


@lru_cache(maxsize=1)
def photographer_of_agency() -> re.Pattern[str]:
    """A picture's credit: "Leonhard Foeger / Reuters", "Jane Doe/AP"."""
    return re.compile(rf"[^\W\d_] ?/ ?(?:{_alternatives('agency')})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def photo_label_inside() -> re.Pattern[str]:
    """A photo label after a caption's text: "... in Hangzhou. Photo: Jane Doe/AP", "(Photo by ...)"."""
    return re.compile(rf"(?<!\w)(?:{_alternatives('photo-label')})\s*(?::|by\b|courtesy\b)", re.IGNORECASE)


# --- the shape of a line -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    words: int
    # Not Title Cased, or with the function words of a sentence (their share is counted on Title Cased lines only:
    # any other line reads as words, whatever its share).
    worded: bool
    capital_share: float  # of the words written in a script with capitals
    ends_sentence: bool
    ends_clause: bool
    number_share: float
    punctuated: bool  # has a comma, stop or colon somewhere: tag clouds and menus do not

    @property
    def title_cased(self) -> bool:
        return self.capital_share > TITLE_CASE_SHARE

    @property
    def prose(self) -> bool:
        ended = self.ends_sentence or self.ends_clause
        if self.words < PROSE_MIN_WORDS or not (ended or (self.words >= PROSE_ANY_END_WORDS and self.punctuated)):
            return False
        # A long sentence full of names is still prose if its small words are there.
        return self.worded and (not self.title_cased or self.words >= PROSE_NAMES_WORDS)

    @property
    def sentence(self) -> bool:
        """A short complete sentence: "A spokesman declined to comment." """
        return 2 <= self.words and self.ends_sentence and self.worded


# One article's lines are measured several times over; a larger cache only holds other articles' lines (a
# listing process reading thousands of files grew by 40 MB with 65,536 of them).
@lru_cache(maxsize=LINES_REMEMBERED)
def shape_of(text: str) -> Shape:
    """Measure a line: words, function words, capitals, numbers, how it ends."""
    words = WORD.findall(text)
    # Counted by the str methods over the words' first letters, not word by word (a long line has hundreds).
    initials = "".join([word[0] for word in words])
    if initials.isascii():  # an ASCII letter has a case
        cased, capitals = sum(map(str.isalpha, initials)), sum(map(str.isupper, initials))
    else:
        has_case = [letter for letter in initials if letter.isalpha() and letter.lower() != letter.upper()]
        cased, capitals = len(has_case), sum(map(str.isupper, has_case))
    capital_share = capitals / cased if cased else 0.0
    worded = capital_share <= TITLE_CASE_SHARE or (
        sum(map(stopwords().__contains__, map(str.lower, words))) / len(words) >= PROSE_STOPWORDS
    )
    # Scripts without spaces between words: count about two characters a word.
    count = len(words) + len(CJK.findall(text)) // 2
    return Shape(
        words=count,
        worded=worded,
        capital_share=capital_share,
        ends_sentence=bool(SENTENCE_END.search(text)),
        ends_clause=bool(CLAUSE_END.search(text)),
        number_share=sum(map(str.isdigit, initials)) / len(words) if words else 0.0,
        punctuated=bool(PUNCTUATION.search(text)),
    )


def content_words(text: str) -> set[str]:
    """The words that carry a line's meaning, lower case: what a headline shares with its story."""
    common = stopwords()
    return {word.lower() for word in WORD.findall(text) if len(word) > 2 and word.lower() not in common}


# --- lines into units --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One line, or several lines of one hard-wrapped paragraph, joined by newlines."""

    text: str
    block: int  # which blank-line separated block it belongs to
    shape: Shape
    wrapped: bool = False  # its lines were joined because the text's wrap width broke them (a headline may be)


def blocks_of(text: str) -> list[list[str]]:
    """The non-blank lines, stripped, grouped by the blank lines between them."""
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def continues(previous: str, line: str) -> bool:
    """Whether `line` carries on a sentence that a hard wrap broke off at the end of `previous`."""
    if len(previous) < HARD_WRAP_MIN_CHARS or SENTENCE_END.search(previous) or CLAUSE_END.search(previous):
        return False
    if shape_of(previous).title_cased:  # a headline, not a sentence broken off
        return False
    last_word = previous.rsplit(None, 1)[-1].lower()
    return line[0].islower() or previous.endswith((",", "-", "–", "—")) or last_word in stopwords()


def wrap_width(blocks: Sequence[Sequence[str]]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when its lines end where its writer ended them."""
    lengths = sorted(len(line) for block in blocks for line in block)
    if not lengths:
        return None
    width = lengths[int(WRAP_WIDTH_SHARE * (len(lengths) - 1))]
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return None
    inner = [line for block in blocks for line in block[:-1]]
    near = [line for line in inner if len(line) >= width - WRAP_WORD]
    if len(inner) < WRAP_MIN_LINES or len(near) < WRAP_NEAR_SHARE * len(inner):
        return None
    run_on = [line for line in near if not SENTENCE_END.search(line)]
    return width if len(run_on) >= WRAP_RUN_ON_SHARE * len(near) else None


def fills_the_width(previous: str, line: str, width: int) -> bool:
    """Whether the wrap ended `previous`: the first word of `line` would not have fitted after it."""
    if LIST_ITEM_START.match(line):  # a list item or a quote starts its own line
        return False
    return len(previous) + 1 + len(line.split(None, 1)[0]) > width


def text_units(text: str) -> list[Unit]:
    """The text's lines as units, a hard-wrapped paragraph's lines joined into one.

    In a text wrapped at one width, a line the next word did not fit on goes on in the next line; in any text, a
    sentence plainly broken off does (`continues`).
    """
    return [Unit(part, number, shape_of(part), wrapped) for part, number, wrapped in joined_lines(text)]


def joined_lines(text: str) -> list[tuple[str, int, bool]]:
    """`text_units` without their shapes: each unit's text, its block, and whether the wrap joined it."""
    blocks = blocks_of(text)
    width = wrap_width(blocks)
    units: list[tuple[str, int, bool]] = []
    for number, block in enumerate(blocks):
        joined: list[tuple[str, bool]] = []
        for line in block:
            previous, wrapped = (joined[-1][0].rsplit("\n", 1)[-1], joined[-1][1]) if joined else ("", False)
            filled = width is not None and bool(width) and fills_the_width(previous, line, width)
            if joined and (filled or continues(previous, line)):
                joined[-1] = (joined[-1][0] + "\n" + line, wrapped or filled)
            else:
                joined.append((line, False))
        units.extend((part, number, wrapped) for part, wrapped in joined)
    return units


# --- roles from page words ---------------------------------------------------------------------------------


def is_media(text: str, shape: Shape) -> bool:
    """Player widgets and galleries: "0:00 0:01:27", "please wait", "Image 1 of 8"."""
    if TIMESTAMPS.match(text) or GALLERY_COUNTER.match(text):
        return True
    return shape.words <= SHORT_LINE_WORDS and bool(phrase_anywhere("media").search(text))


def is_caption(text: str, shape: Shape) -> bool:
    """A photo's caption: it points at the picture ("(left)"), credits it, or dates it the way captions do."""
    if shape.words > CAPTION_MAX_WORDS:
        return False
    return bool(
        photo_direction().search(text)
        or POINTING_CLAUSE.search(text)
        or PHOTO_AGENCY_CREDIT.search(text)
        or photographer_of_agency().search(text)
        or GALLERY_POSITION.match(text)
        or (shape.words >= PROSE_MIN_WORDS and picture_date().search(text))
        or phrase_as_label("photo-label").match(text)
        or phrase_anywhere("photo-phrase").search(text)
        or (not shape.prose and photo_label_inside().search(text))
    )


def is_credit(text: str, shape: Shape) -> bool:
    """ "Based on reporting by ...", "(Reporting by ...; Editing by ...)", "Image credit: ...", "Reuters",
    "Jo Doe contributed to this report."."""
    opening = phrase_at_start("credit").match(text) or phrase_as_label("credit-label").match(text)
    if shape.words <= CAPTION_MAX_WORDS and (opening or phrase_anywhere("credit-sentence").search(text)):
        return True
    if shape.sentence:
        return False
    short = shape.words <= SHORT_LINE_WORDS and bool(phrase_anywhere("credit").search(text))
    return short or (shape.words <= AGENCY_LINE_WORDS and bool(phrase_anywhere("agency").search(text)))


def is_contact(text: str, shape: Shape) -> bool:
    """ "Follow us on Instagram", "Write to Jo at jo@example.com", "jo@example.com": where to reach the site or
    its writers, not what they report."""
    named = bool(EMAIL_ADDRESS.search(text) or phrase_anywhere("social").search(text))
    if shape.words <= SHORT_LINE_WORDS and named and not (shape.sentence or shape.ends_clause):
        return True
    # A link or a handle alone may be what the article points to; an invitation to follow it is not.
    addressed = named or bool(WEB_ADDRESS.search(text))
    return addressed and bool(phrase_at_start("reach-out").match(text))


def is_author_note(text: str) -> bool:
    """ "Meg James is a media reporter for ...", "Jo Bloggs writes a weekly column ...": about the author."""
    opening = AUTHOR_NOTE.match(text)
    if not opening:
        return False
    return bool(phrase_anywhere("author-role").search(text[: opening.end() + AUTHOR_NOTE_REACH]))


def is_byline(text: str, shape: Shape) -> bool:
    """ "By Jane Doe", "Posted by admin - 2018-09-16"."""
    if shape.words > HEADING_MAX_WORDS or shape.prose or shape.sentence:
        return False
    return bool(phrase_at_start("byline").match(text))


def is_author_line(text: str, shape: Shape) -> bool:
    """A byline or a note about the author."""
    return is_byline(text, shape) or is_author_note(text)


def is_dateline(text: str, shape: Shape) -> bool:
    """A short line made of dates, times and date words: "Updated: 19 November 2019, 09:01 AM", "12:51 p.m."."""
    if shape.words > HEADING_MAX_WORDS or shape.prose:
        return False
    words = [word.lower() for word in WORD.findall(text)]
    names, fillers = set(cues()["date"]), set(cues()["date-filler"])
    dated = [word for word in words if word in names or word in fillers or word.isdigit()]
    has_date = NUMERIC_DATE.search(text) or any(word in names for word in words)
    if not has_date or not any(word.isdigit() for word in words):
        return False
    # Nothing but a date may end with a full stop; a sentence that mentions one ("I got mine 12 years ago.") not.
    return len(dated) == len(words) or (len(dated) * 2 >= len(words) and not shape.sentence)


def is_furniture(text: str, shape: Shape) -> bool:
    """Share buttons, sign-up prompts, small print, menus' words, "RELATED: ..." teasers, ways to reach the site."""
    if phrase_at_start("call-to-action").match(text) or phrase_as_label("lead-label").match(text):
        return True
    if shape.words <= PROMPT_MAX_WORDS and (
        phrase_anywhere("prompt").search(text) or COPYRIGHT_LINE.match(text) or is_contact(text, shape)
    ):
        return True
    short = shape.words <= SHORT_LINE_WORDS // 2 and not shape.sentence
    return short and bool(phrase_anywhere("boilerplate").search(text))


@lru_cache(maxsize=LINES_REMEMBERED)
def role_by_cues(text: str, shape: Shape) -> str | None:
    """The role page words give a line, or None when they say nothing."""
    for role, test in (
        (MEDIA, is_media),
        (CAPTION, is_caption),
        (CREDIT, is_credit),
        (BYLINE, is_author_line),
        (DATELINE, is_dateline),
        (BOILERPLATE, is_furniture),
    ):
        if test(text, shape):
            return role
    return None


# --- the article's run of text ------------------------------------------------------------------------------


def is_cut_off(text: str, shape: Shape) -> bool:
    """An excerpt of another story, cut off with "..."."""
    return shape.words >= PROSE_MIN_WORDS and is_truncated(text)


def is_truncated(text: str) -> bool:
    """Ends with "..." (and perhaps a "[more]"): the dots looked for before the slow search for where they end."""
    return ("..." in text or "…" in text) and bool(TRUNCATED.search(text))


def is_teaser(text: str, shape: Shape) -> bool:
    """A link to another story: an excerpt cut off with "...", or a headline glued to its summary."""
    if is_cut_off(text, shape):
        return True
    glues = (glue.start() for glue in GLUED_HEADLINE.finditer(text))
    return any(glued_headline(text[:glue], text[glue:]) for glue in glues)


def glued_headline(head: str, tail: str) -> bool:
    """"Storm Hits CoastThe storm hit the coast on ...": a Title Cased headline run into its summary."""
    head_shape, tail_shape = shape_of(head), shape_of(tail)
    headline = head_shape.words >= GLUED_HEAD_MIN_WORDS and head_shape.title_cased
    return headline and tail_shape.words >= GLUED_TAIL_MIN_WORDS and not tail_shape.title_cased


def furniture_flags(units: Sequence[Unit]) -> list[bool]:
    """Which units are page furniture whatever their shape: repeated headlines, bare links, teasers, and the
    lines page words give a role other than text (captions, credits, player widgets, ...)."""
    counts = Counter(unit.text for unit in units)
    return [
        (counts[unit.text] > 1 and not unit.shape.prose)
        or bool(BARE_LINK.match(unit.text))
        or is_teaser(unit.text, unit.shape)
        or role_by_cues(unit.text, unit.shape) is not None
        for unit in units
    ]


def is_comments_header(text: str, shape: Shape) -> bool:
    """A short line that opens the readers' comments: "Comments", "Leave a reply"."""
    return shape.words <= SHORT_LINE_WORDS and not shape.prose and bool(phrase_anywhere("comments").search(text))


def is_comment_signature(text: str, shape: Shape) -> bool:
    """ "Jo Bloggs on May 1, 2019 at 4:47 pm said:": the head of one reader's comment."""
    signature = COMMENT_SIGNATURE.search(text)
    if not signature or shape.words > HEADING_MAX_WORDS:
        return False
    before = text[: signature.start()]
    return is_dateline(before, shape_of(before))


def is_comments_count(text: str) -> bool:
    """ "34 responses to “Title”", "12 Comments": a count of comments, however long the title after it."""
    return bool(COUNTED.match(text) and phrase_at_start("comments").match(COUNTED.sub("", text, count=1)))


def item_pattern(unit: Unit) -> tuple[bool, bool, bool]:
    """What a list item looks like: numbered, dated, or a bare link."""
    first = unit.text.split(None, 1)[0].lower().rstrip(".")
    return first[:1].isdigit(), first in cues()["date"], bool(BARE_LINK.match(unit.text))


def is_list_item(unit: Unit) -> bool:
    """A short line with no role of its own that can be an item of a list."""
    shape = unit.shape
    short = 0 < shape.words <= LIST_ITEM_MAX_WORDS and not shape.prose
    return short and role_by_cues(unit.text, shape) in (None, DATELINE)


def list_items_after(units: Sequence[Unit], intro: int) -> list[int]:
    """The short lines after units[intro] that share a pattern, each like the item before it or the one before
    that (a numbered list with a link under each item)."""
    items: list[int] = []
    for index in range(intro + 1, len(units)):
        if not is_list_item(units[index]):
            break
        recent = [item_pattern(units[item]) for item in items[-2:]]
        if len(items) >= 2 and item_pattern(units[index]) not in recent:
            break
        items.append(index)
    return items


def introduced_lists(units: Sequence[Unit]) -> dict[int, list[int]]:
    """Lists that a line of text introduces with a colon ("Tour dates:", "Here are the deals:"): intro -> items."""
    lists = {}
    for index, unit in enumerate(units):
        shape = unit.shape
        if not unit.text.endswith(":") or role_by_cues(unit.text, shape):
            continue
        items = list_items_after(units, index)
        if len(items) >= LIST_MIN_ITEMS:
            lists[index] = items
    return lists


def prose_gains(units: Sequence[Unit]) -> list[float]:
    """Each unit's worth to a run of article text: its words if prose, a cost if furniture.

    The cost grows with each furniture line in a row, so that a long menu or a list of links parts two runs of
    text, while a caption or a subheading inside the article does not.
    """
    gains = []
    in_a_row = 0
    listed = {item for items in introduced_lists(units).values() for item in items}
    for index, (unit, furniture) in enumerate(zip(units, furniture_flags(units))):
        # A rule, a dingbat, an invisible spacer, the items of a list the text introduced: neither text nor
        # furniture.
        if not WORD.search(unit.text) or index in listed:
            gains.append(0.0)
        elif furniture or not (unit.shape.prose or unit.shape.sentence):
            in_a_row += 1
            gains.append(-FURNITURE_COST * in_a_row)
        else:
            in_a_row = 0
            gains.append(prose_worth(unit.shape))
    return gains


def prose_worth(shape: Shape) -> float:
    """Words of prose, discounted for lines that do not end like text or are mostly numbers (contact details).

    One line counts for at most a long paragraph's worth: a page's whole text crammed into one line (a
    description for search engines) does not outweigh the article's paragraphs.
    """
    worth = float(min(shape.words, PARAGRAPH_MAX_WORTH)) if shape.prose else shape.words / 2
    if not (shape.ends_sentence or shape.ends_clause):
        worth /= 2
    return worth * (1 - shape.number_share)


def best_run(gains: Sequence[float]) -> tuple[int, int, float]:
    """[start, end) of the run with the highest sum of gains, and that sum."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for index, gain in enumerate(gains):
        if total <= 0:
            total, start = 0.0, index
        total += gain
        if total > best:
            best, best_span = total, (start, index + 1)
    return (*best_span, best)


def best_run_from(gains: Sequence[float]) -> tuple[int, float]:
    """The end of the run starting at gains[0] with the highest sum, and that sum."""
    best, best_end, total = 0.0, 0, 0.0
    for index, gain in enumerate(gains):
        total += gain
        if total > best:
            best, best_end = total, index + 1
    return best_end, best


def comments_start(units: Sequence[Unit]) -> int:
    """Where the readers' comments begin, once the article has had some prose (len(units) if nowhere)."""
    prose_words = 0
    for index, unit in enumerate(units):
        text, shape = unit.text, unit.shape
        if prose_words >= SIGNED_COMMENTS_AFTER_WORDS and is_comment_signature(text, shape):
            return index
        if prose_words >= COMMENTS_AFTER_WORDS and (is_comments_header(text, shape) or is_comments_count(text)):
            return index
        prose_words += shape.words if shape.prose else 0
    return len(units)


def article_runs(units: Sequence[Unit]) -> list[tuple[int, int]]:
    """The article as [start, end) runs of units: its best run of prose before the readers' comments, and the
    runs of the same story that resume after a short break (a box of related links, a gallery)."""
    gains = prose_gains(units)
    limit = comments_start(units)
    start, end, worth = best_run(gains[:limit])
    if worth < ARTICLE_MIN_WORTH:
        limit = len(units)
        start, end, _ = best_run(gains)
    if start == end:
        return []
    runs = [(start, end)]
    story = content_words(" ".join(unit.text for unit in units[start:end]))
    while (after := resumed_run(units, gains, runs[-1][1], limit, story)) is not None:
        runs.append(after)
    # Backwards: the same search on the reversed page, its positions mapped back.
    backwards_units, backwards_gains, count = units[::-1], gains[::-1], len(units)
    while (before := resumed_run(backwards_units, backwards_gains, count - runs[0][0], count, story)) is not None:
        runs.insert(0, (count - before[1], count - before[0]))
    return runs


def resumed_run(
    units: Sequence[Unit], gains: Sequence[float], end: int, limit: int, story: set[str]
) -> tuple[int, int] | None:
    """A run of prose starting within a short break after `end` that tells the same story, or None."""
    resume = next(
        (index for index in range(end, min(limit, end + BREAK_MAX_UNITS + 1)) if units[index].shape.prose), None
    )
    if resume is None:
        return None
    stop, worth = best_run_from(gains[resume:limit])
    if worth < RESUMED_MIN_WORTH:
        return None
    words = content_words(" ".join(unit.text for unit in units[resume : resume + stop]))
    if not words or len(words & story) / len(words) < SAME_STORY_SHARE:
        return None
    return resume, resume + stop


def is_heading(units: Sequence[Unit], index: int) -> bool:
    """A short line that is not a sentence, followed by prose: a subheading inside the article."""
    unit = units[index]
    if not 0 < unit.shape.words <= HEADING_MAX_WORDS or SENTENCE_INSIDE.search(unit.text):
        return False
    if unit.shape.ends_sentence and not unit.shape.title_cased:
        return False
    following = units[index + 1].shape if index + 1 < len(units) else None
    return following is not None and (following.prose or following.sentence)


def inner_role(units: Sequence[Unit], index: int) -> str:
    """The role of a unit inside the article's run."""
    unit = units[index]
    by_cues = role_by_cues(unit.text, unit.shape)
    if by_cues:
        return by_cues
    if unit.shape.prose or unit.shape.sentence or (unit.shape.ends_clause and unit.shape.words >= 2):
        return BODY  # a line ending with a colon inside the article leads into a quote or a list
    if is_heading(units, index):
        return HEADING
    # Inside the article, a line of ordinary words is text that lost its full stop, not furniture.
    ordinary = not unit.shape.title_cased or unit.shape.ends_sentence or SENTENCE_INSIDE.search(unit.text)
    return BODY if unit.shape.words >= 4 and ordinary else BOILERPLATE


def roles_of(units: Sequence[Unit]) -> list[str]:
    """Each unit's role: by its shape inside the article, by its page words (else boilerplate) outside."""
    runs = article_runs(units)
    if not runs:  # no prose at all (a note of a few short lines): the text is all there is, not shown empty
        return [role_by_cues(unit.text, unit.shape) or BODY for unit in units]
    inside = {index for start, end in runs for index in range(start, end)}
    roles = []
    for index, unit in enumerate(units):
        if index in inside:
            roles.append(inner_role(units, index))
        else:
            roles.append(role_by_cues(unit.text, unit.shape) or BOILERPLATE)
    label_company_notes(units, roles, runs[-1][1])
    return label_video_titles(units, label_introduced_lists(units, roles))


def is_company_note(text: str) -> bool:
    """ "Acme is a global provider of ...", "Acme is headquartered in ...": a press release's closing blurb."""
    opening = COMPANY_NOTE.match(text)
    if not opening:
        return False
    return bool(phrase_anywhere("company-role").search(text[: opening.end() + AUTHOR_NOTE_REACH]))


def label_company_notes(units: Sequence[Unit], roles: list[str], article_end: int) -> None:
    """The company blurb (and an "About Acme" heading) closing the article is boilerplate, not the story."""
    index = article_end - 1
    while index >= 0 and (is_company_note(units[index].text) or roles[index] != BODY):
        if is_company_note(units[index].text) or ABOUT_HEADING.match(units[index].text):
            roles[index] = BOILERPLATE
        index -= 1


def label_introduced_lists(units: Sequence[Unit], roles: list[str]) -> list[str]:
    """The items of a list that the article introduces are article text too."""
    labelled = list(roles)
    for intro, items in introduced_lists(units).items():
        if labelled[intro] == BODY or (intro > 0 and labelled[intro - 1] == BODY):
            for index in (intro, *items):
                labelled[index] = BODY
    return labelled


def label_video_titles(units: Sequence[Unit], roles: list[str]) -> list[str]:
    """A headline-shaped line right above a player widget is the embedded video's title."""
    labelled = list(roles)
    for index in range(len(units) - 1):
        unit, following = units[index], units[index + 1]
        titled = VIDEO_TITLE_MIN_WORDS <= unit.shape.words and not unit.shape.prose and roles[index] != MEDIA
        if titled and following.block == unit.block and roles[index + 1] == MEDIA:
            labelled[index] = MEDIA
    return labelled


# --- the headline -------------------------------------------------------------------------------------------


def headline_score(units: Sequence[Unit], index: int, article_start: int, story: Container[str], page: str
                   ) -> float:
    """How much units[index] looks like the article's headline; 0 when it cannot be.

    A headline is a line of a few to twenty words, most of which the story goes on to use, close before it.
    """
    unit = units[index]
    shape = unit.shape
    broken = "\n" in unit.text and not unit.wrapped  # a sentence carried on, not a headline the wrap broke
    if not 2 <= shape.words <= TITLE_MAX_WORDS or broken:
        return 0.0
    if shape.prose and not shape.title_cased and not opens_document(units, index):
        return 0.0  # told before the page words: a paragraph's are the slow part
    if role_by_cues(unit.text, shape) or len(BREADCRUMB.findall(unit.text)) >= 2:
        return 0.0
    words = content_words(unit.text)
    recurring = sum(word in story for word in words)
    if recurring == 0:
        return 0.0
    nearness = 1 - (article_start - index) / (TITLE_WINDOW + 1)
    repeated = page.count(unit.text) > 1  # pages often show the headline twice (the page title and the h1)
    headline_length = HEADLINE_WORDS[0] <= shape.words <= HEADLINE_WORDS[1]
    return (
        1.5 * recurring / len(words)
        + 0.25 * min(recurring, 6)
        + nearness
        + 0.5 * shape.title_cased
        + 0.5 * repeated
        + (0.5 if headline_length else -0.5)
        + 0.75 * signed_below(units, index)
        - 0.5 * in_a_list_of_headlines(units, index)
    )


def signed_below(units: Sequence[Unit], index: int) -> bool:
    """A byline or a dateline follows within a few lines, as they do under a headline."""
    following = units[index + 1 : index + 1 + HEADLINE_BYLINE_REACH]
    return any(may_sign(unit) and role_by_cues(unit.text, unit.shape) in (BYLINE, DATELINE) for unit in following)


def may_sign(unit: Unit) -> bool:
    """Whether a unit can be a byline or a dateline at all: a long line or prose is one only as a note about the
    author (the page words of a paragraph are the slow part of telling)."""
    return (unit.shape.words <= HEADING_MAX_WORDS and not unit.shape.prose) or bool(AUTHOR_NOTE.match(unit.text))


def in_a_list_of_headlines(units: Sequence[Unit], index: int) -> bool:
    """A line between other headline-shaped lines is one link of a list of stories, not the page's headline."""
    neighbours = [units[other] for other in (index - 1, index + 1) if 0 <= other < len(units)]
    return bool(neighbours) and all(looks_like_headline(unit) for unit in neighbours)


def looks_like_headline(unit: Unit) -> bool:
    """A few words or more that neither read as prose nor end like a sentence."""
    return unit.shape.words >= HEADLINE_WORDS[0] and not unit.shape.prose and not unit.shape.ends_sentence


def opens_document(units: Sequence[Unit], index: int) -> bool:
    """The first line, alone in its block and short: a plain-text article's title, full stop or not."""
    unit = units[index]
    alone = len(units) > 1 and units[1].block != unit.block
    return index == 0 and alone and unit.shape.words <= TITLE_PROSE_MAX_WORDS


def headline_index(units: Sequence[Unit], roles: Sequence[str]) -> int | None:
    """Which unit is the article's headline, or None when no line will do."""
    body = [index for index, role in enumerate(roles) if role == BODY]
    if not body:
        return None
    first_body = body[0]
    page = "\n".join(unit.text for unit in units)
    story = content_words(" ".join(units[index].text for index in body[:TITLE_STORY_UNITS]))
    story_after_first = content_words(" ".join(units[index].text for index in body[1 : TITLE_STORY_UNITS + 1]))
    scores = {
        index: headline_score(units, index, first_body, story if index < first_body else story_after_first, page)
        for index in range(max(0, first_body - TITLE_WINDOW), first_body + 1)
    }
    if first_body <= 1 and scores[0] > 0:  # an article that starts straight away: its first line is the title
        return 0
    best = max(scores, key=lambda index: scores[index])
    return best if scores[best] > 0 else None


# --- a plain text's headline from its first lines alone, cheaply (the article list's rows) -------------------


@dataclass(frozen=True)
class HeadTitle:
    """What `head_title` finds: the headline, and the words of the lines from the story's first paragraph on that
    read as the story's (what cleaning the head whole counts as its body, near enough)."""

    title: str
    story_words: int


def head_title(head: str) -> HeadTitle | None:
    """The headline `clean_text(head)` finds in a plain text's first lines, by only the checks a headline needs:
    the shapes of the lines down to the story's first paragraph (the first line of prose that is not plainly a
    caption or a prompt), the page words of the lines that may be the headline, and the story's words. None
    when the head is not that plain (no prose, prose that stops at once, or no line before it shares words with
    it): clean it whole.

    Cleaning the head whole weighs every line's page words against the whole head (the slow part: each long
    line is searched for hundreds of phrases); this reads each line at most once and the story's paragraphs
    not at all but for their words. It can differ from `clean_text` where a caption or a prompt reads as
    prose, or where the story starts after a first paragraph that a page's menus part from it."""
    lines = joined_lines(head)
    units: list[Unit] = []
    first_body = None
    for text, block, wrapped in lines:
        unit = Unit(text, block, shape_of(text), wrapped)
        units.append(unit)
        if first_body is None and is_prose_or_sentence(unit) and not plain_furniture(text, unit.shape.words):
            first_body = len(units) - 1
        if first_body is not None and len(units) > first_body + HEADLINE_BYLINE_REACH:
            break  # the lines the headline's byline may be on: the rest are the story's words only
    if first_body is None or (first_body + 1 < len(units) and not is_prose_or_sentence(units[first_body + 1])):
        return None  # no prose, or prose that stops at once: a page's menus may part it from the story
    texts = [text for text, _, _ in lines]
    story_lines = [index for index in range(first_body, len(texts)) if is_story_line(texts[index])]
    story_texts = [texts[index] for index in story_lines]
    story = StoryText(" ".join(story_texts[:TITLE_STORY_UNITS]).lower())
    # What the first paragraph is scored against, as a headline itself: not wanted when it reads as a paragraph.
    opening = units[first_body]
    scored = not (opening.shape.prose and not opening.shape.title_cased and not opens_document(units, first_body))
    story_after_first = StoryText(" ".join(story_texts[1 : TITLE_STORY_UNITS + 1]).lower() if scored else "")
    page = "\n".join(texts)
    scores = {
        index: headline_score(units, index, first_body, story if index < first_body else story_after_first, page)
        for index in range(max(0, first_body - TITLE_WINDOW), first_body + 1)
    }
    if first_body <= 1 and scores[0] > 0:
        title_at: int | None = 0
    else:
        best = max(scores, key=lambda index: scores[index])
        title_at = best if scores[best] > 0 else None
    if title_at is None:
        return None
    headline = units[title_at].text
    title_at = texts.index(headline)  # a headline repeated on the page: the first copy is the one taken out
    words = sum(len(texts[index].split()) for index in story_lines if index != title_at)
    return HeadTitle(" ".join(headline.split("\n")), words)


def plain_furniture(text: str, words: int) -> bool:
    """A line of `words` words that is plainly not the story's, however it reads: a caption pointing at its
    picture, a prompt or a teaser by the words it opens with, a bare link (the checks that cost little on a long
    line)."""
    return bool(
        photo_direction().search(text)
        or POINTING_CLAUSE.search(text)
        or (words >= PROSE_MIN_WORDS and (picture_date().search(text) or is_truncated(text)))
        or phrase_as_label("photo-label").match(text)
        or phrase_at_start("credit").match(text)
        or phrase_as_label("credit-label").match(text)
        or phrase_at_start("call-to-action").match(text)
        or phrase_as_label("lead-label").match(text)
        or COPYRIGHT_LINE.match(text)
        or BARE_LINK.match(text)
        or is_author_note(text)
    )


def is_prose_or_sentence(unit: Unit) -> bool:
    return unit.shape.prose or unit.shape.sentence


def is_story_line(text: str) -> bool:
    """A line after the story's first paragraph counted as the story's: one that ends like a sentence or a
    clause, or a few words not Title Cased (the article's text that lost its full stop), and not plainly page
    furniture."""
    words = text.split()
    if plain_furniture(text, len(words)):
        return False
    if SENTENCE_END.search(text) or CLAUSE_END.search(text):
        return True
    if len(words) < 4 or sum(word[0].isupper() for word in words) > TITLE_CASE_SHARE * len(words):
        return False
    return len(words) > SHORT_LINE_WORDS or role_by_cues(text, shape_of(text)) is None  # a short one, cheaply


@dataclass(frozen=True)
class StoryText:
    """The story's words as `content_words` finds them, asked one by one: the few words of the lines that may be
    the headline are looked for in the text, rather than the whole story cut into words."""

    lowered: str

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and self.has_word(word)

    def has_word(self, word: str) -> bool:
        text = self.lowered
        start = text.find(word)
        while start >= 0:
            if not (joined_at(text, start - 1, -1) or joined_at(text, start + len(word), 1)):
                return True
            start = text.find(word, start + 1)
        return False


def joined_at(text: str, at: int, away: int) -> bool:
    """Whether the character at `at` (just before or after a word, `away` the way from it) makes the word part of
    a longer one for WORD: a letter or a digit, or an apostrophe then one."""
    if not 0 <= at < len(text):
        return False
    if text[at].isalnum():
        return True
    beyond = at + away
    return text[at] in "'’" and 0 <= beyond < len(text) and text[beyond].isalnum()


# --- the three kinds of document ----------------------------------------------------------------------------


def clean_text(text: str) -> CleanedText:
    """A plain-text article or a page's visible text: find the headline and label every line."""
    units = text_units(text)
    roles = roles_of(units)
    title_at = headline_index(units, roles)
    headline = units[title_at].text if title_at is not None else ""
    if title_at is not None:  # a headline repeated on the page: the first copy is the one taken out
        title_at = next(index for index, unit in enumerate(units) if unit.text == headline)
    title = " ".join(headline.split("\n"))  # a headline the wrap broke, on one line
    paragraphs = tuple(
        Paragraph(unit.text, role) for index, (unit, role) in enumerate(zip(units, roles)) if index != title_at
    )
    return CleanedText(title, paragraphs)


def markdown_role(line: str) -> str:
    """ "## Part" is a heading, "![alt](url)" an image's caption, anything else text."""
    if MARKDOWN_HEADING.match(line):
        return HEADING
    if MARKDOWN_IMAGE.match(line):
        return CAPTION
    return BODY


def clean_markdown(text: str) -> CleanedText:
    """Markdown: a leading "# " heading is the title; paragraphs are blocks, kept verbatim."""
    paragraphs: list[Paragraph] = []
    title = ""
    for block in blocks_of(text):
        for position, line in enumerate(block):
            previous = paragraphs[-1] if paragraphs else None
            if not title and not paragraphs and line.startswith("# ") and MARKDOWN_HEADING.match(line):
                title = line[2:].strip()
            elif previous and position > 0 and previous.role == BODY and not MARKDOWN_BLOCK_START.match(line):
                # A wrapped line carries on its paragraph (or its list item).
                paragraphs[-1] = Paragraph(previous.text + "\n" + line, BODY)
            else:
                paragraphs.append(Paragraph(line, markdown_role(line)))
    return CleanedText(title, tuple(paragraphs))


def page_blocks(document: Document) -> tuple[PageBlock, ...]:
    """A web page's lines with their markup; a page read without it (text alone) is all article text."""
    if document.blocks:
        return document.blocks
    return tuple(PageBlock(line) for block in blocks_of(document.text) for line in block)


def page_role(block: PageBlock, shape: Shape) -> str:
    """The role of one line of a web page's article, from its markup and its words."""
    by_cues = role_by_cues(block.text, shape)
    if block.markup == FIGURE:
        return by_cues if by_cues in (CREDIT, MEDIA) else CAPTION
    if block.markup == ASIDE:
        return by_cues or BOILERPLATE
    if by_cues:
        return by_cues
    if not block.extracted:  # what trafilatura left out is not the article's text, whatever it says
        return BOILERPLATE
    if is_comments_count(block.text) or is_comments_header(block.text, shape):
        return BOILERPLATE
    if block.linked and (not shape.prose or is_cut_off(block.text, shape)):  # a link, or a teaser of a story
        return BOILERPLATE
    if block.markup in (HEADLINE, SUBHEADING) and not (shape.ends_sentence and not shape.title_cased):
        return HEADING  # a question or a sentence set as a heading is text ("Q: How do you plan your day?")
    return BODY


def clean_extracted_html(document: Document) -> CleanedText:
    """The article trafilatura extracted and what it left out around it, each line labelled; the page's
    headline line, repeating its title, is taken out as the title."""
    blocks = page_blocks(document)
    title = document.title or ""
    wanted = " ".join(title.split()).casefold()
    title_at = next(
        (
            index
            for index, block in enumerate(blocks)
            if (index == 0 or block.markup == HEADLINE) and " ".join(block.text.split()).casefold() == wanted
        ),
        None,
    )
    roles = page_roles(blocks)
    paragraphs = tuple(
        Paragraph(block.text, role) for index, (block, role) in enumerate(zip(blocks, roles)) if index != title_at
    )
    return CleanedText(title, paragraphs)


def page_roles(blocks: Sequence[PageBlock]) -> list[str]:
    """Each line's role, from its markup and words; the company's blurb closing a press release is not the
    story."""
    units = [Unit(block.text, index, shape_of(block.text)) for index, block in enumerate(blocks)]
    roles = [page_role(block, unit.shape) for block, unit in zip(blocks, units)]
    body = [index for index, role in enumerate(roles) if role == BODY]
    if body:
        label_company_notes(units, roles, body[-1] + 1)
    return roles


def clean_document(document: Document) -> CleanedText:
    """The title and labelled paragraphs of a document of any kind."""
    if document.kind == "html":
        return clean_extracted_html(document)
    if document.kind == "markdown":
        return clean_markdown(document.text)
    return clean_text(document.text)
