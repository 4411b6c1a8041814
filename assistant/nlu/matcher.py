"""Match an utterance against the expanded templates, fill slots, or reject.

How a decision is made
----------------------
1. The utterance is normalised (assistant.nlu.normalize): wake phrase,
   fillers and repeated words dropped, synonyms made canonical ("time out" ->
   "break"), durations / clock times / cadences / list values replaced by
   placeholders (#d, #t, #c, #ritual) whose values are parsed exactly once.
2. At load time every template was expanded into canonical sentences in the
   same form ("give us #d"). Sentences sharing one of their rarest words with
   the utterance are scored with RapidFuzz `fuzz.ratio` (normalised Indel
   similarity) and the best `SHORTLIST` kept. Templates with a free-text slot
   ({text}) are scored on their fixed words only (the start, and the end when
   the slot is in the middle); the text is taken verbatim from the utterance.
3. Each candidate is then scored word by word, because string similarity is
   not enough in a couple's conversation ("can you stop talking over me" is
   83% similar to "can you stop talking"). Hard rejections:
   - a negation on one side only ("I don't need a break");
   - a slot the template needs was not said ("give me a break" is an idiom,
     "give me a #d break" is a request), or a duration under `MIN_SECONDS`
     ("just a second");
   - a pronoun swap ("you need therapy" is not "we need therapy") or a third
     person or thing the template does not mention ("my mom thinks we need
     counselling", "that app didn't help");
   - the utterance ends in a word the template cannot explain ("pause netflix",
     "I need a break from you"), or a list word is used otherwise ("walk the dog");
   - more unexplained content words than `MAX_EXTRA_CONTENT` (one more for
     templates with more than three content words);
   - the intent's required words (`requires:` in its YAML) are all missing.
   The score is `RATIO_WEIGHT` x string similarity + the rest x a word-level
   F-score: recall = the sentence's words found in the utterance, precision =
   the utterance's words the sentence explains (words other templates of the
   same intent use count half), function words weighing 0.3, placeholders 1.5.
4. The best candidate must reach `ACCEPT` and lead the best candidate of any
   *other* intent by `MARGIN` (unless it is an exact sentence, `EXACT`);
   otherwise the result is none. Utterances longer
   than `MAX_WORDS` words are never commands.

What confidence means
---------------------
For an intent, `confidence` is that score, in [ACCEPT, 1]: 1.0 means the
utterance is, after normalisation, exactly a sentence the intent's templates
produce; lower values mean extra, missing or misspelt words (roughly 0.05 per
unexplained word in a five-word command). For `none` it is 1 minus the best
score of any candidate that survived the checks (1.0 when none did): a
sentence that resembles no command gives a none with confidence near 1, a
near miss gives a lower one. It is a similarity, not a calibrated probability;
a caller wanting fewer false accepts than the default can demand more.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from heapq import heappush, heapreplace
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from assistant.nlu.clauses import clause_request
from assistant.nlu.compact import LazyIntentSet, SentenceTable, tables_for
from assistant.nlu.intent import ANSWERS, NONE, Intent
from assistant.nlu.loader import IntentSet, IntentSpec, TemplateSpec, load_intent_set
from assistant.nlu.normalize import (
    ADDRESS_LEADS,
    CADENCE,
    DURATION,
    FILLERS,
    MIN_SECONDS,
    PLACEHOLDERS,
    SYNONYMS,
    TIME,
    UNSURE_LENGTH,
    WAKE_WORDS,
    EntityTable,
    Normalized,
    normalize,
    wrapper_end,
)
from assistant.nlu.numbers import UNIT_SECONDS, int_at, without_open_bound, without_open_end
from assistant.nlu.safety import FOUND, SAFETY, SAFETY_NEAR, SafetySpotter
from assistant.nlu.templates import SlotRef, expand

if TYPE_CHECKING:
    from assistant.nlu.fallback import Fallback


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ACCEPT = 0.83
"""Lowest penalised similarity accepted as a command."""
MARGIN = 0.04
"""How far the winner must lead the best candidate of a different intent."""
EXACT = 0.99
"""A score this high is an exact template sentence: no margin is needed."""
MAX_EXTRA_CONTENT = 1
"""Unexplained content words a short command may carry (longer ones: one more)."""
RATIO_WEIGHT = 0.3
"""Share of the string similarity in the score; the rest is the word-level F-score."""
SUBSTITUTION_PENALTY = 0.03
"""Cost of a template content word replaced by a word the template cannot explain."""
BETA2 = 1.0
"""F-beta (beta 1): a missing sentence word costs as much as an unexplained extra word."""
MAX_WORDS = 40
WILDCARD_MIN = 88
"""Fuzzy score (0-100) the fixed words of a free-text template must reach."""
SHORTLIST = 16
SHORTLIST_MIN = 45
"""fuzz.ratio (0-100) a sentence must reach to be shortlisted at all."""
PER_WORD = SHORTLIST + 8
"""Best sentences taken from each rare word's list (at least `SHORTLIST`). A few more
than the shortlist: a list that gives the whole shortlist must then also hold that many
sentences scoring the last place's score before it is read again for all of them."""
MIN_SPLIT_WORDS, MAX_SPLIT_WORDS = 5, 14
"""Utterance lengths (in words) for which a request next to a remark is looked for."""
MIN_AGREE_WORDS, MAX_AGREE_WORDS = 3, 10
"""Utterance lengths in which two parts saying the same request are looked for."""
MIN_REQUEST_WORDS = 3
MIN_REMARK_WORDS = 2
"""A remark beside a request has two words at least ("it's saturday, let's do our breakfast")."""
SPLIT_ACCEPT = 0.9
"""A request found inside a longer utterance must be this close to a template."""
NEAR_WORDS_KEPT = 8192
"""Utterance words whose near sentence words `IntentParser._explainable` keeps (a few
hundred bytes each; emptied when full)."""


NEGATIONS = _words(
    "not dont never didnt doesnt cant cannot wont isnt wasnt arent nothing without "
    "shouldnt wouldnt couldnt havent hasnt aint nor unsure"
)
FUNCTION_WORDS = _words(
    "a an the for to of in on at some it is are be do does this that with up now almost "
    "and or here there get have has had can will our my your their like "
    "tonight today right together again first then too soon guys babe honey instead only"
)
"""Words whose absence from a template barely changes meaning ("for a bit")."""

PRONOUNS = _words("i me we us you he she him her they them im were youre ill")
"""A pronoun swap changes who is meant: "you need therapy" is not "we need therapy"."""
OTHER_PEOPLE = _words(
    "he she they his them mom mum dad mother father sister brother friend friends boss "
    "doctor kids kid son daughter neighbor neighbour mother-in-law everyone everybody people"
)
"""Talk about a third person is not a request to Hearth (unless a template says so)."""
OTHER_PEOPLE |= _words(
    "dog dogs cat cats puppy pet baby shopping grocery groceries tv television netflix "
    "movie film episode show game music song radio phone laptop oven car"
)
"""...nor talk about the house, pets or a screen ("take the dog for a walk")."""
OTHER_PEOPLE |= _words(
    "app apps book books podcast podcasts video videos article website medication "
    "medicine pills advice job school"
)
"""...nor about help from elsewhere: "that app didn't help" is not feedback on an idea."""
OTHER_PEOPLE |= _words(
    "light lights lamp lamps weather forecast traffic news playlist album albums track "
    "tracks stars rating alarm alarms reminder calendar meeting appointment email emails "
    "tweet uber taxi recipe temperature thermostat date play playing"
)
"""...nor what other assistants are asked: lights, media, weather, alarms, the date
("give me a traffic update" is not the weekly summary, "play one more time" not repeat)."""
OTHER_PEOPLE |= _words("dishes laundry washing shower bath hoover vacuum ironing")
"""...nor the chores in hand ("give me a minute, I'm almost done with the dishes")."""
OTHER_PEOPLE |= _words("siri alexa google cortana bixby")
"""...nor anything said to another assistant by its name ("siri what did you say")."""
TIMER_NAMES = _words("break down space")
"""What a timer of Hearth's is named by ("break timer", "cool down timer", "space timer",
or a ritual's): a timer said without its name ("set a 20 minute timer") is a kitchen one."""
_SOLO = _words("i im id ill my myself")
_JOINT_WORDS = _words("we us our lets together both were weve wed")
"""A shared practice said with "I"/"me" and none of these is one person's wish."""
_FOR_ME = _words("a an some")
"""After "me" these make it a thing for me ("make me a coffee"), not a guide ("walk me
through a meditation")."""
_PREPOSITIONS = _words("at in on for from with during after before by")
"""A remark opening with one of these modifies the request ("in seoul, what can i do")."""
_LATER = ("in", "within", "after")
"""A length after these is a time from now ("get me up in half an hour"), not a length."""
# round 11 B: "our things-to-do-together list" (only a list of things done together);
# the check reads the words as said, before "things to do together list" reads "idea list"
_OWN_LIST = _words("our idea ideas shared try together")
_IDEA_SAID = _words("idea try")
"""Words in a free-text template's fixed part that make a bare "the list" ours ("we want
to try karaoke, add it to the list")."""
"""Words before "list" that name Hearth's list of ideas ("add it to our list", "the try
list")."""
OUTING_WORDS = _words(
    "night nights date dates away trip trips weekend weekends class classes lesson lessons "
    "picnic picnics game games evening evenings day days holiday dinner dinners hike walk "
    "walks course together"
)
"""On a bare "the list", what is added must be something to do together: an activity
("hiking") or an outing ("a weekend away", "board game night"); "add toilet paper to the
list" is shopping."""
_YOU = _words("you your youre yourself")
_QUESTION_WORDS = _words(
    "how what when why where who whats hows whens wheres whos is are do does did"
)  # "what is" reads "whats"
REQUEST_OPENERS = _words(
    "can lets give ask stop end cancel how what whats hows we i time start skip next another "
    "set check add read tell please"
)
"""Words a request said after a remark starts with ("...we're ready, can we continue")."""
REMARK_OPENERS = _words("were im we i that this its")
_NEARLY = _words("nearly almost")
"""Beside "ready" in a remark ("give me 5 mins, I'm nearly ready"), someone getting
ready to go asks the partner to wait: not a request to Hearth (round 11 A)."""
JOINERS = _words("and or but if so because unless")
"""A request ending in one of these goes on into the next clause ("say that again and
I'm leaving"): a condition or a threat, not a request next to a remark. Only "and" after
a joint request ("let's pause and we can talk later") just adds a plan."""
_JOINT = _words("lets can we i")
"""Words a remark said after a request starts with ("stop the pause, we're ready")."""
_BUSY_IN = _words("toilet bathroom loo shower driving")
"""Where someone is busy ("I'm in the toilet", (round 14 A) "I'm driving" and "trying to
park", read so in normalize.py): beside it, a wait is asked of the partner."""
_PARTNER_WORDS = "babe|honey|hon|darling|sweetheart|sweetie"
_VOCATIVE = r"\b\s*(?:,|[.?!]*\s*$)"
_ENDEARMENT = re.compile(rf"\b(?:love|{_PARTNER_WORDS}){_VOCATIVE}", re.IGNORECASE)
"""An endearment said as a vocative (before a comma, or closing the utterance)."""
_PARTNERS_NAME = re.compile(rf"\b(?:{_PARTNER_WORDS}){_VOCATIVE}", re.IGNORECASE)
"""round 14 A: the same without "love", which British speakers say to anyone (round 5's
"speak up a bit love" is to Hearth): the partner asked to speak louder."""
_HEARTHS_CHECKIN = re.compile(r"\w.*\bhearth's (?:check|daily|nightly|question)", re.IGNORECASE)
"""The check-in called Hearth's mid-sentence: the couple talk about Hearth."""
_NAMED = re.compile(r"\b(?:hearth|heart|harth|hearths)\b", re.IGNORECASE)
_OPENING = r"^\W*(?:(?:hey\s+)?(?:hearth|heart|harth)\W+)?(?:honestly\W+|you know\W+)?"
_WHEN_REMARK = re.compile(
    _OPENING + r"(?:(?:i|we)\s+(?:really\s+|just\s+|kind of\s+)?(?:hate|love|like|don'?t like|"
    r"do not like|dislike|enjoy|prefer|miss)\s+(?:it\s+)?when"
    r"|(?:it|that|things|everything)(?:'s|\s+is|\s+gets|\s+feels|\s+goes|\s+go)\s+(?:\w+\s+){0,2}when"
    r"|it\s+(?:helps|hurts|works)\s+when"
    r"|(?:i|we)\s+(?:do|get)\s+(?:\w+\s+){0,2}when)\b",
    re.IGNORECASE,
)
"""How a habit feels, not a request: "I hate it when we take a break", "it's nice when we
go for a walk", "we do better when we check in" (not "I feel loved when...": an
appreciation said to Hearth often opens so). A request beside it is still read
clause by clause ("..., hearth, let's take one now")."""
_AS_A_REQUEST_AFTER_HAVE = frozenset(
    ["break", "pause", "timeout", "breather", "of", "to", "for", "please", "alone", "apart",
     "space", "quiet", "more"]
)  # fmt: skip
"""What makes "we have ten minutes ..." ask for them ("we have ten minutes of quiet now
please")."""


