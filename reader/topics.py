"""What an article is about: its topics, and the passages that belong to each.

A topic is a place, an organisation, a person, a theme or a phrase that the article dwells on: mentioned more
than in passing, in more than one paragraph, and named as a reader writes it. Candidates come from:

- the user's own topics (see "User topics" below);
- shipped lists, written for this package: countries and regions with their adjectives and seats of government
  (`data/topics_places.txt`), organisations (`data/topics_organisations.txt`) and word families for themes
  (`data/topics_themes.txt`). Every form counts for one topic, so "Syria", "Syrian" and "Damascus" are one. A
  theme is a vague label ("Health"), so it must come back in many paragraphs, not just once or twice, and the
  article must write the label's own word (an article of "disease" and "doctors" is about the disease);
- names the text itself capitalises: organisations, cities, companies, and people (two names, a title, a
  speech verb, a given name from `data/topics_given_names.txt`). A person counts only where the article
  talks about them: "Miller said" names who speaks, not what the story is about. "Thomas" and "Judge Thomas"
  are "Clarence Thomas". A word inside a name counts for its own topic too ("hurricane" in "Hurricane
  Gilbert"), but not the kind of body the name is ("Center" of "Tax Policy Center");
- noun phrases of the article's plain words: runs of words between function words, numbers (and number
  words: "two police officers"), speech verbs ("doctors said"), name particles ("de la") and punctuation
  (`data/topics_function_words.txt`), up to three words ending at the head ("voter rolls", "cleanup costs").
  A phrase of everyday words only (`data/topics_common_words.txt`) is none, nor is one whose head is a verb
  (a past form, a word the article uses after "to" or "they"), an adjective or -ing form it never writes after
  a determiner, or a measure (`data/topics_measures.txt`, or right after a number: "40 square miles"); none
  opens with an irregular past form (`data/topics_verbs.txt`: "took steroids"). A noun before another counts
  for its own phrase too ("tornado" in "tornado deaths"), and a word is named by the one phrase it stands in
  ("Rolls" is "Voter rolls"). A phrase the article writes once is no candidate.

A candidate's score is its mentions (the title's phrases count too), plus a bonus when the title names it and
one for how early it comes, counted again for each word of a phrase beyond its head (readers name subjects by
phrases), times how distinctive it is: everyday countries of English-language news (flagged
`common`) count a third, and with `DocumentFrequencies` over the loaded articles, a topic found in most of them
counts less (inverse document frequency). A nationality before a role ("Russian President Vladimir Putin")
says who someone is, not what the article is about, and a seat of government ("Minsk") counts only once the
place itself is named. Of the best, variants of one subject are one topic ("Supreme Court" and "Court",
"Yugoslavia" and "Yugoslav", "Forecasters" and "Forecasting", by Porter stems; "Tornadoes" and "Tornado
deaths" when half the tornadoes are deaths), while a phrase written far less often than its word is a subject
of its own ("Diamond prices" beside "Diamonds"), as is a word written in several phrases ("Eclipse" beside
"Total eclipse" and "Partial eclipse"); at most eight are kept;
an article where nothing passes the bar gets what it names twice or in its title.

Passages: a body paragraph belongs to the topics it names, and a paragraph that names none carries on the
passage it sits in: the topics shared by the nearest topical paragraphs on both sides, or those of the paragraph
just before when it opens with a pronoun ("He said any cease-fire accord must ...").

User topics
-----------
A TOML file, by default `topics.toml` in the user's config folder (`user_topics_path()`), with one table per
topic under `topics`:

    [topics."Middle East"]                  # a new topic, or more words for a found one
    words = ["Middle East", "Mideast", "Levant*"]
    merge = ["Syria", "Iraq", "Lebanon"]    # found topics folded into this one

    [topics.USA]                            # a rename: one found topic under a new name
    merge = ["United States"]

`words` lists the words and phrases that name the topic: written with capitals they match only as written,
in lowercase they match any capitals, and a trailing `*` after three letters or more matches any ending.
`merge` lists topic names as they would otherwise be found (matched whatever their capitals). A user topic
whose name is a found topic's name extends it. User topics are held to the same bar as found ones: more than
a passing mention.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

from .model import Paragraph, Topic
from .resources import data_file

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PLACE = "place"
ORGANISATION = "organisation"
THEME = "theme"
USER = "user"
NAME = "name"
PERSON = "person"
WORD = "word"
MODIFIER = "modifier"  # a noun before another: counts for its own phrase once the article has one

MAX_TOPICS = 8
# Honorifics that say whom a surname alone stands for: "Mr. Obama" is no "Michelle Obama".
HONORIFIC_GENDERS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
MIN_SCORE = 2.0
# Past this many body words, a topic needs a mention per this many words: a long article names more in passing.
WORDS_PER_NEEDED_MENTION = 250
TITLE_BONUS = 3.0
LEAD_BONUS = 1.0  # the first paragraph says what the story is about
# A theme is a topic when this many paragraphs, and this share of them, come back to it.
THEME_MIN_PARAGRAPHS = 3
THEME_MIN_SHARE = 0.4
# A phrase that stands for at least this share of a word's mentions is one subject with it ("Tornado deaths"
# and "Tornadoes"); one written less often is a subject of its own ("Diamond prices" beside "Diamonds").
PHRASE_SHARE = 0.5
NAMING_SHARE = 0.3  # the only phrase a word stands in names it from this share on (see `_fullest_phrase`)
PHRASE_WORD_WEIGHT = 1.0  # see `_phrase_weight`
MIN_VARIANT_STEM = 5  # "yugoslav" and "yugoslavia" are one name; "cour" and "court" are not compared
COMMON_PLACE_WEIGHT = 0.3
# With corpus statistics, a topic found in every article keeps this share of its weight, and one found in
# fewer than the square root of the articles keeps all of it.
DISTINCTIVENESS_FLOOR = 0.5
MIN_DOCUMENTS_FOR_STATISTICS = 5
# Topic-less paragraphs between two paragraphs of a topic that still join its passage.
CARRY_GAP = 2
MIN_SPREAD = 2  # paragraphs a topic is named in
MIN_ORDINARY_WORD_LENGTH = 4
MAX_PHRASE_WORDS = 3
TITLE_PARAGRAPH = -1  # the paragraph index of the title's mentions: no body paragraph, so no passage
PREFIX_HEAD = 3  # shipped and user prefixes ("cyber*") are at least this long

WORD_PATTERN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
POSSESSIVE = re.compile(r"['’]s$")
SENTENCE_BREAK = re.compile(r"[.!?:;\"“”(]")
# Web and mail addresses: their parts ("https", "com") are no words of the article.
ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations whose period ends no sentence.
ABBREVIATIONS = _words("mr mrs ms dr st sen rep gov gen col capt lt sgt prof rev jr sr messrs no vs")
# Words before a name that make it a person's (stripped from the name, kept as evidence).
TITLE_WORDS = _words(
    """president mr mrs ms dr miss sir dame lord lady senator sen rep representative governor gov mayor
    secretary minister chancellor premier prime king queen prince princess pope judge justice general gen col
    colonel captain capt sgt sergeant chairman chairwoman ceo coach professor prof rev reverend ambassador
    commissioner speaker leader candidate nominee spokesman spokeswoman director chief deputy vice host anchor
    striker player boss chair executive"""
)
# Words after a nationality that make it a description of someone ("Russian leader"), not a topic.
ROLE_WORDS = TITLE_WORDS | _words(
    "officials official leaders diplomat diplomats envoy counterpart counterparts citizen national"
)
SPEECH_WORDS = _words(
    "said says told added asked wrote tweeted explained argued insisted warned stated claimed noted"
)
SPEECH_HEADS = SPEECH_WORDS | _words("say tell ask add")  # "police said" is no phrase
# Words that make a capitalised run the name of an organisation, place or event rather than a person's.
THING_WORDS = _words(
    """party ministry department council committee commission agency bank university college school institute
    foundation association union federation league club group company corporation corp inc ltd plc court
    congress senate parliament assembly service services office bureau authority board organisation
    organization fund trust society times post journal news herald guardian telegraph mail tribune network
    channel airlines airways motors police army navy hospital centre center academy studios records church
    campaign magazine institution observatory street road avenue square zero new san los las santa saint st port
    fort mount lake river valley hill island islands bay beach county city state park bridge coast north south
    east west central upper lower great grand royal national international world cup prize award awards
    festival games open championship championships series act treaty day war crisis house hall pac pacs
    theatre theater museum gallery stadium airport station tower"""
)
# Words that say what kind of body a name is ("Police Department"): no subject of their own.
INSTITUTION_WORDS = _words(
    """department ministry council committee commission agency bureau office board authority institute
    association federation republic center centre foundation corporation company group organisation
    organization service services"""
)
# Lowercase words inside a name: a thing's ("Department of Justice", "Flight into Danger") or a person's
# ("Bashar al-Assad").
THING_CONNECTORS = _words("of for the into")
NAME_CONNECTORS = THING_CONNECTORS | _words("de du la der van von al bin")
# Words before a place's name ("in Charlotte"), which tell a city from a person named alike.
PLACE_PREPOSITIONS = _words("in at from near outside across around to")
DATE_WORDS = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"""
)
NUMBER_WORDS = _words(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
    million millions billion billions dozen dozens"""
)
# Words that end a phrase without being part of it: who said it, when, a particle of a name.
PHRASE_BREAKS = SPEECH_HEADS | NAME_CONNECTORS | _words("today tonight tomorrow yesterday")
VERB_ENDINGS = ("ing", "ed")
ADJECTIVE_ENDINGS = ("al", "ic", "ous", "ive", "ful", "less", "able", "ible", "ary", "ent", "ant", "ern")
# Words before a verb ("to resign", "they kill") and before a noun ("the kill").
VERB_CUES = _words("to will would could can may might should must did does not he she they we i who")
DETERMINERS = _words("the a an this that these those his her their its our my your")
# Openings of a paragraph that carries on the one before it.
REFERRING_OPENINGS = _words("he she they it this that these those his her their its such also")


# --- shipped and user word lists ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexeme:
    """A topic known in advance: its name and the forms that name it."""

    name: str
    kind: str
    forms: tuple[str, ...]
    seats: tuple[str, ...] = ()
    common: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class UserTopic:
    name: str
    words: tuple[str, ...] = ()
    merge: tuple[str, ...] = ()


class TopicsFileError(ValueError):
    """A user topics file that cannot be read, in words."""


def _split_list(field_text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in field_text.split(",") if item.strip())


def read_lexemes(name: str, kind: str) -> tuple[Lexeme, ...]:
    """A shipped list: `Name | other forms | seats | flags`, one a line, # for comments."""
    lexemes = []
    for line in data_file(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = [part.strip() for part in line.split("|")] + ["", "", ""]
        topic_name, forms, seats, flags = fields[:4]
        lexemes.append(
            Lexeme(topic_name, kind, (topic_name, *_split_list(forms)), _split_list(seats), "common" in flags)
        )
    return tuple(lexemes)


def read_word_list(name: str) -> frozenset[str]:
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def shipped_lexemes() -> tuple[Lexeme, ...]:
    return (
        read_lexemes("topics_places.txt", PLACE)
        + read_lexemes("topics_organisations.txt", ORGANISATION)
        + read_lexemes("topics_themes.txt", THEME)
    )


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return read_word_list("topics_given_names.txt")


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, str]:
    """Given names and the gender they usually go with (m or f), as the speakers' census list has them."""
    lines = data_file("speakers_given_names.txt").read_text(encoding="utf-8").splitlines()
    return {name: gender for gender, name in (line.split() for line in lines if line and not line.startswith("#"))}


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return read_word_list("topics_function_words.txt")


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """Words that are never a topic by themselves: function words and everyday vocabulary."""
    return function_words() | read_word_list("topics_common_words.txt")


def user_topics_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsreader")) / "topics.toml"


def _string_list(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise TopicsFileError(f"{where} must be a list of words")
    return tuple(item.strip() for item in value)


def parse_user_topics(text: str, source: str = "topics file") -> tuple[UserTopic, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TopicsFileError(f"{source} is not valid TOML: {error}") from error
    unknown = set(data) - {"topics"}
    if unknown:
        raise TopicsFileError(f"{source}: unknown tables {sorted(unknown)}; topics go under [topics.NAME]")
    tables = data.get("topics", {})
    topics = []
    for name, table in tables.items():
        where = f"{source}: topic {name!r}"
        if not isinstance(table, dict):
            raise TopicsFileError(f"{where} must be a table with `words` and/or `merge`")
        unknown = set(table) - {"words", "merge"}
        if unknown:
            raise TopicsFileError(f"{where} has unknown keys {sorted(unknown)}; use `words` and `merge`")
        words = _string_list(table.get("words", []), f"{where}: words")
        short = [word for word in words if word.endswith("*") and len(word) <= PREFIX_HEAD]
        if short:
            raise TopicsFileError(f"{where}: {short} match too much; put {PREFIX_HEAD} letters or more before *")
        merge = _string_list(table.get("merge", []), f"{where}: merge")
        if not words and not merge:
            raise TopicsFileError(f"{where} needs `words` or `merge`")
        topics.append(UserTopic(name.strip(), words, merge))
    return tuple(topics)


def load_user_topics(path: str | Path | None = None) -> tuple[UserTopic, ...]:
    """The user's topics from `path`, or from the config folder's topics.toml (none when it is absent)."""
    if path is None:
        path = user_topics_path()
        if not path.is_file():
            return ()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TopicsFileError(f"cannot read {path}: {error.strerror or error}") from error
    return parse_user_topics(text, str(path))


# --- matching words and phrases -----------------------------------------------------------------------------


class Token(NamedTuple):  # a tuple: articles have thousands of them
    text: str
    start: int
    end: int
    opens_sentence: bool
    lower: str
    capitalised: bool


def tokenize(text: str) -> list[Token]:
    text = ADDRESS.sub(lambda address: " " * len(address.group()), text)  # blanked: offsets stay the text's
    tokens: list[Token] = []
    for match in WORD_PATTERN.finditer(text):
        opens = not tokens or bool(SENTENCE_BREAK.search(_gap(tokens[-1], match.start(), text)))
        word = POSSESSIVE.sub("", match.group())
        tokens.append(Token(word, match.start(), match.end(), opens, word.lower(), word[0].isupper()))
    return tokens


def _gap(left: Token, right_start: int, text: str) -> str:
    """The text between two tokens, less the period of an abbreviation ("Mr. Trump", "Donald J. Trump")."""
    gap = text[left.end : right_start]
    abbreviated = left.lower in ABBREVIATIONS or (len(left.text) == 1 and left.text.isupper())
    return gap[1:] if abbreviated and gap.startswith(".") else gap


def _joined(left: Token, right: Token, text: str) -> bool:
    """Whether two tokens are neighbours in a phrase: only a space, a hyphen or a plural's apostrophe between."""
    return _gap(left, right.start, text) in (" ", "-", "' ", "’ ")


@dataclass(frozen=True)
class Pattern:
    words: tuple[str, ...]  # as written: capitals match as written, lowercase any case, trailing * any ending
    key: str
    is_seat: bool

    def matches_at(self, tokens: list[Token], start: int) -> bool:
        if start + len(self.words) > len(tokens):
            return False
        return all(_word_matches(word, tokens[start + k]) for k, word in enumerate(self.words))


def _word_matches(word: str, token: Token) -> bool:
    if word.endswith("*"):
        stem = word[:-1]
        return token.lower.startswith(stem) if stem.islower() else token.text.startswith(stem)
    return token.lower == word if word.islower() else token.text == word


class Lexicon:
    """Patterns of known topics, indexed by their first word; user patterns win over shipped ones."""

    def __init__(self, lexemes: Iterable[Lexeme]) -> None:
        self.lexemes: dict[str, Lexeme] = {}
        self._exact: dict[str, list[Pattern]] = {}
        self._prefix: dict[str, list[Pattern]] = {}
        self._prefix_heads: set[str] = set()  # first letters of every prefix: most words skip the search
        for lexeme in lexemes:
            self.lexemes.setdefault(lexeme.key, lexeme)
            for form in lexeme.forms:
                self._add(Pattern(_form_words(form), lexeme.key, False))
            for seat in lexeme.seats:
                self._add(Pattern(_form_words(seat), lexeme.key, True))

    def _add(self, pattern: Pattern) -> None:
        first = pattern.words[0]
        if first.endswith("*"):
            stem = first[:-1].lower()
            self._prefix.setdefault(stem, []).append(pattern)
            self._prefix_heads.add(stem[:PREFIX_HEAD])
        else:
            self._exact.setdefault(first.lower(), []).append(pattern)

    def longest_match(self, tokens: list[Token], start: int) -> Pattern | None:
        word = tokens[start].lower
        candidates = list(self._exact.get(word, ()))
        if word[:PREFIX_HEAD] in self._prefix_heads:
            for end in range(PREFIX_HEAD, len(word) + 1):
                candidates.extend(self._prefix.get(word[:end], ()))
        if not candidates:
            return None
        matching = [pattern for pattern in candidates if pattern.matches_at(tokens, start)]
        # the first registered of the longest wins, and user patterns are registered first
        return max(matching, key=lambda pattern: len(pattern.words), default=None)


def _form_words(form: str) -> tuple[str, ...]:
    return tuple(token.text + ("*" if form[token.end : token.end + 1] == "*" else "") for token in tokenize(form))


def user_lexemes(user_topics: Iterable[UserTopic]) -> tuple[Lexeme, ...]:
    return tuple(Lexeme(topic.name, USER, topic.words) for topic in user_topics if topic.words)


@lru_cache(maxsize=8)
def build_lexicon(user_topics: tuple[UserTopic, ...] = ()) -> Lexicon:
    return Lexicon(user_lexemes(user_topics) + shipped_lexemes())


# --- mentions ------------------------------------------------------------------------------------------------


class Mention(NamedTuple):  # a tuple: articles have thousands of them
    key: str
    paragraph: int
    weight: float  # 0: names the topic without being about it ("Russian President ...")
    is_seat: bool
    surface: str


@dataclass
class ParagraphWords:
    index: int
    text: str
    tokens: list[Token]
    used: set[int] = field(default_factory=set)  # positions already taken by a mention
    article_lowercase: frozenset[str] = frozenset()  # every word the article writes in lowercase
    article_verbs: frozenset[str] = frozenset()  # see `verbs_of`
    article_nouns: frozenset[str] = frozenset()  # words the article writes after a determiner ("the water")
    plain_words: list[str | None] = field(default_factory=list)  # see `plain_word`, one a token

    def read_as_article(self, article_lowercase: frozenset[str], verbs: frozenset[str], nouns: frozenset[str]) -> None:
        self.article_lowercase = article_lowercase
        self.article_verbs = verbs
        self.article_nouns = nouns
        self.plain_words = [self._plain(token) for token in self.tokens]

    def _plain(self, token: Token) -> str | None:
        if token.text.islower():
            return token.text
        opening_word = token.opens_sentence and token.text[1:].islower()
        return token.lower if opening_word and token.lower in self.article_lowercase else None

    def plain_word(self, position: int) -> str | None:
        """The token as an ordinary lowercase word: as written, or opening a sentence when the article
        also writes it in lowercase ("Maternity pay ..." beside "maternity pay")."""
        return self.plain_words[position]


def known_topic_mentions(paragraph: ParagraphWords, lexicon: Lexicon) -> list[Mention]:
    mentions = []
    tokens = paragraph.tokens
    position = 0
    while position < len(tokens):
        pattern = lexicon.longest_match(tokens, position)
        end = position + len(pattern.words) if pattern else position + 1
        if pattern is None or _inside_other_name(paragraph, position, end, pattern):
            position = end
            continue
        describes_someone = end < len(tokens) and tokens[end].lower in ROLE_WORDS and not pattern.is_seat
        surface = " ".join(token.text for token in tokens[position:end])
        weight = 0.0 if describes_someone else 1.0
        mentions.append(Mention(pattern.key, paragraph.index, weight, pattern.is_seat, surface))
        if lexicon.lexemes[pattern.key].kind != THEME:  # a theme's words may still name a phrase of its own
            paragraph.used.update(range(position, end))
        position = end
    return mentions


def _inside_other_name(paragraph: ParagraphWords, start: int, end: int, pattern: Pattern) -> bool:
    """Whether a known name or word is part of another name: "The Washington Post", "Center for American
    Progress", "Hofstra University", "Internet Explorer", "Mark Cuban", "Jordan Henderson"."""
    tokens = paragraph.tokens
    if not tokens[start].capitalised:
        return False
    if pattern.words[0].islower() and _capitalised_inside_sentence(paragraph, start, end):
        return True
    after_a_name = start >= 1 and _continues_a_name(paragraph, start - 1)
    if after_a_name and _joined(tokens[start - 1], tokens[start], paragraph.text):
        return True
    following = tokens[end] if end < len(tokens) else None
    if following is not None and following.capitalised and _joined(tokens[end - 1], following, paragraph.text):
        # "Chad Smith", "Jordan Henderson": a place named like a person, with a surname after it
        given_name = tokens[start].text in given_names() and following.lower not in TITLE_WORDS
        if given_name or following.lower in THING_WORDS:
            return True
    if start < 2 or tokens[start - 1].lower not in NAME_CONNECTORS:
        return False
    inside_name = tokens[start - 2].capitalised and _joined(tokens[start - 2], tokens[start - 1], paragraph.text)
    return inside_name and _joined(tokens[start - 1], tokens[start], paragraph.text)


def _capitalised_inside_sentence(paragraph: ParagraphWords, start: int, end: int) -> bool:
    """Whether words are written capitalised mid-sentence beside another capitalised word, as in a name."""
    tokens = paragraph.tokens
    if tokens[start].opens_sentence or tokens[start].text.isupper():
        return False
    before = start >= 1 and tokens[start - 1].capitalised and _joined(tokens[start - 1], tokens[start], paragraph.text)
    after = end < len(tokens) and tokens[end].capitalised and _joined(tokens[end - 1], tokens[end], paragraph.text)
    return before or after


def _continues_a_name(paragraph: ParagraphWords, position: int) -> bool:
    """Whether a word is a person's given name ("Mark" in "Mark Cuban")."""
    return position not in paragraph.used and paragraph.tokens[position].text in given_names()


@dataclass
class Run:
    """Consecutive capitalised words: a name."""

    paragraph: int
    tokens: list[Token]
    after_title: bool  # "President Barack Obama", "Ms Hewitt"
    after_the: bool  # "the Telegraph": people are seldom "the"
    after_preposition: bool  # "in Charlotte"
    before_speech: bool  # "Obama said"
    written: str  # as the text writes it: "Bashar al-Assad", "Michael J. Gove"
    after_speech: bool  # "said Obama"

    @property
    def text(self) -> str:
        return " ".join(token.text for token in self.tokens)

    @property
    def has_keyword(self) -> bool:
        """Words that name an organisation, place or event: "Foundation", "Street", "Department of"."""
        return any(token.lower in THING_WORDS or token.lower in THING_CONNECTORS for token in self.tokens)

    @property
    def names_a_thing(self) -> bool:
        return self.after_the or self.has_keyword

    @property
    def names_a_person(self) -> bool:
        if self.names_a_thing:
            return False
        # news names a thing by one word or a keyword ("Telegraph Group"), a person by two names or a title
        return self.after_title or self.before_speech or len(self.tokens) > 1


def capitalised_runs(paragraph: ParagraphWords) -> list[Run]:
    runs: list[list[int]] = []
    tokens = paragraph.tokens
    for position, token in enumerate(tokens):
        if position in paragraph.used or not (token.capitalised or token.lower in NAME_CONNECTORS):
            continue
        previous = runs[-1][-1] if runs else -2
        follows = previous == position - 1 and not _possessive(tokens[previous])
        if follows and _joined(tokens[previous], token, paragraph.text):
            runs[-1].append(position)
        elif token.capitalised:
            runs.append([position])
    return [run for positions in runs for run in _split_at_titles(paragraph, positions)]


def _split_at_titles(paragraph: ParagraphWords, positions: list[int]) -> list[Run]:
    """Runs without their titles and leading everyday words: "President Barack Obama" -> "Barack Obama"."""
    tokens = paragraph.tokens
    parts: list[tuple[list[int], bool]] = []
    current: list[int] = []
    after_title = False
    for position in positions:
        word = tokens[position].lower
        if word in TITLE_WORDS:
            parts.append((current, after_title))
            current, after_title = [], True
        elif current or not _leads_in(paragraph, position):
            current.append(position)
    parts.append((current, after_title))
    return [_run(paragraph, part, titled) for part, titled in parts if _trim_connectors(tokens, part)]


def _leads_in(paragraph: ParagraphWords, position: int) -> bool:
    """A capitalised word before a name that is not part of it: "The", or "Finally" opening a sentence."""
    token = paragraph.tokens[position]
    if token.lower in function_words():
        return True
    return token.opens_sentence and (token.lower in everyday_words() or paragraph.plain_word(position) is not None)


def _trim_connectors(tokens: list[Token], positions: list[int]) -> list[int]:
    """A name less the connectors and dates at its end ("EDT Tuesday" is "EDT")."""
    while positions and (tokens[positions[-1]].lower in NAME_CONNECTORS or tokens[positions[-1]].lower in DATE_WORDS):
        positions.pop()
    return positions


def _run(paragraph: ParagraphWords, positions: list[int], after_title: bool) -> Run:
    tokens = paragraph.tokens
    before, after = positions[0] - 1, positions[-1] + 1
    return Run(
        paragraph.index,
        [tokens[p] for p in positions],
        after_title,
        after_the=before >= 0 and tokens[before].lower == "the",
        after_preposition=before >= 0 and tokens[before].lower in PLACE_PREPOSITIONS,
        before_speech=after < len(tokens) and tokens[after].lower in SPEECH_WORDS,
        written=_written(paragraph, positions[0], positions[-1]),
        after_speech=before >= 0 and tokens[before].lower in SPEECH_WORDS,
    )


def name_mentions(runs: list[Run], lowercase_words: frozenset[str]) -> list[Mention]:
    """Names that are not people: organisations, cities, companies. A word the text also writes in
    lowercase, or only ever at a sentence's start, is no name."""
    people = {token.text for run in runs if run.names_a_person for token in run.tokens}
    places = {run.text for run in runs if run.after_preposition}
    # a given name alone is someone called by it ("Betty"), unless it is a place too ("in Charlotte")
    people |= {run.text for run in runs if run.text in given_names() and run.text not in places}
    named_inside_sentences = {run.text for run in runs if not run.tokens[0].opens_sentence}
    mentions = []
    for run in runs:
        text = run.text
        if run.names_a_person or (not run.has_keyword and any(t.text in people for t in run.tokens)):
            mentions.append(_person_mention(run))
            continue
        plain = (lowercase_words, everyday_words(), THING_WORDS)
        if len(run.tokens) == 1 and (len(text) < 2 or any(text.lower() in words for words in plain)):
            continue
        if text in named_inside_sentences:
            mentions.append(Mention(f"{NAME}:{text}", run.paragraph, 1.0, False, text))
    return mentions


def _written(paragraph: ParagraphWords, first: int, last: int) -> str:
    """The words from `first` to `last` as the text writes them, less a final possessive."""
    end = paragraph.tokens[last]
    return paragraph.text[paragraph.tokens[first].start : end.start + len(end.text)]


def _person_mention(run: Run) -> Mention:
    """A person, keyed by the name as written here (`fold_people` joins "Thomas" to "Clarence Thomas").
    Naming them as the one who speaks ("Miller said") is no sign the article is about them: such a mention
    weighs nothing."""
    weight = 0.0 if run.before_speech or run.after_speech else 1.0
    return Mention(f"{PERSON}:{run.text}", run.paragraph, weight, False, run.written)


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def word_stem(word: str) -> str:
    """Porter's stem (NLTK's, which needs no downloaded data): "forecasting" and "forecasters" are one."""
    return str(_porter().stem(word.lower()))


@lru_cache(maxsize=1)
def _porter() -> Any:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=1)
def measure_words() -> frozenset[str]:
    return read_word_list("topics_measures.txt")


def _phrase_word(paragraph: ParagraphWords, position: int) -> str | None:
    """A plain word that can stand in a noun phrase: no function word, number, adverb or word already taken."""
    word = paragraph.plain_word(position)
    if word is None or position in paragraph.used or not word.isalpha() or word in function_words():
        return None
    if word in PHRASE_BREAKS or (word in NUMBER_WORDS and not _prefix(paragraph, position)):
        return None  # "doctors said", "debate tomorrow", "Kika de la Garza", "two police officers" (but "two-year")
    return None if word.endswith("ly") or len(word) < 2 else word


def _is_verb_form(word: str) -> bool:
    """A past form ("damaged", "occurred", "took") ends a phrase: it is a verb or a modifier, never a head."""
    return (word.endswith("ed") and len(word) > 4) or word in irregular_verbs()


def _can_head(word: str, verbs: frozenset[str]) -> bool:
    measure = word in measure_words() or singular(word) in measure_words()
    return not (_is_verb_form(word) or measure or word in verbs)


def verbs_and_nouns(paragraphs: list[ParagraphWords]) -> tuple[frozenset[str], frozenset[str]]:
    """Words the article uses as verbs: more often after "to", a modal or a pronoun ("to resign", "they
    kill") than after a determiner ("the kill"); and words it writes after a determiner at least once."""
    as_verb: Counter[str] = Counter()
    as_noun: Counter[str] = Counter()
    for paragraph in paragraphs:
        tokens = paragraph.tokens
        for before, token in pairwise(tokens):
            if not token.text.islower():
                continue
            if before.lower in VERB_CUES:
                as_verb[token.text] += 1
            elif before.lower in DETERMINERS:
                as_noun[token.text] += 1
    verbs = frozenset(word for word, count in as_verb.items() if count > as_noun[word])
    return verbs, frozenset(as_noun)


def _possessive(token: Token) -> bool:
    """ "Florida's" ends a name: "Florida's Hurricane Andrew" is two."""
    return token.end - token.start > len(token.text)


def _prefix(paragraph: ParagraphWords, position: int) -> bool:
    """A word hyphened to the next is part of a compound ("anti-Nafta", "high-speed"), no head."""
    tokens = paragraph.tokens
    return position + 1 < len(tokens) and paragraph.text[tokens[position].end : tokens[position + 1].start] == "-"


def plain_runs(paragraph: ParagraphWords) -> list[list[int]]:
    """Positions of consecutive phrase words, cut at punctuation, after a possessive and before a past form."""
    runs: list[list[int]] = []
    tokens = paragraph.tokens
    for position in range(len(tokens)):
        word = _phrase_word(paragraph, position)
        if word is None:
            continue
        previous = runs[-1][-1] if runs else -2
        continues = previous == position - 1 and _joined(tokens[previous], tokens[position], paragraph.text)
        if continues and not _is_verb_form(word) and not _possessive(tokens[previous]):
            runs[-1].append(position)
        else:
            runs.append([position])
    return runs


def phrase_mentions(paragraph: ParagraphWords) -> list[Mention]:
    """The noun phrases of a paragraph's plain words, named by their last word (the head) with up to two words
    before it: "rolls", "voter rolls". A phrase of everyday words only is none ("last week"), nor is one whose
    head is a verb or a measure, or one right after a number ("40 square miles").""" 
    mentions = []
    tokens = paragraph.tokens
    for run in plain_runs(paragraph):
        head = _run_word(paragraph, run[-1])
        after_number = run[0] > 0 and tokens[run[0] - 1].text[:1].isdigit()
        if after_number or _prefix(paragraph, run[-1]) or not _can_head(head, paragraph.article_verbs):
            continue
        tail = run[-MAX_PHRASE_WORDS:]
        words = [_run_word(paragraph, p) for p in tail]
        stems = [singular(word) for word in words]
        everyday = [_everyday(word) for word in words]
        for start in range(len(tail) - 1, -1, -1):
            if all(everyday[start:]) or (start == len(tail) - 1 and not _lone_noun(head, paragraph)):
                continue
            if _verb_like(words[start], paragraph) and not _after_determiner(paragraph, tail[start]):
                break  # "taking steroids": a verb and its object; "the training flight" is a phrase
            surface = _written(paragraph, tail[start], tail[-1])
            mentions.append(Mention(f"{WORD}:{' '.join(stems[start:])}", paragraph.index, 1.0, False, surface))
        name = _name_before(paragraph, run[0])
        if name is not None and len(run) < MAX_PHRASE_WORDS and not all(everyday):
            # a name before a noun names a subject of its own: "Richter scale", "Valdez spill"
            key = f"{WORD}:{tokens[name].lower} {' '.join(stems)}"
            mentions.append(Mention(key, paragraph.index, 1.0, False, _written(paragraph, name, run[-1])))
        for position in run[-MAX_PHRASE_WORDS:-1]:
            word = _run_word(paragraph, position)
            if not _everyday(word) and _lone_noun(word, paragraph) and _can_head(word, paragraph.article_verbs):
                key = f"{MODIFIER}:{singular(word)}"
                mentions.append(Mention(key, paragraph.index, 1.0, False, tokens[position].text))
    return mentions


def _run_word(paragraph: ParagraphWords, position: int) -> str:
    word = paragraph.plain_word(position)
    assert word is not None  # `plain_runs` holds plain words only
    return word


def _name_before(paragraph: ParagraphWords, position: int) -> int | None:
    """The position of a capitalised word inside a sentence just before `position`, or None."""
    before = position - 1
    if before < 0:
        return None
    token = paragraph.tokens[before]
    if not token.capitalised or token.opens_sentence or not token.text.isalpha() or _possessive(token):
        return None
    plain = token.lower in function_words() or token.lower in everyday_words() or token.lower in TITLE_WORDS
    joined = paragraph.text[token.end : paragraph.tokens[position].start] in (" ", "-")
    # the last word of a longer name is a fragment of it ("Gold Star mother" has no "Star mother")
    earlier = paragraph.tokens[before - 1] if before else None
    in_longer_name = earlier is not None and earlier.capitalised and _joined(earlier, token, paragraph.text)
    return None if plain or not joined or in_longer_name else before


def _verb_like(word: str, paragraph: ParagraphWords) -> bool:
    return word.endswith(VERB_ENDINGS) or word in paragraph.article_verbs or word in irregular_verbs()


@lru_cache(maxsize=1)
def irregular_verbs() -> frozenset[str]:
    return read_word_list("topics_verbs.txt")


def _lone_noun(word: str, paragraph: ParagraphWords) -> bool:
    """A word alone names a topic unless it is short, or looks like a verb's -ing form or an adjective and
    the article never writes it after a determiner: "the shooting", "the hospital" are nouns; "resulting",
    "federal" alone are none."""
    looks_other = word.endswith(VERB_ENDINGS + ADJECTIVE_ENDINGS)
    return len(word) >= MIN_ORDINARY_WORD_LENGTH and (not looks_other or word in paragraph.article_nouns)


def _after_determiner(paragraph: ParagraphWords, position: int) -> bool:
    return position > 0 and paragraph.tokens[position - 1].lower in DETERMINERS


def _everyday(word: str) -> bool:
    return word in everyday_words() or singular(word) in everyday_words()


# --- candidates and their scores -----------------------------------------------------------------------------


@dataclass
class Candidate:
    key: str
    name: str
    kind: str
    common: bool
    weights: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))  # paragraph -> weight
    about: set[int] = field(default_factory=set)  # paragraphs that are about it (a mention of weight > 0)
    surfaces: Counter[str] = field(default_factory=Counter)  # lowercase forms as written
    written: Counter[str] = field(default_factory=Counter)  # forms as written
    first: int = 0  # order of its first mention: ties go to the topic the article names first

    @property
    def mentions(self) -> float:
        return sum(self.weights.values())

    def absorb(self, other: Candidate) -> None:
        for paragraph, weight in other.weights.items():
            self.weights[paragraph] += weight
        self.about |= other.about
        self.surfaces.update(other.surfaces)
        self.written.update(other.written)
        self.first = min(self.first, other.first)
        self.common = self.common and other.common


