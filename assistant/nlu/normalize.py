"""Turn an utterance into the canonical token string the matcher compares.

Steps, each for a reason:
1. tokenize: lower case, punctuation and apostrophes dropped, digits split
   from letters (recognizers and people write the same words differently).
2. strip a leading wake phrase ("hey hearth"), which is not part of a command.
3. replace slot values by placeholders so "give us twelve minutes" and
   "give us 90 seconds" both become "give us #d": fuzzy matching then
   compares wording, never numbers, and the values are parsed exactly once.
     #d  a duration ("a minute and a half")      -> seconds
     #t  a clock time ("at nine thirty", "8 pm")  -> "HH:MM"
     #c  a cadence ("every other day")            -> "daily" | "every_other_day"
4. drop fillers ("um", "please", "just") that change nothing about the request,
   unless the utterance is only fillers ("okay" stays "okay"), and a polite
   opening ("could you", "would you mind", "can you tell us") before the request
   ("would you mind starting" -> "start"), and a term of address ending a request
   of three or more words ("can we have a pause, dear").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.nlu.corrections import changed_answer, corrected_by_number, taken_back
from assistant.nlu.numbers import (
    CADENCE,
    CADENCES,
    DURATION,
    TENS,
    TIME,
    UNCLEAR_QUANTITIES,
    UNIT_SECONDS,
    UNITS,
    VAGUE,
    clock_time_at,
    continental_clock_at,
    corrected_at,
    duration_at,
    hours_clock_at,
    int_at,
    tokenize_spans,
    unclear_duration_at,
)

MIN_SECONDS = 10
"""Durations shorter than this are idioms ("just a second"), dropped, never a timer."""
PLACEHOLDERS = (DURATION, TIME, CADENCE)

WAKE_WORDS = ("hearth", "heart", "harth", "hearths")
_WAKE_LEADS = ("hey", "hi", "hello", "ok", "okay", "oi", "yo")

FILLERS = frozenset(
    ("um", "uh", "uhm", "erm", "er", "hmm", "mm", "ah", "please", "pls", "plz", "just",
     "hearth", "hey", "so", "well", "actually", "really", "maybe", "quick", "quickly",
     "little", "short", "bit", "kinda", "okay", "ok", "alright", "oh", "now",
     "a", "an", "the", "honestly", "both", "also", "anyway", "totally", "definitely")
)  # fmt: skip
"""Words that never decide which request was meant; removed before matching."""


ADDRESS_TAILS = frozenset(
    ("dear", "darling", "sweetheart", "honey", "babe", "mate", "love", "thanks", "yes")
)
"""Terms of address (and a closing "thanks", a tag "yeah?") dropped from the end of a
request, never from a short answer ("yes dear" said to the partner is not a yes to
Hearth)."""
ADDRESS_LEADS = frozenset(("dear", "darling", "sweetheart", "honey", "babe", "mate", "love"))
"""Terms of address dropped from the start of a request ("hearth love, put us on pause")."""
ADDRESS_MIN_WORDS = 2
GERUNDS = {
    "starting": "start", "beginning": "begin", "doing": "do", "having": "have",
    "taking": "take", "giving": "give", "reading": "read", "repeating": "repeat",
    "saying": "say", "asking": "ask", "setting": "set", "skipping": "skip",
    "telling": "tell", "adding": "add", "stopping": "stop", "pausing": "break",
    # round 5: the verbs of the check-in, the timers and the voice
    "kicking": "kick", "cancelling": "cancel", "canceling": "cancel", "moving": "move",
    "rescheduling": "reschedule", "changing": "change", "turning": "turn", "being": "be",
    "timing": "time", "putting": "put", "pushing": "push", "switching": "switch",
    "making": "make", "removing": "remove", "extending": "extend", "ending": "end",
    "finishing": "finish", "speaking": "speak", "talking": "talk", "keeping": "keep",
    "holding": "hold", "letting": "let", "running": "run", "going": "go", "getting": "get",
    "playing": "play", "deleting": "delete", "bumping": "bump", "shifting": "shift",
    "lowering": "lower", "raising": "raise", "guiding": "guide",
}  # fmt: skip
"""After "would you mind" / "do you mind" the request comes as a gerund."""

_ASKS = frozenset(["how", "what", "whats", "hows", "when", "which", "is", "if", "where"])
WRAPPERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(w.split())
    for w in sorted(
        [
            "can you", "would you", "will you", "would you mind", "do you mind",
            "i was wondering if you can", "i wonder if you can", "do you think you can",
            "are you able to", "is it possible to",
            # round 5, as they read after SYNONYMS ("it" is "that", "a" a filler): "is
            # there a way to ...", "would it be possible to ..."
            "is that possible to", "would that be possible to", "is there way to",
            "is there any way to", "is there way you can", "is there any way you can",
            "would that be possible for you to", "is that possible for you to",
            "would you be able to", "would you kindly", "can you kindly",
            "i want to ask you to", "can i ask you to", "would you be so kind as to",
            # round 7: formal requests as they read after fillers ("so") and SYNONYMS
            # ("could" -> "can"): "could you be so kind (as) to", "would you be so good as to"
            "can you be kind to", "can you be kind as to", "would you be kind to",
            "would you be kind as to", "can you be kind enough to", "would you be kind enough to",
            "would you be good as to", "can you be good as to", "would you be good enough to",
            "can you be good enough to", "be kind to", "be kind as to", "be good as to",
        ],
        key=lambda w: -len(w.split()),
    )
)  # fmt: skip
"""Polite openings around a request ("could you please ..."): removed from the start of
utterances and templates alike, so every request can be wrapped in any of them."""


def _with_wrappers(*openings: str) -> tuple[tuple[str, ...], ...]:
    """WRAPPERS and `openings` (as they read after SYNONYMS), longest first: the longest
    opening an utterance starts with is the one removed."""
    return tuple(sorted({*WRAPPERS, *(tuple(o.split()) for o in openings)}, key=lambda w: -len(w)))


_TELL = (("can", "you", "tell"), ("tell",))


_wrappers_by_first: tuple[tuple, dict[str, list[tuple[str, ...]]]] = ((), {})


def wrapper_end(tokens: list[str]) -> int:
    """Number of leading tokens that only wrap a request (0 when none, never all)."""
    global _wrappers_by_first
    # Only the openings that start with the utterance's first word, in WRAPPERS' order
    # (longest first): 49 slices compared at every normalisation were ~15 us of ~60.
    # Made again whenever WRAPPERS is (it is extended further down this module).
    made_from, by_first = _wrappers_by_first
    if made_from is not WRAPPERS:
        by_first = {}
        for words in WRAPPERS:
            by_first.setdefault(words[0] if words else "", []).append(words)
        _wrappers_by_first = (WRAPPERS, by_first)
    end = 0
    for words in by_first.get(tokens[0], ()) if tokens else ():
        if tuple(tokens[: len(words)]) == words:
            end = len(words)
            break
    # "(can you) tell us how long is left" asks how long is left
    for words in _TELL:
        k = len(words)
        if (
            tuple(tokens[end : end + k]) == words
            and tokens[end + k : end + k + 1] in (["me"], ["us"])
            and tokens[end + k + 1 : end + k + 2]
            and tokens[end + k + 1] in _ASKS
        ):
            end += k + 1
            break
    return end if end < len(tokens) else 0


def _index(pairs):
    """Phrase table keyed by first word, longest phrase first (greedy matching)."""
    table: dict[str, list] = {}
    for words, value in sorted(pairs, key=lambda item: -len(item[0])):
        table.setdefault(words[0], []).append((words, value))
    return table


SYNONYMS: dict[str, str] = {
    # Ways to say the same thing collapse to one canonical wording, in templates
    # and utterances alike, so templates stay small and unseen combinations match.
    "pause": "break", "time out": "break", "timeout": "break", "breather": "break",
    "cooldown": "cool down", "cooling off": "cool down", "cooling off period": "break",
    "cool down period": "break", "a moment": "break", "a minute to breathe": "break",
    "all right": "alright", "time for myself": "space", "some time for myself": "space",
    "breathing break": "break", "breathing space": "break", "breaks": "break",
    "check in": "checkin", "check ins": "checkin", "checkins": "checkin",
    "therapy": "therapist", "therapists": "therapist", "counsellor": "therapist",
    "counselor": "therapist", "counsellors": "therapist", "counselors": "therapist",
    "counselling": "therapist", "counseling": "therapist", "coach": "therapist",
    "coaching": "therapist", "mediator": "therapist", "couples therapist": "therapist",
    "marriage therapist": "therapist", "relationship therapist": "therapist",
    "professional help": "therapist", "outside help": "therapist",
    "outside support": "therapist", "professional support": "therapist",
    "id like": "i want", "wed like": "we want", "i would like": "i want",
    "we would like": "we want", "wanna": "want to", "would like": "want",
    "could": "can", "may": "can", "shall": "can", "let us": "lets",
    "i am": "im", "we are": "were", "it is": "its", "that is": "thats", "what is": "whats",
    "did not": "didnt", "do not": "dont", "does not": "doesnt", "was not": "wasnt",
    "is not": "isnt", "cannot": "cant", "can not": "cant", "will not": "wont",
    "i will": "ill", "going to": "gonna",
    "yeah": "yes", "yep": "yes", "yup": "yes", "yea": "yes", "nope": "no", "nah": "no",
    "thank you": "thanks", "thankyou": "thanks",
    "some space": "space", "time alone": "space", "alone time": "space",
    "some time alone": "space", "some alone time": "space", "time to myself": "space",
    "some time to myself": "space", "time on my own": "space", "time by myself": "space",
    "some time on my own": "space", "some time by myself": "space",
    "a moment alone": "space", "a moment to myself": "space", "room to breathe": "space",
    "some quiet time": "space", "quiet time": "space", "some room": "space",
    "ive got": "i have", "weve got": "we have", "i got": "i have", "we got": "we have",
    "ive": "i have", "weve": "we have", "cool off": "cool down",
    "ill be back": "back", "ill come back": "back", "ill return": "back",
    "be back": "back", "come back": "back", "will be back": "back",
    "appreciations": "appreciation", "ideas": "idea",
    # the appreciations named as a list of thanks: "read the gratitude list"
    "gratitude list": "appreciation", "gratitude journal": "appreciation",
    "gratitude notes": "appreciation", "appreciation list": "appreciation",
    "list of appreciations": "appreciation",
    "my wife": "my partner", "my husband": "my partner", "my girlfriend": "my partner",
    "my boyfriend": "my partner", "my spouse": "my partner", "my love": "my partner",
    "it": "that", "this": "that", "useful": "helpful", "our": "the", "ok": "okay",
    "marriage counselor": "therapist", "marriage counsellor": "therapist",
    "couples counselor": "therapist", "couples counsellor": "therapist",
    "couples coach": "therapist", "relationship coach": "therapist",
    "couples counseling": "therapist", "couples counselling": "therapist",
    "marriage counseling": "therapist", "marriage counselling": "therapist",
    "couples therapy": "therapist", "marriage therapy": "therapist",
    "couples therapists": "therapist", "couples counselors": "therapist",
    "couples counsellors": "therapist", "marriage counselors": "therapist",
    # Typed abbreviations and recognizer spellings.
    "mins": "minutes", "min": "minute", "secs": "seconds", "sec": "second",
    "hrs": "hours", "hr": "hour", "q": "question", "qs": "question", "thx": "thanks",
    "u": "you", "ur": "your", "lemme": "let me", "gimme": "give me", "gotta": "have to",
    "checking": "checkin", "youve": "you have", "how is": "hows", "where is": "wheres",
    "list of ideas": "idea list",
    # the list named by what is on it: "our things to try list", "the try list"
    "things to try list": "idea list", "list of things to try": "idea list",
    "try list": "idea list", "to try list": "idea list", "to things to try": "to idea list",
    "on things to try": "on idea list", "our things to try": "idea list",
    "our ideas": "idea list", "the ideas": "idea list",
    "cooling down": "cool down", "cooled off": "cooled down", "brake": "break",
    # Hedges that never change the request: dropped.
    "hold on": "", "hang on": "", "from now on": "", "if you can": "", "for me": "",
    "i think": "", "i guess": "", "i mean": "", "for a while": "",
    "for a bit": "", "kind of": "", "sort of": "", "isnt it": "", "arent we": "",
    "dont you think": "", "if thats okay": "", "if you dont mind": "",
    # A reason said beside a request ("a pause please, we're both upset") changes
    # nothing about it: dropped, so the request is matched on its own words.
    "were fighting": "", "were arguing": "", "were upset": "", "were both upset": "",
    "were fighting again": "", "were arguing again": "", "im upset": "",
    "were getting upset": "", "were both angry": "", "were angry": "",
    "we are fighting": "", "we are arguing": "", "we are upset": "", "we are both upset": "",
    "i am upset": "",
    "i return": "back", "i come back": "back",
    "were ok": "were fine", "were okay": "were fine", "im ok": "im fine", "im okay": "im fine",
    # ...and the reasons people give in the heat of it: the yelling, the regret to come,
    # who is asleep ("quarter of an hour break please, we're both yelling").
    "were yelling": "", "were both yelling": "", "were shouting": "",
    "were both shouting": "", "were screaming": "", "were yelling again": "",
    "before this gets worse": "", "before it gets worse": "", "before things get worse": "",
    "before we say something we regret": "", "before i say something i regret": "",
    "before we say something well regret": "", "before i say something ill regret": "",
    "im about to say something ill regret": "", "im about to say something i regret": "",
    "im still not calm": "", "im not calm yet": "", "were still not calm": "",
    "were not calm yet": "", "im still upset": "", "were still upset": "",
    "the babys asleep": "", "the baby is asleep": "", "the babys sleeping": "",
    "the baby is sleeping": "", "the kids are asleep": "", "the kids are sleeping": "",
    # a request made for us: "start a ten minute cool down for us" (like "for me")
    "for us": "",
    # time apart is space, in every request about it ("add ten minutes to the time apart")
    "time apart": "space", "some time apart": "space", "time away": "space",
    "some time away": "space", "space from each other": "space",
    "afterwards": "after", "afterward": "after",
    "back together": "back", "and then": "then", "mark down": "mark", "jot down": "write down",
    "note down": "write down",
    "space time": "space", "therapist for couples": "therapist",
    "therapy for couples": "therapist", "counseling for couples": "therapist",
    # why a line was missed changes nothing about asking for it again ("say that again,
    # he was talking")
    "he was talking": "", "she was talking": "", "we were talking": "", "i was talking": "",
    "the kids were loud": "", "it was too loud": "", "i was distracted": "",
    "i wasnt listening": "",
    # an announcement before a request: "new plan, check-in every two days at eight thirty"
    "new plan": "", "change of plan": "", "change of plans": "", "new schedule": "",
    # round 5: asking leave for what we will do is asking to do it ("is it ok if we take a
    # breath", "would it be possible for me to take an hour alone", "I'd like us to start")
    "is it ok if we": "can we", "is it okay if we": "can we", "is it alright if we": "can we",
    "would it be ok if we": "can we", "would it be okay if we": "can we",
    "do you mind if we": "can we", "would you mind if we": "can we",
    "is it possible for us to": "can we", "would it be possible for us to": "can we",
    "is it ok if i": "can i", "is it okay if i": "can i", "do you mind if i": "can i",
    "would it be ok if i": "can i", "would it be okay if i": "can i",
    "would it be alright if i": "can i", "is it alright if i": "can i",
    "would it be alright if we": "can we", "i was hoping we could": "can we",
    "i was hoping i could": "can i", "we were hoping we could": "can we",
    "id really like": "i want", "wed really like": "we want", "i would really like": "i want",
    "i was hoping to": "i want to", "would it be alright to": "", "would it be ok to": "",
    "would it be okay to": "", "is it alright to": "", "is it ok to": "", "is it okay to": "",
    "we were hoping to": "we want to", "or something": "",
    # round 5: formal and non-native English ("I should like", "we want make", "recess")
    "i should like": "i want", "we should like": "we want", "recess": "break",
    "want make": "want to make", "want do": "want to do", "want start": "want to start",
    "want have": "want to have", "want take": "want to take", "want talk": "want to talk",
    "we fight": "", "we are fight": "", "we fighting": "", "what hour": "what time",
    "please tell me": "", "please tell us": "", "please tell": "", "in evening": "",
    "would it be possible to": "", "is there a way to": "", "the question one": "",
    "my hearing is not good": "",
    "my hearing isnt good": "", "my hearing is bad": "", "im hard of hearing": "",
    "were losing it": "", "im losing it": "", "im losing my temper": "",
    # Australian: "we're cooked", "smoko", "would ya", "no worries if not", "for us two"
    "were cooked": "", "im cooked": "", "no worries if not": "", "would ya": "",
    "wouldya": "", "catch you after": "", "catch you later": "", "smoko": "break",
    "were sorted": "were good", "for us two": "", "for the two of us": "",
    "were losing our tempers": "", "check in thing": "checkin",
    "composed ourselves": "calmed down", "is finish": "is over", "is finished": "is over",
    "is it possible for me to": "can i", "would it be possible for me to": "can i",
    "id like us to": "lets", "i would like us to": "lets", "id love us to": "lets",
    "i would love us to": "lets", "id love for us to": "lets", "i want us to": "lets",
    "id love to": "i want to", "wed love to": "we want to", "id love": "i want",
    "wed love": "we want", "id appreciate": "i want", "wed appreciate": "we want",
    "id appreciate it if you could": "", "id appreciate it if you can": "",
    "wed appreciate it if you could": "", "wed appreciate it if you can": "",
    "i would appreciate it if you could": "", "we would appreciate it if you could": "",
    "i would appreciate": "i want", "we would appreciate": "we want",
    "let us know when": "tell us when", "let me know when": "tell me when",
    "let us know how": "tell us how", "let me know how": "tell me how",
    "im wondering": "", "im just wondering": "", "just wondering": "",
    "fancy doing": "lets do", "do you fancy": "can we", "i need us to": "lets",
    "wed rather do": "lets do", "wed rather have": "lets have", "we would rather do": "lets do",
    "we would rather have": "lets have", "if thats ok": "", "if thats alright": "",
    "if thats all right": "", "both of us": "we",
    # round 5: the check-in called by what it is to the couple ("our evening catch-up",
    # "the chat thing", "the nightly questions"), in asking, moving, skipping, cancelling it
    "catch up": "checkin", "catchup": "checkin", "catch ups": "checkin",
    "evening chat": "checkin", "our chat": "checkin",
    "the chat thing": "checkin", "chat thing": "checkin", "the talk thing": "checkin",
    "talk thing": "checkin", "the question thing": "checkin",
    "evening questions": "checkin", "question prompt": "question", "prompt": "question",
    "prompts": "question",
    # ...and the time alone by its British name ("me time", "me-time")
    "me time": "space", "some me time": "space", "a bit of": "",
    "ill come find you": "back", "ill come and find you": "back", "ill find you": "back",
    "ill come get you": "back", "wee break": "break", "wee pause": "break",
    "cooling off time": "cool down time",
    # round 5: more reasons said beside a request, dropped like round 2's: the circles,
    # the temper, the tiredness, the guests, the late hour, what is not working
    "were going round in circles": "", "were going around in circles": "",
    "were going in circles": "", "we are going in circles": "",
    "we are going round in circles": "", "things are escalating": "",
    "this is escalating": "", "its escalating": "", "im raising my voice": "",
    "im raising my voice and i dont want to": "", "i cant think straight": "",
    "i cant think": "", "im feeling overwhelmed": "", "im overwhelmed": "",
    "i feel overwhelmed": "", "sorry to cut in but": "", "sorry to interrupt but": "",
    "sorry to cut in": "", "sorry to interrupt": "", "before we go on": "",
    "before we carry on": "", "before we talk again": "",
    "before one of us says something we regret": "",
    "before one of us says something well regret": "",
    "were shattered": "", "were exhausted": "", "were knackered": "", "were too tired": "",
    "were tired": "", "were both tired": "", "were wiped": "",
    "we have friends over": "", "we have friends over tonight": "",
    "we have guests": "", "we have guests tonight": "", "we have people over": "",
    "weve got friends over": "", "weve got guests": "",
    "its late": "", "its very late": "", "its so late": "", "its really late": "",
    "its getting late": "", "the dishwasher is on": "", "the dishwashers on": "",
    "the washing machine is on": "", "its noisy in here": "", "its loud in here": "",
    "they arent working for us": "", "theyre not working for us": "",
    "they dont work for us": "", "its not working for us": "",
    "they dont help": "", "theyre not helping": "",
    "i forgot": "", "i forget": "", "i cant remember": "",
    "from tomorrow": "", "from tomorrow on": "", "starting tomorrow": "",
    "the kids go down late": "", "the kids go to bed late": "", "i get home late now so": "",
    "i get home late": "", "i work late now": "", "we get home late": "",
    "its finally stopped raining": "", "its stopped raining": "", "the rain stopped": "",
    "the rains stopped": "", "its sunny": "", "its nice out": "",
    "the kettles boiled": "", "kettles boiled": "", "the kettles on": "", "kettles on": "",
    "brews on": "", "the brews on": "", "no phones": "",
    "i cant do this right now": "", "i cant do this now": "", "ugh": "",
    "round the block": "", "around the block": "", "properly": "",
    # round 5: interjections that open or close a request in British/Australian speech
    "oi": "", "righto": "", "right then": "", "go on then": "", "mate": "", "eh": "",
    "cheers": "", "put the kettle on": "", "still not ready": "", "still not ready yet": "",
    "were doing my head in": "", "youre doing my head in": "", "this is doing my head in": "",
    "its doing my head in": "", "were sweet": "were good", "popping out": "stepping out",
    "nipping out": "stepping out", "popping out for": "stepping out for",
}  # fmt: skip
TYPED_SPELLINGS: dict[str, str] = {
    "shh": "shush", "shhh": "shush", "chek in": "checkin", "chek ins": "checkin",
    "chekin": "checkin", "chek": "check", "minuts": "minutes",
    # vowels dropped and near-misses typed in a hurry: "hw much time left", "shedule"
    "hw": "how", "wht": "what", "whn": "when", "we r": "were", "r we": "are we",
    "shedule": "schedule", "schedual": "schedule",
    # round 5: typed short forms ("end teh break", "diff question", "nxt", "tonite", "vol down")
    "teh": "the", "diff": "different", "nxt": "next", "tonite": "tonight", "vol": "volume",
    "4 us": "for us", "4 me": "for me", "r": "are",
    "apreciate": "appreciate", "appriciate": "appreciate", "apprecaite": "appreciate",
}  # fmt: skip
"""Misspellings and typed sounds read like SYNONYMS, but kept apart from them: the
speech grammar offers SYNONYMS' sources as spoken forms, and nobody says these."""

