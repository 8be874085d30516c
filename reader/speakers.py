"""Who speaks in an article: the people it names, and what each of them said.

Rules, no model. Names are runs of capitalised words, with titles ("U.S. President") split off as aliases.
Statements are quotations and clauses built around a reporting verb; the verb's subject is the speaker,
found before the verb ("Obama said"), after it ("..., said Obama") or after "according to". Pronouns and
descriptions ("he", "the U.S. president") go to the person most in view. Word lists: reader/data/speakers_*.txt.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .model import DIRECT, REPORTED, Paragraph, Person, Speaker, Statement
from .resources import data_file
from .sentences import abbreviations, sentence_spans

Position = tuple[int, int]  # (paragraph index, character offset): orders everything in the article

PERSON = "person"
ORGANISATION = "organisation"
PLACE = "place"
THING = "thing"  # a law, a treaty, a war, a product: named, but never a speaker
UNKNOWN = "unknown"
UNNAMED = "unnamed"  # "officials", "a source": a voice the article does not name

# How a statement came to its speaker: the verb's subject before it, after it, "according to", a clause that goes
# on from one ("..., saying"), a quotation beside such a verb, a quotation that goes on with the voice before it.
BEFORE, AFTER, ACCORDING, GOES_ON = "before", "after", "according", "goes on"
QUOTED, QUOTED_ON, CARRIED, SIGNED, LEAD_IN, TURN = "quoted", "quoted on", "carried", "signed", "lead-in", "turn"
QUOTATIONS = (QUOTED, QUOTED_ON, CARRIED)

MALE = "m"
FEMALE = "f"
PRONOUN_GENDER = {"he": MALE, "she": FEMALE}
PLURAL_PRONOUNS = frozenset({"they", "we", "i", "you"})
POSSESSIVE_DETERMINERS = frozenset({"my", "his", "her", "our", "their", "your"})
KIN_GENDER = {noun: FEMALE for noun in "mother wife daughter sister grandmother aunt niece mom".split()} | {
    noun: MALE for noun in "father husband son brother grandfather uncle nephew dad".split()}
SUBJECT_PRONOUNS = PLURAL_PRONOUNS | {"it"}  # a sentence's subject when it comes before any name
COLLECTIVE_NOUNS = frozenset({"police", "people", "staff", "media", "public"})  # "Police say ..."
HONORIFIC_GENDER = {"mr": MALE, "mister": MALE, "sir": MALE, "king": MALE, "prince": MALE, "congressman": MALE,
                    "spokesman": MALE, "chairman": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE,
                    "queen": FEMALE, "princess": FEMALE, "dame": FEMALE, "lady": FEMALE,
                    "congresswoman": FEMALE, "spokeswoman": FEMALE, "chairwoman": FEMALE}

# Abbreviated titles and the role they name, so that "Sen. Bernie Sanders" is "the Vermont senator".
TITLE_ROLES = {"sen": "senator", "sens": "senator", "rep": "representative", "gov": "governor", "gen": "general",
               "adm": "admiral", "col": "colonel", "capt": "captain", "sgt": "sergeant", "lt": "lieutenant",
               "rev": "reverend", "dr": "doctor", "prof": "professor", "pres": "president", "atty": "attorney",
               "amb": "ambassador", "del": "delegate"}
# Lower-case words that may come between a name and its role: "Democratic presidential nominee Hillary Clinton".
ROLE_MODIFIERS = frozenset("""presidential vice-presidential former longtime senior top deputy acting interim retired
then current national state federal local political economic foreign campaign communication communications
press""".split())
# Words that may stand between a subject and its verb: "Obama has also said", "they would not say".
AUXILIARIES = frozenset("""has have had is was were are be been will would could can may might should must shall
did does do also later again once often then now still already never not further himself herself first last
long always earlier just""".split())  # and any adverb in -ly
IRREGULAR_PARTICIPLES = frozenset({"said", "heard", "thought", "taught", "sought", "brought", "found", "made"})  # "are said to be"
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
HAVE_FORMS = frozenset({"has", "have", "had"})
MODALS = frozenset("will would could can may might should must shall did does do".split())
VERB_AUXILIARIES = BE_FORMS | HAVE_FORMS | MODALS  # the auxiliaries proper, not the adverbs AUXILIARIES skips too
# "the Trump campaign said", "a Bloomberg poll shows": a name and one of these nouns speak together.
VOICE_NOUNS = frozenset("""campaign camp team aides aide spokesman spokeswoman spokesperson office staff
administration poll polls survey report study analysis statement memo lawyers lawyer supporters allies
officials official representatives website""".split())
NAMING_FORMS = frozenset({"called", "named", "dubbed", "nicknamed", "titled", "labeled", "labelled", "termed"})
# a public body's common noun inside a role, after the place it serves: "Tulsa police Chief Chuck Jordan"
INSTITUTION_NOUNS = frozenset({"police", "fire", "city", "county", "state", "party"})
CONTINUE_FORMS = frozenset({"continue", "continues", "continued", "continuing"})
DOCUMENT_NOUNS = frozenset("poll polls survey study report analysis memo".split())  # of VOICE_NOUNS
DOCUMENT_REACH = 8  # words from such a noun to its verb at most: "A CNN poll released late on Monday shows"
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # left out when names are compared
# Lower-case words allowed inside a name: "Bill de Blasio", "Department of Homeland Security".
NAME_PARTICLES = frozenset({"de", "da", "van", "von", "bin", "al", "la", "le", "del", "der", "di", "du"})
ORGANISATION_LINKS = frozenset({"of", "for", "on"})
ORGANISATION_ENDINGS = frozenset({"today", "now", "tonight"})  # "USA Today", "Democracy Now"
DETERMINERS = frozenset({"the", "this", "a", "an"})
# A name after one of these is inside a phrase, not a subject ("of Democratic claims"); "a study by Harvard found"
# is Harvard's finding, so "by" is not among them.
PREPOSITIONS = frozenset("of to for with in on from about against among than as at into over under".split())
PLACE_PREPOSITIONS = frozenset({"of", "from", "at"})
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# "Trump last week said", "The Times on Saturday wrote"
MONTHS = frozenset("january february march april may june july august september october november december".split())
WHEN_WORDS = WEEKDAYS | frozenset(
    "this last week month year morning afternoon evening night today yesterday tonight".split()
)
BEFORE_VERB = AUXILIARIES | WHEN_WORDS
# Words that may follow "said Obama" without making Obama the start of an object ("said Obama in a statement").
AFTER_SPEAKER = WEEKDAYS | frozenset(
    "who when while after before during as told wrote added last this earlier later".split()
)
# The nouns of sources the article does not name: "officials said", "according to a source", "aides say".
UNNAMED_HEADS = frozenset("""official officials source sources aide aides adviser advisers advisor advisors
spokesman spokeswoman spokesperson spokespeople person people expert experts analyst analysts critic critics
observer observers resident residents witness witnesses police authorities investigator investigators prosecutor
prosecutors diplomat diplomats lawmaker lawmakers legislator legislators member members staffer staffers
insider insiders organizer organizers organiser organisers protester protesters protestors activist activists
voter voters supporter supporters opponent opponents researcher researchers scientist scientists economist
economists doctors officer officers leaders executive executives employee employees worker workers
strategist strategists operative operatives donor donors aides negotiator negotiators attendant attendants""".split())
# Nouns and adjectives (after "is") whose "that" clause holds what they name ("the claim that X refused", "it is
# clear that X wanted"): its subject is no speaker.
CONTENT_NOUNS = frozenset("""claim claims report reports allegation allegations assertion assertions suggestion
suggestions notion idea fact belief argument charge charges accusation accusations rumor rumors rumour rumours
speculation evidence sign signs concern concerns fear fears hope hopes warning warnings news impression
view""".split())
CONTENT_ADJECTIVES = frozenset("""apparent clear likely unlikely possible impossible obvious true evident certain
doubtful unclear plain undeniable""".split())
BE_FORMS = frozenset("is was are were be been being it's 's".split())
# Words after such a noun that still belong to it: "a source familiar with the talks said".
UNNAMED_AFTER = frozenset("familiar close with briefed knowledgeable involved who speaking in at from on for inside "
                          "within granted authorized authorised".split())
# Words that end the description of an unnamed source, read back from its noun: "..., but analysts said".
NOT_MODIFIERS = PREPOSITIONS | AUXILIARIES | frozenset(
    """and or but nor so yet that which who whom whose where when how why while whether if than because since
    although though this these those there here it its him her them us me my our your their his million billion
    percent per after before until during despite amid through without via what""".split()
) - {"his", "her", "their", "its", "our"}
QUANTIFIERS = frozenset("a an the one two three four five several some many most other others another few "
                        "both all senior top".split())
# A verb form seen at least RATE_EVIDENCE times in PolNeAR's training articles is a cue only if that often marked
# as one there ("states" and "rules" are mostly nouns); a clause that goes on from another (", saying") needs more.
RATE_EVIDENCE = 10
CUE_RATE = 0.08
GOES_ON_RATE = 0.25
PLACE_RATE = 0.5
TRUSTED_RATE = 0.45  # "said", "told", "says": a titled person who is their subject is taken without the filter
JOIN_REACH, JOIN_WORDS = 120, 16  # at most this much between two quotations of one speaker read as one  # "China said", "Moscow warned": a country speaks only by a verb that mostly cues a report
# Words between a name and its verb at most: "Dr. Connie Mariano, who as a Navy captain ..., said".
APPOSITION_REACH = 40
# Words after a verb the speaker's name may come at most: "said Rep. Tom Cole", "according to the most recent
# data available from the FBI".
AFTER_REACH, ACCORDING_REACH = 7, 10
DESCRIPTION_WORDS = 3  # lower-case words between an inverted verb and its subject's name, at most
TITLE_FIELD_WORDS = 3  # "Minister for Foreign Affairs": the words of a title's field, at most
APPOSITION_WORDS = 8  # a description set off after a name is an alias of it, if no longer
DESCRIPTION_AFTER = re.compile(r"\s*,\s*(?P<words>[^,;:—–()“”\"]+?)\s*(?:[,;:—–]|\.?\s*$)")
RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "where", "when", "while", "and", "or", "but"})
APPOSITION_MARKS = frozenset({",", "--", "—", "–"})
FOCUS_WORDS = frozenset({"even", "only", "just", "like", "unlike", "including"})  # "Even Lindsey Graham ..."
CLAUSE_OPENERS = frozenset({"and", "but", "yet", "so", "still", "meanwhile", "however", "also", "then"})
# A later verb in the same sentence starts a clause of its own after these ("X said A, but Y said B").
CLAUSE_BREAK = re.compile(
    r"(?:[;—–]|,\s*(?:and|but|while|whereas|though|although|yet)\b|\band\b"
    r"|,\s+(?:[A-Z][\w.'’-]*\s+){1,4}$)"  # "So when Patriot signaled ..., Mr. Barrett said"
)
# Where a second speaker's clause starts: "A, but Y said B", "A; Y said B", "A — Y said B", "A and Y said B".
CLAUSE_START = re.compile(
    r"[;—–]|,\s*(?:and|but|while|whereas|though|although|yet)\b|\b(?:and|but)\s+(?=(?:\S+\s+){0,4}$)"
    r"|,\s+(?=(?:[A-Z][\w.'’-]*\s+){1,4}$)"  # "So when Patriot signaled ..., Mr. Barrett said"
)
CLAUSE_END_QUOTE = re.compile(r"[,.?!—–-]['’]?\s*(?:''|[\"”])$")  # "...,” or "...,'" (a quotation inside one)
QUOTE_MARK = re.compile(r"''|[\"“”]")  # '' is how some papers write a double quotation mark
WORD = re.compile(r"\w[\w'’.&-]*")
LOWER_CASE_WORD = re.compile(r"\b[a-z][a-z'-]*\b")
CAPITALISED_INSIDE = re.compile(r"(?<=[a-z0-9,;] )[A-Z][a-z'’-]+\b(?! [A-Z])")  # "... said Republicans", not "Quick Start Guide"
TITLE_AT_END = re.compile(r"\b([A-Z][a-z]{1,4})\.$")
# "President George H.W." or "Rep. G.K." ends with a name's initials, not a sentence ("the U.S." may).
INITIALS_AT_END = re.compile(r"\b[A-Z][a-z]*\.? (?:[A-Z]\.){1,3}$")
# "says J.J. MacNab": initials that are no known abbreviation ("U.S.", "D.C.") are a name's, wherever they come.
NAME_INITIALS_AT_END = re.compile(r"(?:^|\s)((?:[A-Z]\.){2,3})$")
CONTRACTION = re.compile(r"['’](?:ve|re|ll|m|d)$")
PARTY_LABEL = re.compile(r"[RDI]-[A-Z][\w.]*")
INITIALS = re.compile(r"(?:[A-Z]\.)+")  # "U.S.", "J."
STATE_AFTER = re.compile(r" \([A-Z][\w.' -]*\)")  # "Sen. Susan Collins (Maine)", "Rep. Gwen Moore (D-Wis.)"
WINDOW_PARAGRAPHS = 2  # how far back "he" or "the senator" may look for the person meant
SUBJECT_REACH = 10  # a sentence's subject is a name among its first words: "In a statement Tuesday, Clinton ..."
# "WALLACE: Let's start ...": a transcript's turn; not "UPDATE: ..." and the like.
NOT_TRANSCRIPT_SPEAKERS = frozenset(
    {"update", "updated", "breaking", "exclusive", "watch", "video", "photos", "note", "correction", "clarification",
     "editor's note", "editor’s note", "u.s.", "q"}
)
TRANSCRIPT_TURN = re.compile(
    r"^\W{0,2}(?P<speaker>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)?):\s+(?P<words>\S.*)", re.DOTALL
)
# "Clinton said", "she told": a subject and a verb, for a paragraph that names its own speaker.
SUBJECT_AND_VERB = re.compile(r"\b(?:[A-Z][\w’'.-]+|he|she)\s+(?P<verb>[a-z]+)\b")
# "“...” ― Karen Bobadilla": a quotation signed with a dash.
COLON_BEFORE_QUOTE = re.compile(r"\s*:\s*(?:''|[\"“])")  # "Carl Bialik: “..."
SIGNATURE = re.compile(r"(?:''|[\"”])?[\s.,]*[―—–]+\s*")


# --- word lists shipped in reader/data -------------------------------------------------------------------------


def _data_lines(name: str) -> list[str]:
    text = data_file(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _word_list(name: str) -> frozenset[str]:
    return frozenset(line.lower() for line in _data_lines(name))


def _regular_forms(verb: str) -> list[str]:
    sibilant = verb.endswith(("s", "sh", "ch", "x", "z", "o"))
    third_person = verb + ("es" if sibilant else "s")
    past = verb + ("d" if verb.endswith("e") else "ed")
    present_participle = (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"
    return [third_person, past, present_participle]


@lru_cache(maxsize=1)
def _reporting_verbs() -> dict[str, bool]:
    """Every form of every reporting verb, mapped to whether it is the base form ("say", not "says")."""
    forms: dict[str, bool] = {}
    for line in _data_lines("speakers_verbs.txt"):
        base, *others = line.lower().split()
        forms.update(dict.fromkeys(others or _regular_forms(base), False))
        forms[base] = True
    return forms


@lru_cache(maxsize=1)
def _verb_rates() -> dict[str, float]:
    """How often each form cues an attribution in PolNeAR's training articles (speakers_verb_rates.txt, made by
    tools/learn_speaker_verbs.py), for the forms seen there often enough to tell."""
    rates: dict[str, float] = {}
    for line in _data_lines("speakers_verb_rates.txt"):
        form, rate, seen = line.split()
        if int(seen) >= RATE_EVIDENCE:
            rates[form] = float(rate)
    return rates


@lru_cache(maxsize=1)
def _subject_cues() -> dict[str, float]:
    """Forms beyond the reporting verbs that cue an attribution right after their subject ("Clinton voiced ...",
    "Trump declined ..."), with how often they do in PolNeAR's training articles (speakers_cue_verbs.txt, made by
    tools/learn_speaker_cues.py). They are taken only after their subject, never after a quotation."""
    cues: dict[str, float] = {}
    for line in _data_lines("speakers_cue_verbs.txt"):
        form, rate, _ = line.split()
        cues[form] = float(rate)
    return cues


@lru_cache(maxsize=1)
def _verb_pairs() -> dict[tuple[str, str], float]:
    """A form and the word after it that cue far less often than the form alone ("pledged delegates"), with how
    often they do (speakers_verb_pairs.txt, made by tools/learn_speaker_verbs.py)."""
    pairs: dict[tuple[str, str], float] = {}
    for line in _data_lines("speakers_verb_pairs.txt"):
        form, after, rate, _ = line.split()
        pairs[form, after] = float(rate)
    return pairs


def _cue_rate(form: str) -> float:
    """How often the form cues an attribution; a form never marked as a cue ("state", 0 of 980) cues none."""
    rates = _verb_rates()
    return rates[form] if form in rates else _subject_cues().get(form, 1.0)


@lru_cache(maxsize=1)
def _titles() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(line.split()) for line in _word_list("speakers_titles.txt"))


@lru_cache(maxsize=1)
def _titles_by_last_word() -> dict[str, list[tuple[str, ...]]]:
    titles: dict[str, list[tuple[str, ...]]] = {}
    for title in _titles():
        titles.setdefault(title[-1], []).append(title)
    return titles


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    pairs = (line.split() for line in _data_lines("speakers_first_names.txt"))
    return {name: gender for gender, name in pairs}


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """The pronoun census given names usually take (speakers_given_names.txt, made by tools/make_given_names.py)."""
    pairs = (line.split() for line in _data_lines("speakers_given_names.txt"))
    return {name: gender for gender, name in pairs}


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(abbreviations())


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """The gazetteer: a place's name in lower case, without dots, and its kind (country, capital, region, city).
    speakers_places.txt is made from GeoNames and ISO 3166 by tools/make_speaker_places.py."""
    places: dict[str, str] = {}
    for name in ("speakers_places.txt", "speakers_places_extra.txt"):
        for line in _data_lines(name):
            kind, place = line.split(" ", 1)
            places.setdefault(_place_key(place), kind)
    return places


def _is_adjective(word: str) -> bool:
    """A lower-case word that describes rather than names ("democratic", "french", speakers_adjectives.txt), or a
    country's or a region's demonym."""
    return word in _word_list("speakers_adjectives.txt") or _is_demonym(word)


@lru_cache(maxsize=4096)
def _is_demonym(word: str) -> bool:
    """A country's or a region's demonym the gazetteer gives ("jordanian", "syrian", "iraqi", "chinese")."""
    if word.endswith("ian"):
        stems = [word[:-1], word[:-3], word[:-3] + "a"]  # Syria, Jordan, Canada
    elif word.endswith("an"):
        stems = [word[:-1], word[:-2] + "o"]  # Kenya, Mexico
    elif word.endswith("ese"):
        stems = [word[:-3], word[:-3] + "a"]  # Japan, China
    else:
        stems = [word[:-1]] if word.endswith("i") else []  # Iraq
    return any(len(stem) > 3 and _places().get(stem) in ("country", "region") for stem in stems)


def _place_key(words: str) -> str:
    return words.lower().replace(".", "").replace("’", "'")


def _place_kind(words: tuple[str, ...]) -> str | None:
    """What kind of place these words name in the gazetteer, if any: "South Sudan" (a country), "Darfur" (a region).
    A city named with one word ("Warren", "Bush", "Tyler") is also a surname: the article's usage settles it."""
    kind = _places().get(_place_key(" ".join(words)))
    if kind == "city" and len(words) == 1:
        return None
    return kind