@dataclass(frozen=True)
class DocumentFrequencies:
    """In how many of the loaded articles each topic candidate occurs (keys as `topic_keys` gives them)."""

    documents: int
    counts: Mapping[str, int]

    @classmethod
    def from_articles(
        cls, articles: Iterable[tuple[Paragraph, ...]], user_topics: tuple[UserTopic, ...] = ()
    ) -> DocumentFrequencies:
        counts: Counter[str] = Counter()
        documents = 0
        for paragraphs in articles:
            documents += 1
            counts.update(topic_keys(paragraphs, user_topics=user_topics))
        return cls(documents, dict(counts))

    def inverse(self, key: str) -> float | None:
        """How rare `key` is across the articles, from 0 (in all) to 1 (in one), or None without enough."""
        if self.documents < MIN_DOCUMENTS_FOR_STATISTICS:
            return None
        found_in = max(1, min(self.counts.get(key, 1), self.documents))
        return math.log(self.documents / found_in) / math.log(self.documents)


def collect_mentions(paragraphs: list[ParagraphWords], lexicon: Lexicon) -> list[Mention]:
    mentions = [mention for paragraph in paragraphs for mention in known_topic_mentions(paragraph, lexicon)]
    named = {mention.key for mention in mentions if not mention.is_seat}
    mentions = [mention for mention in mentions if mention.key in named]
    runs = [run for paragraph in paragraphs for run in capitalised_runs(paragraph)]
    mentions += name_mentions(runs, paragraphs[0].article_lowercase if paragraphs else frozenset())
    mentions += [mention for paragraph in paragraphs for mention in phrase_mentions(paragraph)]
    # a word inside a name counts for the word's own topic too: "hurricane" in "Hurricane Gilbert"
    mentions += [
        Mention(f"{MODIFIER}:{singular(token.lower)}", run.paragraph, 1.0, False, token.lower)
        for run in runs
        if len(run.tokens) > 1
        for token in run.tokens
        if token.lower not in function_words() and token.lower not in INSTITUTION_WORDS
    ]
    return mentions