SWAP_TYPED = (
    "pause", "check", "break", "minute", "minutes", "space", "timer", "alone", "again",
    "question", "louder", "quieter", "idea", "ideas", "walk", "coffee",
)  # fmt: skip
"""Key words typed with two neighbouring letters swapped ("pasue", "chekc in") are read
as the word: a swap is the commonest typing slip, and these words decide the request."""
_REAL_WORDS = frozenset(("minuet", "minuets", "aide", "aides"))
"""Swaps that are words of their own."""


def _swapped(word: str) -> set[str]:
    """Every spelling of `word` with two neighbouring (different) letters swapped."""
    out = {word[:k] + word[k + 1] + word[k] + word[k + 2 :] for k in range(len(word) - 1)}
    return out - {word} - _REAL_WORDS


for _word in SWAP_TYPED:
    for _typo in _swapped(_word):
        TYPED_SPELLINGS.setdefault(_typo, SYNONYMS.get(_word, _word))
        # a phrase the word opens ("check in") keeps its canonical form when misspelt
        for _source, _canonical in SYNONYMS.items():
            if _source.startswith(_word + " "):
                TYPED_SPELLINGS.setdefault(_typo + _source[len(_word) :], _canonical)
# Round 5, the journal, system and safety requests (kept together so they merge apart).
SYNONYMS.update(
    {
        # the idea list named by what we want: "add it to stuff we wanna try"
        "stuff we want to try": "idea list", "stuff we wanna try": "idea list",
        "things we want to try": "idea list", "things we wanna try": "idea list",
        "stuff to try": "idea list", "shared ideas": "idea list",
        "our shared ideas": "idea list", "our shared idea list": "idea list",
        "thank yous": "appreciation", "make a note of": "note", "make a note": "note",
        # the partner named the British and casual way ("my other half", "the missus")
        "my other half": "my partner", "the missus": "my partner", "my missus": "my partner",
        "the wife": "my partner", "the husband": "my partner", "my hubby": "my partner",
        "hubby": "my partner", "my fella": "my partner", "my bloke": "my partner",
        "my fiance": "my partner", "my fiancee": "my partner",
        # all of it: "wipe the lot"; "get rid of everything you've saved"; British thanks
        "the lot": "everything", "the whole lot": "everything", "get rid of": "delete",
        "cheers": "thanks", "ta": "thanks",
        # British slang for suicide: "I'm going to top myself"
        "top myself": "kill myself", "topping myself": "killing myself",
        "off myself": "kill myself", "offing myself": "killing myself",
        # a verdict said in an idiom: "the pause did the trick", "it worked a treat"
        "did the trick": "worked", "worked a treat": "worked", "did wonders": "helped",
        # a verb left unmarked ("it not helped us")
        "not helped": "didnt help", "not worked": "didnt work",
        "to be honest": "", "to be fair": "", "id say": "", "i would say": "", "aye": "yes",
        # "what kinds of things can you help with", like "kind of" (a hedge)
        "kinds of": "", "sorts of": "",
        "professional help for couples": "therapist", "help for couples": "therapist",
        "were struggling": "", "we are struggling": "", "were really struggling": "",
        # a request or a verdict framed as a wish or as news (9b): "I'd love it if you could
        # add ...", "it would be lovely to hear ...", "just letting you know the pause ...";
        # not "I'm afraid" (said of fear: "I'm afraid of him" must reach the safety words)
        "id love it if you could": "", "i would love it if you could": "",
        "id love it if you can": "", "i was hoping you could": "", "i was hoping you can": "",
        "we were hoping you could": "", "we were hoping you can": "",
        "it would be nice to": "i want to", "it would be lovely to": "i want to",
        "it would be great to": "i want to", "itd be nice to": "i want to",
        "itd be lovely to": "i want to", "itd be great to": "i want to",
        "it might be fun to try": "we should try", "it would be fun to try": "we should try",
        "itd be fun to try": "we should try", "we were thinking of trying": "we should try",
        "were thinking of trying": "we should try",
        "we were thinking about trying": "we should try",
        "just letting you know": "", "just so you know": "", "i have to say": "",
        "i must say": "", "its fair to say": "", "i think its fair to say": "",
        "im pleased to say": "", "im happy to say": "", "were happy to say": "",
        "were pleased to say": "", "i just wanted to say": "", "just wanted to say": "",
        "i wanted to say": "", "we were wondering about": "what about",
        "i was wondering about": "what about", "im wondering about": "what about",
        "we were wondering": "", "i was wondering": "",
        # said to the partner, not to Hearth: "oh just forget it" is a shrug ("whatever",
        # never left empty: "okay" alone would be a yes), "be quiet, the baby's sleeping"
        # hushes someone in the room for the sleeper (the baby then keeps it talk)
        "just forget it": "whatever", "just forget about it": "whatever",
        **{
            f"{hush} {sleeper} {state}": f"{hush} the baby"
            for hush in ("quiet", "shush", "hush", "shh")
            for sleeper in ("the babys", "the baby is", "the kids are", "the kids")
            for state in ("sleeping", "asleep")
        },
    }
)  # fmt: skip
# Round 6, tuner A: the timers, space, the check-in and rituals by app words and the
# couple's own names (kept together so they merge apart from tuner B's block).
SYNONYMS.update(
    {
        # smart-speaker habits: "turn on cool down mode", "activate pause mode", "launch
        # sunday breakfast mode", "start walk mode": a mode is the thing itself
        "turn on": "start", "activate": "start", "launch": "start",
        "mode": "",
        # the pause by its timer's name; a ceasefire, a time-out put on hold
        "calm down timer": "cool down timer", "heated moment timer": "cool down timer",
        "ceasefire": "break", "break session": "break", "on hold": "on break",
        "simmer down": "calm down", "cool our heads": "calm down", "cool heads": "calm down",
        "shut up and breathe": "breathe",
        # the heat of the moment said beside the request, dropped like round 2's reasons
        "im shaking": "", "im too angry to think straight": "", "im too angry": "",
        "things are heating up in here": "", "things are heating up": "",
        "were snapping": "", "were both snapping": "", "you know what": "",
        "before one of us says something stupid": "", "before we say something stupid": "",
        "before we say something dumb": "", "before i say something stupid": "",
        "before one of us says something dumb": "",
        "before this turns into a proper row": "", "before this turns into a row": "",
        "before it turns into a row": "", "while we both cool our heads": "",
        "while we cool our heads": "", "im done for tonight": "", "starting now": "",
        # the time alone by its app or everyday name
        "separate time": "space", "decompress time": "space", "alone session": "space",
        "solo break": "space", "solo time": "space", "space thing": "space",
        "space timer": "space timer", "some distance": "space", "separate rooms": "space",
        "out of the room timer": "space timer", "time to himself": "space",
        "time to herself": "space", "tell him im coming back": "back",
        "tell her im coming back": "back", "tell him ill be back": "back",
        "tell her ill be back": "back", "im coming back": "back",
        "tell him im fine": "", "tell her im fine": "", "thats what we said": "we agreed",
        "log that im taking": "im taking", "can you log that im taking": "im taking",
        # the check-in by the couple's own name
        "talk session": "checkin", "connection check": "checkin",
        "relationship check in": "checkin", "relationship checkin": "checkin",
        "question session": "checkin", "evening talk": "checkin", "our evening talk": "checkin",
        "couple chat": "checkin", "couples chat": "checkin", "regular talk": "checkin",
        "talk time": "checkin time", "evening thing": "checkin", "question thing": "checkin",
        "check in mode": "checkin", "check in schedule": "checkin schedule",
        # reasons beside a ritual or a louder voice: "start our walk, we need air"
        "we need air": "", "i need air": "", "i cant sit here": "", "shoes are on": "",
        "our shoes are on": "", "were in the kitchen": "", "the washing machines on": "",
        "the washing machines on spin": "", "the washing machine is on spin": "",
        "we need to talk calmly": "", "side by side": "",
        "were not up for it tonight": "not tonight", "were not up to it tonight": "not tonight",
        "her mums staying over": "", "his mums staying over": "", "my mums staying over": "",
        "her mums staying": "", "his mums staying": "", "were out for dinner tonight": "",
        "done breathing": "",
        "let him know when im due back": "back",
        "let her know when im due back": "back", "timer thing": "timer",
        "timer you started": "timer", "the kids go down later now so": "",
        "the kids go down later": "", "the kids go to bed later": "",
        # a plan for the weekend is talk, not a request now: "this" would open a remark
        "this weekend": "weekend", "next weekend": "weekend",
    }
)  # fmt: skip
TYPED_SPELLINGS.update(
    {
        # typed slang for self-harm: "i want to kms", "unalive myself"
        "kms": "kill myself", "unalive": "kill", "unaliving": "killing",
        "selfharm": "self harm", "selfharming": "self harming",
        "thankyous": "appreciation", "tbh": "", "tbf": "", "ngl": "", "imo": "",
        "my bf": "my partner", "my gf": "my partner", "howve": "how have", "whatve": "what have",
    }
)  # fmt: skip
GERUNDS.update(
    {
        "recording": "record", "saving": "save", "logging": "log", "noting": "note",
        "writing": "write", "wiping": "wipe", "erasing": "erase", "clearing": "clear",
        "celebrating": "celebrate", "summing": "sum", "summarizing": "summarize",
        "summarising": "summarise", "finding": "find", "suggesting": "suggest",
        "picking": "pick", "choosing": "choose", "listing": "list", "showing": "show",
        "marking": "mark", "forgetting": "forget", "resetting": "reset",
        "explaining": "explain", "reminding": "remind", "recommending": "recommend",
    }
)  # fmt: skip
# Round 6, tuner B: the journal's lists named as an app or a household would name them
# ("the gratitude log", "our thank-you jar", "the date night ideas", "that list of ours").
SYNONYMS.update(
    {
        **{
            f"{name} {kind}": "appreciation"
            for name in ("gratitude", "appreciation", "thank you", "thanks")
            for kind in ("log", "journal", "jar", "notes", "note", "entries", "entry",
                         "history", "stuff", "list", "book")
        },
        "kudos": "appreciation",
        "things to try": "idea list", "date night ideas": "idea list",
        "date night idea list": "idea list", "date night list": "idea list",
        "couples list": "idea list", "list of ours": "idea list",
        "our ideas": "idea list", "date night idea": "idea", "date night suggestion": "idea",
        # a state said before the request: "we're stuck, suggest the next idea"
        "were stuck": "", "were bored": "",
    }
)  # fmt: skip
# Round 7, tuner B: formal, British and Indian English around the journal and system
# requests ("kindly", "I wish to", "be so kind as to", "we are thinking to see"), and the
# few typed forms of answers and summaries (kept together so they merge apart).
SYNONYMS.update(
    {
        "kindly": "", "be so kind as to": "", "be so kind to": "", "be kind enough to": "",
        "i wish to": "i want to", "we wish to": "we want to", "perhaps": "maybe",
        "sorry to say": "", "im sorry to say": "", "recite": "read",
        # an appreciation kept or stored is saved ("kindly store an appreciation")
        "store": "save", "keep an appreciation": "save an appreciation",
        # a verdict in older English: "the coffee together did us a lot of good"
        "did us good": "helped", "did us a lot of good": "helped", "did us some good": "helped",
        "did us so much good": "helped", "did us a world of good": "helped",
        # good news announced before the win: "something good happened, we made up quickly"
        "we have good news": "good news", "we have some good news": "good news",
        "we have great news": "great news", "something good happened": "good news",
        "something nice happened": "good news", "something great happened": "great news",
        # free time said beside asking for an idea: "the grandparents have the kids tonight"
        "the grandparents have the kids": "", "grandma has the kids": "",
        "the kids are at grandmas": "", "the kids are with their grandparents": "",
        "we have the house to ourselves": "", "weve got the house to ourselves": "",
    }
)  # fmt: skip
TYPED_SPELLINGS.update(
    {
        "vs": "versus", "thru": "through", "em": "them", "ya": "yes", "noo": "no",
        "nooo": "no", "noooo": "no", "yess": "yes", "yesss": "yes", "helpp": "help",
        "hlep": "help", "apreciation": "appreciation", "apreciations": "appreciation",
        "fyi": "",
    }
)  # fmt: skip
# Round 7, tuner A: formal and Indian English around the timers, the check-in and the
# voice ("kindly", "if you please", "may I know", "prepone", "balance time").
SYNONYMS.update(
    {
        "kindly": "", "if you please": "", "may i know": "",
        # Indian and formal English words for the same requests
        "prepone": "move", "balance time": "time left", "the remaining time": "time left",
        "remaining time": "time left", "discontinue": "stop", "prolong": "lengthen",
        "a further": "another", "some other question": "another question",
        "i require": "i need", "we require": "we need", "i must be": "i need to be",
        "we must have": "we need", "i must have": "i need",
        "ready to speak": "ready to talk", "ready to discuss": "ready to talk",
        "speak again": "talk again", "settled ourselves": "calmed down",
        "settled down": "calmed down",
        # "one" for "a" (Indian English and other second languages): "please do one pause"
        "one pause": "a break", "one break": "a break", "one time out": "a break",
        "one timeout": "a break",
        # round 7: a state said beside "more time" ("one more minute, still not calm")
        "still not calm": "", "not calm yet": "",
        "evening question": "checkin", "couple question thing": "checkin",
        "couples question thing": "checkin", "checkin thing": "checkin",
    }
)  # fmt: skip
# Round 7, tuner A: typed shorthand ("tmrw", "rn", "convo", "w friends") and a key
# letter held down or left off in a hurry ("louderr", "repeaat", "plss", "paus").
TYPED_SPELLINGS.update(
    {
        "tmrw": "tomorrow", "tmr": "tomorrow", "tmrrw": "tomorrow", "2moro": "tomorrow",
        "2morrow": "tomorrow", "tomoz": "tomorrow", "rn": "now",
        "convo": "conversation", "abt": "about", "w": "with", "idk": "i dont know",
        "bc": "because", "cuz": "because", "coz": "because", "tho": "though",
        "paus": "break", "repet": "repeat", "plss": "please", "plzz": "please",
        "pleas": "please", "pleez": "please", "plox": "please",
    }
)  # fmt: skip
# Round 8, tuner A: a request asked as a question or a hedge in many Englishes ("any
# chance of a pause", "I wonder if we could ...", "would you mind if I took ...", "reckon
# you could ...", "would ya ever ...", Singapore and Nigerian "lah", "abeg"), and the words
# of couples therapy for the same requests ("I'm flooded", "to self-soothe", "regulated").
# Read wherever they are said or typed, but kept out of the speech grammar (as typed forms):
# offered as spoken forms they added about 900 command phrases ("abeg be louder", "a wee
# quieter"), past the recognizer's bound, and hedges need no priming to be heard.
TYPED_SPELLINGS.update(
    {
        "any chance of": "can we have",
        # ...but a drink is asked of the partner: "any chance of a cuppa, love?"
        "any chance of a cuppa": "chance of tea", "any chance of a coffee": "chance of tea",
        "any chance of a tea": "chance of tea", "any chance of a brew": "chance of tea",
        "is there any chance of": "can we have", "any idea how": "how",
        "any idea when": "when", "any idea what time": "what time",
        "i wonder if we could": "can we", "i wonder if we can": "can we",
        "i wonder if i could": "can i", "i was wondering if we could": "can we",
        "i was wondering if i could": "can i", "wondering if we could": "can we",
        "i wonder when": "when", "i wonder how": "how", "i wonder what": "what",
        "would you mind if i took": "can i take", "would you mind if we took": "can we take",
        "would you mind if i": "can i", "would you mind if we": "can we",
        "do you mind if i": "can i", "do you mind if we": "can we",
        "is it alright if we": "can we", "is it alright if i": "can i",
        "is it all right if we": "can we", "is it all right if i": "can i",
        "is it okay if we": "can we", "is it okay if i": "can i", "is it ok if we": "can we",
        "is it ok if i": "can i", "is there any way we could": "can we",
        "is there any way we can": "can we", "is there a way we could": "can we",
        "is there any way i could": "can i", "is there a way i could": "can i",
        "reckon you could": "can you", "reckon you can": "can you",
        "do you reckon you could": "can you", "reckon we could": "can we",
        "i reckon": "", "would ya ever": "can you", "would you ever": "can you",
        "not to be dramatic but": "", "not to be dramatic": "",
        "were fixin to": "lets", "were fixing to": "lets",
        "id better have": "i need", "i better have": "i need", "id better take": "i need",
        "im gonna need": "i need", "im going to need": "i need",
        # Singapore, Malaysian and Nigerian English: a closing particle, "abeg" (please),
        # "small" for a little ("I need small space", "volume up small")
        "abeg": "please", "small space": "space",
        "up small": "up", "down small": "down", "talk small": "talk",
        # Scots and Irish: "a wee bit quieter", "our wee walk", "we're grand now"
        "were grand": "were good", "im grand": "im good",
        "the weans sleeping": "", "the wean is sleeping": "", "the weans asleep": "",
        # couples therapy: flooded, self-soothing, regulated again, the stress-reducing
        # conversation (the check-in), coming back together (resuming)
        "im flooded": "", "were flooded": "", "im feeling flooded": "", "i feel flooded": "",
        "self soothe": "calm down", "self sooth": "calm down", "selfsoothe": "calm down",
        "i feel regulated": "im calm", "im regulated": "im calm", "were regulated": "were calm",
        "we feel regulated": "were calm", "regulated": "calm",
        "come back together": "talk again", "stress reducing conversation": "checkin",
        "stress reducing convo": "checkin", "stress reducing chat": "checkin",
        "im still calming down": "", "were still calming down": "", "im not there yet": "",
        "were not there yet": "",
        # more openings that hedge a request: "do you think we could", "could you possibly",
        # "I don't suppose you could", "can't we", "how about we", "do us a favour and",
        # "would it be ok if we skipped"
        "do you think we could": "can we", "do you think we can": "can we",
        "do you think i could": "can i", "possibly": "", "any way you could": "can you",
        "any way we could": "can we", "any way i could": "can i",
        "i dont suppose you could": "can you", "i dont suppose we could": "can we",
        "i dont suppose i could": "can i",
        "how about we": "lets", "what if we": "lets",
        "what if we took": "lets take", "what if we had": "lets have",
        "do us a favour and": "", "do me a favour and": "", "do us a favor and": "",
        "do me a favor and": "", "be a dear and": "", "be a love and": "",
        "is it too much to ask for": "can we have", "would it be ok if we": "can we",
        "would it be okay if we": "can we", "would it be alright if we": "can we",
        "would it be ok if i": "can i", "would it be okay if i": "can i",
        "would it be alright if i": "can i", "skipped": "skip",
    }
)  # fmt: skip
# Round 8, tuner A: a dropped g typed with an apostrophe ("breathin'", "doin'").
TYPED_SPELLINGS.update(
    {
        "breathin": "breathing", "doin": "doing", "takin": "taking", "goin": "going",
        "startin": "starting", "talkin": "talking", "gettin": "getting",
    }
)  # fmt: skip
# Round 8, tuner B: hedges and regional words around the journal and system requests
# ("any chance you could", "I wonder if", "reckon", "not gonna lie", Irish
# "grand", Scottish "wee"), and verdicts said the long way ("didn't do us any good",
# "wasn't much use", "it never helped") (kept together so they merge apart).
SYNONYMS.update(
    {
        "any chance you could": "can you", "any chance you can": "can you",
        "any chance i could": "can i", "any chance i can": "can i",
        "any chance we could": "can we", "any chance we can": "can we",
        "any chance of hearing": "can we hear", "any chance of getting": "can we get",
        "i wonder if": "", "i wonder whether": "", "not gonna lie": "",
        "not going to lie": "", "what do you reckon": "what do you think",
        "do you reckon": "do you think", "we reckon": "we think",
        "reckon": "i think", "thats grand": "thats fine",
        "youre alright": "thats okay", "you are alright": "thats okay",
        "didnt do us any good": "didnt help", "did not do us any good": "didnt help",
        "didnt do any good": "didnt help", "wasnt much use": "wasnt helpful",
        "was not much use": "wasnt helpful", "not much use": "not helpful",
        "never helped": "didnt help", "never help": "didnt help",
        "never worked": "didnt work",
        # round 13 B: "no" for "did not" (West African and Asian Englishes: "the pause no
        # help us today")
        "no help us": "didnt help us", "no help me": "didnt help me",
        "no helped": "didnt help", "no work for us": "didnt work for us",
        # "résumé" for a summary (French, Spanish speakers: "make a resume of our week")
        "a resume of": "a summary of", "the resume of": "the summary of",
        # whose turn it is changes nothing about the request ("let's add appreciations,
        # I'll go first: you listened to me")
        "ill go first": "", "i will go first": "",
        # the reason beside a stop ("stop, stop, we don't need it"); not after a "no", which
        # answers ("no, we don't need that" stays a no)
        "stop we dont need it": "stop", "stop we dont need that": "stop",
        "stop i dont need it": "stop", "stop i dont need that": "stop",
        "stop we dont need you": "stop", "stop we dont need anything": "stop",
        # a question asked in the negative asks the same ("shouldn't we see a counsellor",
        # "isn't there a way to hear our appreciations"); "probably" is a hedge
        "shouldnt we": "should we", "cant we": "can we", "couldnt we": "can we",
        "wouldnt it be": "would it be", "isnt there": "is there", "arent there": "are there",
        "probably": "maybe", "you wouldnt happen to have": "do you have",
        "do you happen to have": "do you have", "you dont happen to have": "do you have",
        # Irish, Indian and other Englishes: "I'm wanting to add ...", "we'd be wanting to
        # see a counsellor", "I'm after a therapist"
        "im wanting to": "i want to", "i was wanting to": "i want to",
        "were wanting to": "we want to", "we were wanting to": "we want to",
        "id be wanting to": "i want to", "wed be wanting to": "we want to",
        "im after a": "i want a", "were after a": "we want a",
        # the kinds of couples therapy named in its own words
        "gottman therapist": "therapist", "gottman therapy": "therapist",
        "gottman counsellor": "therapist", "gottman counselor": "therapist",
        "emotionally focused therapist": "therapist", "emotionally focused therapy": "therapist",
        "family therapist": "therapist", "family therapy": "therapist",
        "imago therapist": "therapist", "imago therapy": "therapist",
    }
)  # fmt: skip
# the log named in the plural ("appreciations list", "appreciations journal")
for _source, _canonical in list(SYNONYMS.items()):
    if _source.startswith("appreciation "):
        SYNONYMS.setdefault("appreciations" + _source[len("appreciation") :], _canonical)