# --- words and quotations in a paragraph ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    start: int
    end: int  # of the word as written, possessive ending and dot included
    word: str  # without a sentence-final dot or a possessive ending
    possessive: bool

    @property
    def lower(self) -> str:
        return self.word.lower()

    @property
    def capitalised(self) -> bool:
        return self.word[:1].isupper()


def _token(match: re.Match[str]) -> _Token:
    word = match.group()
    if word.endswith(".") and word[:-1].lower() not in _abbreviations() and not INITIALS.fullmatch(word):
        word = word[:-1]
    word = word.rstrip("'’") or word
    possessive = word.endswith(("'s", "’s"))
    return _Token(match.start(), match.end(), word[:-2] if possessive else word, possessive)


@dataclass(frozen=True)
class _Quote:
    start: int  # the words inside the marks: text[start:end]
    end: int
    runs_on: bool  # no closing mark before the paragraph ends: the quotation goes on in the next one


def _is_opening(text: str, mark: re.Match[str]) -> bool:
    if mark.group() == "“":
        return True
    before = text[mark.start() - 1] if mark.start() else " "
    after = text[mark.end()] if mark.end() < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def _quotes(text: str) -> list[_Quote]:
    """Double-quoted passages; a straight mark opens or closes by the spaces around it, as a reader sees it."""
    quotes: list[_Quote] = []
    opened: int | None = None
    nested = 0  # curly marks inside a curly quotation: “... what he calls “hell” ...”
    for mark in QUOTE_MARK.finditer(text):
        opening = _is_opening(text, mark)
        if opened is None and opening:
            opened = mark.end()
        elif opened is not None and opening and mark.group() == "“":
            nested += 1
        elif opened is not None and not opening and nested and mark.group() == "”":
            nested -= 1
        elif opened is not None and not opening:
            quotes.append(_Quote(opened, mark.start(), runs_on=False))
            opened = None
    if opened is not None:
        quotes.append(_Quote(opened, len(text), runs_on=True))
    return [quote for quote in quotes if text[quote.start : quote.end].strip()]


def _inside(quotes: list[_Quote], offset: int) -> bool:
    return any(quote.start <= offset < quote.end for quote in quotes)