def build_candidates(mentions: list[Mention], lexicon: Lexicon) -> dict[str, Candidate]:
    candidates: dict[str, Candidate] = {}
    heads = {mention.key for mention in mentions if mention.key.startswith(WORD)}
    mentions = [m._replace(key=_as_word(m.key)) if m.key.startswith(MODIFIER) else m for m in mentions]
    mentions = [m for m in mentions if not m.key.startswith(WORD) or m.key in heads]
    # a phrase the article writes once is never a topic, nor another phrase's name: no candidate
    phrases = Counter(mention.key for mention in mentions if mention.key.startswith(WORD))
    mentions = [m for m in mentions if phrases.get(m.key, 2) > 1]
    for order, mention in enumerate(mentions):
        candidate = candidates.get(mention.key)
        if candidate is None:
            candidate = candidates[mention.key] = _new_candidate(mention, lexicon, order)
        candidate.weights[mention.paragraph] += mention.weight
        candidate.surfaces[mention.surface.lower()] += 1
        candidate.written[mention.surface] += 1
        if mention.weight > 0:
            candidate.about.add(mention.paragraph)
    return candidates


def _as_word(modifier_key: str) -> str:
    return f"{WORD}:{modifier_key.partition(':')[2]}"


def _new_candidate(mention: Mention, lexicon: Lexicon, order: int) -> Candidate:
    lexeme = lexicon.lexemes.get(mention.key)
    if lexeme is not None:
        return Candidate(mention.key, lexeme.name, lexeme.kind, lexeme.common, first=order)
    kind, _, name = mention.key.partition(":")
    return Candidate(mention.key, name, kind, False, first=order)