TYPED_SPELLINGS.update(
    {
        # Singlish, South African and typed answers: "can read the appreciations lah",
        # "ja, okay", "mhm, that's right", "reckon we oughta see a counselor"
        "lah": "", "leh": "", "lor": "", "shiok": "", "ja": "yes", "mhm": "uh huh",
        "mhmm": "uh huh", "oughta": "should",
        # round 13 B: answer words and politeness particles of other first languages said
        # with (or for) the English answer: Tagalog "oo, yes po", "opo"; Spanish "sí, yes";
        # Swahili "hapana, no"; a typed "naw"
        "po": "", "opo": "yes", "oo yes": "yes", "sí": "yes", "si yes": "yes",
        "hapana": "no", "naw": "no",
        # Scottish "a wee summary": typed only, so "give us a wee longer" never joins the
        # command model beside "give us a little longer"
        "wee": "little",
        # typed only: "we ought to ..." sentences in the command model would begin like
        # "we need a minute" (round 7's lesson)
        "ought to": "should",
    }
)  # fmt: skip
# round 9 A: typed-only forms. Needs said as feelings or polite hints ("it might be best if
# we ...", "I'd really appreciate a ...", "it'd be nice to have ...", "... would do us good"),
# the feeling said first ("my heart is racing, ...", "I'm about to snap, ..."), slang
# ("lowkey", "real quick", "gonna need"), a reason about a sleeping child.
TYPED_SPELLINGS.update(
    {
        "it might be best if we": "can we", "it would be best if we": "can we",
        "itd be best if we": "can we", "it might be good if we": "can we",
        "it would be good if we": "can we", "itd be good if we": "can we",
        "id feel better if we": "can we", "i would feel better if we": "can we",
        "it would help if we": "can we", "itd help if we": "can we",
        "it might help if we": "can we", "id feel better if i": "can i",
        "it might be best if i": "can i", "it would be best if i": "can i",
        "id appreciate": "can we have", "id really appreciate": "can we have",
        "i would appreciate": "can we have", "i would really appreciate": "can we have",
        "id appreciate it if you could": "can you", "id appreciate it if we could": "can we",
        "id really appreciate it if you could": "can you",
        "id really appreciate it if we could": "can we",
        "id prefer": "i want", "wed prefer": "we want", "i would prefer": "i want",
        "we would prefer": "we want", "id love to": "i want to", "wed love to": "we want to",
        "id really like to": "i want to", "id really love to": "i want to",
        "itd be nice to": "i want to", "it would be nice to": "i want to",
        "itd mean a lot to": "i want to", "it would mean a lot to": "i want to",
        "would do us good": "", "would do us both good": "", "would do us some good": "",
        "would do me good": "", "would suit us better": "", "would suit us": "",
        "would work better for us": "", "would work better": "",
        "kick it off": "start that", "get it going": "start that",
        "get it started": "start that", "if you can get it going": "",
        "if you could get it going": "",
        "if you can start it": "", "if you could start it": "", "spent": "spend", "paused": "break",
        "would help": "", "would really help": "", "could you set that up": "",
        "can you set that up": "",
        # the day said first: "it's saturday, start weekend breakfast"
        "its saturday": "", "its sunday": "", "its the weekend": "",
        "each took": "each take",
        # the feeling said before the request
        "i feel like im about to snap": "", "im about to snap": "", "im gonna snap": "",
        "im about to lose it": "", "my heart is racing": "", "my hearts racing": "",
        "my heart is pounding": "", "my hearts pounding": "", "im so overwhelmed": "",
        "im overwhelmed": "", "im getting overwhelmed": "", "im feeling overwhelmed": "",
        "i feel overwhelmed": "", "im so done": "", "im fuming": "", "im so mad": "",
        "im getting heated": "", "im shaking": "", "i cant think straight": "",
        "im spiralling": "", "im spiraling": "", "im so stressed": "",
        "im freaking out": "", "not done cooling off": "im not done",
        "still cooling off": "im not done",
        # slang
        "lowkey": "", "highkey": "", "real quick": "", "gonna need": "i need",
        # a child asleep, said beside "quieter"
        "babys asleep": "", "the babys asleep": "", "the baby is asleep": "",
        "babys sleeping": "", "the babys sleeping": "", "the baby is sleeping": "",
        "the kids are asleep": "", "kids are asleep": "", "the kids are sleeping": "",
    }
)  # fmt: skip
# round 9 B: young adults' slang around the journal and system requests ("lowkey", "ngl",
# "lol", "shoutout to my girl", "give him props", "how'd our week go"), a wish said as
# the partner's or a feeling ("I'd love for you to keep a note ..."), and the idea list
# named bare or vaguely ("add that to ideas", "the ideas thing"). Typed only: slang and
# hedges need no priming in the speech grammar (round 8's lesson on its bound).
TYPED_SPELLINGS.update(
    {
        "lowkey": "", "highkey": "", "ngl": "", "tbh": "", "lol": "", "lmao": "",
        "fr": "", "deadass": "", "no cap": "", "yo": "", "rn": "",
        "shoutout": "shout out", "shout outs": "shout out", "props": "thanks",
        "my girl": "my partner", "my man": "my partner",
        "my guy": "my partner", "my boo": "my partner", "my bae": "my partner",
        "bae": "my partner", "wifey": "my partner", "my wifey": "my partner",
        "howd": "how did", "hows it been": "how has it been",
        # the wish said as the partner's or mine ("I'd love for you to note ...",
        # "I'd like for you to delete ...")
        "id love for you to": "can you", "id like for you to": "can you",
        "wed love for you to": "can you", "wed like for you to": "can you",
        "i would love for you to": "can you", "i would like for you to": "can you",
        "keep a note that": "note that", "keep a note of": "note",
        "if anything": "", "real quick": "", "real fast": "",
        # a medicine named ("the ibuprofen didn't help at all") is health talk, not an idea
        "ibuprofen": "medicine", "paracetamol": "medicine", "aspirin": "medicine",
        "painkillers": "medicine", "painkiller": "medicine", "nurofen": "medicine",
        "advil": "medicine", "tylenol": "medicine", "antibiotics": "medicine",
        "antihistamines": "medicine", "melatonin": "medicine",
        # the idea list named bare ("add that to ideas", "put it on ideas") or vaguely ("the
        # ideas thing", "our idea stuff")
        "to ideas": "to idea list", "on ideas": "on idea list", "in ideas": "in idea list",
        "into ideas": "into idea list", "onto ideas": "onto idea list",
        "the ideas thing": "idea list", "ideas thing": "idea list", "the idea thing": "idea list",
        "the ideas stuff": "idea list", "ideas stuff": "idea list",
    }
)  # fmt: skip
# round 10 A: a request passed on for the partner ("she says she needs twenty minutes to
# herself", "he's asking for a time-out", "he asked me to move the check-in"), read as
# said by the speaker; the timer named by its countdown ("the breathing countdown",
# "one of those calming countdowns", "the pause thing"); the wondering openings with
# "whether" ("I was wondering whether you could ..."). Typed only: hedges and passed-on
# requests need no priming in the speech grammar (round 8's lesson on its bound).
TYPED_SPELLINGS.update(
    {
        "she says she needs": "i need", "he says he needs": "i need",
        "she said she needs": "i need", "he said he needs": "i need",
        "she texted that she needs": "i need", "he texted that he needs": "i need",
        "she says she wants": "i want", "he says he wants": "i want",
        "she says shes": "im", "he says hes": "im", "she says": "", "he says": "",
        "shes asking for": "we want", "hes asking for": "we want",
        "she asked me to": "", "he asked me to": "", "shes asked me to": "",
        "hes asked me to": "", "she wants to know": "", "he wants to know": "",
        "shes asking when": "when", "hes asking when": "when",
        "she wants to": "we want to", "he wants to": "we want to",
        "shed rather have": "we want", "hed rather have": "we want",
        "to herself": "to myself", "to himself": "to myself",
        "some time on his own": "space", "some time on her own": "space",
        "time on his own": "space", "time on her own": "space",
        "countdown": "timer", "countdowns": "timer", "count down": "timer",
        "breathing countdown": "break", "calming countdown": "break",
        "calming countdowns": "break", "calm down countdown": "break",
        "calm down pause": "break", "calm down break": "break", "breather breaks": "break",
        "calm down breaks": "break", "pause thing": "break", "break thing": "break",
        "breathing countdown thing": "break", "countdown thing": "timer",
        "the thing where you count down": "the break", "with the countdown": "",
        "one of those": "", "on the breathing": "on the break",
        "sorry to bother you but": "", "sorry to bother you": "",
        "sorry can you": "can you", "sorry how": "how",
        "is it possible for you to": "",
        "i was wondering whether you could": "can you",
        "i was wondering whether we could": "can we",
        "i was wondering whether it would be possible to": "",
        "i was wondering if it would be possible for us to": "can we",
        "i was wondering if it would be possible to": "",
        "we were wondering if you could": "can you", "i was wondering if you could": "can you",
        "whether you could": "can you", "whether we could": "can we",
        # the reason said after it ("..., because I can't do this right now")
        "because i cant do this right now": "", "were just making it worse": "",
        "were making it worse": "", "were making things worse": "", "and im about to snap": "",
        "were getting defensive": "", "were both getting defensive": "",
        "and its not helping": "", "before we keep talking": "", "if thats possible": "",
        "if possible": "", "for a little while": "", "were really tired": "",
        "sorry to bother you hearth but": "",
        "im not sure how this works but": "", "im not sure if you do this but": "",
        "im not sure how to start it but": "",
        # why a line was missed (like round 2's "he was talking"): talked over, busy
        "was talking over you": "", "were talking over you": "",
        "we were talking over you": "", "we were both talking over you": "",
        "were both talking over you": "", "i was washing up": "",
        "my honey and i are": "were", "my partner and i are": "were",
        "my wife and i are": "were", "my husband and i are": "were",
        "is that alright": "", "is that okay": "", "is that ok": "",
        "one of the breather breaks": "break",
        "i was wondering if theres": "is there",
        "for me and my love": "", "for me and my partner": "",
        "we do together": "together", "for this week": "this week",
        "help us do": "do", "help us start": "start",
        # "tonight's question" is tonight's check-in (skipped, asked)
        "tonights question": "tonights checkin", "todays question": "todays checkin",
        "tonights question session": "tonights checkin",
        # the check-in by its other names: the daily question, the question of the day,
        # the how-are-we-doing question (free: no template, no speech phrase)
        "the daily question": "the checkin", "our daily question": "the checkin",
        "ask us the daily question": "ask us the question",
        "the question of the day": "todays checkin", "instead of later": "",
        "the how are we doing question": "the checkin", "the how are we question": "the checkin",
        "one of those questions about how": "how", "a question about how": "how",
        "not do the question": "not do the checkin",
        # asked when ("do you know when the next check-in is")
        "do you know when": "tell us when",
        # a preference is a want; the meal and the rest of the week said with the time
        "wed prefer": "we want", "we would prefer": "we want", "over breakfast": "",
        "tonight and every night after": "", "and every night after that": "",
        "and every night after": "",
        # the last part of what was said, said once more
        "that last part": "that", "that last bit": "that", "that once more": "that again",
        "question we can do instead": "question we can try instead",
        "the next time youll ask how were doing": "the next checkin",
        "together after dinner": "together",
        # the time alone until a meal or bed, taken from now
        "till dinner": "till later", "until dinner": "until later", "till bedtime": "till later",
        "im going to take some space": "im taking space", "some space from each other": "space",
        "im gonna take some space": "im taking space",
        # rituals by another name, for this week
        "mindfulness session": "meditation session",
    }
)  # fmt: skip
# round 11 A: polite and formal frames of older and second-language speakers ("I would like
# that you ...", "I wish that you ...", "may I ask ...", "excuse me", "please make for us
# ..."), Irish and British turns ("half a minute is grand", "have we a check-in", "of an
# evening"), typed shorthand ("tn", "abit", "daily q"), the timer named by how it calms
# ("the breathing timer", "the calm countdown"), the check-in skipped or ended in other
# verbs ("jump over", "leave out", "switch off", "finish with"), the time apart with its
# return ("I will return in", "back by nine", "heading out to clear my head"). Typed only:
# openings and reasons need no priming in the speech grammar (round 8's lesson on its bound).
TYPED_SPELLINGS.update(
    {
        # a wish said "that you ..." (German, Dutch, Romance word order): asks it of Hearth
        "i would like that you": "can you", "i would like that we": "can we",
        # (never "I would like that" alone: "yes, we would like that" answers)
        "i would like that the": "", "we would like that the": "",
        "id like that you": "can you", "id like that we": "can we",
        "i wish that you": "can you", "i wish that we": "can we", "we wish that you": "can you",
        "we would like that you": "can you", "we would like that we": "can we",
        "excuse me": "",
        "i would be grateful if you could": "can you",
        "we would be grateful if you could": "can you",
        "i would be grateful if you would": "can you", "id be grateful if you could": "can you",
        "i would appreciate it if you could": "can you",
        "we would appreciate it if you could": "can you",
        "make for us": "make", "please make for us": "make", "do for us": "do",
        "my wife and i would like": "we want", "my husband and i would like": "we want",
        "my partner and i would like": "we want", "my wife and i want": "we want",
        "my husband and i want": "we want", "my partner and i want": "we want",
        "my wife and i ask for": "we want", "my husband and i ask for": "we want",
        "my partner and i ask for": "we want", "we ask for": "we want", "i ask for": "i want",
        "can you arrange it": "", "could you arrange it": "", "can you arrange that": "",
        "could you arrange that": "", "please arrange it": "",
        "we have decided to": "we want to", "we decided to": "we want to",
        "i would like to know": "tell me", "id like to know": "tell me",
        "we would like to know": "tell us", "i want to know": "tell me",
        "i wonder how": "how", "i wonder when": "when",
        "may i ask how": "how", "may i ask when": "when", "may i ask at": "at",
        "can i ask how": "how", "can i ask when": "when",
        "at which hour": "at what time", "at what hour": "at what time",
        "is remaining": "is left", "are remaining": "are left", "minutes remain": "minutes left",
        "may i ask at which hour": "at what time",
        # the timer named by how it calms
        "breathing timer": "break timer", "calm timer": "break timer",
        "calm countdown": "break", "calming timer": "break timer",
        "breathing break": "break", "breathing pause": "break", "breathing time out": "break",
        "a little while to calm down": "a break to calm down",
        "a while to calm down": "a break to calm down",
        "is grand": "", "would be grand": "",
        "becoming heated": "getting heated", "were both fuming": "", "were fuming": "",
        "were nearly there": "", "we are nearly there": "", "were almost there": "",
        "we are not calm yet": "", "were not calm yet": "", "were too tired": "",
        "we are too tired": "", "back to normal tomorrow": "", "back to normal tmrw": "",
        # the end of the break asked with "finish" and "speak"
        "we want to speak with each other again": "we want to talk again",
        "speak with each other again": "talk again", "chat again": "talk again",
        "sorted ourselves out": "calmed down", "can keep going with the convo": "can keep talking",
        "can keep going w the convo": "can keep talking", "can keep going": "can keep talking",
        # more of the pause: "continues for another ..."
        "pause continues for": "extend the break for",
        "break continues for": "extend the break for",
        "the pause continues for": "extend the break for",
        "the break continues for": "extend the break for",
        "not ready yet extend": "extend",
        # the time apart and its return
        "i will return in": "ill be back in", "ill return in": "ill be back in",
        "we will return in": "well be back in", "i will come back in": "ill be back in",
        "some distance from each other": "space", "distance from each other": "space",
        "time to ourselves": "space", "my own headspace": "space", "headspace": "space",
        "abit": "a bit",
        "make space apart for us": "give us space", "make a space for us": "give us space",
        "make space for us": "give us space",
        "heading out to clear my head": "going out to clear my head",
        "a drive to cool off": "a drive to clear my head", "set up space": "start space",
        "for abit": "", "need my own headspace": "i need space",
        # the check-in by how it asks, made, forward, on another day's form
        "the how are we doing thing": "the checkin", "how are we doing thing": "checkin",
        "make the check in": "do the checkin", "make our check in": "do the checkin",
        "the daily q": "the checkin", "daily q": "checkin", "go on then": "",
        "bring the check in forward": "move the checkin",
        "bring our check in forward": "move the checkin",
        "tn": "tonight", "2nite": "tonight", "tonite": "tonight",
        "have we a": "do we have a",
        "when are you asking us the question next": "when will you ask us the question",
        "the time of the daily check in": "the checkin time",
        "the time of the check in": "the checkin time",
        "the time of our check in": "the checkin time",
        "jump over": "skip", "leave out": "skip", "give a miss to": "skip",
        "no question tonight": "no checkin tonight", "no question today": "no checkin today",
        "switch off": "turn off", "finish with the check ins": "stop the checkin",
        "finish with the check in": "stop the checkin", "delete them": "", "remove them": "",
        "from the schedule permanently": "permanently",
        # reasons said after the request (a sleeping family, hearing, a night out, an old question)
        "the grandchildren are sleeping": "", "the grandkids are sleeping": "",
        "my hearing is not so good": "", "my hearing isnt so good": "",
        "my hearing is not good": "", "my hearing isnt good": "",
        "we already answered this one last week": "", "we already answered that one last week": "",
        "we already answered this one": "", "we already answered that one": "",
        # the check-in by its moment and as a talk about how we feel
        "time for our question": "time for the checkin",
        "time for the question": "time for the checkin",
        "our little talk about how we feel": "the checkin",
        "our talk about how we feel": "the checkin", "the talk about how we feel": "the checkin",
        "we sit down for": "were sitting down for", "we sit down now for": "were sitting down for",
        "til were done breathing": "till the break ends",
        "till were done breathing": "till the break ends",
        "until were done breathing": "until the break ends",
        "comes back from his time alone": "comes back",
        "comes back from her time alone": "comes back",
        "until my husband comes back": "", "until my wife comes back": "",
        "until my husband comes back from his time alone": "",
        "until my wife comes back from her time alone": "",
        "until my partner comes back": "",
    }
)  # fmt: skip
# round 11 A: formal openings, as they read after SYNONYMS ("I would kindly ask you to ...",
# "be so kind and ...", "I want to tell you (that) ..."). Openings only, never typed forms:
# inside a sentence they are its words ("what should I ask you to do" asks for help).
WRAPPERS = _with_wrappers(
    "i ask you to", "we ask you to", "i would ask you to", "id ask you to",
    "we would ask you to", "be kind and", "i want to tell you",
    "i want to tell you that", "we want to tell you", "we want to tell you that",
)  # fmt: skip
# round 12 A: the polite, indirect and hedged frames of British, Irish, Australian, Indian
# and South African English ("would you mind awfully ...", "might we ...", "would it be too
# much trouble to ...", "do the needful and ...", "... if that's alright", "a wee bit", "a
# touch"), a past tense after "would you mind if we" ("... if we started our walk"), the
# return said as meeting again ("we'll regroup in 25 minutes"), and reasons said beside a
# request ("he's not listening", "hot under the collar"). Typed only: hedges and reasons
# need no priming in the speech grammar (round 8's lesson on its bound).
_MIND_PAST = {"started": "start", "began": "begin", "had": "have", "took": "take",
              "did": "do", "skipped": "skip", "moved": "move", "paused": "pause"}  # fmt: skip