def _time_we_have(tokens: list[str]) -> bool:
    """ "We have an hour", "I only have ten minutes", "we have five minutes, let's check in":
    the time someone has, not a request for a pause of it ("can we have" is one)."""
    k = 1 + (len(tokens) > 2 and tokens[1] in ("only", "just", "still"))
    if tokens[:1] not in (["we"], ["i"]) or tokens[k : k + 2] != ["have", DURATION]:
        return False
    return k + 2 == len(tokens) or tokens[k + 2] not in _AS_A_REQUEST_AFTER_HAVE


EXTEND = "extend"
_A_BIT_MORE = re.compile(
    r"\b(?:a\s+(?:bit|little|tad|moment|sec|second)|minute|bit|little|small|another|one\s+more|"
    r"1\s+more)\b",
    re.IGNORECASE,
)
"""A little more time, which is the default minute: "a bit more", "a little longer",
"another one", "one more", "an extra minute"."""

SAID_TO_PARTNER_TOO = frozenset(["repeat", "volume"])
"""Requests as often said to the partner beside a remark ("say that again? I was in the
other room", "turning that down, I'm trying to read"): beside one, only with Hearth's name
(nlu/clauses.py), never by `_split_match`."""
_NEVER_BESIDE_A_REMARK = ANSWERS | SAID_TO_PARTNER_TOO
TEXT_REJECT = _words("but however though although nothing")
"""A free-text slot holding a contrast ("I appreciate that, but...") is an argument."""

_TEXT_LEADS = frozenset(["that", "about", "is", "to", "for"])
_REASON_LEADS = frozenset(["because", "cause", "cos", "coz"])
"""round 10 B: free text opening with these is why it is asked ("record an appreciation,
because I feel lucky today"), not what to record: the words are asked for next."""
_NAME_AT_ENDS = re.compile(r"^(?:hey\s+)?hearth\b[\s,.:;!-]*|[\s,.:;!-]*\bhearth$", re.IGNORECASE)
"""Hearth's name said at either end of the free text ("..., we both apologized, hearth")."""
_TALKED_ABOUT = re.compile(
    r"\S\s+hearth\s+(?:actually\s+|really\s+|even\s+)?(?:(?:did|does)\b(?!\s+(?:you|we|i|us|it|"
    r"that|this|the)\b)|(?:helps|helped|works|worked|said|says|thinks|knows|suggested|suggests|"
    r"played|plays|told|asked|reminded|gave|keeps|kept|remembers|remembered|reads)\b)|"
    r"\bthe\s+hearth\s+[a-z]",
    re.IGNORECASE,
)
"""Hearth talked about, not to (round 13 B): "do you think hearth actually helps", "the
breathing one hearth did", "the hearth check-in question yesterday was good", "I think
hearth actually helped us" (only "did" and "does" may open a question to Hearth: "hey
hearth did we check in today"). Round 14 B: "I like that Hearth keeps our list of ideas"."""
_LIST_DESCRIBED = re.compile(r"\bidea list (?:is|was|has|looks|seems|getting|keeps)\b")
"""round 14 B: the idea list described ("our list of things to try is getting pretty
long"), not added to: an add_idea read so is talk."""
_ASKS_PARTNER = (["didnt", "we"], ["havent", "we"], ["werent", "we"], ["did", "we"])
"""round 15 B: a tag asking the partner to agree ("..., didn't we")."""
_STOCK_ASKED = re.compile(r"\bhow are we (?:doing|going) for\b")
"""round 15 B: "how are we doing for milk this week" asks about a stock, not about us."""
_DEFERRED_TEXT = re.compile(
    r"(?:(?:um|uh|er|erm)\s+)?(?:i'?ll|i will|let me|give me a (?:sec|second|minute|moment) "
    r"(?:i'?ll|to))\s+(?:think of|think about|think|come up with|get back to you)\b",
    re.IGNORECASE,
)
"""round 15 B: the words promised for later ("record an appreciation, I'll think of it in a
sec"): nothing said yet, so the text is asked for."""
# round 16 B: a hold-on said where the words would be ("new appreciation, hang on, let me
# think", "add an idea, hold on, the kids are shouting"): nothing said yet, asked for.
_HELD_TEXT = re.compile(
    r"(?:(?:hang|hold) on|wait|one sec(?:ond)?|just a (?:sec|second|minute|moment))(?:\s*[,.!;]|$)",
    re.IGNORECASE,
)
# round 15 B: "the idea was to leave by eight" (a plan told, not an idea added); "I love
# that we have breakfast together" (a liking told to the partner, not a verdict on Hearth)
_IDEA_TOLD = re.compile(r"(?:^|\s)idea (?:was|were)\b")
_LIKED_THAT_WE = re.compile(
    r"\b(?:love|like|enjoy) that (?:we|you|he|she|they) (?:have|get|go|do|can|always|still|"
    r"both|spend|make|eat|are)\b"
)
_TALK_AS = {
    "add_idea": (_LIST_DESCRIBED, _IDEA_TOLD),
    "feedback": (_LIKED_THAT_WE,),
    "summary": (_STOCK_ASKED,),
}
"""By intent: wordings that make an utterance matched as it talk (rounds 14-15 B)."""
VAGUE_TEXT = _words("something one thing idea appreciation new another about")
"""Free text made only of these (and function words) says nothing: "put something on the
list" asks to dictate it next."""

WILDCARD = "*"
UNCLEAR = "unclear"
"""Added to the slots (true) only when a length was said that cannot be read exactly
("a few minutes", "five or ten minutes"): the duration slot is then null, and the
dialog asks how long. Never present otherwise, so `{"seconds": 60}` stays as it was."""
LENGTH_UNITS = _words("second seconds sec secs minute minutes min mins minuts hour hours hr hrs")
"""A length unit left among the tokens was said and not read as a length ("give us an
extra, um, hour": the filler parts "an" from "hour"): a default length would be a guess."""
_PLACEHOLDER_FOR_TYPE = {"duration": DURATION, "time": TIME, "cadence": CADENCE}


class _once:
    """`functools.cached_property` without its lock (Python 3.11 takes one on every first
    use, and sentences are built by the thousand): a race at worst computes twice."""

    def __init__(self, method: Any) -> None:
        self._method = method
        self.__doc__ = method.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self._name] = self._method(instance)
        return value


@dataclass(eq=False)
class Sentence:
    """One canonical sentence a template can produce.

    Attributes:
        intent: the intent name.
        text: canonical tokens joined by spaces (placeholders included).
        tokens: the same tokens as a set, for the word checks.
        fixed: slot values fixed by the template (group values, list values).
        slots: (placeholder, slot name) in order of appearance.
        source: the template it came from, or a function that reads it (from the
            start-up cache, the template ASTs are read only when one is asked for:
            7 MB that matching never needs). `template` gives it either way.
        prefix, suffix: for free-text templates, the fixed words around {text}.
        text_slot: the name of the free-text slot, or None.
    """

    intent: str
    text: str
    tokens: frozenset[str]
    fixed: dict[str, Any]
    slots: tuple[tuple[str, str], ...]
    source: TemplateSpec | Callable[[], TemplateSpec]
    prefix: tuple[str, ...] = ()
    suffix: tuple[str, ...] = ()
    text_slot: str | None = None

    @property
    def template(self) -> TemplateSpec:
        """The template this sentence came from (for check and debugging)."""
        return self.source() if callable(self.source) else self.source

    def __eq__(self, other: object) -> bool:
        # By the template, however it is kept (as a dataclass would, field by field).
        if not isinstance(other, Sentence):
            return NotImplemented
        return self._fields() == other._fields()

    def _fields(self) -> tuple:
        return (self.intent, self.text, self.tokens, self.fixed, self.slots, self.template,
                self.prefix, self.suffix, self.text_slot)  # fmt: skip

    @_once
    def stems(self) -> frozenset[str]:
        return frozenset([info[2] for info in self.weighed[2]])

    @_once
    def placeholders(self) -> frozenset[str]:
        """The tokens that stand for a slot value ("#d", "#ritual")."""
        if "#" not in self.text:
            return _NO_WORDS
        return frozenset(w for w in self.tokens if w[0] == "#")

    @_once
    def weighed(self) -> tuple[float, int, tuple[tuple[str, float, str, bool], ...]]:
        """What `_verify` needs of the sentence alone: the total weight of its tokens, its
        content word count, and (token, weight, stem, is a function word) for each, in
        the order of `tokens` (so sums come out the same floats)."""
        words = tuple(map(_word_info, self.tokens))
        total = 0.0
        content = 0
        for info in words:
            total += info[1]
            content += not info[3]
        return total, content, words


_NO_WORDS: frozenset[str] = frozenset()
_WORD_INFO: dict[str, tuple[str, float, str, bool]] = {}
"""(word, weight, stem, is a function word) of each sentence word seen (the templates'
vocabulary, a thousand words or so): sentences are built anew after the table's memo
is emptied, and these would be worked out again each time."""


def _word_info(word: str) -> tuple[str, float, str, bool]:
    info = _WORD_INFO.get(word)
    if info is None:
        info = _WORD_INFO[word] = (word, _weight(word), _stem(word), word in FUNCTION_WORDS)
    return info


@dataclass
class _Said:
    """What `_verify` needs of the utterance's tokens, worked out once per utterance
    rather than once per candidate sentence.

    Attributes:
        tokens: the tokens as said (in order).
        utt: the same as a set; `words` follows its iteration order, as do the sums.
        stems: the tokens' stems.
        words: (token, weight, stem, is a function word) for each of `utt`.
        weight: the total weight of `words`.
        negations, pronouns, others, you: `utt` & NEGATIONS, PRONOUNS, OTHER_PEOPLE, _YOU.
        asks_partner: "need you"/"want you" was said ("I need you to stop").
        later: "in #d"-like pairs said, each needing the same words in the sentence.
    """

    tokens: list[str]
    utt: frozenset[str]
    stems: set[str]
    words: list[tuple[str, float, str, bool]]
    weight: float
    negations: frozenset[str]
    pronouns: frozenset[str]
    others: frozenset[str]
    you: frozenset[str]
    asks_partner: bool
    later: list[str]

    @classmethod
    def of(cls, tokens: list[str]) -> _Said:
        utt = frozenset(tokens)
        words = [(w, _weight(w), _stem(w), w in FUNCTION_WORDS) for w in utt]
        asks = any(a in _NEED and b == "you" for a, b in pairwise(tokens))
        return cls(
            tokens, utt, {_stem(w) for w in utt}, words, _total_weight(words),
            utt & NEGATIONS, utt & PRONOUNS, utt & OTHER_PEOPLE, utt & _YOU, asks,
            [f"{a} {b}" for a, b in pairwise(tokens) if b == DURATION and a in _LATER]
            if DURATION in utt
            else [],
        )  # fmt: skip


_NEED = ("need", "want", "needs", "wants")


def _total_weight(weighed: Iterable[tuple[str, float, str, bool]]) -> float:
    """The weights added one by one in order (as the scores always were: same floats)."""
    total = 0.0
    for item in weighed:
        total += item[1]
    return total


@dataclass
class Candidate:
    sentence: Sentence
    score: float
    text_span: tuple[int, int] | None = None


@dataclass
class _Shortlist:
    """The sentences an utterance is checked against (see `IntentParser._shortlist`).

    Attributes:
        items: (sentence number, fuzz.ratio), best first.
        exact: equal ratios are in the order the shortlist always gave them (a set's);
            otherwise in sentence-number order.
        loose: when not exact and more sentences share the last place's ratio than
            there are places, that ratio: `items` then holds all of them, and all of
            them are looked at (once only the set order's share was: a template added
            anywhere could push the one that explained an utterance out of a tie).
    """

    items: list[tuple[int, float]]
    exact: bool
    loose: float | None = None