def name_as_written(candidates: dict[str, Candidate]) -> None:
    """A phrase is named as the article most often writes it, capitalised ("Voter rolls"); a person by the
    fullest of their names ("Clarence Thomas" rather than "Thomas")."""
    for candidate in candidates.values():
        if candidate.kind == WORD:
            name = candidate.written.most_common(1)[0][0]
            candidate.name = name[:1].upper() + name[1:]
        elif candidate.kind == PERSON:
            fullest = max(candidate.written, key=lambda form: (len(form.split()), candidate.written[form]))
            # readers write "Terry Barnes" for "Terry D. Barnes"
            words = fullest.split()
            candidate.name = " ".join(word for word in words if len(word.rstrip(".")) > 1 or len(words) < 3)


def fold_people(candidates: dict[str, Candidate], honorifics: Mapping[str, set[str]] | None = None) -> None:
    """One person for their full name and a single name of it, "Thomas" or "Clarence" of "Clarence Thomas":
    the fullest name mentioned most takes it (of "Donald Trump" and "Melania Trump", the one named more), unless
    the article's honorifics for the single name (`honorifics`, "Mr. Obama") are not for that full name's given
    name ("Michelle Obama")."""
    people = [candidate for candidate in candidates.values() if candidate.kind == PERSON]
    full_names = [(candidate, candidate.key.partition(":")[2].split()) for candidate in people]
    said = honorifics or {}
    for short in people:
        name = short.key.partition(":")[2]
        if " " in name:
            continue
        fuller = [
            full
            for full, words in full_names
            if len(words) > 1
            and name in (words[0], words[-1])
            and not _someone_else(words[0], said.get(name, set()))
        ]
        if fuller:
            max(fuller, key=lambda full: full.mentions).absorb(candidates.pop(short.key))