def _sentence_spans(text: str, quotes: list[_Quote] | None = None) -> list[tuple[int, int]]:
    """Punkt's sentences, mended where it cut before a lower-case word ("... (R-S.C.) told reporters"), and inside
    a quotation that its sentence goes on after ("“... remember everything? No,” said David Magel")."""
    spans: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        before = text[spans[-1][0] : spans[-1][1]] if spans else ""
        after_title = spans and (_ends_with_title(before) or _ends_with_initials(before))
        cut_short = not text[start].isupper() and (text[start].isalpha() or text[start] in ")],;")
        if spans and (after_title or cut_short or _cut_in_quote(text, quotes or [], start, end)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _ends_with_initials(sentence: str) -> bool:
    if INITIALS_AT_END.search(sentence) is not None:
        return True
    initials = NAME_INITIALS_AT_END.search(sentence)
    return initials is not None and initials.group(1).lower().rstrip(".") not in _abbreviations()


def _cut_in_quote(text: str, quotes: list[_Quote], start: int, end: int) -> bool:
    """Whether a sentence starts inside a quotation that closes within it, its verb after: "No,” said Magel."""
    quote = next((quote for quote in quotes if quote.start < start < quote.end <= end), None)
    return quote is not None and not quote.runs_on and CLAUSE_END_QUOTE.search(text[: quote.end + 1]) is not None


def _may_name(capitals: str) -> bool:
    """Whether "WALLACE" or "MIKE PENCE" may name a transcript's speaker ("UPDATE" and "SAID" may not)."""
    lowered = capitals.lower()
    not_names = _word_list("speakers_not_names.txt") | set(_reporting_verbs())
    return lowered not in NOT_TRANSCRIPT_SPEAKERS and not any(word in not_names for word in lowered.split())


def _ends_with_title(sentence: str) -> bool:
    """ "... said Del." ends with a title, not a sentence: Punkt does not know every abbreviation."""
    last_word = TITLE_AT_END.search(sentence)
    return last_word is not None and (last_word.group(1).lower(),) in _titles()


# --- names --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Name:
    """A capitalised run: "U.S. President Barack Obama" is titles ("U.S.", "President") and words ("Barack",
    "Obama")."""

    titles: tuple[str, ...]
    words: tuple[str, ...]
    first: int  # indexes of its first and last token in the sentence
    last: int
    surface: str  # as written, possessive ending left out


def _joins(text: str, left: _Token, right: _Token) -> bool:
    """True when only spaces stand between two tokens, and no possessive ends the first."""
    between = text[left.end : right.start]
    ampersand = between.strip() == "&" and right.capitalised  # "Food & Wine", "Bang & Olufsen"
    return not left.possessive and (between.isspace() or ampersand) and "\n" not in between


def _starts_name(tokens: list[_Token], index: int, opens: bool = True) -> bool:
    token = tokens[index]
    not_names = _word_list("speakers_not_names.txt")
    if not token.capitalised or token.lower in not_names or token.lower.split("-")[0] in not_names:
        return False  # "Twenty-seven states"
    if CONTRACTION.split(token.lower)[0] in not_names or len(token.word) == 1:
        return False  # "I've", "We're"; an interview's "Q"
    if PARTY_LABEL.fullmatch(token.word):
        return False  # "Bob Corker, R-Tenn., said"
    # A sentence's first word is capitalised anyway: "Asked about ...", "Speaking to ..."; not one after a
    # quotation: "“...,” Zaheed said".
    if index > 0 or not opens or not (token.lower in _reporting_verbs() or token.lower.endswith(("ing", "ly", "ed"))):
        return True
    if _given_name(token.word) or _place_kind((token.word,)) is not None:
        return True  # "Ted Cruz", "Carly Fiorina", "Wyoming Republicans"
    if token.lower.endswith("thing") or token.lower in _reporting_verbs() or token.lower in _descriptor_words():
        return False  # "Everything Trump says", "Say Mexico demanded", "Leading Democrats say"
    return _name_subject_of_verb(tokens)


def _given_name(word: str) -> bool:
    """A given name the curated list or the census knows, but never a month ("In May, ...")."""
    return word.lower() not in MONTHS and (word in _first_names() or word in _given_names())


def _name_subject_of_verb(tokens: list[_Token]) -> bool:
    """ "Rolling Stone reported ...": a sentence's first two words, capitalised, are a name when a verb follows
    them; "Speaking Tuesday, ...", "Addressing Congress on ..." or "Leading Democrats say" are no names."""
    if len(tokens) < 3 or not tokens[1].capitalised or tokens[1].lower in WHEN_WORDS or tokens[1].lower.endswith("s"):
        return False  # "Leading Democrats say": a word before a group describes it
    verb = tokens[2].lower
    return tokens[2].word.islower() and (verb in _reporting_verbs() or verb in AUXILIARIES - {"also", "then", "now"})


class _CommonWords:
    """The words a sentence's first word may be without naming anyone ("Officials said", "Video shows", "Worse,
    ..."): those the article writes in lower case, or that news writing does (speakers_lower_words.txt, learned
    from PolNeAR's training articles); unless the article also writes them capitalised inside a sentence, as it
    writes "Republicans" or "Clinton"."""

    def __init__(self, text: str) -> None:
        self.lower = frozenset(LOWER_CASE_WORD.findall(text))
        self.capitalised = frozenset(word.lower() for word in CAPITALISED_INSIDE.findall(text))

    def __contains__(self, word: str) -> bool:
        common = word in self.lower or word in _word_list("speakers_lower_words.txt")
        return common and word not in self.capitalised


def _runs(text: str, tokens: list[_Token], common_words: _CommonWords, opens: bool = True) -> list[tuple[int, int]]:
    """(first, last) token indexes of each run of capitalised words, joined by spaces or name particles.
    opens: tokens[0] is the sentence's first word, not one after a quotation.

    A sentence's first word alone is no name when the article also writes it in lower case ("Video shows",
    "Health worries"), unless it may stand for a group ("Authorities said", "Police say"); nor is an adjective
    alone ("Democratic senators").
    """
    runs: list[tuple[int, int]] = []
    first: int | None = None
    for index in range(len(tokens) + 1):
        if first is not None and index < len(tokens) and _continues(text, tokens, index):
            continue
        if first is not None:
            last = index - 1
            while not tokens[last].capitalised:
                last -= 1
            lower = tokens[first].lower
            common = first == 0 and opens and lower in common_words
            role = common or _is_demonym(lower)
            if role and first + 1 < last and _given_name(tokens[first + 1].word):
                first += 1  # "Stylist Karla Welch", "American Robert Levinson": a role before a full name
            # a demonym only before a noun: "Jordanian officials", but "said Burman" (Burma's) names Len Burman
            before_noun = last + 1 < len(tokens) and tokens[last + 1].word.islower()
            adjective = lower in _word_list("speakers_adjectives.txt") or (before_noun and _is_demonym(lower))
            if first < last or not (common or adjective):
                runs.append((first, last))
        first = index if index < len(tokens) and _starts_name(tokens, index, opens) else None
    return runs


def _continues(text: str, tokens: list[_Token], index: int) -> bool:
    """Whether tokens[index] carries on the run of name words before it."""
    previous, token = tokens[index - 1], tokens[index]
    if not _joins(text, previous, token):
        return False
    if token.capitalised:  # "USA Today": a word that starts no name may still end an organisation's
        return token.lower not in _word_list("speakers_not_names.txt") or token.lower in ORGANISATION_ENDINGS
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None or not _joins(text, token, following):
        return False
    if token.lower in DETERMINERS and previous.lower in ORGANISATION_LINKS:
        return following.capitalised  # "Committee for a Responsible Federal Budget"
    if token.lower in NAME_PARTICLES:
        return following.capitalised  # "Bill de Blasio"
    if token.lower == "in" and following.lower == "chief":
        return previous.lower in _person_roles()  # "Editor in Chief Dana Cowin"
    # "Department of Homeland Security", "Secretary of State John Kerry", "Department of the Treasury"
    anchor = previous.lower
    after_article = following.lower in DETERMINERS and index + 2 < len(tokens) and tokens[index + 2].capitalised
    return (
        token.lower in ORGANISATION_LINKS
        and (following.capitalised or after_article)
        and (anchor in _word_list("speakers_organisations.txt") or (anchor,) in _titles())
    )


def _title_length(words: list[str]) -> int:
    """How many leading words of a run are titles or their modifiers ("U.S. President", "Secretary of State")."""
    lowered = [word.lower().rstrip(".") for word in words]
    length = 0
    for end in range(1, len(words)):
        if end > 1 and lowered[end - 1] in NAME_PARTICLES and not words[end - 1].endswith("."):
            continue  # "Alessandro Del Piero", not the delegate ("Del.") Piero
        titles = _titles_by_last_word().get(lowered[end - 1], ())
        if lowered[end - 1] in _person_roles() or any(
            tuple(lowered[end - len(title) : end]) == title for title in titles if len(title) <= end
        ):
            length = end
    if length and lowered[length] in ORGANISATION_LINKS:
        # "Minister for Health Leo Varadkar": the title's field runs on to the given name
        reach = range(length + 2, min(length + 2 + TITLE_FIELD_WORDS, len(words) - 1))
        given = next((n for n in reach if _given_name(words[n].split("-")[0])), None)  # "Eva-Marie"
        if given is not None and all(word[:1].isupper() for word in words[length + 1 : given]):
            length = given
    if not length:
        length = _descriptor_length(words)
    organisations = _word_list("speakers_organisations.txt")
    if any(word in organisations for word in lowered[length:]) or not words[length][:1].isupper():
        return 0  # "Justice Department" is one name, not the justice called "Department"
    return length


def _descriptor_length(words: list[str]) -> int:
    """How many leading words describe the person a full name after them names ("Browns DL Sheldon Richardson",
    "St. Louis Alderman Antonio French"): those before a given name that starts the last two or three words, when
    none of them is a given name itself ("Billy Bob Thornton", "Hillary Rodham Clinton" are whole names)."""
    for start in range(max(1, len(words) - 3), len(words) - 1):
        if _given_name(words[start]) and all(_describes_someone(word) for word in words[:start]):
            # but "Los Angeles Lakers", "South Carolina Democrat": the given name ends a place's name
            in_place = any(_place_kind(tuple(words[first : start + 1])) is not None for first in range(start))
            return 0 if in_place else start
    return 0


def _describes_someone(word: str) -> bool:
    """A capitalised word that is no part of a person's name: a common word ("Coach", "Insider"), an acronym
    ("NFL"), a place or a role; not a given name or an initial, nor a word unknown ("Tairod", "Hyeon")."""
    if _given_name(word) or INITIALS.fullmatch(word):
        return False
    parts = word.lower().split("-")  # "Grammy-winner", "Co-anchor"
    common = any(part in _word_list("speakers_lower_words.txt") for part in parts)
    acronym = word.isupper() and len(word) > 1
    known = word.lower() in _person_roles() or word.lower() in _word_list("speakers_organisations.txt")
    return common or acronym or known or _place_kind((word,)) is not None


def _name(text: str, tokens: list[_Token], first: int, last: int) -> _Name:
    words = [token.word for token in tokens[first : last + 1]]
    titled = _title_length(words)
    if len(words) == 1 and words[0].lower().rstrip(".") in _person_roles():
        titled = 1  # "the President" names no one by itself
    surface = text[tokens[first].start : tokens[last].start + len(tokens[last].word)]
    return _Name(tuple(words[:titled]), tuple(words[titled:]), first, last, surface)


# --- people and organisations -------------------------------------------------------------------------------


@dataclass
class _Entity:
    words: tuple[str, ...]  # the fullest form of the name seen
    kind: str = UNKNOWN
    gender: str | None = None
    roles: set[str] = field(default_factory=set)  # lower-case title, role and modifier words
    aliases: dict[str, None] = field(default_factory=dict)  # an ordered set
    mentions: list[Position] = field(default_factory=list)
    focus: list[Position] = field(default_factory=list)  # where it was a sentence's subject or a speaker
    spoke: bool = False  # the subject of a reporting verb at least once

    @property
    def name(self) -> str:
        return " ".join(self.words)

    @property
    def may_be_he_or_she(self) -> bool:
        return self.kind == PERSON or (self.kind == UNKNOWN and self.spoke and len(self.words) > 1)


def _focus_of(entity: _Entity) -> list[Position]:
    return entity.focus


def _mentions_of(entity: _Entity) -> list[Position]:
    return entity.mentions


def _last_before(moments: list[Position], position: Position) -> Position | None:
    return max((moment for moment in moments if moment < position), default=None)


@lru_cache(maxsize=1)
def _person_roles() -> frozenset[str]:
    return _word_list("speakers_roles.txt") | frozenset(_titles_by_last_word())


def _kind_of(name: _Name, roles: set[str]) -> str:
    """A person by a title, a role or a first name; an organisation or a thing by its shape ("Justice Department",
    "Data Retention Bill"); a place by the gazetteer. Else unknown, for the article's usage to settle."""
    lowered = [word.lower().rstrip(".") for word in name.words]
    if any(word in _word_list("speakers_organisations.txt") for word in lowered):
        return ORGANISATION
    if any(word in _word_list("speakers_things.txt") for word in lowered[1:]):
        return THING
    if roles & _person_roles() or (name.words[0] in _first_names() and len(name.words) > 1):
        return PERSON
    if _place_kind(name.words) is not None:
        return PLACE
    if name.words[0] in _first_names():
        return PERSON
    return UNKNOWN


def _gender_of(name: _Name, roles: set[str]) -> str | None:
    genders = {HONORIFIC_GENDER[role] for role in roles if role in HONORIFIC_GENDER}
    if len(genders) == 1:
        return genders.pop()
    first = name.words[0]
    if first in _first_names():
        return _first_names()[first]
    # the census only for a full name's first word: alone, "Clinton" or "Carter" is a surname
    return _given_names().get(first) if len(name.words) > 1 else None


class _Cast:
    """Everyone the article names so far, each reference grouped under one entity."""

    def __init__(self) -> None:
        self.entities: list[_Entity] = []
        # Indexes, so that a long page with hundreds of names is not read in quadratic time.
        self.by_words: dict[tuple[str, ...], _Entity] = {}
        self.by_last_word: dict[str, list[_Entity]] = {}
        self.by_first_word: dict[str, list[_Entity]] = {}
        self.by_description: dict[tuple[str, ...], _Entity] = {}  # unnamed sources

    def named(self, name: _Name, roles: set[str], mention: str, position: Position) -> _Entity:
        titles = {title.lower().rstrip(".") for title in name.titles}
        roles = roles | titles | {TITLE_ROLES[title] for title in titles if title in TITLE_ROLES}
        entity = self._match(name.words, _gender_of(name, roles)) or self._add(name.words)
        if len(name.words) > len(entity.words):
            entity.words = name.words
            self._index(entity)
        entity.roles |= roles
        kind = _kind_of(name, roles)
        if entity.kind == UNKNOWN or kind in (ORGANISATION, THING) or (kind == PERSON and entity.kind == PLACE):
            entity.kind = kind  # a title or a first name outweighs the gazetteer: "Chuck Jordan"
        entity.gender = entity.gender or _gender_of(name, roles)
        entity.aliases[name.surface] = None
        entity.aliases[mention] = None
        entity.mentions.append(position)
        return entity

    def voice(self, owner: _Entity, noun: str, surface: str, position: Position) -> _Entity:
        """ "The Trump campaign", "Clinton's spokesman": a voice of its own, named after its owner."""
        # "Nowsch lawyer" for Erich Nowsch Jr.'s; but an organisation's whole name: "Department of Public Safety"
        owned = owner.words if owner.kind == ORGANISATION else _without_suffix(owner.words)[-1:]
        words = (*owned, noun)
        entity = self.by_words.get(words) or self._add(words)
        entity.kind = ORGANISATION
        entity.aliases[surface] = None
        entity.mentions.append(position)
        return entity

    def unnamed(self, key: tuple[str, ...], surface: str, position: Position) -> _Entity:
        """The unnamed source these words describe: "officials" and "two officials" are one voice."""
        entity = self.by_description.get(key)
        if entity is None:
            name = surface[4:] if surface.lower().startswith("the ") else surface
            entity = self.by_description[key] = _Entity((name,), kind=UNNAMED)
            self.entities.append(entity)
        entity.aliases[surface] = None
        entity.mentions.append(position)
        return entity

    def _add(self, words: tuple[str, ...]) -> _Entity:
        entity = _Entity(words)
        self.entities.append(entity)
        self._index(entity)
        return entity

    def _index(self, entity: _Entity) -> None:
        """File the entity under its current name; earlier, shorter forms keep pointing to it too."""
        self.by_words.setdefault(entity.words, entity)
        keys = ((self.by_last_word, _without_suffix(entity.words)[-1]), (self.by_first_word, entity.words[0]))
        for index, word in keys:
            filed = index.setdefault(word, [])
            if entity not in filed:
                filed.append(entity)

    def _match(self, words: tuple[str, ...], gender: str | None) -> _Entity | None:
        """The entity these words name: the same full name, or a surname or first name alone, of the same gender
        when the mention gives one ("Mrs. Clinton" is not Bill Clinton)."""
        same = self.by_words.get(words)
        if same is not None and (gender is None or same.gender in (gender, None)):
            return same
        last = _without_suffix(words)[-1]
        candidates = [e for e in self.by_last_word.get(last, []) if _same_person(e.words, words)]
        if _place_kind(words) is not None:  # "Jordan" is Jim Jordan if the article named him; "Sudan" is no "South Sudan"
            candidates = [e for e in candidates if e.kind == PERSON]
        candidates = [e for e in candidates if e.kind != PLACE]
        if len(words) == 1:
            candidates += [e for e in self.by_first_word.get(last, []) if e.kind == PERSON]
        candidates = [e for e in candidates if gender is None or e.gender in (gender, None)]
        return max(candidates, key=lambda e: (len(e.mentions), e.mentions[-1]), default=None)

    def pronoun(self, gender: str, position: Position) -> _Entity | None:
        """The person "he" or "she" means: the latest subject or speaker of that gender, else the latest mention."""
        candidates = [e for e in self._in_view(position, WINDOW_PARAGRAPHS) if e.may_be_he_or_she]
        candidates = [e for e in candidates if e.gender in (gender, None)]
        for moments in (_focus_of, _mentions_of):
            ranked: list[tuple[Position, _Entity]] = []
            for e in candidates:
                moment = _last_before(moments(e), position)
                if moment is not None:
                    ranked.append((moment, e))
            if ranked:
                chosen = max(ranked, key=lambda pair: pair[0])[1]
                chosen.gender = gender  # what the writer calls them settles it
                chosen.mentions.append(position)
                return chosen
        return None

    def described(self, words: list[str], position: Position) -> _Entity | None:
        """The person "the U.S. president" or "the Republican nominee" means, by their titles and roles."""
        role, modifiers = words[-1], {word.rstrip(".") for word in words[:-1]}
        best: tuple[int, Position, _Entity] | None = None
        for entity in self._in_view(position, paragraphs=None):
            score = 2 * (role in entity.roles) + len(modifiers & entity.roles)
            seen = _last_before(entity.mentions, position)
            if score >= 2 and seen is not None and (best is None or (score, seen) > best[:2]):
                best = (score, seen, entity)
        return best[2] if best else None

    def _in_view(self, position: Position, paragraphs: int | None) -> list[_Entity]:
        earliest = (position[0] - paragraphs, 0) if paragraphs is not None else (-1, 0)
        return [e for e in self.entities if _mentioned_between(e.mentions, earliest, position)]


def _mentioned_between(mentions: list[Position], earliest: Position, position: Position) -> bool:
    for moment in reversed(mentions):  # mentions come mostly in reading order: look from the latest back
        if earliest <= moment < position:
            return True
        if moment < earliest:
            return False
    return False


def _same_person(known: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """ "Hillary Clinton" and "Hillary Rodham Clinton" (or "Clinton") are one; "Bill Clinton" is another."""
    known, words = _without_suffix(known), _without_suffix(words)
    if known[-1] != words[-1]:
        return False
    return len(known) == 1 or len(words) == 1 or known[0] == words[0]


def _without_suffix(words: tuple[str, ...]) -> tuple[str, ...]:
    """ "Joseph R. Biden Jr." is matched as "Joseph R. Biden"."""
    return words[:-1] if len(words) > 1 and words[-1].lower().rstrip(".") in NAME_SUFFIXES else words


# --- a sentence, and the subjects of its reporting verbs ----------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    speaker: _Entity
    how: str  # BEFORE ("Obama said"), AFTER ("said Obama"), ACCORDING ("according to"), GOES_ON ("..., saying")
    rate: float  # how often the verb's form cues an attribution (speakers_verb_rates.txt)


class _Sentence:
    """One sentence of a body paragraph: its words outside quotation marks, and the names among them."""

    def __init__(
        self, text: str, span: tuple[int, int], paragraph: int, quotes: list[_Quote], common_words: _CommonWords
    ) -> None:
        start, end = span
        self.text, self.start, self.end, self.paragraph = text, start, end, paragraph
        words = (_token(match) for match in WORD.finditer(text, start, end))
        self.tokens = [token for token in words if not _inside(quotes, token.start)]
        opens = not self.tokens or QUOTE_MARK.search(text, start, self.tokens[0].start) is None
        runs = _runs(text, self.tokens, common_words, opens)
        names = (_name(text, self.tokens, first, last) for first, last in runs)
        self.names = {name.last: name for name in names}  # by the index of its last token
        self.entities: dict[int, _Entity] = {}  # by the index of the name's last token
        self.subject: _Entity | None = None  # the name the sentence opens with
        # names that only describe the next one: "Clinton" in "Clinton aide Huma Abedin"
        self.descriptors: set[int] = set()
        # where a name's whole mention starts: "pollster" in "pollster Pat Caddell"
        self.mention_starts: dict[int, int] = {}

    def position(self, index: int) -> Position:
        return (self.paragraph, self.tokens[index].start)

    def gap(self, left: int, right: int) -> str:
        """The text between tokens[left] and tokens[right] (left -1: from the sentence start)."""
        start = self.tokens[left].end if left >= 0 else self.start
        return self.text[start : self.tokens[right].start]

    def name_starting(self, index: int) -> _Name | None:
        return next((name for name in self.names.values() if name.first == index), None)


def _preceding_roles(sentence: _Sentence, name: _Name) -> tuple[set[str], int]:
    """Lower-case roles written before a name, and where that fuller mention starts:
    "IMF chief economist Maury Obstfeld" -> ({"chief", "economist"}, the index of "IMF"). A name that only
    describes ("IMF") is marked as such in the sentence."""
    found: set[str] = set()
    first = name.first
    while first > 0 and name.first - first < 4 and sentence.gap(first - 1, first).isspace():
        token = sentence.tokens[first - 1]
        adjective = token.capitalised and _is_adjective(token.lower)  # "Democratic nominee"
        if first - 1 == 0 and token.capitalised and not token.possessive and not _in_name(sentence, 0):
            if not found:  # "Senator Bob Corker", "Moderator Bret Baier": a role before a full name; not "As"
                function_word = token.lower in NOT_MODIFIERS or token.lower in CLAUSE_OPENERS or token.lower in FOCUS_WORDS
                if function_word or not _given_name(sentence.tokens[name.first].word):
                    break
                found.add(token.lower)
            first -= 1  # "Family spokesman Bob Gunnell", "Political analyst David Bositis": the sentence's first word
            break
        describes = token.lower in _descriptor_words() or token.lower in INSTITUTION_NOUNS
        if token.possessive or (not adjective and (token.capitalised or not describes)):
            break  # "the president's Pacific roots": a possessive role belongs to someone else
        found.add(token.lower)
        first -= 1
    owner = sentence.names.get(first - 1)
    owned = owner is not None and sentence.tokens[first - 1].possessive  # "NBC’s Dante Chinni"
    if (found or owned) and owner is not None and sentence.gap(first - 1, first).isspace():
        sentence.descriptors.add(owner.last)
        first = owner.first  # "Clinton campaign manager Robby Mook"
    elif owner is None:
        first = _possessive_owner(sentence, first)
    return found, first


def _in_name(sentence: _Sentence, index: int) -> bool:
    return any(name.first <= index <= name.last for name in sentence.names.values())


def _possessive_owner(sentence: _Sentence, first: int) -> int:
    """ "Clinton’s top foreign policy aide Jake Sullivan": lower-case words of a description back to the possessive
    name that owns it, where the mention starts; else first."""
    index = first
    while index > 0 and first - index < 5 and sentence.gap(index - 1, index).isspace():
        token = sentence.tokens[index - 1]
        owner = sentence.names.get(index - 1)
        if owner is not None and token.possessive and index < first:
            sentence.descriptors.add(owner.last)
            return owner.first
        describes = token.word.isalpha() and token.word.islower() and token.lower not in NOT_MODIFIERS
        if not describes or token.lower in _reporting_verbs() or token.lower.endswith("ly"):
            break
        index -= 1
    return first


def _register_names(sentence: _Sentence, cast: _Cast) -> None:
    for last, name in sentence.names.items():
        if name.words:
            roles, first = _preceding_roles(sentence, name)
            sentence.mention_starts[last] = first
            mention = sentence.text[sentence.tokens[first].start : sentence.tokens[name.first].start] + name.surface
            state = STATE_AFTER.match(sentence.text, sentence.tokens[last].start + len(sentence.tokens[last].word))
            mention += state.group() if state else ""  # "Sen. Susan Collins (Maine)"
            sentence.entities[last] = cast.named(name, roles, mention, sentence.position(name.first))


def _mark_subject(sentence: _Sentence, cast: _Cast) -> None:
    """The first name (or "the president") of a sentence is usually its subject: "he" in the next sentence most
    likely means it; not a name after a preposition ("In an interview with The Wall Street Journal, Trump ...")."""
    for index, token in enumerate(sentence.tokens[:SUBJECT_REACH]):
        if token.lower in PRONOUN_GENDER or token.lower in SUBJECT_PRONOUNS:
            return  # "Meanwhile, it attacked Trump, saying ...": the pronoun is the subject, not the name after it
        name = sentence.name_starting(index)
        if name is not None and _after_preposition(sentence, sentence.mention_starts.get(name.last, index)):
            continue
        if name is not None and _dateline(sentence, name):
            continue  # "CHARLOTTE - The wife of ...": where the story was filed
        if name is not None and name.last in sentence.entities and name.last not in sentence.descriptors:
            sentence.subject = sentence.entities[name.last]
        elif not token.capitalised and token.lower in _word_list("speakers_roles.txt"):
            sentence.subject = _described(sentence, index, cast)  # "The U.S. president said ..."
        if sentence.subject is not None:
            sentence.subject.focus.append(sentence.position(index))
            return


def _dateline(sentence: _Sentence, name: _Name) -> bool:
    following = name.last + 1
    dash = sentence.gap(name.last, following) if following < len(sentence.tokens) else ""
    return name.first == 0 and name.surface.isupper() and any(mark in dash for mark in "-—–")


def _described(sentence: _Sentence, role_index: int, cast: _Cast) -> _Entity | None:
    """ "the U.S. president" ending at tokens[role_index]: resolved by role, and kept as an alias. "a spokesman" is
    someone new, not the spokesman named before."""
    if sentence.tokens[role_index].lower not in _word_list("speakers_roles.txt"):
        return None
    for first in range(role_index - 1, max(-1, role_index - 5), -1):
        if sentence.tokens[first].lower in DETERMINERS:
            if sentence.tokens[first].lower in ("a", "an"):
                return None
            words = [token.lower for token in sentence.tokens[first + 1 : role_index + 1]]
            entity = cast.described(words, sentence.position(first))
            if entity is not None:
                entity.aliases[sentence.text[sentence.tokens[first].start : sentence.tokens[role_index].end]] = None
                entity.mentions.append(sentence.position(first))
            return entity
    return None


def _voice(sentence: _Sentence, owner_last: int, noun_index: int, cast: _Cast) -> _Entity | None:
    """ "the Trump campaign", "a Bloomberg poll", "Obama's former campaign strategist": tokens[owner_last] names
    the owner; between it and the noun only role words, and only after a possessive."""
    owner = sentence.entities.get(owner_last)
    noun = sentence.tokens[noun_index]
    possessive = sentence.tokens[owner_last].possessive
    if owner is None or not (noun.lower in VOICE_NOUNS or (possessive and noun.lower in _person_roles())):
        return None
    between = sentence.tokens[owner_last + 1 : noun_index]
    if between and not (possessive and all(token.lower in _descriptor_words() for token in between)):
        return None
    if not all(sentence.gap(i, i + 1).isspace() for i in range(owner_last, noun_index)):
        return None
    first = sentence.mention_starts.get(owner_last, sentence.names[owner_last].first)
    surface = sentence.text[sentence.tokens[first].start : noun.end]  # "Gary Johnson’s doctor", roles and all
    return cast.voice(owner, noun.lower, surface, sentence.position(first))


def _phrase_ending_at(sentence: _Sentence, last: int, cast: _Cast) -> tuple[_Entity | None, int]:
    """Who the noun phrase ending at tokens[last] names, and the index its phrase starts at."""
    token = sentence.tokens[last]
    if token.lower in PRONOUN_GENDER:
        if _kin_before(sentence, last):
            return None, last
        return cast.pronoun(PRONOUN_GENDER[token.lower], sentence.position(last)), last
    if last in sentence.entities:
        return _name_ending_at(sentence, last)
    for owner_last in range(last - 1, max(-1, last - 4), -1):
        voice = _voice(sentence, owner_last, last, cast) if owner_last in sentence.entities else None
        if voice is not None:
            return voice, sentence.mention_starts.get(owner_last, sentence.names[owner_last].first)
    if token.lower in UNNAMED_HEADS:
        if not token.lower.endswith("s") or token.lower in ("witness",):
            described = _described(sentence, last, cast)  # "the spokesman": the one named before
            if described is not None:
                return described, last
        return _unnamed(sentence, last, cast)
    return _described(sentence, last, cast), last


def _kin_before(sentence: _Sentence, pronoun: int) -> bool:
    """ "My mother has softened, but she still says ...": "she" is the relative the sentence named before it, not
    a person named earlier, when no name comes between."""
    gender = PRONOUN_GENDER[sentence.tokens[pronoun].lower]
    for index in range(pronoun - 1, 0, -1):
        if index in sentence.entities:
            return False
        noun, owner = sentence.tokens[index].lower, sentence.tokens[index - 1].lower
        if KIN_GENDER.get(noun) == gender and owner in POSSESSIVE_DETERMINERS:
            return True
    return False


def _unnamed(sentence: _Sentence, head: int, cast: _Cast) -> tuple[_Entity | None, int]:
    """ "American officials", "a senior administration official", "sources": a source the article does not name,
    a speaker of its own, and where its phrase starts."""
    tokens = sentence.tokens
    first = head
    while first > 0 and head - first < 4 and sentence.gap(first - 1, first).isspace():
        token = tokens[first - 1]
        if token.possessive or token.lower in NOT_MODIFIERS or token.lower in _reporting_verbs():
            break
        if token.lower.endswith("ing") and token.lower not in ROLE_MODIFIERS:
            break
        if token.capitalised and first - 1 not in sentence.names and not _is_adjective(token.lower):
            if not (first - 1 == 0 and token.lower in QUANTIFIERS):
                break
        if not token.capitalised and not token.word.isalpha() and not token.word.isdigit():
            break
        first = sentence.names[first - 1].first if first - 1 in sentence.names else first - 1  # "White House aides"
        if token.lower in DETERMINERS or token.lower in QUANTIFIERS and token.lower not in ("senior", "top"):
            break
    words = [token.lower for token in tokens[first : head + 1]]
    modifiers = tuple(word for word in words[:-1] if word not in QUANTIFIERS and not word.isdigit())
    key = (*modifiers, tokens[head].lower.removesuffix("s") or tokens[head].lower)
    surface = sentence.text[tokens[first].start : tokens[head].start + len(tokens[head].word)]
    return cast.unnamed(key, surface, sentence.position(first)), first


def _unnamed_before(sentence: _Sentence, verb_phrase: int, cast: _Cast) -> _Entity | None:
    """ "a source familiar with the talks said": the unnamed source a few words before the verb."""
    for head in range(verb_phrase - 2, max(-1, verb_phrase - 10), -1):
        if not all(sentence.gap(i, i + 1).isspace() for i in range(head, verb_phrase - 1)):
            return None
        token = sentence.tokens[head]
        if token.lower in UNNAMED_HEADS and sentence.tokens[head + 1].lower in UNNAMED_AFTER:
            entity, first = _unnamed(sentence, head, cast)
            return None if _after_preposition(sentence, first) else entity
    return None


def _document_before(sentence: _Sentence, verb_phrase: int, cast: _Cast) -> _Entity | None:
    """ "A new CNN poll released Monday shows", "a USA TODAY analysis of newly filed reports shows": a poll, a study
    or a report named a few words before the verb, a participle or what it is of between them."""
    for noun in range(verb_phrase - 2, max(-1, verb_phrase - DOCUMENT_REACH), -1):
        if not all(sentence.gap(i, i + 1).isspace() for i in range(noun, verb_phrase - 1)):
            return None
        described = sentence.tokens[noun + 1].lower  # "released Monday", "of newly filed reports"
        if sentence.tokens[noun].lower in DOCUMENT_NOUNS and (described.endswith(("ed", "en")) or described == "of"):
            entity, first = _phrase_ending_at(sentence, noun, cast)
            return None if entity is None or _after_preposition(sentence, first) else entity
    return None


def _skip_auxiliaries(sentence: _Sentence, verb: int) -> tuple[int, bool]:
    """The index where "has also", "would not", ... start before the verb; and whether a modal was among them."""
    index, modal = verb, False
    while index > 0:
        token = sentence.tokens[index - 1]
        on_a_day = token.lower == "on" and sentence.tokens[index].lower in WEEKDAYS  # "The Times on Saturday wrote"
        # "Trump angrily said", "has repeatedly said"; but "Scott's family did not show" ends in a noun
        adverb = token.lower.endswith("ly") and not token.capitalised and sentence.tokens[index].lower not in MODALS
        skippable = token.lower in BEFORE_VERB or on_a_day or adverb
        if not skippable or not sentence.gap(index - 1, index).isspace():
            break
        modal = modal or token.lower in MODALS
        index -= 1
    return index, modal


def _passive(sentence: _Sentence, first: int, verb: int) -> bool:
    """ "are expected", "was asked", "has been named", "was also dubbed": a form of "be" among the auxiliaries and
    adverbs before a past participle."""
    form = sentence.tokens[verb].lower
    be = any(token.lower in BE_FORMS for token in sentence.tokens[first:verb])
    return be and (form.endswith(("ed", "en", "wn", "ld")) or form in IRREGULAR_PARTICIPLES)


def _noun_after_auxiliary(sentence: _Sentence, first: int, verb: int) -> bool:
    """ "If the I.R.S. has questions", "Democrats have concerns": no verb's -s form follows an auxiliary, so the
    word is a noun."""
    form = sentence.tokens[verb].lower
    third_person = form.endswith("s") and not _reporting_verbs().get(form, True)
    return third_person and any(token.lower in VERB_AUXILIARIES for token in sentence.tokens[first:verb])


def _skip_parenthesis(sentence: _Sentence, index: int) -> tuple[int, bool]:
    """Step back over "(D-Wis.)" in "Rep. Gwen Moore (D-Wis.) said": the index of its first word, if any."""
    if index == 0 or not sentence.gap(index - 1, index).strip().startswith(")"):
        return index, False
    for opening in range(index - 1, max(0, index - 6), -1):
        if "(" in sentence.gap(opening - 1, opening):
            return opening, True
    return index, False


def _subjects_before(sentence: _Sentence, verb: int, cast: _Cast) -> list[_Entity]:
    """Who the noun phrase right before the verb names: "Obama said", "Mr. Grassley and Mr. Leahy say"."""
    index, modal = _skip_auxiliaries(sentence, verb)
    if _passive(sentence, index, verb):
        return []  # "Marc Mezvinsky are expected ...": the subject is not the one who expects
    if _noun_after_auxiliary(sentence, index, verb):
        return []
    if index > 0 and sentence.tokens[index - 1].lower == "to" and sentence.gap(index - 1, index).isspace():
        return []  # "... would allow leaders from both countries to claim": an infinitive has no subject of its own
    index, parenthesis = _skip_parenthesis(sentence, index)
    if index == 0 or sentence.tokens[index - 1].possessive:
        return []  # "Clinton’s showing", "Trump’s claims": a possessive owns a noun, not a verb
    between = sentence.gap(index - 1, index).strip()
    if parenthesis:
        between = between.removesuffix("(").strip()
    if between in APPOSITION_MARKS:
        subject = _subject_before_apposition(sentence, index)
        return [subject] if subject is not None else []
    if between:
        return []
    entity, first = _phrase_ending_at(sentence, index - 1, cast)
    if _in_content_clause(sentence, first, verb):
        return []  # "Tulsa police's claim that Crutcher had refused ...": the claim's words, not his
    if entity is None:
        found = _unnamed_before(sentence, index, cast) or _document_before(sentence, index, cast)
        return [found] if found is not None else []
    partner = _coordinated(sentence, first) if entity is not None else None
    base_form = _reporting_verbs().get(sentence.tokens[verb].lower, False)
    if base_form and not modal and partner is None and not _plural(sentence.tokens[index - 1]):
        return []  # a base form after a singular name is a noun: "a Facebook post"
    if partner is not None:
        first = sentence.names[first - 2].first
    outside = _outside_phrase(sentence, first)
    if outside is not None:
        return [outside]
    voice = _voice_for(sentence, first, entity, cast)
    if voice is not None:
        return [voice]
    participle = sentence.tokens[verb].lower.endswith("ing")  # "footage of Trump saying ..."
    if _after_preposition(sentence, first) and not participle:
        # "Sam Lau, the communications director for the Iowa Democratic Party said": the person set off before
        # the phrase; else a name inside a phrase ("... of Democratic claims") is no subject
        person = _subject_before_apposition(sentence, first)
        if person is not None and person.kind == PERSON:
            return [person]
        # "a spokesman for the prosecutor's office in Dusseldorf said": the unnamed source the phrase is of
        unnamed = _unnamed_before(sentence, index, cast)
        return [unnamed] if unnamed is not None else []
    return [subject for subject in (partner, entity) if subject is not None]


def _in_content_clause(sentence: _Sentence, first: int, verb: int) -> bool:
    """Whether the phrase at tokens[first] opens the "that" clause of a noun of saying or knowing ("the claim
    that ...") or of an adjective after "is" ("it is clear that ..."): what follows is what the noun or the
    adjective holds. Not a relative clause, whose verb has no object after it ("a charge that leaders denied.")."""
    tokens = sentence.tokens
    if first < 2 or tokens[first - 1].lower != "that" or not sentence.gap(first - 2, first - 1).isspace():
        return False
    owner = tokens[first - 2].lower
    if owner in CONTENT_ADJECTIVES:
        owns = first >= 3 and tokens[first - 3].lower in BE_FORMS
    else:
        owns = owner in CONTENT_NOUNS
    return owns and verb + 1 < len(tokens) and sentence.gap(verb, verb + 1).isspace()


def _voice_for(sentence: _Sentence, first: int, owner: _Entity, cast: _Cast) -> _Entity | None:
    """ "A spokeswoman for Fiorina said", "a lawyer for Mr. Pinchuk said": the voice of the name at tokens[first]."""
    index = first - 1
    if index < 1 or sentence.tokens[index].lower not in ("for", "of") or owner.kind not in (PERSON, UNKNOWN):
        return None
    noun = sentence.tokens[index - 1]
    if noun.lower not in VOICE_NOUNS | {"representative", "representatives"} or noun.capitalised and index > 1:
        return None
    if not (sentence.gap(index - 1, index).isspace() and sentence.gap(index, first).isspace()):
        return None
    start = index - 2 if index > 1 and sentence.tokens[index - 2].lower in DETERMINERS | {"one"} else index - 1
    surface = sentence.text[sentence.tokens[start].start : sentence.tokens[first].start] + owner.name
    return cast.voice(owner, noun.lower, surface, sentence.position(start))


def _after_preposition(sentence: _Sentence, first: int) -> bool:
    """ "of Democratic claims", "at the National Review": the phrase at tokens[first] follows a preposition."""
    index = first - 1
    if index >= 0 and sentence.tokens[index].lower in DETERMINERS and sentence.gap(index, first).isspace():
        index -= 1
    adjacent = index >= 0 and sentence.gap(index, index + 1).isspace()
    return adjacent and sentence.tokens[index].lower in PREPOSITIONS


def _coordinated(sentence: _Sentence, first: int) -> _Entity | None:
    """ "Mr. Grassley" in "Mr. Grassley and Mr. Leahy": a name joined by "and" to the phrase starting at first."""
    if first < 2 or sentence.tokens[first - 1].lower != "and" or sentence.gap(first - 2, first).strip() != "and":
        return None
    return sentence.entities.get(first - 2) if first - 2 in sentence.names else None


def _outside_phrase(sentence: _Sentence, first: int) -> _Entity | None:
    """The person a place or an organisation belongs to: "Gov. Earl Ray Tomblin of West Virginia said",
    "Mr. Morgan of the Sierra Club said"."""
    index = first - 1
    if index >= 0 and sentence.tokens[index].lower in DETERMINERS:
        index -= 1
    if index < 1 or sentence.tokens[index].lower not in PLACE_PREPOSITIONS:
        return None
    person = _person_ending_at(sentence, index - 1)
    if person is None and (entity := sentence.entities.get(index - 1)) is not None:
        # "Erik Johnson of Lindenhurst says": a full name with a given name, from somewhere, is a person
        full_name = entity.kind == UNKNOWN and len(entity.words) > 1 and _given_name(entity.words[0])
        person = entity if full_name else None
    return person


def _person_ending_at(sentence: _Sentence, last: int) -> _Entity | None:
    entity = sentence.entities.get(last)
    return entity if entity is not None and entity.kind == PERSON else None


def _plural(token: _Token) -> bool:
    plural_name = token.word.endswith("s") and not token.word.endswith("ss") and not token.possessive
    unnamed = token.lower in UNNAMED_HEADS and plural_name or token.lower in ("people", "police", "authorities")
    return token.lower in PLURAL_PRONOUNS | COLLECTIVE_NOUNS or unnamed or (token.capitalised and plural_name)


def _subject_before_apposition(sentence: _Sentence, index: int) -> _Entity | None:
    """ "David Wasserman, House editor for the Cook Political Report, said": of the names set off by commas,
    the nearest person, else the name the clause opens with."""
    opener: _Entity | None = None
    for last in range(index - 1, max(-1, index - APPOSITION_REACH), -1):
        if last < index - 1 and _after_quote(sentence.gap(last, last + 1)):
            break
        if last < index - 1 and not _sets_off(sentence.gap(last, last + 1)):
            continue
        entity, first = _name_ending_at(sentence, last)
        if entity is not None and not _opens_clause(sentence, first):
            entity, first = _owner_of_phrase(sentence, first)  # "Rep. Tom Cole of Oklahoma, an ally of ..., said"
        if entity is None or not _opens_clause(sentence, first):
            continue
        if entity.kind == PERSON:
            _keep_apposition(sentence, last, index, entity)
            _keep_description_before(sentence, first, entity)
            return entity
        opener = entity
    return opener


def _keep_description_after(sentence: _Sentence, last: int, entity: _Entity) -> None:
    """ "..., said Stephanie Formas, Clinton’s in-state communications director.": the description after the name."""
    description = DESCRIPTION_AFTER.match(sentence.text, sentence.tokens[last].end, sentence.end)
    if description is not None and description["words"][0].isalpha():
        _keep_description(description["words"], entity)


def _keep_description_before(sentence: _Sentence, first: int, entity: _Entity) -> None:
    """ "Nevada's governor, Brian Sandoval, a Republican, said": a description that opens the sentence, a possessive
    or a role in it, set off before the name."""
    if first < 2 or sentence.gap(first - 1, first).strip() != ",":
        return
    opening = sentence.tokens[:first]
    if any(not sentence.gap(i, i + 1).isspace() for i in range(len(opening) - 1)):
        return
    if any(token.possessive for token in opening) or opening[-1].lower in _person_roles():
        _keep_description(sentence.text[opening[0].start : opening[-1].end], entity)


def _keep_description(words: str, entity: _Entity) -> None:
    lowered = [word.lower() for word in words.split()]
    adverb = words[:1].islower() and lowered[0].endswith("ly")
    if lowered[0] in CLAUSE_OPENERS or lowered[0] in PREPOSITIONS or adverb or PARTY_LABEL.fullmatch(words):
        # "Carson, meanwhile, said", "Isaacson, for his part, told", "..., shortly before the vote": no description
        return
    if len(lowered) <= APPOSITION_WORDS and not set(lowered) & RELATIVE_WORDS:
        entity.aliases[words] = None


def _keep_apposition(sentence: _Sentence, last: int, index: int, entity: _Entity) -> None:
    """ "Stephanie Formas, Clinton’s in-state communications director, said": a short description set off after
    the name is one of its aliases, as "the U.S. president" is."""
    words = sentence.text[sentence.tokens[last].end : sentence.tokens[index].start].strip(" ,—–-")
    if not words or _sets_off(words) or QUOTE_MARK.search(words) or "(" in words:
        return
    _keep_description(words, entity)


def _opens_clause(sentence: _Sentence, first: int) -> bool:
    """The phrase at tokens[first] opens the sentence or a clause: after a comma, a dash, a quotation, or a
    conjunction that does ("But Murshed Zaheed, acting political director of CREDO Action, said")."""
    if first == 0:
        return True
    opening = sentence.gap(first - 1, first).strip()
    if _sets_off(opening) or _after_quote(opening):
        return True
    if opening or sentence.tokens[first - 1].lower not in CLAUSE_OPENERS:
        return False
    return first == 1 or _sets_off(sentence.gap(first - 2, first - 1)) or _after_quote(sentence.gap(first - 2, first - 1))


def _owner_of_phrase(sentence: _Sentence, first: int) -> tuple[_Entity | None, int]:
    """The person before "of", "from" or "at" the place or organisation at tokens[first], and where that person's
    mention starts."""
    index = first - 1
    if index >= 0 and sentence.tokens[index].lower in DETERMINERS:
        index -= 1
    if index < 1 or sentence.tokens[index].lower not in PLACE_PREPOSITIONS:
        return None, first
    person = _person_ending_at(sentence, index - 1)
    return (person, sentence.mention_starts[index - 1]) if person is not None else (None, first)


def _sets_off(gap: str) -> bool:
    return any(mark in gap for mark in APPOSITION_MARKS)


def _name_ending_at(sentence: _Sentence, last: int) -> tuple[_Entity | None, int]:
    """Who the name ending at tokens[last] is, and where its mention starts, roles included."""
    if last not in sentence.entities:
        return None, last
    return sentence.entities[last], sentence.mention_starts[last]


def _after_quote(gap: str) -> bool:
    return QUOTE_MARK.search(gap) is not None


def _subject_after(sentence: _Sentence, verb: int, cast: _Cast, through_words: bool = False) -> _Entity | None:
    """ "“...,” said Caddell" / "according to the Post": the noun phrase right after the verb.

    through_words: the name may come a few words on ("according to a statement from the Kremlin").
    """
    tokens = sentence.tokens
    if verb + 1 >= len(tokens) or not sentence.gap(verb, verb + 1).isspace():
        return None
    if tokens[verb + 1].lower in PRONOUN_GENDER:
        return cast.pronoun(PRONOUN_GENDER[tokens[verb + 1].lower], sentence.position(verb + 1))
    reach = ACCORDING_REACH if through_words else AFTER_REACH
    skip_to = 0
    for index in range(verb + 1, min(len(tokens), verb + reach)):
        if index < skip_to:
            continue  # the rest of a name that describes the next one: "says Wall Street Journal editor ..."
        name = sentence.name_starting(index)
        if name is not None and name.last in sentence.descriptors:
            skip_to = name.last + 1
            continue
        if name is not None and name.last in sentence.entities and name.last not in sentence.descriptors:
            following = name.last + 1
            voice = _voice(sentence, name.last, following, cast) if following < len(tokens) else None
            ends = following + 1 if voice is not None else following
            if not (through_words or _phrase_ends(sentence, ends)):
                return None
            if voice is None:
                _keep_description_after(sentence, name.last, sentence.entities[name.last])
            return voice or sentence.entities[name.last]
        ends_phrase = index + 1 == len(tokens) or not sentence.gap(index, index + 1).isspace()
        if tokens[index].lower in UNNAMED_HEADS:
            goes_on = not ends_phrase and tokens[index + 1].lower in UNNAMED_AFTER
            if ends_phrase or goes_on or _phrase_ends(sentence, index + 1):
                described = _described(sentence, index, cast) if not tokens[index].lower.endswith("s") else None
                return described or _unnamed(sentence, index, cast)[0]
        if tokens[index].lower in _person_roles() and ends_phrase:
            return _described(sentence, index, cast)
        describes = _describes(tokens[index]) or (name is not None and name.last in sentence.descriptors)
        owned = tokens[verb + 1].possessive and verb + 1 in sentence.descriptors  # "said Clinton’s top policy aide"
        # "said leading Republican strategist Karl Rove"; but not "shows Democratic groups outpacing Republicans"
        participle = index > verb + 1 and tokens[index].lower.endswith("ing") and tokens[index].lower not in _descriptor_words()
        lower = tokens[index].word.isalpha() and tokens[index].lower not in NOT_MODIFIERS and not participle and (
            tokens[index].word.islower() or _is_adjective(tokens[index].lower)
        )
        # "said undecided Republican voter Stephanie Hooton": a few words of description before the name
        describes = describes or (lower and (owned or index - verb <= DESCRIPTION_WORDS))
        if ends_phrase or not (through_words or describes):
            return None
    return None


def _phrase_ends(sentence: _Sentence, index: int) -> bool:
    """After "said Obama" comes punctuation, the sentence's end or a word that starts no object ("said Obama in
    a statement"); not a noun, as in "shows Democratic groups outpacing ..."."""
    if index >= len(sentence.tokens) or not sentence.gap(index - 1, index).isspace():
        return True
    return sentence.tokens[index].lower in PREPOSITIONS | AFTER_SPEAKER


def _describes(token: _Token) -> bool:
    """A word of a description before a name: "said the 9/11 widow Terry Strada"."""
    return token.lower in _descriptor_words() or token.lower in DETERMINERS or token.word[0].isdigit()


@lru_cache(maxsize=1)
def _descriptor_words() -> frozenset[str]:
    return _person_roles() | VOICE_NOUNS | ROLE_MODIFIERS


def _finite_form(token: _Token) -> bool:
    """ "remembered", "recalls": a past or present tense, as a verb beside a quotation is written."""
    word = token.word
    tense = word.endswith("ed") or (word.endswith("s") and not word.endswith(("ss", "us", "is")))
    return tense and word.isalpha() and word.islower() and len(word) > 3 and word not in NOT_MODIFIERS


def _beside_quotation(sentence: _Sentence, verb: int, cast: _Cast) -> tuple[_Entity, str] | None:
    """Any verb right after a quotation and before a name ("“...,” remembered Roy Verley") or right after a name
    that follows a quotation ("“...,” Roy Verley recalled."): who is quoted, and how."""
    before = sentence.gap(verb - 1, verb) if verb else sentence.text[sentence.start : sentence.tokens[0].start]
    if CLAUSE_END_QUOTE.search(before.rstrip()) is not None:
        speaker = _subject_after(sentence, verb, cast)
        return (speaker, AFTER) if speaker is not None else None
    last = verb - 1
    if last not in sentence.entities or not sentence.gap(last, verb).isspace() or not _phrase_ends(sentence, verb + 1):
        return None
    start = sentence.mention_starts[last]
    opening = sentence.gap(start - 1, start) if start else sentence.text[sentence.start : sentence.tokens[0].start]
    return (sentence.entities[last], BEFORE) if CLAUSE_END_QUOTE.search(opening.rstrip()) else None


def _follows_clause(sentence: _Sentence, verb: int) -> bool:
    """The verb comes after a comma or a quotation that ends a clause ("“...,” said Obama", "..., said Obama"),
    or opens the sentence ("Said Ellis: ...")."""
    if verb == 0 and sentence.tokens[0].capitalised:
        return True
    before = sentence.gap(verb - 1, verb).rstrip()
    return before.endswith(",") or CLAUSE_END_QUOTE.search(before) is not None


def _cues(sentence: _Sentence, cast: _Cast) -> list[_Cue]:
    verbs = _reporting_verbs()
    cues: list[_Cue] = []
    previous_verb_end, previous_speaker = 0, None  # of the last verb whose subject was found
    for index, token in enumerate(sentence.tokens):
        if token.capitalised and index:
            continue
        following = sentence.tokens[index + 1].lower if index + 1 < len(sentence.tokens) else ""
        if token.lower == "according" and following == "to":
            speakers, how = [], ACCORDING
            speaker = _subject_after(sentence, index + 1, cast, through_words=True)
        elif token.lower in _subject_cues() and token.lower not in verbs:
            speakers, how = _subjects_before(sentence, index, cast), BEFORE
            speaker = speakers[-1] if speakers else None
        elif (
            token.lower in verbs
            and _cue_rate_at(sentence, index) >= CUE_RATE
            and not _continues_something_else(sentence, index)
        ):
            speakers, how = _subjects_before(sentence, index, cast), BEFORE
            speaker = speakers[-1] if speakers else None
            # not "..., telling Reuters"; nor "The program, called EB-5, ...": a name given, not a speaker
            inverted = not verbs[token.lower] and not token.lower.endswith("ing") and token.lower not in NAMING_FORMS
            if speaker is None and _follows_clause(sentence, index) and inverted:
                speaker, how = _subject_after(sentence, index, cast), AFTER
            if speaker is None and _continues_clause(sentence, index):
                speaker, how = (_last_voice(cues) or _opening_subject(sentence)), GOES_ON  # "..., saying ..."
        elif _finite_form(token) and (quoted := _beside_quotation(sentence, index, cast)) is not None:
            speakers, (speaker, how) = [], quoted
        else:
            continue
        nested = how != ACCORDING and previous_speaker is not None and speaker is not previous_speaker and _within_report(
            sentence.text[previous_verb_end : token.start]
        )
        if speaker is None or nested:
            continue
        previous_verb_end, previous_speaker = token.end, speaker
        for each in speakers if speaker in speakers else [speaker]:
            each.focus.append(sentence.position(index))
            each.spoke = True
            cues.append(_Cue(token.start, token.end, each, how, _cue_rate_at(sentence, index)))
    return cues


def _cue_rate_at(sentence: _Sentence, verb: int) -> float:
    """How often the form cues an attribution followed by the word after it: "adding to" or "reported from" (where
    a reporter was, at the foot of a story) seldom do."""
    form, tokens = sentence.tokens[verb].lower, sentence.tokens
    if verb + 1 < len(tokens) and sentence.gap(verb, verb + 1).isspace():
        pair = _verb_pairs().get((form, tokens[verb + 1].lower))
        if pair is not None:
            return pair
    return _cue_rate(form)


def _continues_something_else(sentence: _Sentence, verb: int) -> bool:
    """ "Sanders continues to trail Clinton": "continue to" reports only what its infinitive reports ("continued
    to insist" does)."""
    tokens = sentence.tokens
    if tokens[verb].lower not in CONTINUE_FORMS or verb + 2 >= len(tokens) or tokens[verb + 1].lower != "to":
        return False
    infinitive = tokens[verb + 2].lower
    return infinitive not in _reporting_verbs() or _cue_rate(infinitive) < CUE_RATE


def _opening_subject(sentence: _Sentence) -> _Entity | None:
    """The subject of a sentence that opens with it ("Trump attacked Clinton, saying ..."), not a name further on
    ("One man in Manchester, responding to ...")."""
    subject = sentence.subject
    if subject is None or subject.kind not in (PERSON, ORGANISATION, UNKNOWN):
        return None
    opening = next((name for name in sentence.names.values() if sentence.entities.get(name.last) is subject), None)
    start = sentence.mention_starts.get(opening.last, opening.first) if opening is not None else None
    opens = start is not None and (start == 0 or (start == 1 and sentence.tokens[0].lower in DETERMINERS))
    if not opens and subject.kind == UNKNOWN:
        return None
    if opening is not None and _modifies_noun(sentence, opening.last):
        return None  # "Super PAC donations have barreled past ..., driven by ...": the donations are the subject
    return subject


def _modifies_noun(sentence: _Sentence, last: int) -> bool:
    """Whether the name ending at tokens[last] is followed by a lower-case noun and then its verb's auxiliary."""
    tokens = sentence.tokens
    if last + 2 >= len(tokens) or not (sentence.gap(last, last + 1).isspace() and sentence.gap(last + 1, last + 2).isspace()):
        return False
    noun, auxiliary = tokens[last + 1], tokens[last + 2]
    noun_like = noun.word.isalpha() and noun.word.islower() and noun.lower not in NOT_MODIFIERS and noun.lower not in MODALS
    return noun_like and not noun.lower.endswith("ly") and auxiliary.lower in VERB_AUXILIARIES


def _last_voice(cues: list[_Cue]) -> _Entity | None:
    """Who spoke last in the sentence; of "Obama and Clinton call ...", the first named."""
    if not cues:
        return None
    last = [cue for cue in cues if cue.start == cues[-1].start]
    return last[0].speaker


def _continues_clause(sentence: _Sentence, verb: int) -> bool:
    """ "..., saying", "began by saying" or "... and warned": the verb shares the subject of the clause before it.
    Only a form that mostly cues a report does ("..., saying" does; "..., speaking at a rally" does not)."""
    if verb == 0 or _cue_rate_at(sentence, verb) < GOES_ON_RATE:
        return False
    previous = sentence.tokens[verb - 1]
    participle = sentence.tokens[verb].lower.endswith("ing")
    return participle or (previous.lower == "and" and sentence.gap(verb - 1, verb).isspace())


def _within_report(between: str) -> bool:
    """Whether a verb after another one is inside what was reported ("He said Washington does not want ...")
    rather than a clause of its own ("..., but Putin said ...")."""
    return not CLAUSE_BREAK.search(between) and not _after_quote(between)


def _reports_more_than_quotes(sentence: _Sentence, cue: _Cue, span: tuple[int, int]) -> bool:
    """Whether the clause at span says more than its quotations, its verb and its speaker's name."""
    own = [name for name in sentence.names.values() if sentence.entities.get(name.last) in (cue.speaker, None)]
    in_names = {index for name in own for index in range(name.first, name.last + 1)}  # "... for Kasich" says more
    other = [
        t for i, t in enumerate(sentence.tokens)
        if i not in in_names and t.start != cue.start and span[0] <= t.start < span[1]
    ]
    return len([t for t in other if t.lower not in PRONOUN_GENDER]) >= 3


def _clauses(sentence: _Sentence, cues: list[_Cue]) -> list[tuple[_Cue, tuple[int, int]]]:
    """The part of the sentence each speaker reports: "Democrats want A, and Republicans want B" is two clauses, cut
    where the second speaker's clause starts (a conjunction, a semicolon, a dash or a quotation mark before them)."""
    according = [cue for cue in cues if cue.how == ACCORDING]
    if according:
        # "Santorum also continued to deliver paid speeches, according to an NBC report": all of it is the report's
        return [(according[0], (sentence.start, sentence.end))]
    clauses: list[tuple[_Cue, tuple[int, int]]] = []
    for cue in cues:
        if clauses and (clauses[-1][0].speaker is cue.speaker or clauses[-1][0].start == cue.start):
            continue  # "Mr. Grassley and Mr. Leahy say": one statement, one speaker, the first named
        if clauses:
            previous, (start, _) = clauses[-1]
            between = sentence.text[previous.end : cue.start]
            if _clause_start(between) < 0:
                continue  # no clause of its own: inside what the first speaker reported
            cut = previous.end + _clause_start(between)
            if _closes_sentence(sentence, cue, (cut, sentence.end)):
                # "Donald Trump is on solid ground attacking Bill Clinton, Carly Fiorina said Monday.": the voice
                # that closes the sentence reports all of it
                return [(cue, (sentence.start, sentence.end))]
            clauses[-1] = (previous, (start, cut))
            clauses.append((cue, (cut, sentence.end)))
        else:
            clauses.append((cue, (sentence.start, sentence.end)))
    return clauses


def _closes_sentence(sentence: _Sentence, cue: _Cue, clause: tuple[int, int]) -> bool:
    """ ", Carly Fiorina said Monday.": a clause after a comma that holds nothing but its speaker and its verb."""
    opening = sentence.text[clause[0] : clause[1]].lstrip()
    return opening.startswith(",") and not QUOTE_MARK.search(opening) and not _reports_more_than_quotes(
        sentence, cue, clause
    )


def _clause_start(between: str) -> int:
    """Where in the words between two speakers' verbs the second one's clause starts."""
    quote = max((mark.end() for mark in QUOTE_MARK.finditer(between)), default=None)
    breaks = [match.start() for match in CLAUSE_START.finditer(between)]
    if breaks:
        return max(breaks[-1], quote or 0)
    return quote if quote is not None else -1


def _trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without the spaces, commas and dashes at its edges."""
    start, end = span
    while start < end and (text[start].isspace() or text[start] in ",;—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;—–"):
        end -= 1
    return start, end


# --- quotations ---------------------------------------------------------------------------------------------


def _direct_text(text: str, quote: _Quote) -> str:
    """The quoted words; a fragment loses the comma or full stop that American style puts inside the marks."""
    words = text[quote.start : quote.end].strip().rstrip(",").strip()
    return words.rstrip(".") if words[:1].islower() else words


def _sentence_at(sentences: list[_Sentence], offset: int) -> int | None:
    return next((i for i, s in enumerate(sentences) if s.start <= offset < s.end), None)


def _cue_of_quote(quote: _Quote, sentences: list[_Sentence], cues: list[list[_Cue]]) -> _Cue | None:
    """The verb right after a quotation ("“...,” he said"), else the nearest in its sentence, before it first."""
    closing, opening = _sentence_at(sentences, quote.end), _sentence_at(sentences, quote.start)
    after = [cue for cue in cues[closing] if cue.start >= quote.end] if closing is not None else []
    before = [cue for cue in cues[opening] if cue.end <= quote.start] if opening is not None else []
    text = sentences[0].text
    # "“...?” Trump said": Punkt may end the sentence at the question mark
    asks = text[: quote.end].rstrip(" '’").endswith(("?", "!"))
    following = cues[closing + 1] if asks and closing is not None and closing + 1 < len(cues) else []
    nearest = (after or following)[:1]
    if nearest and _only_speaker_between(text[quote.end : nearest[0].start]):
        return nearest[0]
    if before:
        return before[-1]
    return after[0] if after else None


TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for by with from vs".split())


def _is_title(words: str) -> bool:
    """ "Super Mario Run", "The Art of the Deal": a short quotation whose every word but the small ones is
    capitalised names a thing (a title, a slogan, a show); nobody is quoted saying it."""
    found = re.findall(r"[^\W\d_][\w'’-]*", words)
    if not found or len(found) > 8 or words.rstrip()[-1:] in "?!":
        return False
    return all(word[0].isupper() for word in found if word.lower() not in TITLE_SMALL_WORDS) and found[0][0].isupper()


def _only_speaker_between(between: str) -> bool:
    """ "“...,” Obama said": at most a name and a title stand between the quotation (from its closing mark on)
    and its verb."""
    between = QUOTE_MARK.sub("", between, count=1)
    return len(between.strip(" ,.;:'’").split()) <= 6 and QUOTE_MARK.search(between) is None


def _opens_sentence(text: str, quote: _Quote, sentences: list[_Sentence]) -> bool:
    opening = _sentence_at(sentences, quote.start)
    lead = text[sentences[opening].start : quote.start] if opening is not None else ""
    return not QUOTE_MARK.sub("", lead).strip()


def _signed(text: str, quote: _Quote, sentences: list[_Sentence]) -> _Entity | None:
    """A quotation signed with a dash after it: "“...” ― Karen Bobadilla"."""
    dash = SIGNATURE.match(text, quote.end)
    if dash is None:
        return None
    for sentence in sentences:
        for last, name in sentence.names.items():
            if sentence.tokens[name.first].start == dash.end() and last in sentence.entities:
                return sentence.entities[last]
    return None


def _named_before_colon(text: str, quote: _Quote, sentences: list[_Sentence]) -> _Entity | None:
    """ "Carl Bialik: “One of the biggest lessons ...”", "Former secretary of state Hillary Clinton: “...”": a
    quotation right after a colon, after a name that opens its sentence (its roles before it at most)."""
    opening = _sentence_at(sentences, quote.start)
    if opening is None:
        return None
    sentence = sentences[opening]
    for last, name in sentence.names.items():
        entity = sentence.entities.get(last)
        if entity is None or entity.kind not in (PERSON, ORGANISATION, UNKNOWN) or last in sentence.descriptors:
            continue
        if not COLON_BEFORE_QUOTE.fullmatch(text, sentence.tokens[last].end, quote.start):
            continue
        lead = sentence.tokens[: name.first]
        if all(token.lower in _descriptor_words() or token.lower in ORGANISATION_LINKS for token in lead):
            return entity
    return None


@dataclass(frozen=True)
class _Said:
    """A statement credited to a speaker: where its words are in the paragraph, and how it came to them."""

    speaker: _Entity
    statement: Statement
    span: tuple[int, int]
    how: str
    rate: float  # how often the form of its verb cues an attribution


@dataclass
class _Carry:
    """What carries from one paragraph to the next: a quotation left open, and who was quoted last."""

    open_quote: _Entity | None = None
    lead_in: _Entity | None = None  # "Caddell continued:" ends a paragraph
    last_quoted: _Entity | None = None
    last_quoted_paragraph: int = -1


class _Reader:
    """Reads the body paragraphs in order, collecting who said what."""

    def __init__(self, common_words: _CommonWords) -> None:
        self.cast = _Cast()
        self.carry = _Carry()
        self.said: dict[tuple[int, int, int], _Said] = {}  # by (paragraph, start, end), in the order found
        self.common_words = common_words

    def read(self, index: int, text: str) -> None:
        if self._read_block_quote(index, text) or self._read_transcript(index, text):
            return
        quotes = _quotes(text)
        spans = _sentence_spans(text, quotes)
        sentences = [_Sentence(text, span, index, quotes, self.common_words) for span in spans]
        cues: list[list[_Cue]] = []
        for sentence in sentences:
            _register_names(sentence, self.cast)
            _mark_subject(sentence, self.cast)
            cues.append(_cues(sentence, self.cast))
            for cue, clause in _clauses(sentence, cues[-1]):
                span = _trimmed(text, clause)
                if _reports_more_than_quotes(sentence, cue, span):
                    statement = Statement(text[span[0] : span[1]], index, REPORTED)
                    self._add(cue.speaker, statement, span, cue.how, cue.rate)
        self._read_quotes(index, text, quotes, sentences, cues)
        last_cues = cues[-1] if cues else []
        self.carry.lead_in = last_cues[-1].speaker if last_cues and text.rstrip().endswith(":") else None

    def _read_block_quote(self, index: int, text: str) -> bool:
        """After "Limbaugh added:", a paragraph without quotation marks is the words he added."""
        speaker, self.carry.lead_in = self.carry.lead_in, None
        if speaker is None or QUOTE_MARK.match(text.lstrip()):
            self.carry.lead_in = speaker  # a quotation opens the paragraph: read as one
            return False
        if _names_its_own_speaker(text):
            return False  # "... O’Malley reminded viewers:" then "..., Clinton said that ...": a report of its own
        self._add(speaker, Statement(text.strip(), index, DIRECT), (0, len(text)), LEAD_IN)
        return True

    def _read_transcript(self, index: int, text: str) -> bool:
        """A transcript's turn, "WALLACE: Let's start with ...": the speaker's own words, without quotation marks."""
        turn = TRANSCRIPT_TURN.match(text)
        if turn is None or not _may_name(turn["speaker"]):
            return False
        words = tuple(word.capitalize() for word in turn["speaker"].split())
        name = _Name((), words, 0, len(words) - 1, turn["speaker"])
        speaker = self.cast.named(name, set(), turn["speaker"], (index, turn.start("speaker")))
        self._add(speaker, Statement(turn["words"].strip(), index, DIRECT), (turn.start("words"), len(text)), TURN)
        return True

    def _read_quotes(
        self, index: int, text: str, quotes: list[_Quote], sentences: list[_Sentence], cues: list[list[_Cue]]
    ) -> None:
        opens_with_quote = QUOTE_MARK.match(text.lstrip()) is not None
        carried = (self.carry.open_quote or self.carry.lead_in) if opens_with_quote else None
        self.carry.open_quote = None
        voices = [(cue.start, cue.speaker) for sentence_cues in cues for cue in sentence_cues]
        for number, quote in enumerate(quotes):
            if _is_title(text[quote.start : quote.end]):
                continue  # “Super Mario Run”, “The Apprentice”: the name of a thing, no one's words
            cue = _cue_of_quote(quote, sentences, cues)
            speaker, how, rate = (cue.speaker, QUOTED, cue.rate) if cue is not None else (None, QUOTED, 1.0)
            if speaker is None:
                speaker, how = _signed(text, quote, sentences), SIGNED
            if speaker is None:
                speaker, how = _named_before_colon(text, quote, sentences), LEAD_IN
            if speaker is None and _opens_sentence(text, quote, sentences):
                # "..., Schiff said. “...”": a quotation on its own goes on with the voice just before it
                earlier = [voice for voice in voices if voice[0] < quote.start]
                speaker, how = (max(earlier, key=lambda voice: voice[0])[1] if earlier else None), QUOTED_ON
                if speaker is None and number == 0 and opens_with_quote:
                    speaker, how = (carried or self._quoted_just_before(index)), CARRIED
            if speaker is None:
                continue
            statement = Statement(_direct_text(text, quote), index, DIRECT)
            self._add(speaker, statement, (quote.start, quote.end), how, rate)
            voices.append((quote.start, speaker))
            self.carry.last_quoted, self.carry.last_quoted_paragraph = speaker, index
            if quote.runs_on:
                self.carry.open_quote = speaker

    def _quoted_just_before(self, index: int) -> _Entity | None:
        """A paragraph that opens with an unattributed quotation goes on with whoever was quoted just before."""
        return self.carry.last_quoted if self.carry.last_quoted_paragraph == index - 1 else None

    def _add(self, speaker: _Entity, statement: Statement, span: tuple[int, int], how: str, rate: float = 1.0) -> None:
        """One statement, one speaker: the same words already credited stay with whoever was credited first."""
        key = (statement.paragraph, span[0], span[1])
        if statement.text and key not in self.said:
            self.said[key] = _Said(speaker, statement, span, how, rate)


def _names_its_own_speaker(text: str) -> bool:
    """Whether a name or "he"/"she" is the subject of a verb that nearly always reports ("Clinton said")."""
    for match in SUBJECT_AND_VERB.finditer(text):
        form = match["verb"]
        if form in _reporting_verbs() and not _reporting_verbs()[form] and _cue_rate(form) >= TRUSTED_RATE:
            return True
    return False


# --- the interface ------------------------------------------------------------------------------------------


def find_speakers(paragraphs: tuple[Paragraph, ...]) -> tuple[tuple[Speaker, ...], tuple[Person, ...]]:
    """Who speaks in the body paragraphs and what each said; and everyone named as a person, speaking or not.
    A named speaker the filter learned from PolNeAR's training articles does not take for a source is left out."""
    credited, entities = _credited(paragraphs)
    speaking = [(e, said) for e, said in credited if _trusted(e, said) or _source_probability(e, said) >= _filter()[0]]
    speakers = [_speaker(e, said) for e, said in speaking]
    speakers.sort(key=lambda speaker: (speaker.unnamed, -len(speaker.counted)))
    speaks = {id(e) for e, _ in speaking}
    people = sorted((e for e in entities if _is_person(e, id(e) in speaks)), key=lambda e: -len(e.mentions))
    return tuple(speakers), tuple(_person(e) for e in people)


def _credited(paragraphs: tuple[Paragraph, ...]) -> tuple[list[tuple[_Entity, list[_Said]]], list[_Entity]]:
    """Each entity with what the rules credit it with, in the order they were named; and every entity."""
    body = [(index, paragraph.text) for index, paragraph in enumerate(paragraphs) if paragraph.is_body]
    reader = _Reader(_CommonWords("\n".join(text for _, text in body)))  # a line-initial word is no word inside one
    for index, text in body:
        reader.read(index, text)
    credited: dict[int, list[_Said]] = {}
    for said in reader.said.values():
        if _may_say(said):
            credited.setdefault(id(said.speaker), []).append(said)
    texts = dict(body)
    entities = reader.cast.entities
    return [(e, _run_on(_joined(credited[id(e)], texts), texts)) for e in entities if id(e) in credited], entities


def _trusted(entity: _Entity, credited: list[_Said]) -> bool:
    """Speakers the filter does not judge: unnamed sources, a transcript's turns and the words after "X added:",
    and someone titled ("Mr. Grassley", "Sen. Ted Cruz") who is the subject of a verb that nearly always reports."""
    if entity.kind == UNNAMED or any(said.how in (TURN, LEAD_IN) for said in credited):
        return True
    titled = entity.kind == PERSON and bool(entity.roles & _person_roles())
    return (titled or entity.kind == ORGANISATION) and any(said.how in (BEFORE, AFTER) and said.rate >= TRUSTED_RATE for said in credited)


@lru_cache(maxsize=1)
def _filter() -> tuple[float, dict[str, float]]:
    """The threshold and weights of the filter (speakers_filter.txt, made by tools/train_speaker_filter.py)."""
    threshold, weights = 0.0, {}
    for line in _data_lines("speakers_filter.txt"):
        name, value = line.rsplit(" ", 1)
        if name == "threshold":
            threshold = float(value)
        else:
            weights[name.replace("_", " ")] = float(value)
    return threshold, weights


def _source_probability(entity: _Entity, credited: list[_Said]) -> float:
    weights = _filter()[1]
    score = sum(weights.get(name, 0.0) * value for name, value in _features(entity, credited).items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))


PATHS = (BEFORE, AFTER, ACCORDING, GOES_ON, QUOTED, QUOTED_ON, CARRIED, SIGNED, LEAD_IN, TURN)
KINDS = (PERSON, ORGANISATION, UNKNOWN, PLACE)


def _features(entity: _Entity, credited: list[_Said]) -> dict[str, float]:
    """What the article shows of a named speaker, for the filter learned from PolNeAR's training articles
    (tools/train_speaker_filter.py): how its words came to it, by which verbs, how often it is named, its shape."""
    hows = [said.how for said in credited]
    rates = [said.rate for said in credited if said.how in (BEFORE, AFTER, GOES_ON, QUOTED)]
    found = {
        "bias": 1.0,
        "statements": math.log1p(len(credited)),
        "direct": math.log1p(sum(said.statement.kind == DIRECT for said in credited)),
        "reported": math.log1p(sum(said.statement.kind == REPORTED for said in credited)),
        "mentions": math.log1p(len(entity.mentions)),
        "focus": math.log1p(len(entity.focus)),
        "one word": float(len(entity.words) == 1),
        "words": float(min(len(entity.words), 4)),
        "roles": float(bool(entity.roles & _person_roles())),
        "first name": float(entity.words[0] in _first_names()),
        "capitals": float(entity.name.isupper()),
        "voice": float(entity.words[-1].lower() in VOICE_NOUNS),
        "gender": float(entity.gender is not None),
        "max rate": max(rates, default=0.0),
        "min rate": min(rates, default=1.0),
        "strong": math.log1p(sum(rate >= 0.8 for rate in rates)),
        "paragraphs": math.log1p(len({said.statement.paragraph for said in credited})),
        "first paragraph": math.log1p(min(entity.mentions)[0] if entity.mentions else 0),
        "length": math.log1p(sum(len(said.statement.text.split()) for said in credited) / len(credited)),
        "aliases": math.log1p(len(entity.aliases)),
    }
    for how in PATHS:
        found[f"by {how}"] = math.log1p(hows.count(how))
    best = next((how for how in PATHS if how in hows), None)
    for how in PATHS:
        found[f"best {how}"] = float(best == how)
    for kind in KINDS:
        found[f"kind {kind}"] = float(entity.kind == kind)
    return found


def _may_say(said: _Said) -> bool:
    """Things never speak; a country or a capital only as the subject of a verb that mostly cues a report ("China
    said", "Moscow warned"), with the quotations beside it, never by a clause going on or a quotation on its own; a
    city or a region never."""
    kind = said.speaker.kind
    if kind == THING:
        return False
    if kind == PLACE:
        country = _place_kind(said.speaker.words) in ("country", "capital")
        return country and said.how in (BEFORE, AFTER, QUOTED) and said.rate >= PLACE_RATE
    return True


def _is_person(entity: _Entity, speaks: bool) -> bool:
    return entity.kind == PERSON or (entity.kind == UNKNOWN and speaks and len(entity.words) > 1)


def _aliases(entity: _Entity) -> tuple[str, ...]:
    return tuple(alias for alias in entity.aliases if alias != entity.name)


def _speaker(entity: _Entity, credited: list[_Said]) -> Speaker:
    """A speaker's statements in reading order; a quotation inside one of their reported sentences is nested."""
    credited = sorted(credited, key=lambda said: (said.statement.paragraph, said.span[0], -said.span[1]))
    reported = [said for said in credited if said.statement.kind == REPORTED]
    statements = []
    for said in credited:
        statement = said.statement
        if statement.kind == DIRECT and any(_within(said, sentence) for sentence in reported):
            statement = Statement(statement.text, statement.paragraph, statement.kind, nested=True)
        statements.append(statement)
    return Speaker(entity.name, _aliases(entity), tuple(dict.fromkeys(statements)), entity.kind == UNNAMED)


def _joined(credited: list[_Said], texts: dict[int, str]) -> list[_Said]:
    """ "“A,” Barkley said. “B.”": one speaker's quotations in a paragraph, with nothing between them but the words
    that say who speaks, are one statement, as a reader reads them."""
    credited = sorted(credited, key=lambda said: (said.statement.paragraph, said.span[0], -said.span[1]))
    reported = [said for said in credited if said.statement.kind == REPORTED]
    joined: list[_Said] = []
    for said in credited:
        if not joined:
            joined.append(said)
            continue
        last = joined[-1]
        quotations = last.statement.kind == DIRECT == said.statement.kind
        if quotations and any(_within(each, sentence) for each in (last, said) for sentence in reported):
            quotations = False  # a quotation inside a reported sentence stays inside it
        if quotations and last.statement.paragraph == said.statement.paragraph and last.how in QUOTATIONS:
            text = texts[said.statement.paragraph]
            between = text[last.span[1] : said.span[0]]
            words = QUOTE_MARK.sub("", between).strip(" ,.;:'’")
            short = len(words.split()) <= JOIN_WORDS and len(between) < JOIN_REACH
            if said.how in QUOTATIONS and short and _cue_between(last.speaker, words):
                span = (last.span[0], said.span[1])
                statement = Statement(_direct_text(text, _Quote(*span, runs_on=False)), said.statement.paragraph, DIRECT)
                joined[-1] = _Said(said.speaker, statement, span, last.how, last.rate)
                continue
        joined.append(said)
    return joined


def _run_on(credited: list[_Said], texts: dict[int, str]) -> list[_Said]:
    """ "“He's not the right person,” said Ms. Leon, who works as a secretary. “I will vote for Clinton.”": a
    quotation that goes on right after the sentence that attributes another one is part of that sentence's
    statement, as a reader reads it, and nested in it as the first one is."""
    merged: list[_Said] = []
    for said in credited:
        sentence = next((each for each in reversed(merged) if each.statement.kind == REPORTED), None)
        if said.how == QUOTED_ON and sentence is not None and _goes_on(sentence, said, texts):
            text = texts[said.statement.paragraph]
            span = _trimmed(text, (sentence.span[0], said.span[1] + _closing_mark(text, said.span[1])))
            statement = Statement(text[span[0] : span[1]], said.statement.paragraph, REPORTED)
            merged[merged.index(sentence)] = _Said(sentence.speaker, statement, span, sentence.how, sentence.rate)
        merged.append(said)  # inside the sentence now: shown in it, counted once with it
    return merged


def _goes_on(sentence: _Said, said: _Said, texts: dict[int, str]) -> bool:
    """The quotation said comes right after the reported sentence, which holds a quotation of its own."""
    if sentence.statement.paragraph != said.statement.paragraph or sentence.span[1] > said.span[0]:
        return False
    text = texts[said.statement.paragraph]
    between = text[sentence.span[1] : said.span[0]]
    return not QUOTE_MARK.sub("", between).strip(" .,") and QUOTE_MARK.search(text, *sentence.span) is not None


def _closing_mark(text: str, end: int) -> int:
    mark = QUOTE_MARK.match(text, end)
    return len(mark.group()) if mark else 0


def _cue_between(speaker: _Entity, words: str) -> bool:
    """ "said Caddell, speaking of Clinton's health": the words between two quotations say who speaks, and
    nothing else: a reporting verb among them, or nothing at all."""
    tokens = [token.lower().strip(",.;:") for token in words.split()]
    return not tokens or any(token in _reporting_verbs() for token in tokens)


def _within(said: _Said, sentence: _Said) -> bool:
    same_paragraph = said.statement.paragraph == sentence.statement.paragraph
    return same_paragraph and sentence.span[0] <= said.span[0] and said.span[1] <= sentence.span[1]


def _person(entity: _Entity) -> Person:
    return Person(entity.name, _aliases(entity), len(entity.mentions))