TYPED_SPELLINGS.update(
    {
        f"{opening} if {who} {past}": f"can {who} {verb}"
        for opening in ("would you mind", "would you mind awfully", "do you mind")
        for who in ("we", "i")
        for past, verb in _MIND_PAST.items()
    }
)
TYPED_SPELLINGS.update(
    {
        # "would you mind awfully giving us ..." reads as "would you mind giving us ..."
        "would you mind awfully": "would you mind", "would you mind awfully if we": "can we",
        "would you mind awfully if i": "can i",
        # "might we / might you / might I" ask as "can"
        "might we": "can we", "might i": "can i", "might you": "can you",
        "i wonder if we might": "can we", "i wonder if you might": "can you",
        "i was wondering if we might": "can we", "i was wondering if you might": "can you",
        "would it be too much trouble to": "can we", "would it be too much bother to": "can we",
        "is it too much trouble to": "can we", "would it be too much trouble for you to": "can you",
        # Indian English "do the needful and ...", "Hearth ji"
        "do the needful and": "", "please do the needful and": "", "kindly do the needful and": "",
        "ji": "",
        "is it possible to know": "tell me", "is it possible to know when": "when",
        # closings that only soften the request
        "if thats alright": "", "if thats all right": "", "if thats ok": "", "if thats okay": "",
        "if thats not too much bother": "", "if its not too much bother": "",
        "if thats not too much trouble": "", "if its not too much trouble": "",
        "if its no bother": "", "if thats no bother": "", "if i may": "",
        "im not sure how long yet": "", "i dont care which": "",
        # amounts said small: "a wee bit more", "speak up a touch", "a spot of mindfulness"
        "a wee bit of": "some", "a wee bit": "a bit", "a touch": "a bit", "a spot of": "some",
        "id quite like": "i want", "wed quite like": "we want",
        # the check-in asked as how we are going / getting on ("see how we're doing" is summary)
        "ask us how were going": "ask us how were doing",
        "ask us how were getting on": "ask us how were doing",
        "ask us how were both doing": "ask us how were doing",
        "how are we doing ask us": "ask us how were doing",
        "is now a good time for the check in": "time for the checkin",
        "we have a minute now": "", "weve got a minute now": "", "we have some time now": "",
        "do you have another question": "can you ask us another question",
        "have you got another question": "can you ask us another question",
        "when are you asking us": "when will you ask us", "check in due": "checkin",
        "entirely": "completely", "when were doing the next": "when is the next",
        # the break named by how it calms, counted down; reasons beside it
        "calming pause": "break", "calming break": "break", "calming time out": "break",
        "count us down from": "give us a break of", "hot under the collar": "heated",
        "hes not listening to a word": "", "shes not listening to a word": "",
        "hes not listening": "", "shes not listening": "", "hes not listening to me": "",
        "shes not listening to me": "",
        # ended early, cut short; chatting again
        "end it early": "end that", "cut it short": "end that", "finish it early": "end that",
        "want to chat now": "want to talk now", "like to chat now": "like to talk now",
        # the time apart's return said as meeting again
        "well regroup in": "back in", "we will regroup in": "back in",
        "meet up again in": "back in", "meet again in": "back in",
        # (never "can you note that" alone: B's "... note that I appreciate ..." need it)
        "can you note that ill be back in": "back in",
        "could you note that ill be back in": "back in",
        "pop out to": "go out to", "popping out to": "going out to",
        "still need more space": "still need time",
    }
)  # fmt: skip
_TOPIC_AFTER_IDEA = frozenset(("in", "for", "of", "behind", "about", "from", "were", "are"))
_SOMEONE = frozenset(("you", "he", "she", "they", "we", "i"))  # round 12 B
"""What follows "the idea(s)" when ideas are the topic of a remark."""
_APPRECIATION_THINGS = frozenset(
    ("card", "cards", "email", "dinner", "lunch", "party", "event", "award", "day", "week",
     "post", "speech", "gift", "message", "letter", "bonus", "night", "lunches", "dinners")
)  # fmt: skip
"""Things named "the appreciation ..." (a card, a staff lunch): a remark, not a heading."""