def _someone_else(given_name: str, honorific_genders: set[str]) -> bool:
    gender = given_name_genders().get(given_name)
    return gender is not None and bool(honorific_genders) and gender not in honorific_genders


def honorifics(body: list[ParagraphWords]) -> dict[str, set[str]]:
    """The genders the article's honorifics give each single name: "Mr. Obama" -> {"Obama": {"m"}}."""
    found: dict[str, set[str]] = defaultdict(set)
    for paragraph in body:
        for honorific, name in pairwise(paragraph.tokens):
            gender = HONORIFIC_GENDERS.get(honorific.lower)
            if gender is not None and name.capitalised:
                found[name.text].add(gender)
    return found


def fold_name_variants(candidates: dict[str, Candidate]) -> None:
    """One topic for a name and its other forms: "Equal Opportunities Commission" and "EOC", "Telegraph
    Group" and "Telegraph" (the form mentioned more often names it), "Xboxes" and "Xbox" (the singular does)."""
    names = [candidate for candidate in candidates.values() if candidate.kind == NAME]
    for short in names:
        for full in names:
            if full is short or short.key not in candidates or full.key not in candidates:
                continue
            if full.name in (short.name + "s", short.name + "es"):
                short.absorb(candidates.pop(full.key))
            elif _is_short_form(short.name, full.name):
                kept, folded = (short, full) if short.mentions > full.mentions else (full, short)
                kept.absorb(candidates.pop(folded.key))