def _best_first(scores: dict[int, float]) -> list[tuple[int, float]]:
    """(sentence number, score), best first, equal scores by number (two sorts in C)."""
    ranked = sorted(scores.items())
    ranked.sort(key=itemgetter(1), reverse=True)  # stable: numbers stay in order
    return ranked


def compile_sentences(intent_set: IntentSet) -> list[Sentence]:
    """Expand every template into canonical sentences (done once, at load)."""
    out: list[Sentence] = []
    literal_cache: dict[str, list[str]] = {}

    entities = EntityTable({name: vl.values for name, vl in intent_set.lists.items()})

    def literal(text: str) -> list[str]:
        if text not in literal_cache:
            norm = entities.tag(normalize(text, drop_fillers=False))
            literal_cache[text] = norm.tokens
        return literal_cache[text]

    for spec in intent_set.intents.values():
        for tpl in spec.templates:
            for pieces in expand(tpl.ast, intent_set.rules):
                out.extend(_sentences_for(spec, tpl, pieces, intent_set, literal))
    return out


def _sentences_for(spec: IntentSpec, tpl: TemplateSpec, pieces, intent_set, literal):
    """The canonical Sentence for one expansion (pieces), or nothing when unusable."""
    tokens: list[str] = []
    refs: list[tuple[str, str]] = []
    text_slot = None
    for piece in pieces:
        if isinstance(piece, str):
            tokens.extend(literal(piece))
            continue
        slot = spec.slots.get(piece.name)
        if slot is None:
            return  # reported by the loader
        if slot.type == "text":
            tokens.append(WILDCARD)
            text_slot = slot.name
            continue
        if slot.type in _PLACEHOLDER_FOR_TYPE:
            placeholder = _PLACEHOLDER_FOR_TYPE[slot.type]
        elif slot.type in intent_set.lists:
            placeholder = "#" + slot.type  # the value is read from the utterance
        else:
            return  # a "value" slot cannot be referenced; the loader reports it
        tokens.append(placeholder)
        refs.append((placeholder, slot.name))
    tokens = [t for t in tokens if t not in FILLERS] or tokens
    if not tokens:
        return
    if text_slot is None:
        yield Sentence(
            spec.name, " ".join(tokens), frozenset(tokens), dict(tpl.fixed), tuple(refs), tpl
        )
        wrap = wrapper_end(tokens)
        if wrap:  # also without its polite opening, as utterances lose theirs
            bare = tokens[wrap:]
            yield Sentence(
                spec.name, " ".join(bare), frozenset(bare), dict(tpl.fixed), tuple(refs), tpl
            )
        return
    star = tokens.index(WILDCARD)
    prefix, suffix = tuple(tokens[:star]), tuple(tokens[star + 1 :])
    if prefix or suffix:
        body = [*prefix, *suffix]
        yield Sentence(
            spec.name, " ".join(body), frozenset(body), dict(tpl.fixed), tuple(refs), tpl,
            prefix, suffix, text_slot,
        )  # fmt: skip


class _Facts:
    """What `_allowed` asks of one utterance, worked out on first use, once per match."""

    def __init__(self, norm: Normalized) -> None:
        self._norm = norm
        self.required_said: dict[str, bool] = {}
        """By intent: every group of the intent's required words was said."""
        self._opposed: frozenset[str] | None = None

    def opposed(self, opposites: dict[str, str]) -> frozenset[str]:
        """The "un-" words (`IntentParser._opposites`) whose opposite the utterance says
        and that it does not say itself: "unschedule" when "schedule" is said."""
        if self._opposed is None:
            said = self._norm.tokens
            self._opposed = frozenset(
                un for word, un in opposites.items() if word in said and un not in said
            )
        return self._opposed

    @cached_property
    def solo(self) -> bool:
        # the call apart is started by the one who rings: "I'm ringing her, start the call"
        return _solo(self._norm.words) and self._norm.entities.get("#ritual") != ["call"]

    @cached_property
    def list_kind(self) -> str:
        return _list_kind(self._norm.words)

    @cached_property
    def short_duration(self) -> bool:
        """A length under `MIN_SECONDS` was said ("give me a second")."""
        said = [d for d in self._norm.durations if d is not None]
        return bool(said) and min(said) < MIN_SECONDS


class _Parts:
    """The parts of one utterance (token start, end), each normalised anew and matched
    at most once: the split search looks at one part as a request, as a remark and as
    a half."""

    def __init__(self, parser: IntentParser, norm: Normalized) -> None:
        self._parser, self._whole = parser, norm
        self._norms: dict[tuple[int, int], Normalized] = {}
        self._matches: dict[tuple[int, int], Candidate | None] = {}
        self._ends: dict[tuple[int, int, float, bool], set[str]] = {}

    def norm(self, start: int, end: int) -> Normalized:
        part = self._norms.get((start, end))
        if part is None:
            part = self._norms[(start, end)] = self._parser._sub(self._whole, start, end)
        return part

    def could_end(self, start: int, end: int, threshold: float, split: bool = False) -> set[str]:
        """`IntentParser._could_end` of the part (kept)."""
        key = (start, end, threshold, split)
        found = self._ends.get(key)
        if found is None:
            found = self._ends[key] = self._parser._could_end(self.norm(start, end), *key[2:])
        return found

    def match(self, start: int, end: int) -> Candidate | None:
        """The part's accepted candidate, or None."""
        if (start, end) not in self._matches:
            self._matches[(start, end)] = self._parser._match(self.norm(start, end))[0]
        return self._matches[(start, end)]


@dataclass
class _WildcardGroup:
    keys: list[str] = field(default_factory=list)
    sentences: SequenceABC[Sentence] = field(default_factory=list)


@dataclass(frozen=True)
class CommandSentences:
    """Command sentences for speech grammars (`IntentParser.command_sentences`).

    Attributes:
        phrases: representative sentences of every template, with sample slot values.
        other_numbers: the wordings of `phrases` that hold a length or a time, said
            with other lengths and times, for a language model only.
    """

    phrases: list[str]
    other_numbers: list[str]


SHORT_WORDINGS = 2
"""Every wording of a template this short goes into the command sentences, not only the
`per_template` sampled ones: a template's sample missed short wordings it understands
("next question", "that helped"), and the strict grammar cannot read a wording it was
not built from. 2 words took the sentences from 16,012 to 16,207; on the rooms
benchmark's tune split every command read the same, and 6 of 216 pieces of talk after
the wake phrase were acted on instead of 8 (7 of 468 readings changed). 3 words (about
1,700 more) read 104 + 10 commands instead of 105 + 11, with 8 pieces of talk acted on
(docs/hearing.md)."""