def _idea_as_topic(out: Normalized) -> None:
    """ "The ideas in that book were obvious", "the idea for the group project is dumb":
    said with its article and followed by a preposition or "were", "the idea(s)" is the
    subject of a remark, not the heading of a new idea ("idea: a picnic", "idea for us: go
    stargazing"). Its word is changed so that no idea template takes it."""
    tokens = out.tokens
    if len(tokens) < 3 or tokens[0] not in ("idea", "appreciation"):
        return
    source = strip_wake_phrase(out.source).lower().lstrip(" ,.")
    if tokens[0] == "appreciation":
        # round 11 B: "the appreciation card from work was so sweet" (a thing named)
        if source.startswith("the appreciation ") and tokens[1] in _APPRECIATION_THINGS:
            tokens[0] = "notion"
        return
    # round 12 B: "ideas for dinner anyone" asks the room; "the ideas you had for the
    # garden" are someone's (a heading is singular: "idea for us: ...", and "the idea you
    # gave us helped" is feedback)
    if source.startswith("ideas for ") or (
        source.startswith("the ideas ") and tokens[2:3] and tokens[2] in _SOMEONE
    ):
        tokens[0] = "notion"
        return
    # round 11 B: "the list of ideas from the travel agency was very long"
    if not source.startswith(("the idea ", "the ideas ", "the list of idea")):
        return
    after = tokens[2] if tokens[1] == "list" else tokens[1]
    if after in _TOPIC_AFTER_IDEA:
        tokens[0] = "notion"


# round 10 B: the partner named by an endearment with "my" ("what my honey appreciates
# about me").
SYNONYMS.update({"my honey": "my partner", "my sweetheart": "my partner"})
# Polite openings left half-read: "I was wondering" is a hedge removed on its own
# (SYNONYMS), so "I was wondering if/whether you could put ..." came out "if you can put
# ..." and no wrapper took it.
WRAPPERS = _with_wrappers("if you can", "whether you can")
# "The ideas board at work is full of nonsense": ideas named as a workplace's board, box or
# channel are the topic of a remark too.
_TOPIC_AFTER_IDEA = _TOPIC_AFTER_IDEA | {"board", "box", "wall", "channel", "meeting", "session"}
# round 11 B: the professional named as a psychologist, or in the plural with "marriage"
# ("are there marriage counsellors near here": "counsellors" alone left "marriage" behind).
SYNONYMS.update(
    {"psychologist": "therapist", "psychologists": "therapist",
     "marriage counsellors": "therapist", "marriage therapists": "therapist",
     "family therapists": "therapist", "relationship counsellors": "therapist",
     "psychologist for couples": "therapist", "couples psychologist": "therapist"}
)  # fmt: skip
# round 11 B: the idea list named as the things done together ("what's next on our list of
# things to do together", "our things-to-do-together list"): one name, so the fuzzy
# reading of a template with the long name does not take a to-do list ("tell me what is on
# the list of things to do").
SYNONYMS.update(
    {"list of things to do together": "idea list", "things to do together list": "idea list"}
)


# --- round 12 B: speech-recognizer habits and journal wordings (sets 25a-c) ---
# "put a road trip on our together list": the idea list named by what it is for (not a bare
# "the together list": round 11 keeps "add eggs to the together list" talk); "that'd
# be grand" as typed or heard without the apostrophe.
SYNONYMS.update({"our together list": "idea list", "thatd be grand": "thats fine"})
# "he made dinner even though we were fighting": a concession praises the deed; only a
# contrast ("but", "though" alone) makes an appreciation's text an argument (TEXT_REJECT).
SYNONYMS.update({"even though": "despite"})

# round 13 A: requests said inside the couple's conversation and in world Englishes (sets
# 28a-c): the plan after the request ("then we try again", "after we talk again"), a
# closing asked of the partner ("is that ok love?", "does that work for you?"), the time
# apart said as separating or staying apart, the time left till one is "supposed to be
# back", "jump" for skip and Nigerian English "am" (it), "small" (a bit), "come let's".
# Typed only, like round 12's frames: they need no priming in the speech grammar.
TYPED_SPELLINGS.update(
    {
        # the plan said after the request
        "then we try again": "", "then well try again": "", "then we talk again": "",
        "after we talk again": "", "after that we talk again": "", "then well talk again": "",
        # a closing asked of the partner
        "is that ok love": "", "is that okay love": "", "is that ok babe": "",
        "is that okay babe": "", "does that work for you": "", "does that work for you hon": "",
        "does that work for you love": "", "does that work for you babe": "",
        # the time apart said as separating, staying or being apart, taking distance
        "cool off separately": "take space", "cool down separately": "take space",
        "go to separate rooms": "take space", "we separate for": "we take space for",
        "stay apart": "take space", "we will be apart for": "we take space for",
        "well be apart for": "we take space for", "we take distance": "we take space",
        "take some distance": "take space", "i go downstairs alone": "i take space",
        "some room to myself": "space", "room to myself": "space",
        "until after dinner": "until later", "till after dinner": "till later",
        # the time left till one is due back
        "till im supposed to be back": "is left", "until im supposed to be back": "is left",
        "till were supposed to be back": "is left", "until were supposed to be back": "is left",
        "till were supposed to come back": "is left", "until were supposed to come back": "is left",
        "till im supposed to come back": "is left", "until im supposed to come back": "is left",
        "how much time we still have": "how much time do we still have",
        # the check-in named, got over with, asked about how we feel, its next time
        "question of the day": "checkin", "get the check in over with": "do the checkin",
        "ask us something about how we feel": "ask us how were doing",
        "ask us about how we feel": "ask us how were doing",
        "ask us how we feel": "ask us how were doing",
        "when do you check in with us next": "when is the next checkin",
        "when do you check in next": "when is the next checkin",
        "from tomorrow the check in is at": "move the checkin to",
        # "jump" for skip; Nigerian English "am" (it), "small" (a bit), "come let's"
        "jump todays": "skip todays", "jump tonights": "skip tonights",
        "jump the check in": "skip the checkin", "extend am": "extend it",
        "extend am small": "extend it a bit", "the question of the day": "checkin",
        "until were calmer": "to calm down", "until we are calmer": "to calm down",
        "how much time we still have alone": "how much time do we still have left",
        "time for the question of the day": "time for the checkin",
        "we come back to the conversation": "lets get back to the conversation",
        "am small": "it a bit", "voice small": "voice a bit", "come lets": "lets",
        "we never ready": "were not ready",
        # "a small break", "more on the pause"
        "make a small break": "take a break", "extra time on": "more time on",
        "going a bit more": "going longer",
    }
)  # fmt: skip