def _is_short_form(short: str, full: str) -> bool:
    """ "EOC" of "Equal Opportunities Commission", "Telegraph" of "Telegraph Group"."""
    words = full.split()
    if len(words) < 2:
        return False
    initials = "".join(word[0] for word in words if word[0].isupper())
    return short == words[0] or (short.isupper() and short == initials)


def apply_user_merges(candidates: dict[str, Candidate], user_topics: tuple[UserTopic, ...]) -> None:
    """Fold found topics into the user's: those named in `merge`, and any found under the same name."""
    for topic in user_topics:
        wanted = {name.lower() for name in (topic.name, *topic.merge)}
        folded = [key for key, candidate in candidates.items() if candidate.name.lower() in wanted]
        if not folded:
            continue
        target_key = f"{USER}:{topic.name}"
        target = candidates.get(target_key) or candidates[folded[0]]
        for key in folded:
            if candidates[key] is not target:
                target.absorb(candidates.pop(key))
        candidates.pop(target.key, None)
        target.key, target.name, target.kind = target_key, topic.name, USER
        candidates[target_key] = target


def distinctiveness(candidate: Candidate, frequencies: DocumentFrequencies | None) -> float:
    # an everyday country of the news is a setting more often than a subject, whatever the statistics say
    prior = COMMON_PLACE_WEIGHT if candidate.common else 1.0
    inverse = frequencies.inverse(candidate.key) if frequencies is not None else None
    if inverse is not None:
        return prior * min(1.0, DISTINCTIVENESS_FLOOR + inverse)
    return prior