class IntentParser:
    """Understands one utterance at a time; built once from the template files.

    Use `assistant.nlu.load_parser()` for the shared, cached instance.
    """

    def __init__(self, intent_set: IntentSet) -> None:
        self._intent_set = LazyIntentSet(intent_set)
        self._entities = EntityTable({n: vl.values for n, vl in intent_set.lists.items()})
        sentences = compile_sentences(intent_set)
        # One entry per distinct canonical text and intent; the first template wins.
        seen: dict[tuple[str, str], Sentence] = {}
        seen_wild: set[tuple[str, str]] = set()
        # Free-text templates, grouped by (prefix length, suffix length, first word):
        # an utterance is only compared with groups its own first word opens.
        self._wild: dict[tuple[int, int, str], _WildcardGroup] = defaultdict(_WildcardGroup)
        for s in sentences:
            if s.text_slot:
                key = (len(s.prefix), len(s.suffix), (s.prefix or s.suffix)[0])
                wild_key = _wild_key(s.prefix, s.suffix)
                if (s.intent, wild_key) in seen_wild:
                    continue
                seen_wild.add((s.intent, wild_key))
                group = self._wild[key]
                group.keys.append(wild_key)
                group.sentences.append(s)
            else:
                seen.setdefault((s.intent, s.text), s)
        self.sentences: SequenceABC[Sentence] = list(seen.values())
        self._texts = [s.text for s in self.sentences]
        self._index = _rare_word_index(self.sentences)
        # Every word stem each intent's templates use: an utterance word another
        # template of the same intent uses ("sure" in "sure, go ahead") is half explained.
        self._vocab: dict[str, frozenset[str]] = defaultdict(frozenset)
        vocab: dict[str, set[str]] = defaultdict(set)
        for s in sentences:
            vocab[s.intent].update(_stem(t) for t in s.tokens if t not in FUNCTION_WORDS)
        self._vocab.update({name: frozenset(words) for name, words in vocab.items()})
        # What any whole-template sentence can explain (see `_hopeless`).
        self._sentence_words = frozenset(w for text in self._texts for w in text.split())
        self._sentence_stems = frozenset(map(_stem, self._sentence_words))
        self._any_vocab = frozenset().union(*self._vocab.values())
        # By intent: its whole-template sentences' words, and the sets of negations they
        # say (see `_could_end`), and the shortest and longest of its texts saying each
        # word ("": any of its texts).
        intent_words: dict[str, set[str]] = defaultdict(set)
        intent_negations: dict[str, set[frozenset[str]]] = defaultdict(set)
        lengths: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
        # ... and the least total weight of its sentences saying each word (`_could_end`'s
        # bound on recall)
        lightest: dict[str, dict[str, float]] = defaultdict(dict)
        for s in self.sentences:
            intent_words[s.intent].update(s.tokens)
            intent_negations[s.intent].add(s.tokens & NEGATIONS)
            n, by_word = len(s.text), lengths[s.intent]
            weight, least = sum(map(_weight, s.tokens)), lightest[s.intent]
            for word in (*s.tokens, ""):
                shortest, longest = by_word.get(word, (n, n))
                by_word[word] = (min(shortest, n), max(longest, n))
                least[word] = min(least.get(word, weight), weight)
        self._intent_words = {name: frozenset(words) for name, words in intent_words.items()}
        self._intent_negations = {name: frozenset(n) for name, n in intent_negations.items()}
        self._intent_lengths = dict(lengths)
        self._intent_lightest = dict(lightest)
        self._requires: dict[str, tuple[frozenset[str], ...]] = {}
        for name, spec in intent_set.intents.items():
            groups = []
            for group in spec.requires:
                words: set[str] = set()
                for word in group:
                    if word.startswith("#"):
                        words.add(word)
                    else:
                        words.update(normalize(word, drop_fillers=False).tokens)
                groups.append(frozenset(words))
            if groups:
                self._requires[name] = tuple(groups)
        self._joint = frozenset(name for name, spec in intent_set.intents.items() if spec.joint)
        self._defaults = {
            name: {slot.name: slot.default for slot in spec.slots.values()}
            for name, spec in intent_set.intents.items()
        }
        self._length_slots = {
            name: tuple(slot.name for slot in spec.slots.values() if slot.type == "duration")
            for name, spec in intent_set.intents.items()
        }
        # Words about self-harm or violence win anywhere in an utterance (nlu/safety.py).
        self._safety = SafetySpotter.from_sentences(
            s.text.split() for s in sentences if s.intent == SAFETY
        )
        self._derive_lookups()

    _DERIVED = (
        "_wild_by_first",
        "_wild_by_suffix",
        "_wild_groups",
        "_wild_memo",
        "_by_word",
        "_intents_with",
        "_intent_stems",
        "_stem_words",
        "_long_words",
        "_near_words",
        "_intent_bit",
        "_stem_bits",
        "_vocab_bits",
        "_word_bits",
        "_all_intent_words",
        "_word_marks",
        "_opposites",
    )
    """Lookups rebuilt from the rest in a few milliseconds, so never pickled."""

    def _derive_lookups(self) -> None:
        """Per-process lookups that keep Python-level loops out of each parse."""
        # Free-text groups (by number) under the word that opens them: a prefix's first
        # word, or for groups without a prefix, suffix length -> suffix's first word.
        self._wild_by_first: dict[str, list[int]] = defaultdict(list)
        self._wild_by_suffix: dict[int, dict[str, list[int]]] = defaultdict(dict)
        for number, (n, m, word) in enumerate(self._wild):
            if n:
                self._wild_by_first[word].append(number)
            else:
                self._wild_by_suffix[m].setdefault(word, []).append(number)
        self._wild_groups = list(self._wild.items())
        # `_wild_found` of the token lists of the utterance being parsed (and its parts):
        # emptied at each parse, so nothing is kept from one utterance to the next.
        self._wild_memo: dict[tuple[str, ...], list[tuple[int, int, Any, Sentence]]] = {}
        # A rare word's sentence numbers and their texts, made on the word's first use.
        self._by_word: dict[str, tuple[array, list[str], array]] = {}
        # The intents whose sentences say a word, and each intent's sentences' stems.
        intents_with: dict[str, list[str]] = defaultdict(list)
        for name, words in self._intent_words.items():
            for word in words:
                intents_with[word].append(name)
        self._intents_with = dict(intents_with)
        self._intent_stems = {
            name: frozenset(map(_stem, words)) for name, words in self._intent_words.items()
        }
        # Sentence words by stem, and those of four letters or more (`_explainable`).
        stem_words: dict[str, set[str]] = defaultdict(set)
        for word in self._sentence_words:
            stem_words[_stem(word)].add(word)
        self._stem_words = {stem: frozenset(words) for stem, words in stem_words.items()}
        self._long_words = sorted(w for w in self._sentence_words if len(w) >= 4)
        # A sentence word and its "un-" opposite ("schedule", "unschedule"): fuzz.ratio
        # puts them two letters apart, so "schedule the check in" came within reach of
        # "unschedule checkin" (`_Facts.opposed`). Stems of four letters or more: not "til".
        self._opposites = {
            w[2:]: w
            for w in self._sentence_words
            if w.startswith("un") and len(w) >= 6 and w[2:] in self._sentence_words
        }
        self._near_words: dict[str, frozenset[str]] = {}
        # `_could_end`'s word tests for all intents at once: an intent is a bit, and a
        # stem, a sentence word, or a said word (`_marks`) a mask of the intents whose
        # stems, vocabulary or words hold it (the tests were ~60% of its time).
        self._intent_bit = {name: 1 << k for k, name in enumerate(self._intent_words)}
        self._stem_bits: dict[str, int] = defaultdict(int)
        self._vocab_bits: dict[str, int] = defaultdict(int)
        self._word_bits: dict[str, int] = defaultdict(int)
        for name, bit in self._intent_bit.items():
            for stem in self._intent_stems[name]:
                self._stem_bits[stem] |= bit
            for stem in self._vocab.get(name, ()):
                self._vocab_bits[stem] |= bit
            for word in self._intent_words[name]:
                self._word_bits[word] |= bit
        self._all_intent_words = sorted(self._word_bits)
        self._word_marks: dict[str, tuple[int, int]] = {}

    @classmethod
    def from_path(cls, path: Path | str) -> IntentParser:
        return cls(load_intent_set(path))

    @property
    def intent_set(self) -> IntentSet:
        """The template files as loaded (read from the cache's bytes on first use)."""
        return self._intent_set.get()

    # The start-up cache pickles the parser: its sentences go as compact columns
    # (see assistant.nlu.compact), which load in a fraction of the time.
    def __getstate__(self) -> dict[str, Any]:
        # The texts first, in the order the shortlist reads them (`_text_order`): they
        # are made in that order when the cache is loaded, so each list's texts lie
        # side by side in memory; the table's column refers to the same strings.
        state = {"_text_order": self._text_order(), **self.__dict__}
        tables = tables_for(self._intent_set)
        state["sentences"] = SentenceTable(tables, self.sentences)
        state["_wild"] = {
            key: _WildcardGroup(group.keys, SentenceTable(tables, group.sentences))
            for key, group in self._wild.items()
        }
        state["_vocab"] = dict(self._vocab)
        del state["_texts"]  # the table's own texts
        for name in self._DERIVED:
            del state[name]
        state.pop("fallback", None)  # built and cached on its own
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        del state["_text_order"]  # (only the strings' order in memory)
        self.__dict__.update(state)
        self._texts = self.sentences.texts
        self._vocab = defaultdict(frozenset, state["_vocab"])
        self._derive_lookups()

    def _text_order(self) -> list[str]:
        """Every sentence text once, in the order of the rare-word lists the shortlist
        scores (`_word_entry`: by length), the longest lists first, each text in the
        first list that has it. RapidFuzz reads a list's strings one after the other:
        strings made in that order lie side by side in memory, so reading one brings
        the next into the cache with it (the lists' strings scattered over the
        table's 120,000 cost two to four times as much to score)."""
        texts = self._texts
        placed = bytearray(len(texts))
        order: list[str] = []
        for _word, numbers in sorted(self._index.items(), key=lambda i: (-len(i[1]), i[0])):
            for k in sorted(numbers, key=lambda k: (len(texts[k]), k)):
                if not placed[k]:
                    placed[k] = 1
                    order.append(texts[k])
        order += (text for k, text in enumerate(texts) if not placed[k])
        return order

    def slot_defaults(self) -> dict[str, dict[str, Any]]:
        """{intent: {slot: default}} for every intent that has slots."""
        return {name: dict(d) for name, d in self._defaults.items() if d}

    @property
    def intent_names(self) -> list[str]:
        return sorted(self.intent_set.intents)

    # -- matching ---------------------------------------------------------------

    fallback: Fallback | None = None
    """A second opinion for what the matcher leaves unanswered (nlu/fallback.py); set
    by `load_parser` when enabled, never pickled."""

    def normalized(self, text: str) -> Normalized:
        """The utterance as the matcher reads it (placeholders and list values tagged)."""
        return self._entities.tag(normalize(text))

    def parse(self, text: str) -> Intent:
        """The intent of one utterance ("none" when it is not a request)."""
        got, unanswered = self._parse(text)
        if unanswered is not None and self.fallback is not None:
            # only "none" lines: a line the matcher answers is never changed
            return self.fallback.guess(self, unanswered, text) or got
        if UNSURE_LENGTH in text and self._length_slots.get(got.name):
            # The listener's mark that the recognizer lost a spoken length: whichever of
            # the words the request was read from (a clause, a split), its length is
            # asked, never the default ("we need a free we need to timeout" read from
            # "we need to timeout" would have been the default minute).
            unclear = dict.fromkeys(self._length_slots[got.name])
            return Intent(got.name, {**got.slots, **unclear, UNCLEAR: True}, got.confidence, text)
        return got

    def _parse(self, text: str) -> tuple[Intent, Normalized | None]:
        """The matcher's intent, and the utterance when it was left unanswered for want
        of a match (not for safety words, length or emptiness): the fallback's input."""
        # (a hedge found is never empty: `without_open_end` wants words before it)
        hedged = (
            (without_open_end(text) or without_open_bound(text)) if len(text) <= 2000 else None
        )  # "space for over an hour" is asked about too
        if hedged is not None:
            # "a break, maybe longer", "ten minutes of space or more": the request without
            # the hedge, its length asked about (read with it, "maybe more" was a request
            # for more time, and fillers took "maybe" away: "we need #d more").
            got, _ = self._parse_whole(hedged)
            if not self._length_slots.get(got.name):
                got, _ = self._parse_whole(text)  # "ten minutes, maybe more": still unsettled
            if self._length_slots.get(got.name):
                self._ask_length(got.slots, got.name, lambda _seconds: False)
                return Intent(got.name, got.slots, got.confidence, text), None
        return self._parse_whole(text)

    def _parse_whole(self, text: str) -> tuple[Intent, Normalized | None]:
        if len(text) > 2000:  # far longer than any request: do not even tokenise it all
            return Intent(NONE, {}, 1.0, text), None
        self._wild_memo.clear()
        norm = self._entities.tag(normalize(text))
        spotted = self._safety.spot(norm.tokens)
        if spotted is not None:  # safety words win; used as an idiom they are talk
            name = SAFETY if spotted == FOUND else NONE
            return Intent(name, self._defaults.get(name, {}), 1.0, text), None
        if not norm.tokens or len(norm.tokens) > MAX_WORDS:
            return Intent(NONE, {}, 1.0, text), None
        if _TALKED_ABOUT.search(text) or _HEARTHS_CHECKIN.search(text):
            # Hearth talked about, not to: "do you think hearth actually helps", (round 13
            # A) "I think hearth's check-in at nine is too late for us"
            return Intent(NONE, {}, 1.0, text), None
        whole = norm
        habit = _WHEN_REMARK.search(text) is not None or _time_we_have(norm.tokens)
        best, score = (None, 0.0) if habit else self._match(norm)
        if best is None and not habit and MIN_AGREE_WORDS <= len(norm.tokens) <= MAX_SPLIT_WORDS:
            split = self._split_match(norm)
            if split is not None:
                best, norm = split
        if best is not None and best.sentence.intent == SAFETY and best.score < SAFETY_NEAR:
            best = None  # it stops everything: a near miss of those words is not enough
        if best is None:
            # "kids are at grandma's, hearth, let's start our walk" (nlu/clauses.py);
            # its clauses are read by the matcher alone
            found = clause_request(self._matched, text)
            if found is not None:
                intent = found.intent
                lengths = self._length_slots.get(intent.name, ())
                if lengths:
                    remarks = normalize(found.remarks)
                    if any(intent.slots.get(name) is not None for name in lengths):
                        # a length or a number beside the request: its own length corrected
                        # ("pause for two minutes, actually three"), or one it lacks
                        self._ask_length(intent.slots, intent.name, partial(_agrees, remarks))
                    elif LENGTH_UNITS.intersection(remarks.words):
                        # no length read, one said beside ("more time please, like, um,
                        # hour"): asked about as a length said unclearly
                        intent.slots[UNCLEAR] = True
                return intent, None
            return Intent(NONE, {}, _clamp(1.0 - score), text), norm
        if any(talk.search(whole.text) for talk in _TALK_AS.get(best.sentence.intent, ())) or (
            # round 15 B: "we had a proper talk tonight, didn't we" asks the partner
            best.sentence.intent == "win" and whole.tokens[-2:] in _ASKS_PARTNER
        ):
            return Intent(NONE, {}, 1.0, text), None
        slots = self._slots(best, norm)
        unread = LENGTH_UNITS.intersection(whole.tokens) - best.sentence.tokens
        if unread:
            # A length unit said and not read as a length ("can we take a break for uh,
            # hour"): a length the utterance did not say (the intent's default, a
            # template's fixed value) would be a guess. One of an unread unit is no guess
            # ("the pause continues for another minute": 60 s).
            said = {*whole.durations, *(UNIT_SECONDS[unit] for unit in unread)}
            self._ask_length(slots, best.sentence.intent, said.__contains__)
        endearment = {"repeat": _ENDEARMENT, "volume": _PARTNERS_NAME}.get(best.sentence.intent)
        if endearment is not None and endearment.search(text) and not _NAMED.search(text):
            # round 13 A: "sorry love, say that again?", "repeat what you said, babe": the
            # partner, called by an endearment and Hearth not named, is asked; (round 14 A)
            # so with "speak louder, babe, I can't hear you over the hoover"
            return Intent(NONE, {}, 1.0, text), None
        if (
            best.sentence.intent == EXTEND
            and slots.get("seconds") is not None
            and not whole.durations
            and not unread
            and not _A_BIT_MORE.search(text)
        ):
            # "more time please", "we need longer", "extend it": no length said, so none
            # is guessed (Hearth asks how much more); "a bit more", "a little longer",
            # "another one" are the default minute, as "a bit" is for a pause
            slots["seconds"] = None
        intent = Intent(best.sentence.intent, slots, _clamp(best.score), text)
        return intent, None

    def _ask_length(self, slots: dict[str, Any], intent: str, said: Callable[[int], bool]) -> None:
        """Each length `slots` holds that was not `said` is asked for instead (null and
        `UNCLEAR`: the dialog asks how long)."""
        for name in self._length_slots.get(intent, ()):
            value = slots.get(name)
            if value is not None and not said(value):
                slots[name], slots[UNCLEAR] = None, True

    def _matched(self, text: str) -> Intent:
        return self._parse(text)[0]

    def _match(self, norm: Normalized) -> tuple[Candidate | None, float]:
        """(accepted candidate or None, best score seen)."""
        shortlist = self._shortlist(norm)
        wild = self._wild_candidates(norm, _Facts(norm))  # the same with either shortlist
        candidates = self._candidates(norm, shortlist, wild)
        best, score, tied = _decide(candidates)
        if tied and not shortlist.exact:
            # The set order decides which sentences are in, or which of equal ones wins.
            candidates = self._candidates(norm, self._in_set_order(norm, shortlist), wild)
            best, score, _ = _decide(candidates)
        return best, score

    def _in_set_order(self, norm: Normalized, shortlist: _Shortlist) -> _Shortlist:
        """`_shortlist(norm, exact=True)` made from `shortlist` (not exact), without scoring
        the set's thousand-odd texts again.

        `shortlist` holds every sentence of the pool that scores its last place's ratio or
        more (all of them when it has fewer than `SHORTLIST`; all those sharing the last
        place when it is loose; else the only `SHORTLIST` best): the exact shortlist's
        sentences are among them, with the same ratios (the same strings and scorer).
        RapidFuzz puts equal scores in the order of the choices (its documentation: "sorted
        by their index"), and the exact shortlist's choices are the set of sentence numbers
        in its iteration order: so the set is built as `_set_shortlist` builds it, and these
        sentences are taken in its order, best first (a stable sort), `SHORTLIST` of them.
        Near `SHORTLIST_MIN` RapidFuzz's cutoff could round a ratio out of one and not the
        other: the set's own shortlist is made then."""
        items = shortlist.items
        if not items or items[-1][1] < SHORTLIST_MIN + 1:
            return self._shortlist(norm, exact=True)
        ids: set[int] = set()
        for token in sorted(set(norm.tokens)):
            ids.update(self._index.get(token, ()))
        scores = dict(items)
        ranked = [(k, scores[k]) for k in ids if k in scores]
        ranked.sort(key=itemgetter(1), reverse=True)  # stable: equal ones in the set's order
        return _Shortlist(ranked[:SHORTLIST], exact=True)

    def _split_match(self, norm: Normalized) -> tuple[Candidate, Normalized] | None:
        """A request said next to a remark: "we're getting heated, can we pause".

        Only tried when the whole utterance matched nothing. The request part
        must start (or end) the utterance at a request opener, have at least
        `MIN_REQUEST_WORDS` words and score `SPLIT_ACCEPT`; the remark must be
        short, free of negations, of "you" and of other people, and must not
        itself be a different request; a request running on into it with "or",
        "if" or a bare "... and" ("say that again and I'm leaving") is a threat.
        Conservative on purpose: a false request in an argument costs more than
        a missed one.
        """
        tokens = norm.tokens
        found: tuple[Candidate, Normalized] | None = None
        parts = _Parts(self, norm)
        if len(tokens) <= MAX_AGREE_WORDS:
            agreed = self._agreeing_halves(norm, parts)
            if agreed is not None:
                return agreed
        if len(tokens) < MIN_SPLIT_WORDS:
            return None
        for k in range(MIN_REMARK_WORDS, len(tokens) - 1):
            for request, remark in (((k, len(tokens)), (0, k)), ((0, k), (k, len(tokens)))):
                if request[0] == k and tokens[k] not in REQUEST_OPENERS:
                    continue
                if remark[0] == k and tokens[k] not in REMARK_OPENERS:
                    continue
                if request[1] - request[0] < MIN_REQUEST_WORDS:
                    continue
                rest = set(tokens[remark[0] : remark[1]])
                if remark[1] - remark[0] > 6 or rest & (NEGATIONS | OTHER_PEOPLE | _YOU):
                    continue
                if "ready" in rest and rest & _NEARLY:
                    continue
                if rest & _BUSY_IN:
                    continue  # round 13 A: "give me a minute, I'm in the toilet" asks the partner
                if remark[0] == 0 and tokens[:2] == ["next", "time"]:
                    continue  # round 13 A: "next time we go to Cebu, let's stay longer": a plan
                if tokens[remark[0]] in _QUESTION_WORDS:
                    continue  # "how long until we can talk again" asks, it does not request
                if remark[0] == 0 and tokens[0] in _PREPOSITIONS:
                    continue  # "in seoul, what things can i do": the remark modifies it
                if remark[0] == k and tokens[request[0]] in _QUESTION_WORDS:
                    continue  # "what was it i wanted to remember": one question
                if request[0] == k and "that" in tokens[k:]:
                    continue  # "i ran out of cherrios so add that to the list": it is the remark
                joiner = tokens[request[1] - 1]
                if joiner in JOINERS and (joiner != "and" or tokens[request[0]] not in _JOINT):
                    continue
                if remark[0] == k and joiner in _PREPOSITIONS:
                    continue  # "let's have breakfast at | that diner": the remark is its object
                if not parts.could_end(*request, SPLIT_ACCEPT, split=True) - _NEVER_BESIDE_A_REMARK:
                    continue  # no candidate could pass the tests below (nor be of an intent
                    # they turn down beside a remark: ANSWERS and SAID_TO_PARTNER_TOO)
                part = parts.norm(*request)
                best = parts.match(*request)
                if best is None or best.score < SPLIT_ACCEPT:
                    continue
                if best.sentence.intent in _NEVER_BESIDE_A_REMARK:
                    continue  # an answer counts only on its own: "... can you do it for me"
                if best.sentence.intent == "stop" and tokens[request[1] - 1] in ADDRESS_LEADS:
                    continue  # round 13 B: "never mind, love, I found my glasses" is to the partner
                if not _ends_in(part, best):
                    continue  # only near-spelt: "we're back where..." is not "we're back"
                if (set(part.tokens) & _YOU) - best.sentence.tokens:
                    continue  # "you forget everything i say" is a reproach
                other = parts.match(*remark)
                if other is not None and other.sentence.intent != best.sentence.intent:
                    continue
                if other is not None and _says_value(other.sentence) > _says_value(best.sentence):
                    # "give me 45 minutes by myself, I need to clear my head": the length
                    # is in the other part, which says the same request
                    best, part = other, parts.norm(*remark)
                if found is not None and found[0].sentence.intent != best.sentence.intent:
                    return None  # two different requests: ambiguous
                if found is None or best.score > found[0].score:
                    found = (best, part)
        return found

    def _agreeing_halves(
        self, norm: Normalized, parts: _Parts
    ) -> tuple[Candidate, Normalized] | None:
        """Two parts that each are the same request: "we're calm now, let's continue".

        Each half must be accepted on its own, as the same intent, and the utterance
        must split where the second half starts a request or a remark.
        """
        tokens = norm.tokens
        for k in range(1, len(tokens)):
            opens = tokens[k] in REQUEST_OPENERS or tokens[k] in REMARK_OPENERS
            if not opens and k < len(tokens) - 1:
                continue  # the last word alone may still be a request ("..., pause")
            second = parts.norm(k, len(tokens))
            # no intent could accept both halves (each ending in its words): the second
            # (often a word or two) is looked at first, the first only if need be
            if not second.tokens:
                continue
            ends = parts.could_end(k, len(tokens), ACCEPT)
            if not ends:
                continue
            first = parts.norm(0, k)
            if not first.tokens or not ends & parts.could_end(0, k, ACCEPT):
                continue
            a = parts.match(0, k)
            if a is None or not _ends_in(first, a) or a.sentence.intent not in ends:
                # b must be accepted as a's intent ending in its last word: that intent
                # is then in `ends` (the bound), so with it not there b cannot be
                continue
            b = parts.match(k, len(tokens))
            if b is None or b.sentence.intent != a.sentence.intent:
                continue
            if not _ends_in(second, b):
                continue
            # the part that says a value keeps it ("..., can we take five")
            if not _says_value(a.sentence) and _says_value(b.sentence):
                return b, second
            return a, first
        return None

    def _sub(self, norm: Normalized, start: int, end: int) -> Normalized:
        text = norm.source[norm.spans[start][0] : norm.spans[end - 1][1]]
        return self._entities.tag(normalize(text))

    def explain(self, text: str) -> list[tuple[str, str, float]]:
        """(intent, sentence, penalised score) of the top candidates, for debugging."""
        norm = self._entities.tag(normalize(text))
        if not norm.tokens:
            return []
        shortlist = self._shortlist(norm, exact=True)
        cands = sorted(self._candidates(norm, shortlist), key=lambda c: -c.score)
        return [(c.sentence.intent, c.sentence.text, round(c.score, 3)) for c in cands]

    def _shortlist(self, norm: Normalized, exact: bool = False) -> _Shortlist:
        """(sentence number, fuzz.ratio) of the `SHORTLIST` sentences most like the
        utterance among those sharing one of their rarest words with it (at least
        `SHORTLIST_MIN`), best first.

        The shortlist as it always was puts equal scores in the order of a Python set of
        the candidate numbers (a union of the rare words' lists): that order decides
        which of several equal sentences make the shortlist, and the order in which
        they are looked at. Building that set, and a list of its texts to score, cost
        more than the scoring. So each rare word's own list (with its texts, kept) is
        scored instead, its best `PER_WORD` only, and the lists' results merged, with
        equal scores in sentence-number order (a list cut short at the last place's
        score is read again for all sentences with that score). When more sentences
        share the last place's score than there are places, all of them are returned
        (`loose`), and all are looked at. `_match` asks again with `exact` (the set, as
        always) only when equal candidates tie.
        Utterances no whole-template sentence can pass get an empty shortlist.
        """
        if exact:
            return _Shortlist(self._set_shortlist(norm), exact=True)
        if self._hopeless(norm.tokens):
            return _Shortlist([], exact=True)  # no order to keep
        text = norm.text
        scores: dict[int, float] = {}
        cut: list[tuple[float, array, list[str]]] = []  # lists cut at PER_WORD
        # No sentence scoring below `floor` can make the shortlist; once SHORTLIST are
        # scored, their last score is one. fuzz.ratio is at most 200 * shorter length /
        # both lengths, so only a window of lengths can reach it: each list is kept in
        # length order, and only that window is scored.
        floor = SHORTLIST_MIN
        top: list[float] = []  # the best SHORTLIST scores, a heap
        length = len(text)
        for token in set(norm.tokens):
            entry = self._by_word.get(token)
            if entry is None:
                if token not in self._index:
                    continue
                entry = self._word_entry(token)
            numbers, texts, lengths = entry
            reach = floor - 1e-6  # a hair under: rounding never shuts out a tie
            start = bisect_left(lengths, reach * length / (200 - reach))
            end = bisect_right(lengths, length * (200 - reach) / reach)
            if start >= end:
                continue
            window = texts if start == 0 and end == len(texts) else texts[start:end]
            # A sentence below `floor` cannot make the shortlist: RapidFuzz need not
            # report it (a list giving fewer than PER_WORD then gave all that can).
            # Its conversion of a cutoff to a distance can lose a score 1e-6 above the
            # cutoff (see `last` below): a hundredth lower keeps every tie.
            cutoff = SHORTLIST_MIN if floor == SHORTLIST_MIN else floor - 0.01
            found = process.extract(
                text, window, scorer=fuzz.ratio, limit=PER_WORD, score_cutoff=cutoff
            )
            for _text, score, k in found:
                number = numbers[start + k]
                if number in scores:
                    continue  # listed under two of the words: the same score again
                scores[number] = score
                if len(top) < SHORTLIST:
                    heappush(top, score)
                elif score > top[0]:
                    heapreplace(top, score)
            if len(found) == PER_WORD:
                cut.append((found[-1][1], numbers, texts))
            if len(top) == SHORTLIST:
                floor = top[0]  # the SHORTLIST-th best score so far
        if len(top) < SHORTLIST:  # (a cut list alone gives SHORTLIST)
            return _Shortlist(_best_first(scores), exact=False)
        last = top[0]  # the SHORTLIST-th best score: `top` holds the SHORTLIST best
        # Only sentences scoring `last` or more are looked at below: only they are sorted.
        ranked = _best_first({k: v for k, v in scores.items() if v >= last})
        # A list cut at `last` may hold more sentences scoring `last`: all of them. (A
        # cutoff of exactly `last` can lose some to rounding in RapidFuzz's conversion
        # of it to a distance: a hair lower, and those below `last` are left out later.)
        extra = [
            process.extract(text, texts, scorer=fuzz.ratio, limit=None, score_cutoff=last - 1e-3)
            for score, _numbers, texts in cut
            if score == last
        ]
        if extra:
            for found, (_score, numbers, _texts) in zip(
                extra, (c for c in cut if c[0] == last), strict=True
            ):
                for _text, score, k in found:
                    scores[numbers[k]] = score
            ranked = _best_first({k: v for k, v in scores.items() if v >= last})
        if len(ranked) == SHORTLIST or ranked[SHORTLIST][1] < last:
            return _Shortlist(ranked[:SHORTLIST], exact=False)
        # More sentences score `last` than there are places left: which ones are in
        # follows the set order. All of them are looked at (see `_match`).
        ranked = [item for item in ranked if item[1] >= last]
        return _Shortlist(ranked, exact=False, loose=last)

    def _hopeless(self, tokens: list[str]) -> bool:
        """`_verify` would reject every whole-template sentence, whichever were
        shortlisted: the utterance says another person or thing, or a negation, that
        no sentence has, ends in a word no sentence explains, or has more unexplained
        content words than any template tolerates.

        Each test is one of `_verify`'s rejections with the sentence's words widened to
        every sentence's words (a word near no sentence word at all is near none of one
        sentence's words), so it never rejects what `_verify` would keep. Most useful
        for the parts the split search tries and for talk about other things: "turn on
        the lights", a part ending in a word no command ends in.
        """
        words = self._sentence_words
        said = frozenset(tokens)
        if (said & OTHER_PEOPLE) - words or (said & NEGATIONS) - words:
            return True
        unexplained = 0
        for word in said:
            if word in words or word in FUNCTION_WORDS:
                continue
            stem = _stem(word)
            if stem in self._sentence_stems or (len(word) >= 4 and _near(word, words)):
                continue
            if word == tokens[-1]:
                return True  # the utterance ends in a word no sentence explains
            unexplained += stem not in self._any_vocab
        # more unexplained content words than any template tolerates
        return unexplained > MAX_EXTRA_CONTENT + 1

    def _word_entry(self, token: str) -> tuple[array, list[str], array]:
        """The sentence numbers listed under a rare word, their texts and the texts'
        lengths, shortest first (kept: numbers and lengths as C int arrays, since the
        entries of a long-running Hearth come to hold the whole index)."""
        rows = sorted((len(self._texts[k]), k) for k in self._index[token])
        numbers = array("i", [k for _length, k in rows])
        texts = list(map(self._texts.__getitem__, numbers))
        entry = (numbers, texts, array("i", [n for n, _k in rows]))
        self._by_word[token] = entry
        return entry

    def _set_shortlist(self, norm: Normalized) -> list[tuple[int, float]]:
        """The shortlist as it was always made: equal scores in the order of a set of
        sentence numbers. The numbers go in word by word in alphabetical order: in the
        order of a set of the words before 2026-12-02, which their hashes decide, so with
        equal scores the same utterance could read another way in another process ("i'll
        be back in an hour i just need to be on my own" a space of an hour in about one
        process of four, of no length said in the others)."""
        ids: set[int] = set()
        for token in sorted(set(norm.tokens)):
            ids.update(self._index.get(token, ()))
        order = list(ids)
        texts = list(map(self._texts.__getitem__, order))
        return [
            (order[k], score)
            for _text, score, k in process.extract(
                norm.text, texts, scorer=fuzz.ratio, limit=SHORTLIST, score_cutoff=SHORTLIST_MIN
            )
        ]

    def _candidates(
        self, norm: Normalized, shortlist: _Shortlist, wild: list[Candidate] | None = None
    ) -> list[Candidate]:
        """The candidates that pass the checks. `wild`: the free-text templates'
        candidates (`_wild_candidates`), when already made."""
        out: list[Candidate] = []
        said: _Said | None = None
        facts = _Facts(norm)
        for k, score in shortlist.items:
            sentence = self.sentences[k]
            if not self._allowed(sentence, norm, facts) or _list_word_misused(
                norm.tokens, sentence
            ):
                continue
            if said is None:
                said = _Said.of(norm.tokens)
            adjusted = _verify(said, sentence, score / 100.0, self._vocab[sentence.intent])
            if adjusted > 0:
                out.append(Candidate(sentence, adjusted))
        out += self._wild_candidates(norm, facts) if wild is None else wild
        return out

    def _wild_candidates(self, norm: Normalized, facts: _Facts) -> list[Candidate]:
        """The free-text templates' candidates that pass the checks (they do not depend
        on the shortlist)."""
        out: list[Candidate] = []
        n_tokens = len(norm.tokens)
        for n, m, found, sentence in self._wild_found(norm.tokens):
            if not self._allowed(sentence, norm, facts):
                continue
            if TEXT_REJECT.intersection(norm.tokens[n : n_tokens - m]):
                continue
            if sentence.intent == "add_idea" and _idea_said_to_partner(norm.tokens, n):
                continue  # "new idea: you stop complaining" is a demand, not an idea
            fixed_tokens = norm.tokens[:n] + norm.tokens[n_tokens - m :]
            if not _object_said(fixed_tokens, sentence):
                continue  # "i want to give this album 3 stars" names another object
            if (
                "list" in sentence.tokens
                and not _IDEA_SAID.intersection(fixed_tokens)
                and facts.list_kind == "the"
            ):
                said = [t for t in norm.tokens[n : n_tokens - m] if t not in FUNCTION_WORDS]
                if not any(t.endswith("ing") or t in OUTING_WORDS for t in said):
                    continue  # "add toilet paper to the list": shopping, not something to try
            adjusted = _verify(
                _Said.of(fixed_tokens), sentence, found[1] / 100.0, self._vocab[sentence.intent]
            )
            if adjusted > 0:
                # A whole template sentence beats free text ("add an idea to the list");
                # among free-text ones the longer fixed part wins ("... for her | text").
                adjusted += 0.0005 * (n + m) - 0.008
                out.append(Candidate(sentence, adjusted, (n, n_tokens - m)))
        return out

    def _could_end(self, part: Normalized, threshold: float, split: bool = False) -> set[str]:
        """The intents of which a candidate for `part` could score `threshold` or more and
        say the part's last word (`_ends_in`). The split search asks nothing else of
        a part's match, so a part that no intent could end so is not matched at all.

        An upper bound, never below what `_match` finds: a whole-template sentence says
        only words its intent's sentences say, so `_verify`'s tests are made with the
        sentence widened to all of them (its negations as one of them says them, another
        person or thing, too many unexplained words, the intent's required words), and
        the score with each word explained as well as any of the intent's sentences
        could explain it (a precision p gives an F-score of at most 2p / (1 + p)) and the
        string similarity the lengths of its texts saying the last word allow. Free-text
        templates' intents are in whenever their fixed words come near. `split`: the
        part's "you" must be said too (the split search's test of a request).
        """
        tokens = part.tokens
        if not tokens:
            return set(self._intent_words)  # nothing to bound: matched as always
        last = tokens[-1]
        names = self._intent_words if last in FUNCTION_WORDS else self._intents_with.get(last, ())
        found = {sentence.intent for _n, _m, _found, sentence in self._wild_found(tokens)}
        utt = frozenset(tokens)
        negations, needed = utt & NEGATIONS, utt & OTHER_PEOPLE
        if split:
            needed |= utt & _YOU
        said = [(w, _weight(w), _stem(w), w in FUNCTION_WORDS) for w in utt]
        total = _total_weight(said)
        # (weight, intents it is a hit of, intents it is half a hit of, function word)
        marked = [(info[1], *self._marks(info[0], info[2]), info[3]) for info in said]
        length, key = len(part.text), "" if last in FUNCTION_WORDS else last
        explainable = self._explainable(utt)
        weights = {word: _weight(word) for word in explainable}
        for name in names:
            if name in found:
                continue
            # fuzz.ratio is at most 2 x the shorter length / both lengths
            shortest, longest = self._intent_lengths[name][key]
            nearest = min(max(length, shortest), longest)
            similarity = 2 * min(length, nearest) / (length + nearest)
            if RATIO_WEIGHT * similarity + (1 - RATIO_WEIGHT) < threshold - 1e-9:
                continue  # not even with an F-score of 1
            words = self._intent_words[name]
            if negations not in self._intent_negations[name] or not needed <= words:
                continue
            # a word's stem among the intent's stems or a near spelling of one of its
            # words: a hit; its stem in the intent's vocabulary: half one (`_marks`)
            bit = self._intent_bit[name]
            hit, extra = 0.0, 0
            for weight, hits, halves, function in marked:
                if hits & bit:
                    hit += weight
                elif halves & bit:
                    hit += weight / 2
                elif not function:
                    extra += 1
            if extra > MAX_EXTRA_CONTENT + 1:
                continue
            precision = hit / total
            if not precision:
                continue  # (as below: `_verify` rejects it)
            # the F-score with a recall of 1 is the most it can be: most intents fail
            # here, before their recall's set intersection (a slack of 1e-6 > 1e-9 below)
            ceiling = (1 + BETA2) * precision / (BETA2 * precision + 1)
            if RATIO_WEIGHT * similarity + (1 - RATIO_WEIGHT) * ceiling < threshold - 1e-6:
                continue
            # Recall: the sentence's words the part explains (`_verify`) are among the
            # intent's words in `explainable`; a sentence saying the last word weighs at
            # least the lightest of the intent's that do: a/w <= (all of them)/(lightest).
            found_weight = sum(map(weights.__getitem__, explainable & words))
            recall = min(1.0, found_weight / self._intent_lightest[name][key])
            if not precision or not recall:
                continue  # `_verify` rejects a sentence with either at 0
            f_score = (1 + BETA2) * precision * recall / (BETA2 * precision + recall)
            if RATIO_WEIGHT * similarity + (1 - RATIO_WEIGHT) * f_score < threshold - 1e-9:
                continue  # (a hair under: a sum's rounding never shuts out an equal score)
            if self._required_said(name, tokens):
                found.add(name)
        return found

    def _marks(self, word: str, stem: str) -> tuple[int, int]:
        """The intents (`_intent_bit`) `word` is a hit of in `_could_end` (its stem among
        theirs, or of four letters or more and near one of their words: `_near`), and
        those whose vocabulary holds its stem. Kept per word, like `_near_words`."""
        marks = self._word_marks.get(word)
        if marks is None:
            hits = self._stem_bits.get(stem, 0)
            if len(word) >= 4:
                # `_near`'s test (extractOne at NEAR) over every intent's words at once
                found = process.extract(
                    word, self._all_intent_words, scorer=fuzz.ratio, score_cutoff=NEAR, limit=None
                )
                for near, _score, _k in found:
                    hits |= self._word_bits[near]
            if len(self._word_marks) >= NEAR_WORDS_KEPT:
                self._word_marks.clear()
            marks = self._word_marks[word] = (hits, self._vocab_bits.get(stem, 0))
        return marks

    def _explainable(self, utt: frozenset[str]) -> set[str]:
        """The sentence words `_verify` could count as said by `utt` (its recall): those
        whose stem one of `utt`'s words has, and those of four letters or more near one
        of them (fuzz.ratio 85, taken at 84 here: never fewer)."""
        out: set[str] = set()
        for word in utt:
            out |= self._stem_words.get(_stem(word), _NO_WORDS)
            near = self._near_words.get(word)
            if near is None:
                if len(self._near_words) >= NEAR_WORDS_KEPT:
                    self._near_words.clear()
                found = process.extract(
                    word, self._long_words, scorer=fuzz.ratio, score_cutoff=NEAR - 1, limit=None
                )
                near = self._near_words[word] = frozenset(w for w, _score, _k in found)
            out |= near
        return out

    def _wild_found(self, tokens: list[str]) -> list[tuple[int, int, Any, Sentence]]:
        """(prefix length, suffix length, RapidFuzz's find, sentence) of each free-text
        group whose fixed words the utterance's first and last words come near. The
        split search asks it twice of a part (`_could_end`, then `_match`): kept for the
        utterance being parsed (`_wild_memo`)."""
        said = tuple(tokens)
        found = self._wild_memo.get(said)
        if found is None:
            if len(self._wild_memo) >= 64:  # (only an utterance's parts are asked)
                self._wild_memo.clear()
            found = self._wild_memo[said] = list(self._wild_finds(tokens))
        return found

    def _wild_finds(self, tokens: list[str]) -> Iterable[tuple[int, int, Any, Sentence]]:
        n_tokens = len(tokens)
        numbers = list(self._wild_by_first.get(tokens[0], ()))
        for m, by_word in self._wild_by_suffix.items():
            if m < n_tokens:
                numbers += by_word.get(tokens[n_tokens - m], ())
        numbers.sort()  # in the groups' own order, as ties between them are decided so
        for number in numbers:
            (n, m, _word), group = self._wild_groups[number]
            if n_tokens <= n + m:
                continue
            key = _wild_key(tuple(tokens[:n]), tuple(tokens[n_tokens - m :]))
            found = process.extractOne(
                key, group.keys, scorer=fuzz.ratio, score_cutoff=WILDCARD_MIN
            )
            if found is not None:
                yield n, m, found, group.sentences[found[2]]

    def _allowed(self, sentence: Sentence, norm: Normalized, facts: _Facts) -> bool:
        """Intent-level rules: required words, and no idiomatic "a second" durations."""
        said = facts.required_said.get(sentence.intent)
        if said is None:
            said = facts.required_said[sentence.intent] = self._required_said(
                sentence.intent, norm.tokens
            )
        if not said:
            return False
        if sentence.intent in self._joint and facts.solo:
            return False  # "i want a coffee" is not the coffee ritual
        if "list" in sentence.tokens and facts.list_kind == "other":
            return False  # "add laundry to my to do list" is not our list of ideas
        opposed = facts.opposed(self._opposites)
        if opposed and not opposed.isdisjoint(sentence.tokens):
            return False  # "schedule the check in" is not "unschedule checkin"
        # "give me a second" / "hold on a sec" is an idiom, not a timer
        return not (DURATION in sentence.tokens and facts.short_duration)

    def _required_said(self, intent: str, tokens: list[str]) -> bool:
        for required in self._requires.get(intent, ()):
            # a near spelling still counts ("brek" for "break")
            if required.isdisjoint(tokens) and not any(
                len(t) >= 4 and _near(t, required) for t in tokens
            ):
                return False
        return True

    def _slots(self, cand: Candidate, norm: Normalized) -> dict[str, Any]:
        sentence = cand.sentence
        slots = dict(self._defaults.get(sentence.intent, {}))
        slots.update(sentence.fixed)
        used: dict[str, int] = defaultdict(int)
        values = {DURATION: norm.durations, TIME: norm.times, CADENCE: norm.cadences}
        values.update(norm.entities)
        for placeholder, name in sentence.slots:
            k = used[placeholder]
            if k < len(values.get(placeholder, ())):
                slots[name] = values[placeholder][k]
                used[placeholder] += 1
                if slots[name] is None and placeholder == DURATION:
                    slots[UNCLEAR] = True  # a length was said, not readable: ask
        if used[DURATION] and used[DURATION] < len(set(norm.durations)):
            # more lengths said than the sentence holds ("ten minutes five minutes")
            for placeholder, name in sentence.slots:
                if placeholder == DURATION:
                    slots[name], slots[UNCLEAR] = None, True
        if sentence.text_slot and cand.text_span:
            start, end = cand.text_span
            # From just after the fixed words to just before them: fillers and
            # articles dropped from the tokens still belong to the person's words.
            lo = norm.spans[start - 1][1] if start > 0 else 0
            hi = norm.spans[end][0] if end < len(norm.spans) else len(norm.source)
            words = norm.source[lo:hi].strip(" ,.:;-!?\"'")
            words = _NAME_AT_ENDS.sub("", words)  # round 13 B: the name is not the text
            first, _, rest = words.partition(" ")
            if rest and first.lower() in _TEXT_LEADS:  # "add an idea: that we cook" -> "we cook"
                words = rest.strip(" ,.:;-")
            if first.lower() in _REASON_LEADS:
                words = ""
            # round 15 B: "... i'll think of it in a sec"; 16 B: "..., hang on, let me think"
            if _DEFERRED_TEXT.match(words) or _HELD_TEXT.match(words):
                words = ""
            said = set(normalize(words).tokens) - FUNCTION_WORDS - PRONOUNS - VAGUE_TEXT
            slots[sentence.text_slot] = words if words and said else None
        return slots

    # -- for speech grammars ------------------------------------------------------

    def vocabulary(self) -> set[str]:
        """Every word any command can contain (lower case, apostrophes kept).

        Includes the words of every template literal and list phrase, and the
        words slot values are said with (numbers, units, times, cadences).
        """
        from assistant.nlu.numbers import CADENCES, TENS, UNITS
        from assistant.nlu.templates import Words, walk

        words: set[str] = set()

        def add(text: str) -> None:
            for word in text.lower().replace("’", "'").split():
                word = word.strip('.,!?;:"')
                if word and not word[0].isdigit():
                    words.add(word)

        for spec in self.intent_set.intents.values():
            for tpl in spec.templates:
                for node in walk(tpl.ast):
                    if isinstance(node, Words):
                        add(node.text)
        for rule in self.intent_set.rules.values():
            for node in walk(rule):
                if isinstance(node, Words):
                    add(node.text)
        for value_list in self.intent_set.lists.values():
            for phrases in value_list.values.values():
                for phrase in phrases:
                    add(phrase)
        slot_words = [*UNITS, *TENS, *(u for u in UNIT_SECONDS if len(u) > 3)]
        slot_words += _words("a an and half quarter past to o'clock am pm in the morning evening")
        slot_words += _words("at night tonight noon midnight couple few of hundred")
        # lengths said unclearly are heard too, so Hearth can ask ("five or ten minutes")
        slot_words += _words("several some or quarters till until")
        for phrases in CADENCES.values():
            slot_words += [w for p in phrases for w in p.split()]
        for source, canonical in SYNONYMS.items():
            add(source)
            add(canonical)
        for filler in (*FILLERS, *WAKE_WORDS, "hey", "hi", "okay"):
            add(filler)
        words.update(w for w in slot_words if not w[0].isdigit() and w != "minuts")
        return words

    def command_phrases(self, per_template: int = 8, other_numbers: bool = False) -> list[str]:
        """`command_sentences(per_template)`'s `phrases`, or with `other_numbers` its
        `other_numbers`."""
        sentences = self.command_sentences(per_template)
        return sentences.other_numbers if other_numbers else sentences.phrases

    def command_sentences(
        self, per_template: int = 8, every_up_to: int = SHORT_WORDINGS
    ) -> CommandSentences:
        """Full command sentences, as spoken, from one walk over the templates.

        `phrases`: a finite, representative list. Slots are filled with sample spoken
        values ("a minute", "nine thirty", "every day"); sentences that need free text
        (an appreciation's words) or say one slot twice are left out. Each template
        contributes `per_template` sentences: its shortest wordings first (the ones
        people say most), then others spread over the rest; each also comes with
        everyday synonyms of its canonical words ("pause" for "break"). On top of those,
        every wording of at most `every_up_to` words (see `SHORT_WORDINGS`).

        `other_numbers`: each of those wordings that has a length or a time, said once
        more with another one in turn ("ten minutes", "half past seven"): more
        sentences for a speech language model, which learns its numbers from them.
        """
        samples = {
            "duration": [
                "a minute",
                "five minutes",
                "twenty minutes",
                "half an hour",
                "two minutes",
            ],
            "time": ["eight", "nine thirty", "eight pm", "nine"],
            "cadence": ["every day", "every other day", "every evening"],
        }
        # `other_numbers` says each wording with a length or a time with the next of these
        # (in turn over all the sentences). The speech language model learns its numbers
        # from the sentences: with the samples above only, "five minutes" was in 488 of
        # them and "fifteen minutes" in none, and spoken "fifteen minutes" was heard as
        # "five minutes", "ten minutes" as "a minute", "ninety seconds" as "nine
        # seconds", "half past seven" as "nine", each with a posterior near 1.
        more = {
            "duration": [
                "ten minutes",
                "fifteen minutes",
                "three minutes",
                "thirty minutes",
                "an hour",
                "one minute",
                "forty five minutes",
                "ninety seconds",
                "a couple of minutes",
                "thirty seconds",
                "two hours",
                "four minutes",
                "an hour and a half",
                "forty minutes",
                "a few minutes",
                "ten seconds",
            ],
            "time": [
                "seven",
                "seven thirty",
                "half past seven",
                "ten",
                "eight thirty",
                "nine pm",
                "six thirty",
                "eight o'clock",
                "quarter past eight",
                "seven pm",
                "ten thirty",
                "six",
            ],
        }
        used: Counter[str] = Counter()  # of `more`, how many of each type were said
        phrases: dict[str, None] = {}
        numbers: dict[str, None] = {}
        for spec in self.intent_set.intents.values():
            for tpl in spec.templates:
                usable = []  # (wording, the types of its slots)
                for pieces in expand(tpl.ast, self.intent_set.rules):
                    names = [p.name for p in pieces if isinstance(p, SlotRef)]
                    types = [getattr(spec.slots.get(n), "type", None) for n in names]
                    if len(set(names)) == len(names) and "text" not in types and None not in types:
                        usable.append((pieces, set(types)))
                usable.sort(key=lambda wording: _phrase_order(wording[0]))
                for pieces, _types in usable:
                    if _phrase_order(pieces)[0] > every_up_to:
                        break  # sorted: every later wording is at least as long
                    said = self._sample_phrase(spec, pieces, 0, 0, samples)
                    if (
                        len(said.split()) <= every_up_to
                        and said not in phrases
                        and _speakable(said)
                        # what the parser reads as this request: not a wording that
                        # lacks a word its template requires ("that failed")
                        and self.parse(said).name == spec.name
                    ):
                        phrases[said] = None
                shortest = (per_template + 1) // 2
                rest = usable[shortest:]
                step = max(1, len(rest) // max(1, per_template - shortest))
                chosen = usable[:shortest] + rest[::step][: per_template - shortest]
                # A template's shortest wordings are said with every value of a listed
                # slot ("time for coffee", "... breakfast", "... a walk"); the others with
                # one, each wording the next value. Taking the values' words in list
                # order instead gave the first value only: every ritual wording said
                # "walk" (2026-12-02).
                every_value = range(self._most_values(spec))
                for k, (pieces, types) in enumerate(chosen):
                    fills = every_value if k < shortest else (k,)
                    for fill in fills:
                        phrase = self._sample_phrase(spec, pieces, fill, k, samples)
                        for said in (phrase, *_synonym_variants(phrase, k)):
                            if _speakable(said):
                                phrases[said] = None
                    for kind in types.intersection(more):
                        values = more[kind]
                        other = {**samples, kind: [values[used[kind] % len(values)]]}
                        used[kind] += 1
                        said = self._sample_phrase(spec, pieces, fills[0], k, other)
                        if _speakable(said):
                            numbers[said] = None
        # A length before its noun is said in the singular ("a five minute break"), where
        # the samples say "a five minutes break": for the language model only, each such
        # sentence as sampled and once more with another number in turn.
        turn = 0
        for said in [*phrases, *numbers]:
            adjectival = _adjectival_length(said)
            if adjectival == said:
                continue
            number = _ADJECTIVAL_NUMBERS[turn % len(_ADJECTIVAL_NUMBERS)]
            turn += 1
            for variant in (adjectival, _adjectival_length(said, number)):
                if variant not in phrases:
                    numbers[variant] = None
        return CommandSentences(list(phrases), list(numbers))

    def _most_values(self, spec: IntentSpec) -> int:
        """The number of values of the intent's largest listed slot (1 without one)."""
        lists = self.intent_set.lists
        sizes = [len(lists[s.type].values) for s in spec.slots.values() if s.type in lists]
        return max(sizes, default=1)

    def _sample_phrase(
        self, spec: IntentSpec, pieces: tuple, fill: int, k: int, samples: dict[str, list[str]]
    ) -> str:
        """One wording said with sample slot values: the `fill`-th value of a listed
        slot (in its `k`-th words, so wordings vary them), the `k`-th sample of others."""
        words = []
        for piece in pieces:
            if not isinstance(piece, SlotRef):
                words.append(piece)
                continue
            slot = spec.slots[piece.name]
            if slot.type in self.intent_set.lists:
                values = list(self.intent_set.lists[slot.type].values.values())
                said = values[fill % len(values)]
                words.append(said[(fill // len(values) + k) % len(said)])
            else:
                options = samples.get(slot.type, [""])
                words.append(options[k % len(options)])
        return " ".join(" ".join(words).lower().split())


# Typed-only spellings: SYNONYMS maps them for typed input, but nobody says them, so
# they must never reach a speech grammar or language model.
_TYPED_ONLY = frozenset(
    ("q", "qs", "u", "ur", "thx", "pls", "plz", "min", "mins", "hr", "hrs", "sec", "secs",
     "lemme", "gimme", "gotta", "youve", "ive", "weve", "thankyou", "cooldown", "checkins")
)  # fmt: skip


def _speakable(phrase: str) -> bool:
    """A sentence someone would say: no typed-only forms, digits or doubled words."""
    words = phrase.split()
    return (
        bool(words)
        and not any(w in _TYPED_ONLY or any(c.isdigit() for c in w) for w in words)
        and all(a != b for a, b in pairwise(words))
    )


_REVERSE_SYNONYMS: dict[str, list[str]] = defaultdict(list)
for _source, _canonical in SYNONYMS.items():
    # Only everyday alternatives ("pause" for "break"), not phrases like "a moment".
    if (
        _canonical
        and " " not in _canonical
        and len(_source.split()) <= 2
        and not (
            _source.startswith(("a ", "some ")) or _canonical in ("that", "the", "can", "back")
        )
        # plurals ("breaks") only fit where the template has a plural
        and not (_source.endswith("s") and not _canonical.endswith("s"))
    ):
        _REVERSE_SYNONYMS[_canonical].append(_source)


def _synonym_variants(phrase: str, seed: int, limit: int = 2) -> list[str]:
    """The phrase said with other words for its canonical ones ("break" -> "time out").

    Templates are written with canonical words only; speech grammars need the
    words people actually say. `seed` rotates which synonyms are used.
    """
    words = phrase.split()
    out: list[str] = []
    for i, word in enumerate(words):
        sources = _REVERSE_SYNONYMS.get(word)
        if not sources:
            continue
        for j in range(min(limit, len(sources))):
            source = sources[(seed + j) % len(sources)]
            out.append(" ".join([*words[:i], source, *words[i + 1 :]]))
    return out


_ADJECTIVAL_LENGTH = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty five"
    r"|forty|fifty|sixty|ninety) (minute|second|hour)s"
    r"(?= (break|pause|time out|timeout|breather|cool down|timer)\b)"
)


_ADJECTIVAL_NUMBERS = ("three", "ten", "fifteen", "two", "thirty", "four", "forty five", "one")
"""Numbers said in turn in those sentences (the samples say only two, five and twenty)."""


def _adjectival_length(phrase: str, number: str | None = None) -> str:
    """`phrase` with a length that stands before its noun said as people say it there:
    "we need a three minutes time out" -> "we need a three minute time out"; with
    `number`, that number instead of the phrase's own ("... a ten minute time out")."""
    return _ADJECTIVAL_LENGTH.sub(lambda m: f"{number or m[1]} {m[2]}", phrase)


def _phrase_order(pieces: tuple) -> tuple[int, int]:
    """Shortest wording first, but "we need a break" before "we need break"."""
    words = " ".join(p if isinstance(p, str) else "x" for p in pieces).split()
    fillers = sum(w in FILLERS for w in words)
    return len(words) - fillers, -fillers


def _rare_word_index(sentences: list[Sentence], per_sentence: int = 2) -> dict[str, array]:
    """Each sentence listed under its rarest words.

    A sentence similar enough to be accepted shares at least one of its rarest
    words with the utterance, so only those sentences are scored: this keeps
    matching well under a millisecond however many sentences the templates make.
    The numbers are kept as C integer arrays: as lists, their 270,000 int objects
    held some 9 MB of a listening Hearth.
    """
    df: dict[str, int] = defaultdict(int)
    for s in sentences:
        for token in s.tokens:
            df[token] += 1
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        # Content words first: "for", "the" say little about which sentence it is.
        ranked = sorted(s.tokens, key=lambda t: (t in FUNCTION_WORDS, df[t], t))
        for token in ranked[:per_sentence]:
            index[token].append(i)
    return {token: array("i", numbers) for token, numbers in index.items()}


def _decide(candidates: list[Candidate]) -> tuple[Candidate | None, float, bool]:
    """(accepted candidate or None, best score, tied) of `IntentParser._match`: tied when
    the accepted one has an equal, so that the candidates' order decided between them."""
    if not candidates:
        return None, 0.0, False
    best_by_intent: dict[str, Candidate] = {}
    for cand in candidates:
        prev = best_by_intent.get(cand.sentence.intent)
        if prev is None or cand.score > prev.score:
            best_by_intent[cand.sentence.intent] = cand
    ranked = sorted(best_by_intent.values(), key=lambda c: -c.score)
    best = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    # An exact template sentence wins outright; otherwise it must lead clearly.
    if best.score < ACCEPT or (best.score < EXACT and best.score - runner_up < MARGIN):
        return None, best.score, False
    return best, best.score, sum(c.score == best.score for c in candidates) > 1


def _ends_in(part: Normalized, cand: Candidate) -> bool:
    """The part ends in a word its sentence says (not merely a near spelling of one)."""
    last = part.tokens[-1]
    return last in cand.sentence.tokens or last in FUNCTION_WORDS


def _says_value(sentence: Sentence) -> bool:
    return bool(sentence.slots or sentence.fixed or sentence.text_slot)


def _wild_key(prefix: Iterable[str], suffix: Iterable[str]) -> str:
    return " ".join(prefix) + " | " + " ".join(suffix)


def _verify(
    said: _Said, sentence: Sentence, similarity: float, intent_vocab: frozenset[str]
) -> float:
    """Score of utterance tokens against `sentence` in [0, 1], or 0 when rejected.

    Blends the string similarity (word order, spelling) with a word-level
    F-score that weighs the sentence's words found in the utterance (recall)
    above the utterance's words explained by the sentence (precision); small
    function words weigh little, slot placeholders weigh most.
    """
    sent = sentence.tokens
    utt = said.utt
    tokens = said.tokens
    if said.negations != (sent & NEGATIONS):
        return 0.0
    if not sentence.placeholders <= utt:
        return 0.0  # a slot the template needs was not said ("give me a break" is an idiom)
    if said.pronouns - sent and (sent & PRONOUNS) - utt:
        return 0.0
    if sentence.intent == "summary" and "your" in utt and "your" not in sent:
        return 0.0  # "how did your week go" asks the partner; "how did our week go" asks Hearth
    if said.others - sent:
        return 0.0  # "my mom thinks we need counselling" is about someone else
    if said.asks_partner and "you" not in sent:
        return 0.0  # "I need you to stop" asks the partner, not Hearth
    if sentence.intent == "stop" and len(tokens) == 2 and tokens[1] == "that" not in sent:
        return 0.0  # "stop it", "stop that" are said to the partner
    if sentence.intent in ANSWERS and said.you - sent:
        return 0.0  # "no, you change it" answers the partner
    if "timer" in utt and _timer_unnamed(utt, sentence):
        return 0.0  # "set a timer for twelve minutes" is not "set a break timer for #d"
    for pair in said.later:
        if pair not in sentence.text:
            return 0.0  # "get me up in half an hour" says when, not how long
    if _length_unread(utt, sent, intent_vocab):
        return 0.0  # "two minute time-out, we're getting loud" is not a one-minute pause
    sent_stems = sentence.stems
    utt_stems = said.stems
    u_hit = s_hit = 0.0
    content_extra = 0
    for word, weight, stem, function in said.words:
        if stem in sent_stems or (len(word) >= 4 and _near(word, sent)):
            u_hit += weight
        elif stem in intent_vocab:
            u_hit += weight / 2
        elif not function:
            content_extra += 1
    last = tokens[-1] if tokens else ""
    # The request goes on to a new object: "pause netflix", "a break from you".
    if (
        last not in sent
        and last not in FUNCTION_WORDS
        and _stem(last) not in sent_stems
        and not (len(last) >= 4 and _near(last, sent))
    ):
        return 0.0
    s_total, content_words, weighed = sentence.weighed
    content_missing = 0
    for word, weight, stem, function in weighed:
        if stem in utt_stems or (len(word) >= 4 and _near(word, utt)):
            s_hit += weight
        elif not function:
            content_missing += 1
    # Short commands tolerate one unexplained word, longer ones two.
    if content_extra > (MAX_EXTRA_CONTENT if content_words <= 3 else MAX_EXTRA_CONTENT + 1):
        return 0.0
    u_total = said.weight
    recall = s_hit / s_total if s_total else 0.0
    precision = u_hit / u_total if u_total else 0.0
    if not recall or not precision:
        return 0.0
    f_score = (1 + BETA2) * precision * recall / (BETA2 * precision + recall)
    score = RATIO_WEIGHT * similarity + (1 - RATIO_WEIGHT) * f_score
    if content_missing and content_extra:
        # A word swapped for another ("how long is the game going to run") changes
        # what is talked about more than a word added or left out.
        score -= SUBSTITUTION_PENALTY
    return score


def _length_unread(utt: frozenset[str], sent: frozenset[str], intent_vocab: frozenset[str]) -> bool:
    """A length was said to an intent that takes one, and the sentence would not read it:
    its default would stand in for what was said (a wrong length, worse than none)."""
    return DURATION in utt and DURATION not in sent and DURATION in intent_vocab


def _timer_unnamed(utt: frozenset[str], sentence: Sentence) -> bool:
    """The sentence names its timer ("break timer") and the utterance does not."""
    words = sentence.text.split()
    return any(
        word == "timer" and before in TIMER_NAMES and before not in utt
        for before, word in pairwise(words)
    )


def _solo(words: list[str]) -> bool:
    """Said by one person for themselves: "I"/"me" and no "we", "our", "together"."""
    said = set(words)
    for_me = any(a == "me" and b in _FOR_ME for a, b in pairwise(words)) or (
        words[-1:] == ["me"] or any(a == "for" and b == "me" for a, b in pairwise(words))
    )
    return bool(said & _SOLO or for_me) and not said & _JOINT_WORDS


_LIST_VERB_LEADS = frozenset(["please", "kindly", "just", "hearth", "you"])
"""Words after which "list" is the verb ("can you please list your features")."""


_WE_WANT_TO, _WE_WANNA = ["we", "want", "to"], ["we", "wanna"]


def _list_kind(words: list[str]) -> str:
    """Which list the utterance names: "ours" (our list, the idea list), "the" (the
    list, said bare) or "other" (my to do list, a shopping list, "add eggs to list")."""
    kind = "ours"
    for i, word in enumerate(words):
        if word not in ("list", "lists"):
            continue
        before = words[i - 1] if i else ""
        if i == 0 or before in _LIST_VERB_LEADS:
            continue  # "list the commands", "please list the things you can do": a verb
        if before in _OWN_LIST or words[i + 1 : i + 2] == ["of"]:
            continue
        if before == "do" and (
            words[i - 4 : i - 1] == _WE_WANT_TO or words[i - 3 : i - 1] == _WE_WANNA
        ):
            continue  # round 14 B: "our things-we-want-to-do list" is ours, not a to-do list
        if before != "the":
            return "other"
        kind = "the"
    return kind


def _idea_said_to_partner(tokens: list[str], start: int) -> bool:
    """An idea text said to the partner: a demand ("new idea: you stop complaining"), or
    a plan for now after a bare "idea" ("idea, let's paint the bedroom green")."""
    return tokens[start] in _YOU or (tokens[:start] == ["idea"] and tokens[start] == "lets")


def _object_said(fixed: list[str], sentence: Sentence) -> bool:
    """Every content word of a free-text template's fixed part is in the utterance's:
    the verb's object must be said ("give thanks", not "give this album")."""
    said = {_stem(t) for t in fixed}
    for word in (*sentence.prefix, *sentence.suffix):
        if word in FUNCTION_WORDS or word in PRONOUNS or _stem(word) in said:
            continue
        if not (len(word) >= 4 and _near(word, frozenset(fixed))):
            return False
    return True


def _list_word_misused(tokens: list[str], sentence: Sentence) -> bool:
    """A list word followed by an unexplained word is used otherwise: "walk the dog"."""
    for i, token in enumerate(tokens[:-1]):
        if token[0] == "#" and token not in PLACEHOLDERS and token in sentence.tokens:
            for following in tokens[i + 1 :]:
                if following in sentence.tokens:
                    break
                if following not in FUNCTION_WORDS:
                    return True
    return False


def _weight(word: str) -> float:
    if word[0] == "#":
        return 1.5
    return 0.3 if word in FUNCTION_WORDS else 1.0


_NOT_PLURAL = ("ss", "us", "is", "news")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Crude suffix stripping so "talking"/"talk", "helped"/"help" meet."""
    # Not "-ed": "we've calmed down" must not meet "calm down".
    if word.endswith(_NOT_PLURAL):
        return word  # "news" is not "new", "status" not "statu"
    for suffix in ("ing", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


NEAR = 85
"""Fuzzy score (0-100) of a near spelling: "minuts" (92) and "summery" (86) are misspelt,
"bread" and "break" (80), "complaint" and "compliment" (84) are other words."""


@lru_cache(maxsize=65536)
def _near(word: str, vocabulary: frozenset[str]) -> bool:
    """A near spelling ("pausing" ~ "pause", "minuts" ~ "minutes") of a sentence word."""
    found = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=NEAR)
    return found is not None


def _agrees(remarks: Normalized, seconds: int) -> bool:
    """The remarks beside a request of `seconds` say no other length: every length in
    them is that one, and every bare number is that one in seconds, minutes or hours
    ("fifteen minutes. fifteen."), or counts something ("we've had 3 fights"). A length
    word left unread ("uh, hour") or another number ("actually three") disagrees."""
    if set(remarks.durations) - {seconds} or LENGTH_UNITS & set(remarks.tokens):
        return False
    tokens, i = remarks.tokens, 0
    while i < len(tokens):
        found = int_at(tokens, i) if tokens[i] not in ("one", "a") else None
        if found is None:
            i += 1
            continue
        number, i = found
        counts = i < len(tokens) and tokens[i] not in FUNCTION_WORDS  # "3 fights"
        if not counts and seconds not in (number, number * 60, number * 3600):
            return False
    return True


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))