# round 14 A: lengths, time-outs and control words as sets 36a-c said them: the time
# apart by its rooms ("separate corners", "the apart time thingy"), the breathing timer
# named by its parts, requests asked as negative questions ("why don't you ..."), the end
# refused while more is asked. Typed only, like round 13's.
_FEATURES = (
    ("space", "space"), ("pause", "break"), ("break", "break"), ("time out", "break"),
    ("timeout", "break"), ("breathing", "break"), ("check in", "checkin"),
)  # fmt: skip
"""A feature as said, and as it reads after normalising (a typed form is not read again)."""
TYPED_SPELLINGS.update(
    {
        "on the breathing thing": "on the break", "the breathing thing on": "the break on",
        # the time apart by its rooms, its corners, its plain name ("the apart time thingy",
        # "some room apart", "real space"), back "after dinner at 8"
        "do the thing where we": "lets", "separate corners": "space", "for like": "for",
        "the apart time thingy": "space", "the apart time thing": "space",
        "apart time thingy": "space", "some room apart": "space", "room apart": "space",
        "real space": "space", "back after dinner at": "back at",
        "come back after dinner at": "back at",
        # a feature explained by its "thing" ("explain space" alone is about the universe)
        **{f"explain the {name} thing": f"explain how the {as_read} works"
           for name, as_read in _FEATURES},
        # the answer "go for it" (its words are none of the yes's required words)
        "go for it": "go ahead",
        # the end refused while more is asked: "don't end it yet, give us another minute"
        "dont end it yet": "were not ready yet", "dont stop it yet": "were not ready yet",
        "dont end the break yet": "were not ready yet",
        # the time apart as going off to different rooms
        "the going off to different rooms thing": "space",
        "going off to different rooms": "take space",
        # how the argument is going, beside the request: "we're getting snippy with each
        # other"; a hedge after "to" ("is there a way to, like, pause us?")
        "were getting snippy": "", "were getting snippy with each other": "",
        "were snapping at each other": "", "to like": "to",
        "before one of us says something dumb": "", "before one of us says something stupid": "",
        # where one is busy driving: beside it a request is asked of the partner
        # (matcher._BUSY_IN): "give me some space, I'm trying to park"
        "im trying to park": "im driving", "im parking": "im driving",
        # a therapist described by whom they see
        "who sees couples": "for couples", "who works with couples": "for couples",
    }
)  # fmt: skip
# A noise in the room given as the reason to repeat or speak up ("sorry, the dishwasher was
# loud, repeat that", "louder, the kids are being loud", "I can't hear you over the dog"):
# it says nothing about the request. Not a screen or music (clauses.DEVICES: "louder, the
# tv is quiet" is about the tv).
_NOISES = (
    "dishwasher", "kettle", "dog", "dogs", "kids", "baby", "hoover", "vacuum", "blender",
    "neighbours", "neighbors", "washing machine", "traffic", "rain",
)  # fmt: skip
_NOISY = (
    "was loud", "was too loud", "was so loud", "is loud", "is too loud", "are loud",
    "are being loud", "were loud", "were being loud", "was barking", "is barking",
    "was crying", "is crying", "are screaming", "were screaming", "are shouting",
    "were shouting",
)  # fmt: skip
"""Only said as a noise: "sorry, I didn't hear you, the kettle was on" (a state) stays a
story told to the partner (set 9a's everyday line)."""
TYPED_SPELLINGS.update({f"the {noise} {noisy}": "" for noise in _NOISES for noisy in _NOISY})
TYPED_SPELLINGS.update({f"over the {noise}": "" for noise in _NOISES})
# round 14 B: the check-in by what it does ("the asking thing", "the feelings question",
# "question time"); a request relayed for the partner ("my wife wants to ...", "she wants
# you to ..."); a suggestion put as a question ("why don't we ...", "can't you suggest
# ..."). Typed only, like round 12's frames.
TYPED_SPELLINGS.update(
    {
        "asking thing": "checkin", "asking us thing": "checkin",
        "feelings question": "checkin question", "how are we doing question": "checkin question",
        "how are we question": "checkin question", "how were doing question": "checkin question",
        "question time": "checkin time", "check on us": "checkin on us",
        "the question you ask us": "the checkin", "that question you ask us": "the checkin",
        "the questions you ask us": "the checkin", "checking in thing": "checkin",
        # (round 14 A had these before a request's verb only; the matcher keeps "why don't
        # you ever listen" none either way)
        "why dont we": "lets", "why dont you": "can you", "cant you give": "can you give",
        "cant you suggest": "can you suggest", "cant you ask": "can you ask",
        "arent we supposed to": "lets", "go ahead ask": "", "go ahead and ask": "",
        "my partner wants to": "we want to", "she wants to": "we want to",
        "he wants to": "we want to", "she wants you to": "can you", "he wants you to": "can you",
        "my partner wants you to": "can you", "my partner wants the": "we want the",
        "my partners asking": "", "my partner is asking": "",
        "my wife wants to": "we want to", "my husband wants to": "we want to",
        "my wife wants the": "we want the", "my husband wants the": "we want the",
        "my husbands asking": "", "my wifes asking": "",
        # its next time asked after: "when's the next question", "when will you next ask us"
        "whens the next question": "whens the next checkin",
        "when is the next question": "when is the next checkin",
        "when will you next ask us": "when will you ask us",
        "what time are you asking us": "what time will you ask us the question",
        "when youll ask us": "when will you ask us",
        "when will you ask us how were doing": "when is the next checkin",
        "when will you next ask us how were doing": "when is the next checkin",
        # the idea list by what is on it, the nice list, tonight's chat, a reason beside
        "things we want to do list": "idea list", "list of stuff to do together": "idea list",
        "list of stuff to try": "idea list", "list of things we wanted to try": "idea list",
        "the nice list": "appreciation", "tonights chat": "tonights checkin",
        "now not later": "", "checkin after dinner at": "checkin at",
        "check in after dinner at": "checkin at",
        "she wants to appreciate me": "i want to appreciate my partner",
        "he wants to appreciate me": "i want to appreciate my partner",
        "were putting our shoes on": "", "were putting shoes on": "",
        "were getting our shoes on": "", "were getting our coats on": "",
        # the ritual by when we do it, Hearth asked to guide it ("the coffee thing we do
        # every week", "the mindfulness thing, guide us through it")
        "thing we do every week": "thing", "thing we do every weekend": "thing",
        "thing we do on sundays": "thing", "thing we do on saturdays": "thing",
        "guide us through it": "",
        # the check-in by what Hearth does in it ("the thing where you ask how the
        # relationship's going", "the chat where you ask us stuff about us"); who is ready
        "thing where you ask how the relationships going": "checkin",
        "thing where you ask us how the relationships going": "checkin",
        "thing where you ask how were doing": "checkin",
        "thing where you ask us how were doing": "checkin",
        "chat where you ask us stuff about us": "checkin",
        "thing where you ask us stuff about us": "checkin",
        "thing where you ask us about us": "checkin",
        "were both sitting down": "", "is it possible to do the": "can we do the",
        # a clear-all with its plan ("clear all the ideas, everything, start fresh"): the
        # plan was read as an idea's text
        "everything start fresh": "everything", "everything start over": "everything",
    }
)  # fmt: skip
# round 15 A: the breathing pause and the time apart as sets 48a-c said them: the pause
# named by its parts ("one of those breathing pauses", "the breathing pause thing"), the
# time apart by going off somewhere alone ("take myself off", "I'm away to my room", "go
# sit in the garden by myself"), a break from each other with its end, the time left
# until someone is "meant to" be back, control words said loosely. Typed only.
TYPED_SPELLINGS.update(
    {
        # the pause by its parts
        "breathing pause thing": "break", "breathing pauses": "break",
        "breathing pause": "break", "breathing break": "break",
        "one of those": "a", "take us through a": "give us a",
        # the time apart by going off alone
        "take myself off": "go be alone", "taking myself off": "going to be alone",
        "im away to": "im going to", "im away out": "im going out",
        "go separate rooms": "take space", "go to separate rooms": "take space",
        "the time apart thing": "space", "the space thing": "space",
        "time away from each other": "space", "get my head straight": "clear my head",
        "clear my head a bit": "clear my head",
        # the time left until someone is meant to be back
        "meant to be back": "back", "supposed to be back": "back",
        "were meant to": "we have to", "were supposed to": "we have to",
        "im meant to": "i have to", "im supposed to": "i have to",
        # control words said loosely
        "have another go at the conversation": "try again",
        "have another go at it": "try again", "have another go": "try again",
        "we can chat now": "we can talk now", "whisht": "hush",
        "hes on a call": "", "shes on a call": "", "hes on the phone": "",
        "shes on the phone": "", "besides each other": "besides ourselves",
        "relationship counselling": "couples therapist",
        # where one goes to sit alone: "go sit in the garden by myself", "sit out on the
        # stoep alone", "sit in the car for a bit" (only with alone or a while said: "I'm
        # going to go sit in the garden" stays talk; see space.yaml)
        **{f"{go}sit {out}{on} the {place} {alone}": f"go out {alone_as}"
           for go in ("go ", "") for out in ("out ", "") for on in ("in", "on", "at")
           for place in ("garden", "car", "stoep", "porch", "yard", "balcony", "patio",
                         "back garden", "back yard", "backyard", "park", "shed")
           for alone, alone_as in (("alone", "alone"), ("by myself", "by myself"),
                                   ("on my own", "on my own"), ("for a bit", "alone"),
                                   ("for a while", "alone"))},
        "time that for": "for",
        # alone in a room: "five minutes on my own in the other room"
        **{f"{alone} in the {room}": alone
           for alone in ("on my own", "alone", "by myself")
           for room in ("other room", "spare room", "bedroom", "study", "kitchen")},
        "shes asked for space": "she needs space", "hes asked for space": "he needs space",
        # how the argument is going, said beside the request ("pause please, we're both
        # getting worked up", "its getting a bit much")
        **{f"{who} {both}getting {state}": ""
           for who in ("were", "im", "its") for both in ("both ", "")
           for state in ("worked up", "wound up", "a bit much", "too much")},
        # the timer stretched out; the return at a clock time said again with "then"
        "going upstairs till": "going out till", "going downstairs till": "going out till",
        "stretch the timer out": "extend the timer", "stretch it out": "extend it",
        **{f"{tell}ill come {way} then": ""
           for tell in ("", "tell him ", "tell her ") for way in ("down", "up", "back")},
    }
)  # fmt: skip

# round 16 A: the time apart by where one goes and how one names it ("going out to the
# garage on my own", "stepping outside for some air", "some breathing room", "set us up for
# some time apart", "back down in fifteen minutes"), the time left and the end of a pause
# asked politely ("how long have we still got on this", "pardon me, how many ...", "call
# off the break", "cut the break short"), outside help by what it is. Typed only.
TYPED_SPELLINGS.update(
    {
        # the time apart
        **{f"{go} out to the {place} {alone}": f"stepping out {alone}"
           for go in ("going", "heading", "popping", "nipping")
           for place in ("garage", "shed", "garden", "car", "allotment", "workshop")
           for alone in ("on my own", "alone", "by myself")},
        "stepping outside": "stepping out", "on my own for some air": "on my own",
        "alone for some air": "alone", "by myself for some air": "by myself",
        "back down in": "back in", "back up in": "back in",
        "some breathing room": "space", "shall we say": "lets say",
        "set us up for": "set up", "if you would": "",
        "solitary walk": "walk alone", "solitary stroll": "walk alone",
        # the time left, asked politely
        "have we still got on this": "do we still have",
        "have we still got left": "do we still have",
        "on the timer you set for us": "on the timer", "pardon me how": "how",
        "of our time apart remains": "time remains",
        # the pause ended
        "call off the break": "cancel the break", "call off the pause": "cancel the break",
        "call off the time apart": "cancel the space",
        "call off the rest of our time apart": "cancel the space",
        "call off the rest of the break": "cancel the break",
        "cut the break short": "end the break", "cut the pause short": "end the break",
        # outside help
        "outside help for couples": "therapist",
        "counselling for couples": "therapist", "therapy for couples": "therapist",
        "for married couples": "", "helpline or counselling service": "therapist service",
        "someone professional": "someone",
        **{f"a professional about our {what}": "a professional"
           for what in ("rows", "arguments", "fights", "fighting", "rowing", "arguing")},
        "should we be seeing": "should we see",
        # a pause asked politely
        "id be grateful for": "i want", "my husband and i": "we", "my wife and i": "we",
        "take a beat": "take a break", "ill be back down in": "back in",
        "ill be back up in": "back in", "we should like to": "we want to",
        "calm ourselves": "calm down", "thats enough quiet were ready": "were ready",
        "ready to resume": "ready to talk",
        # control words said loosely
        "reset everything": "erase everything", "im not quite ready yet": "not yet",
        "everything you know about us": "everything you have about us",
        "remove all our information": "erase all our data",
        "remove all our data": "erase all our data",
        "that wont be necessary": "", "from the machine": "",
        **{f"how do i {ask}": ask for ask in (
            "make you louder", "make you quieter", "make you softer", "turn you up",
            "turn you down")},
        # the time apart named loosely, a return said as "return"
        "step away time": "space", "stepping away time": "space",
        "each need our own corner": "need space from each other",
        "ill return at": "back at", "ill return in": "back in",
        "would you kindly note that im taking": "im taking",
        "going to separate rooms": "taking space",
        **{f"till the kids are {x}": "till later" for x in ("asleep", "in bed", "down")},
        "i should think so": "yes",
        # asked how, then asked ("how do I tell you we're ready to talk again? because
        # we are"); a reason beside stopping Hearth ("the kids just walked in")
        "how do i tell you were ready": "were ready", "again because we are": "again",
        "the kids just walked in": "", "the kids just came in": "",
        "what are you supposed to do": "what are you for", "quite right": "too right",
        "im not sure how to use you": "i dont know how to use you",
        "im not sure how to use this": "i dont know how to use this",
    }
)  # fmt: skip

# round 15 B: typed "2nite" split at the digit; the idea list by how we name it ("our
# try-together list"); the call named by its medium ("start our video call timer")
TYPED_SPELLINGS.update(
    {
        "2 nite": "tonight", "try together list": "idea list",
        "things to try together list": "idea list",
        # a reason beside the request ("we've got people over", "phones are away")
        "weve got people over": "", "we have people over": "", "weve got friends over": "",
        "we have friends over": "", "weve got guests": "", "we have guests": "",
        "weve got company": "", "we have company": "", "phones are away": "",
        "the phones are away": "", "phones are off": "", "phones away": "",
    }
)  # fmt: skip