def _in_title(candidate: Candidate, title_words: str, title_singulars: str) -> bool:
    if candidate.kind == WORD:  # any form of the phrase: "Tornadoes" is in "Tornado kills two"
        return f" {candidate.key.partition(':')[2]} " in title_singulars
    return any(f" {surface} " in title_words for surface in candidate.surfaces)


def _dwelt_on(candidate: Candidate, body_paragraphs: int) -> bool:
    """A theme's words turn up in any article now and then ("a hospital", "the election"): it is a topic only
    in an article that keeps coming back to it."""
    if candidate.kind != THEME:
        return True
    dwelt = len(candidate.about) >= max(THEME_MIN_PARAGRAPHS, body_paragraphs * THEME_MIN_SHARE)
    return dwelt and _writes_its_label(candidate)


def _writes_its_label(candidate: Candidate) -> bool:
    """A theme's label is the reader's word for it only where the article writes that word itself: an
    article of "disease" and "doctors" is about the disease, not "Health"."""
    label = {word_stem(token.lower) for token in tokenize(candidate.name)} - {""}
    written = {word_stem(word) for surface in candidate.surfaces for word in surface.split()}
    return any(_alike(stem, other) for stem in label for other in written)


def _content_stems(candidate: Candidate) -> frozenset[str]:
    words = [token.lower for token in tokenize(candidate.name)]
    return frozenset(word_stem(word) for word in words if word not in function_words())


def _alike(left: str, right: str) -> bool:
    """Stems of one word: equal, or one the other's start ("yugoslav", "yugoslavia")."""
    shorter, longer = sorted((left, right), key=len)
    return shorter == longer or (len(shorter) >= MIN_VARIANT_STEM and longer.startswith(shorter))


def _same_subject(left: Candidate, left_stems: frozenset[str], right: Candidate, right_stems: frozenset[str]) -> bool:
    """Whether two topics are one: a phrase or theme whose words are all among another's ("Tornadoes" of
    "Tornado deaths", "Climate" of "Climate change"; but a word the article writes far more often than the
    phrase is a subject of its own), or a name that ends another ("Court" of "Supreme Court"). A name that
    only starts with another is a subject of its own: "Census Bureau" beside "Census", "Hurricane Gilbert"
    beside "Hurricane"."""
    (smaller, short), (larger, long) = sorted(((left_stems, left), (right_stems, right)), key=lambda p: len(p[0]))
    if not smaller or not all(any(_alike(word, other) for other in larger) for word in smaller):
        return False
    if short.kind == WORD == long.kind and len(smaller) < len(larger):
        # "Tornado deaths" are most of the article's tornadoes; "Police brutality" is one subject of many police
        return long.mentions >= PHRASE_SHARE * short.mentions
    if {short.kind, long.kind} <= {WORD, THEME} or len(smaller) == len(larger):
        return True
    return _alike(_last_stem(short.name), _last_stem(long.name))


def _last_stem(name: str) -> str:
    words = [token.lower for token in tokenize(name)]
    return word_stem(words[-1]) if words else ""


def _fullest_phrase(candidate: Candidate, longer: Mapping[str, list[Candidate]]) -> Candidate:
    """The phrase a repeated word stands in names it: "Rolls" is "Voter rolls" when the article writes that a
    good share of the time. A word the article writes in several phrases ("total eclipse", "partial
    eclipse") is a subject of its own, named by one of them only when that one is half its mentions."""
    if candidate.kind != WORD:
        return candidate
    wanted = max(2.0, candidate.mentions * NAMING_SHARE)
    phrases = [c for c in longer.get(candidate.key, ()) if c.mentions >= wanted]
    if len({phrase.key.split()[-2] for phrase in phrases}) > 1:  # words just before the head
        phrases = [c for c in phrases if c.mentions >= candidate.mentions * PHRASE_SHARE]
    return max(phrases, key=lambda c: (len(c.key), c.mentions), default=candidate)


def _extensions(candidates: Mapping[str, Candidate]) -> dict[str, list[Candidate]]:
    """Phrase key -> the longer phrases that end with it ("word:roll" -> "word:voter roll")."""
    longer: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates.values():
        if candidate.kind != WORD:
            continue
        stems = candidate.key.partition(":")[2].split()
        for start in range(1, len(stems)):
            longer[f"{WORD}:{' '.join(stems[start:])}"].append(candidate)
    return longer