def _checkin_time_15b(tokens: list[str], k: int) -> bool:
    """round 15 B: "check-in time: seven": a number after "check-in time" is its clock time."""
    return (
        tokens[k] == "time"
        and k >= 1
        and (
            tokens[k - 1] in ("checkin", "checkins")
            or (k >= 2 and tokens[k - 2 : k] == ["check", "in"])
        )
    )


_TAG_15B = (["would", "you"], ["will", "you"])
_ASKS_15B = frozenset(("what", "which", "who", "how", "where", "when", "why", "whose"))


def _tags_15b(out: Normalized) -> None:
    """round 15 B: a check-in request closed by a tag ("skip the next check in, would
    you"): the tag adds nothing ("what would you" asks, and is left). Only with the
    check-in named: "turn that down a bit, would you" is said to a person."""
    if (
        len(out.tokens) > 3
        and out.tokens[-2:] in _TAG_15B
        and out.tokens[0] not in _ASKS_15B
        and "checkin" in out.tokens
    ):
        out.tokens, out.spans = out.tokens[:-2], out.spans[:-2]


_FULL_UNIT = frozenset(("full", "whole", "entire"))


def _full_unit(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Lengths as the recognizer writes them out: "a full minute", "a whole hour", "five
    whole minutes" (the adjective goes so the length is read, and "thirty seconds, no, make
    it a full minute" corrects to 60 s instead of giving nothing). ("A hundred and twenty
    seconds" is read where numbers are: `numbers.int_at`.)"""
    out: list[tuple[str, int, int]] = []
    for k, span in enumerate(spans):
        if (
            span[0] in _FULL_UNIT
            and out
            and k + 1 < len(spans)
            and spans[k + 1][0] in UNIT_SECONDS
            and (out[-1][0] in ("a", "an", *UNITS, *TENS) or out[-1][0][0].isdigit())
        ):
            continue
        out.append(span)
    return out


_FINE_THEN = frozenset(
    ("add", "put", "save", "log", "record", "note", "write", "read", "start", "give",
     "take", "lets", "let's", "play", "tell", "show", "pick", "do", "mark")
)  # fmt: skip
"""Verbs a grudging "fine, ..." opens ("fine, add an idea: ..."); "fine by me" stays."""
_DEFERRED = (
    ["ill", "tell", "you"], ["i", "will", "tell", "you"], ["ill", "say", "it"],
    # round 13 B: "add an idea, we can fill it in later"
    ["we", "can", "fill"], ["ill", "fill"], ["well", "fill"], ["i", "can", "fill"],
)  # fmt: skip
_DEFERRED_TAIL = frozenset(
    ("what", "it", "later", "in", "after", "soon", "then", "that", "minute", "moment",
     "second", "on", "when", "ready", "im")
)  # fmt: skip


def _speech_habits_12b(out: Normalized) -> None:
    """Habits of speech heard whole by the recognizer:
    - a word said again across a filler ("with uh with my wife", "the uh the walk"): the
      filler goes first, so the repeat is only seen now;
    - a length corrected with a bare number ("two more minutes, no, three": in its unit, or asked);
    - a grudging "fine," before a request ("fine, add an idea: ...");
    - the content promised for later ("add an idea, I'll tell you what in a sec"): nothing
      was said yet, so no free text is read from the promise."""
    tokens, spans = out.tokens, out.spans
    k = 1
    while k < len(tokens):
        # not a length or a time: "to five, uh, five thirty" has two, the second stands
        if tokens[k] == tokens[k - 1] and tokens[k] not in PLACEHOLDERS:
            del tokens[k], spans[k]
        else:
            k += 1
    corrected_by_number(out)  # "two more minutes, no, three"
    if len(tokens) > 2 and tokens[0] == "fine" and tokens[1] in _FINE_THEN:
        del tokens[0], spans[0]
    for lead in _DEFERRED:
        for k in range(2, len(tokens) - len(lead) + 1):
            if tokens[k : k + len(lead)] == lead and all(
                t in _DEFERRED_TAIL for t in tokens[k + len(lead) :]
            ):
                del tokens[k:], spans[k:]
                return


# round 14 B: the check-in called "the question" when it is moved, skipped or asked about
_QUESTION_MOVED = frozenset(("move", "set", "schedule", "reschedule", "bump", "push", "shift"))
_QUESTION_SKIPPED = frozenset(("leave", "skip", "miss", "cancel", "drop"))
_CHECKIN_TAIL = frozenset(("thing", "one", "session"))
_CHECKIN_NAMED_WORDS = frozenset(("question", CADENCE, "speaker", "checkin"))
"""Words without one of which `_checkin_named_14b` has nothing to do."""
_QUESTION_DECLINED = frozenset(
    ("skip", "leave", "miss", "cancel", "drop", "not", "no", "or", "wasnt", "didnt", "isnt",
     "helpful", "helped", "help")
)  # fmt: skip
"""Words with which "the question tonight" is the check-in put off, asked about or
judged ("skip the question tonight", "is the question today or tomorrow"), not asked for."""


def _checkin_named_14b(out: Normalized) -> None:
    """The check-in named by what it does (round 14 B), read once fillers are gone:
    - "the question" moved to a time ("move the question to half eight", "question at
      8:15 every evening") or skipped for a day ("skip the question tonight", "not
      tonight for the question"): a question moved or skipped is the daily one, never
      the one being answered (not "ask us the question at ten", a template's own words);
    - "the daily thing", "our checking in thing": "thing" after its name goes;
    - the call apart with where one rings from ("on speaker from my mom's place")."""
    tokens, spans = out.tokens, out.spans
    said = set(tokens)
    if said.isdisjoint(_CHECKIN_NAMED_WORDS):
        return  # (most utterances: this runs on every parse)
    timed = TIME in said
    declined = not _QUESTION_DECLINED.isdisjoint(said)
    for k, tok in enumerate(tokens):
        if tok == CADENCE and tokens[k + 1 : k + 2] == ["thing"]:
            tokens[k + 1] = "checkin"
        if tok != "question":
            continue
        before, after = tokens[max(0, k - 2) : k], tokens[k + 1 : k + 2]
        prev = before[-1] if before else ""
        if prev in ("another", "different", "new", "us"):
            continue
        skipped = declined and (
            after in (["tonight"], ["today"])
            or before == ["tonight", "for"]
            or prev in _QUESTION_SKIPPED
        )
        moved = timed and (
            prev in _QUESTION_MOVED or after in (["at"], ["for"], ["to"], [TIME]) or prev == "for"
        )
        if skipped or moved:
            tokens[k] = "checkin"
    for k in range(2, len(tokens) - 1):
        if tokens[k - 2 : k + 2] == ["on", "speaker", "from", tokens[k + 1]]:
            # the call apart: where the partner rings from ("she's on speaker from
            # Calgary") says only that we are apart
            del tokens[k:], spans[k:]
            break
    k = 1
    while k < len(tokens):
        if tokens[k] in _CHECKIN_TAIL and tokens[k - 1] == "checkin":
            del tokens[k], spans[k]
        else:
            k += 1


_PARTNERS_OWN = frozenset(
    ("week", "weekend", "day", "evening", "night", "month", "back", "neck", "knee", "knees",
     "head", "headache", "shoulder", "shoulders", "stomach", "skin", "cough", "cold", "leg",
     "legs", "foot", "feet", "arm", "hip", "sleep")
)  # fmt: skip
"""A week or a body of "yours": the partner's, never Hearth's."""
_WIN_FOR_US = frozenset(
    ("us", "me", "ourselves", "both", "two", "today", "tonight", "that", "week", "day",
     "once", "relationship", "marriage", "family")
)  # fmt: skip


def _not_ours(out: Normalized) -> None:
    """Said of someone else's week, body or win: "how was your week, babe", "what's been
    helping your back" ask the partner (a week or a back of "yours" is never Hearth's: "your
    own week" keeps it off the summary), "a big
    win for the team last night" is sport or work ("win" reads "result" unless it is
    for us, for today or for the relationship)."""
    tokens, spans = out.tokens, out.spans
    k = 0
    while k < len(tokens) - 1:
        if tokens[k] == "your" and tokens[k + 1] in _PARTNERS_OWN:
            tokens.insert(k + 1, "own")
            spans.insert(k + 1, spans[k])
        elif (
            tokens[k] == "win"
            and tokens[k + 1] == "for"
            and k + 2 < len(tokens)
            and tokens[k + 2] not in _WIN_FOR_US
        ):
            tokens[k] = "result"
        k += 1


def _props_to(out: Normalized) -> None:
    """ "give Sam props for ..." (props read "thanks"): the one named is moved after
    "thanks to", as in "give thanks to Sam for ..."; "give him props" has its template."""
    tokens, spans = out.tokens, out.spans
    for k in range(len(tokens) - 3):
        if tokens[k] == "give" and tokens[k + 2 : k + 4] == ["thanks", "for"]:
            if tokens[k + 1] not in ("us", "me", "him", "her", "them", "you"):
                name = tokens[k + 1]
                tokens[k + 1 : k + 3] = ["thanks", "to", name]
                spans[k + 1 : k + 3] = [spans[k + 1]] * 3
            return


HELD_TYPED = (*SWAP_TYPED, "please", "repeat", "louder", "quieter", "softer", "again")
"""Key words typed with one letter doubled ("louderr", "plss", "repeaat")."""
for _word in HELD_TYPED:
    for _k in range(len(_word)):
        _typo = _word[: _k + 1] + _word[_k:]
        if _typo not in _REAL_WORDS and _typo != _word:
            TYPED_SPELLINGS.setdefault(_typo, SYNONYMS.get(_word, _word))
_SYNONYMS = _index(
    (tuple(k.split()), tuple(v.split())) for k, v in {**SYNONYMS, **TYPED_SPELLINGS}.items()
)


def spoken_forms(words: str) -> list[str]:
    """Every wording that normalises to the canonical `words`, `words` first.

    Templates are written with canonical words ("break", "check in"); a speech
    grammar built from the template AST should offer these forms instead, e.g.
    spoken_forms("break") -> ["break", "pause", "time out", "timeout", ...].
    """
    target = SYNONYMS.get(words, words)
    forms = [words] if target == words else [words, target]
    for source, canonical in SYNONYMS.items():
        if canonical == target and source not in forms:
            forms.append(source)
    return forms


# Words that can open a duration or a clock time (others skip those scanners).
_NUMBER_STARTS = frozenset(UNITS) | frozenset(TENS) | {"a", "an", "half", "quarter"}
_NUMBER_STARTS |= {"noon", "midnight", "midday", "couple"} | UNCLEAR_QUANTITIES

_HEDGES = frozenset(["like", "maybe", "say"])
# Words after which a bare number ("at eight") is read as a clock time.
_TIME_CUES = frozenset(["at", "for", "around", "by", "until", "till", "til", "to", "from", "about"])
# Words after which a time written in hours ("at 20 hours", "till 9h30") is a clock time.
_CLOCK_CUES = frozenset(["at", "around", "until", "till", "til", "to", "for"])

_CADENCE_PHRASES = _index(
    (tuple(p.split()), name) for name, phrases in CADENCES.items() for p in phrases
)


@dataclass
class Normalized:
    """An utterance in canonical form.

    Attributes:
        tokens: words and placeholders, fillers removed.
        text: " ".join(tokens), what the fuzzy matcher compares.
        durations, times, cadences: slot values, in the order of their placeholders;
            a duration is None when a length was said that cannot be read exactly
            ("a few minutes", "five or ten minutes"): Hearth asks, never guesses.
        spans: for each token, (start, end) character offsets in `source`.
        source: the text the spans index.
        entities: values of list slots ("#ritual" -> ["walk"]), see `tag_entities`.
        words: the utterance's own tokens (wake phrase dropped), before synonyms and
            fillers: "our list" and "for me" are still there.
    """

    tokens: list[str]
    text: str
    durations: list[int | None] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    cadences: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    source: str = ""
    entities: dict[str, list[Any]] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)

    def original(self, start: int, end: int) -> str:
        """The source wording of tokens[start:end] (for free-text slots)."""
        if start >= end or end > len(self.spans):
            return ""
        return self.source[self.spans[start][0] : self.spans[end - 1][1]]


def strip_wake_phrase(text: str) -> str:
    """`text` without a leading wake phrase ("hey hearth, pause" -> "pause")."""
    spans = tokenize_spans(text)
    end = _wake_end([tok for tok, _, _ in spans])
    if end == 0:
        return text
    if end >= len(spans):
        return ""
    return text[spans[end][1] :]


def _wake_end(tokens: list[str]) -> int:
    """Number of leading tokens that form a wake phrase (0 when none)."""
    if tokens[:1] and tokens[0] in WAKE_WORDS:
        return 1
    if len(tokens) >= 2 and tokens[0] in _WAKE_LEADS and tokens[1] in WAKE_WORDS:
        return 2
    return 0


def _cadence_at(tokens: list[str], i: int) -> tuple[str, int] | None:
    for words, name in _CADENCE_PHRASES.get(tokens[i], ()):
        if tuple(tokens[i : i + len(words)]) == words:
            return name, i + len(words)
    return None


def _synonym_at(tokens: list[str], i: int) -> tuple[tuple[str, ...], int] | None:
    # As a walk through `_SYNONYMS[tokens[i]]` (longest first, the first that fits), with
    # only the phrases that also say the next word tried (84 open with "i"), then the
    # one-word synonym, which any longer fit came before.
    if i + 1 < len(tokens):
        for words, canonical in _SYNONYMS_BY_TWO.get((tokens[i], tokens[i + 1]), ()):
            if tuple(tokens[i : i + len(words)]) == words:
                return canonical, i + len(words)
    canonical = _SYNONYM_WORD.get(tokens[i])
    return None if canonical is None else (canonical, i + 1)


_SYNONYMS_BY_TWO: dict[tuple[str, str], list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
_SYNONYM_WORD: dict[str, tuple[str, ...]] = {}
for _first, _phrases in _SYNONYMS.items():
    for _words, _canonical in _phrases:  # (in their order: longest first)
        if len(_words) == 1:
            _SYNONYM_WORD[_first] = _canonical
        else:
            _SYNONYMS_BY_TWO.setdefault(_words[:2], []).append((_words, _canonical))


_MORE = frozenset(["more", "extra"])
_AMOUNTS = frozenset(UNITS) | frozenset(TENS) | frozenset(VAGUE) | {"half"}


_ONE_MORE = frozenset(["another", "extra"])


_AND_A_HALF = (["and", "a", "half"], ["and", "a", "quarter"])


def _more_after_unit(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """ "five more minutes" -> "five minutes more": the duration is then read whole
    (a request for more time, see intents/templates/extend.yaml). "another hour", "an
    extra hour" are read as "another an hour": one hour, with no article said; (round 14
    A) so is "another minute and a half" ("another minute" alone stays as said)."""
    out = list(spans)
    for i in range(len(out) - 1, 0, -1):
        if out[i - 1][0] not in _ONE_MORE:
            continue  # (the cheap test first: this runs for every word of every parse)
        unit = out[i][0]
        if unit == "hour" or (
            unit == "minute" and [tok for tok, _, _ in out[i + 1 : i + 4]] in _AND_A_HALF
        ):
            out.insert(i, ("an", out[i][1], out[i][1]))
    for i in range(1, len(out) - 1):
        amount = out[i - 1][0]
        if (
            out[i][0] in _MORE
            and out[i + 1][0] in UNIT_SECONDS
            and (amount in _AMOUNTS or amount[0].isdigit())
        ):
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def _said_again(tokens: list[str], i: int) -> bool:
    """A number said again at once with its unit: "ten, ten minutes"."""
    number = int_at(tokens, i)
    if number is None or number[1] != i + 1 or not duration_at(tokens, i + 1):
        return False
    again = int_at(tokens, i + 1)
    return again is not None and again[0] == number[0]


_BACK_IN = (["back", "in"], ["ready", "in"])
_BARE_MINUTES_AFTER = frozenset(["pause", "break", "timeout", "extend", "space"])
MAX_BARE_MINUTES = 90


def _bare_minutes_at(tokens: list[str], i: int) -> tuple[int, int] | None:
    """(seconds, end) for a number without its unit after "back in" ("back in 15"), or
    closing a bare "pause 3", "extend 5": people leave the minutes out there, and no
    clock time is said that way."""
    found = int_at(tokens, i)
    if tokens[max(0, i - 2) : i] not in _BACK_IN and not (
        # a terse command to a speaker: "pause 3", "extend 5" (the number ends it)
        i >= 1 and tokens[i - 1] in _BARE_MINUTES_AFTER and found and found[1] == len(tokens)
    ):
        return None
    if found is None or found[0] != int(found[0]) or not 1 <= found[0] <= MAX_BARE_MINUTES:
        return None
    if found[1] < len(tokens) and tokens[found[1]] in ("oclock", "am", "pm"):
        return None
    return int(found[0]) * 60, found[1]


UNSURE_LENGTH = "<duration?>"
"""Appended by the listener when the recognizer lost a spoken length (see
`assistant.speech.weighing.UNSURE_DURATION`): every length in the text is then unclear,
so Hearth asks how long instead of using a misheard or default one."""


def normalize(text: str, drop_fillers: bool = True) -> Normalized:
    """Canonical form of `text` (see the module docstring)."""
    unsure = UNSURE_LENGTH in text
    if unsure:
        text = text.replace(UNSURE_LENGTH, " ")
    out = _normalize(text, drop_fillers)
    if unsure:
        out.durations = [None] * len(out.durations)
        if DURATION not in out.tokens:
            end = len(out.source.rstrip())
            out.tokens.append(DURATION)
            out.spans.append((end, end))
            out.durations.append(None)
            out.text = " ".join(out.tokens)
    return out


_OR_NOT = (["or", "not"], ["or", "what"], ["you", "know"])
_BARE_CAN_VERBS = frozenset(
    ("break", "extend", "start", "begin", "do", "repeat", "say", "louder", "softer",
     "quieter", "skip", "change", "stop", "end", "cancel", "finish", "give", "get", "put",
     "move", "set", "make", "turn", "volume", "speak", "talk", "go")
)  # fmt: skip
"""Verbs that can follow "can" with no subject ("can skip tonight's check in lah")."""


# round 10 A: "the daily question" (19a-c) is the check-in too
_CHECKIN_NAMES_AFTER_CADENCE = frozenset(
    ["chat", "talk", "questions", "chats", "talks", "question"]
)
"""The check-in named by its cadence ("our nightly chat", "the daily talk"): the cadence
word is read first, so the synonym table never sees "nightly chat" whole."""


def _checkin_after_cadence(tokens: list[str]) -> None:
    """Read "nightly chat", "daily talk", "nightly questions" as the check-in, in place."""
    for k in range(1, len(tokens)):
        if tokens[k] in _CHECKIN_NAMES_AFTER_CADENCE and tokens[k - 1] == CADENCE:
            tokens[k] = "checkin"


def _normalize(text: str, drop_fillers: bool) -> Normalized:
    spans = tokenize_spans(text)
    skip = _wake_end([tok for tok, _, _ in spans])
    source = text
    # round 12 B: _full_unit ("a full minute")
    spans = _headed_note(text, _more_after_unit(_full_unit(spans[skip:])))
    tokens = [tok for tok, _, _ in spans]
    out = Normalized(tokens=[], text="", source=source, words=tokens)
    i = 0
    cue = -1  # the word before a number taken back ("at seven no eight")
    while i < len(tokens):
        start = spans[i][1]
        numeric = tokens[i] in _NUMBER_STARTS or tokens[i][0].isdigit()
        if numeric and (replaced := corrected_at(tokens, i)):
            # "five no ten minutes": the number taken back and its correction go
            cue, i = i - 1, replaced
            continue
        before, cue = (cue if cue >= 0 else i - 1), -1
        if before >= 1 and tokens[before] in _HEDGES:
            before -= 1  # "move it to like nine": the cue is before the hedge
        cadence = _cadence_at(tokens, i)
        cue_word = tokens[before] if numeric and before >= 0 else ""
        # "till 9h30", "at 20h00": continental clock times; after "for" only past 12
        # ("for 21h30"), as "for 1h30" is a length
        hours = continental_clock_at(tokens, i) if cue_word in _CLOCK_CUES else None
        if hours and cue_word == "for" and int(hours[0][:2]) < 13:
            hours = None
        if not hours and cue_word in _CLOCK_CUES and cue_word != "for":
            hours = hours_clock_at(tokens, i)
        found = duration_at(tokens, i) if numeric and not cadence and not hours else None
        if hours:
            # "could the check-in be at 20 hours": a time on the 24-hour clock, not a length
            out.times.append(hours[0])
            token, i_next = TIME, hours[1]
        elif cadence:
            out.cadences.append(cadence[0])
            token, i_next = CADENCE, cadence[1]
        elif found and found[0] < MIN_SECONDS:
            # "just a sec", "hold on a second (or two)": an idiom, not a duration; drop it.
            i = unclear_duration_at(tokens, i) or found[1]
            continue
        elif numeric and (unclear := unclear_duration_at(tokens, i)):
            out.durations.append(None)
            if "more" in tokens[i:unclear]:
                # "a few more minutes": unclear, and still a request for more time.
                out.tokens.append(DURATION)
                out.spans.append((start, spans[unclear - 1][2]))
                token, i_next = "more", unclear
            else:
                token, i_next = DURATION, unclear
        elif found:
            out.durations.append(found[0])
            token, i_next = DURATION, found[1]
        elif numeric and _said_again(tokens, i):
            i += 1  # "take five? five minutes": the length is read once, from its unit
            continue
        elif numeric and (minutes := _bare_minutes_at(tokens, i)):
            out.durations.append(minutes[0])
            token, i_next = DURATION, minutes[1]
        else:
            bare = before >= 0 and (
                tokens[before] in _TIME_CUES or _checkin_time_15b(tokens, before)  # round 15 B
            )
            clock = clock_time_at(tokens, i, prefer_evening=True, bare=bare) if numeric else None
            if clock and (clock[2] or bare):
                out.times.append(clock[0])
                token, i_next = TIME, clock[1]
            else:
                synonym = _synonym_at(tokens, i)
                if synonym:
                    canonical, i_next = synonym
                    span = (start, spans[i_next - 1][2])
                    out.tokens.extend(canonical)
                    out.spans.extend([span] * len(canonical))
                    i = i_next
                    continue
                token, i_next = tokens[i], i + 1
        out.tokens.append(token)
        out.spans.append((start, spans[i_next - 1][2]))
        i = i_next
    _checkin_after_cadence(out.tokens)
    if drop_fillers:
        # Fillers go, and so does a word said twice in a row ("stop stop"); two values in a
        # row ("not daily, every second day") are left to `taken_back`, which knows which
        # one counts (dropping the second placeholder left the first value read).
        kept = [
            k
            for k, tok in enumerate(out.tokens)
            if tok not in FILLERS and (k == 0 or tok != out.tokens[k - 1] or tok[0] == "#")
        ]
        if kept and len(kept) < len(out.tokens):
            out.tokens = [out.tokens[k] for k in kept]
            out.spans = [out.spans[k] for k in kept]
        if len(out.tokens) > ADDRESS_MIN_WORDS and out.tokens[0] in ADDRESS_LEADS:
            # "hearth dear, would you ...": one opening it
            out.tokens, out.spans = out.tokens[1:], out.spans[1:]
        if len(out.tokens) > 2 and out.tokens[-2:] in _OR_NOT:
            # "can pause us one minute or not", "is the pause nearly over or what": a
            # question tag (Singapore, Nigerian English) asks the request itself; a
            # recognizer's closing filler ("can we like take a break you know") adds nothing
            out.tokens, out.spans = out.tokens[:-2], out.spans[:-2]
        _tags_15b(out)  # round 15 B
        _speech_habits_12b(out)  # round 12 B
        _checkin_named_14b(out)
        _can_without_subject(out)
        taken_back(out)
        _idea_as_topic(out)
        _props_to(out)
        _not_ours(out)
        changed_answer(out)
        wrap = wrapper_end(out.tokens)
        if wrap:
            if out.tokens[wrap - 1] == "mind" and out.tokens[wrap] in GERUNDS:
                # "would you mind starting the check in" asks to start it
                out.tokens[wrap] = GERUNDS[out.tokens[wrap]]
            out.tokens, out.spans = out.tokens[wrap:], out.spans[wrap:]
        if (
            len(out.tokens) > ADDRESS_MIN_WORDS
            and out.tokens[-1] in ADDRESS_TAILS
            and out.tokens[-2] != "say"  # round 13 B: "let's both say yes, hearth, yes"
        ):
            # "can we have a pause, dear": a term of address closing a request.
            out.tokens, out.spans = out.tokens[:-1], out.spans[:-1]
            if len(out.tokens) > ADDRESS_MIN_WORDS and out.tokens[-1] == "right":
                # round 13 B: a tag asked of the partner ("..., right babe?")
                out.tokens, out.spans = out.tokens[:-1], out.spans[:-1]
    out.text = " ".join(out.tokens)
    return out


_NOTE_HEADINGS = {
    ("appreciate",): ("appreciation",), ("grateful",): ("appreciation",),
    ("thankful",): ("appreciation",), ("gratitude",): ("appreciation",),
    ("to", "try"): ("idea",), ("try",): ("idea",), ("feedback",): (),
}  # fmt: skip
"""Words that head a typed note before a colon ("grateful: she listened", "to try: X",
"feedback: the walk helped")."""


def _headed_note(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Read a typed heading and colon as the request it names ("appreciate: laundry
    folded" saves an appreciation, "to try: rock climbing" an idea); typed only, since a
    colon never comes from the recognizer."""
    for words, canonical in _NOTE_HEADINGS.items():
        k = len(words)
        if (
            len(spans) > k
            and tuple(tok for tok, _, _ in spans[:k]) == words
            and text[spans[k - 1][2] :].lstrip().startswith(":")
        ):
            start, end = spans[0][1], spans[k - 1][2]
            return [(word, start, end) for word in canonical] + spans[k:]
    return spans


_CAN_VERBS = frozenset(
    ("read", "add", "put", "recommend", "suggest", "find", "clear", "delete", "erase",
     "wipe", "tell", "give", "play", "save", "record", "note", "log", "write", "show",
     "pick", "help", "start", "stop", "say", "repeat", "skip", "make", "set", "remind")
)  # fmt: skip
"""Verbs asked for with "can" and no subject that read as "can you <verb>" ("can add it
to our list or not")."""


def _can_without_subject(out: Normalized) -> None:
    """ "can" with the subject left out (Singlish and other Englishes): "can read the
    appreciations" reads as "can you read ..."; "can start the check in now", "can
    louder" lose the "can" (`_BARE_CAN_VERBS`). The question's closing tag ("or not")
    has gone already (`_OR_NOT`)."""
    tokens = out.tokens
    if len(tokens) < 2 or tokens[0] != "can":
        return
    if len(tokens) >= 3 and tokens[1] in _CAN_VERBS:
        tokens.insert(1, "you")
        out.spans.insert(1, out.spans[0])
    elif tokens[1] in _BARE_CAN_VERBS:
        del tokens[0], out.spans[0]


_AFTER_LIST = (["of", DURATION], [DURATION, "thing"])
"""A length said after a ritual's name ("the walk of fifteen minutes"): its own timer's."""


class EntityTable:
    """Phrases of value lists ("evening walk" -> walk), found as whole-token runs.

    Like durations, a list value in an utterance is replaced by a placeholder
    ("#ritual"), so templates need one sentence per wording, not one per value.
    """

    def __init__(self, lists: dict[str, dict[Any, list[str]]]) -> None:
        by_first: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        for name, values in lists.items():
            for value, phrases in values.items():
                for phrase in phrases:
                    words = tuple(normalize(phrase, drop_fillers=False).tokens)
                    if words:
                        by_first.setdefault(words[0], []).append((words, "#" + name, value))
        for options in by_first.values():
            options.sort(key=lambda item: -len(item[0]))
        self._by_first = by_first
        self._names = frozenset(lists)

    def tag(self, norm: Normalized) -> Normalized:
        """Replace list phrases in `norm` by their placeholders (in place)."""
        tokens, spans = norm.tokens, norm.spans
        if not any(tok in self._by_first for tok in tokens):
            return norm
        out_tokens: list[str] = []
        out_spans: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            for words, placeholder, value in self._by_first.get(tokens[i], ()):
                if tuple(tokens[i : i + len(words)]) == words:
                    out_tokens.append(placeholder)
                    out_spans.append((spans[i][0], spans[i + len(words) - 1][1]))
                    norm.entities.setdefault(placeholder, []).append(value)
                    i += len(words)
                    break
            else:
                out_tokens.append(tokens[i])
                out_spans.append(spans[i])
                i += 1
        # "our 15 minute walk", "a 10-minute call": the ritual's length is part of its name
        k = 1
        while k < len(out_tokens):
            if out_tokens[k - 1] == DURATION and out_tokens[k][1:] in self._names:
                n = out_tokens[:k].count(DURATION) - 1
                del norm.durations[n], out_tokens[k - 1], out_spans[k - 1]
            elif out_tokens[k - 1][1:] in self._names and out_tokens[k : k + 2] in _AFTER_LIST:
                # round 11 A: said after it too ("our little walk of fifteen minutes", "a
                # little meditation, the three minute thing")
                n = out_tokens[:k].count(DURATION)
                drop = k if out_tokens[k] == DURATION else k + 1
                del norm.durations[n], out_tokens[k : drop + 1], out_spans[k : drop + 1]
            else:
                k += 1
        norm.tokens, norm.spans = out_tokens, out_spans
        norm.text = " ".join(out_tokens)
        taken_back(norm)
        return norm