def _phrase_weight(candidate: Candidate) -> float:
    """Readers name a subject by its phrase ("oil spill", "term limits") more often than by a word alone: each
    word of a phrase beyond its head counts as much again."""
    if candidate.kind != WORD:
        return 1.0
    return 1.0 + PHRASE_WORD_WEIGHT * candidate.key.count(" ")


def choose_topics(
    candidates: dict[str, Candidate],
    body_words: int,
    body_paragraphs: int,
    title: str,
    frequencies: DocumentFrequencies | None,
    lead: int | None = None,
) -> list[Candidate]:
    """The candidates the article dwells on, most important first, one for each subject."""
    title_words = " " + " ".join(token.lower for token in tokenize(title)) + " "
    title_singulars = " " + " ".join(singular(word) for word in title_words.split()) + " "
    needed = max(MIN_SCORE, body_words / WORDS_PER_NEEDED_MENTION)
    spread = min(MIN_SPREAD, body_paragraphs)
    scored = []
    for candidate in candidates.values():
        in_title = _in_title(candidate, title_words, title_singulars)
        in_body = candidate.about - {TITLE_PARAGRAPH}
        early = min(in_body, default=lead or 0) - (lead or 0)  # paragraphs before its first mention
        bonus = (TITLE_BONUS if in_title else 0.0) + LEAD_BONUS / (1 + early)
        weight = sum(candidate.weights.values()) + bonus
        score = weight * distinctiveness(candidate, frequencies) * _phrase_weight(candidate)
        if candidate.about and _dwelt_on(candidate, body_paragraphs):
            passes = score >= needed and len(in_body) >= spread
            scored.append((score, candidate, passes, in_title or candidate.mentions >= 2))
    scored.sort(key=lambda item: (-item[0], item[1].first))
    # an article of two sentences or more is about something: when nothing passes the bar, what it names
    # twice or in its title
    chosen_ones = [item[1] for item in scored if item[2]] or [item[1] for item in scored if item[3]]
    longer = _extensions(candidates)
    chosen: list[tuple[frozenset[str], Candidate]] = []
    for candidate in chosen_ones:
        if len(chosen) == MAX_TOPICS:
            break
        named = _fullest_phrase(candidate, longer)
        if named is not candidate:
            candidate.name = named.name
        stems = _content_stems(candidate)
        same = next((kept for kept_stems, kept in chosen if _same_subject(candidate, stems, kept, kept_stems)), None)
        if same is not None:
            same.absorb(candidate)  # its paragraphs are the kept topic's too
        else:
            chosen.append((stems, candidate))
    return [candidate for _, candidate in chosen]


# --- passages ------------------------------------------------------------------------------------------------


def passages(paragraphs: list[ParagraphWords], chosen: list[Candidate]) -> dict[int, set[str]]:
    """Body paragraph index -> the names of the topics it belongs to."""
    named = {paragraph.index: {c.name for c in chosen if paragraph.index in c.about} for paragraph in paragraphs}
    order = [paragraph.index for paragraph in paragraphs]
    belongs = dict(named)
    for position, paragraph in enumerate(paragraphs):
        if named[paragraph.index]:
            continue
        before = _nearest_topical(order[position - 1 :: -1] if position else [], named)
        after = _nearest_topical(order[position + 1 :], named)
        previous = named[order[position - 1]] if position else set()
        if before & after:
            belongs[paragraph.index] = before & after
        elif previous and _refers_back(paragraph):
            belongs[paragraph.index] = previous
    return belongs


def _nearest_topical(indexes: list[int], named: dict[int, set[str]]) -> set[str]:
    for index in indexes[: CARRY_GAP + 1]:
        if named[index]:
            return named[index]
    return set()


def _refers_back(paragraph: ParagraphWords) -> bool:
    return bool(paragraph.tokens) and paragraph.tokens[0].lower in REFERRING_OPENINGS


# --- the article ---------------------------------------------------------------------------------------------


def _body_words(paragraphs: tuple[Paragraph, ...]) -> list[ParagraphWords]:
    body = [ParagraphWords(i, p.text, tokenize(p.text)) for i, p in enumerate(paragraphs) if p.is_body]
    lowercase = frozenset(token.text for paragraph in body for token in paragraph.tokens if token.text.islower())
    verbs, nouns = verbs_and_nouns(body)
    for paragraph in body:
        paragraph.read_as_article(lowercase, verbs, nouns)
    return body


def _title_words(title: str, body: list[ParagraphWords]) -> ParagraphWords:
    """The title as a paragraph of its own, its headline capitals read as the body writes each word
    ("Illegal Aliens" is "illegal aliens" when the body writes that)."""
    words = ParagraphWords(TITLE_PARAGRAPH, title, tokenize(title))
    if body:
        words.read_as_article(body[0].article_lowercase, body[0].article_verbs, body[0].article_nouns)
        words.plain_words = [token.lower if token.lower in words.article_lowercase else None for token in words.tokens]
    return words


def _candidates(
    body: list[ParagraphWords], user_topics: tuple[UserTopic, ...], title: str = ""
) -> dict[str, Candidate]:
    lexicon = build_lexicon(user_topics)
    mentions = collect_mentions(body, lexicon)
    if title and body:  # the title's phrases count as mentions of the body's (a phrase only there is none)
        mentions += phrase_mentions(_title_words(title, body))
    candidates = build_candidates(mentions, lexicon)
    fold_people(candidates, honorifics(body))
    name_as_written(candidates)
    fold_name_variants(candidates)
    apply_user_merges(candidates, user_topics)
    return candidates


def topic_keys(paragraphs: tuple[Paragraph, ...], *, user_topics: tuple[UserTopic, ...] = ()) -> frozenset[str]:
    """Every topic candidate of an article, for `DocumentFrequencies` across the loaded articles."""
    return frozenset(_candidates(_body_words(paragraphs), tuple(user_topics)))


def find_topics(
    paragraphs: tuple[Paragraph, ...],
    *,
    title: str = "",
    user_topics: Iterable[UserTopic] | None = None,
    document_frequencies: DocumentFrequencies | None = None,
) -> tuple[tuple[Paragraph, ...], tuple[Topic, ...]]:
    """The paragraphs with their topics filled in, and the article's topics, most important first."""
    body = _body_words(paragraphs)
    candidates = _candidates(body, tuple(user_topics or ()), title)
    body_words = sum(len(paragraph.tokens) for paragraph in body)
    lead = body[0].index if body else None
    chosen = choose_topics(candidates, body_words, len(body), title, document_frequencies, lead)
    belongs = passages(body, chosen)
    names = [candidate.name for candidate in chosen]
    labelled = tuple(
        replace(p, topics=tuple(name for name in names if name in belongs.get(i, ()))) if p.is_body else p
        for i, p in enumerate(paragraphs)
    )
    topics = tuple(Topic(name, tuple(i for i in sorted(belongs) if name in belongs[i])) for name in names)
    return labelled, topics
