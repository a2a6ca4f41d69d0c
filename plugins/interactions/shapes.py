"""Shapes of a clause that tell the writer's encounter without an event phrase, and the
scope of what is said around one (English cues; see docs/ladder.md, "the fifth pass").

Each function reads one shape on the line's text with every name blanked (``·``), offsets
kept, and answers for one mention; the reader (reader.py) calls them where its own reading
found nothing, or to narrow what a veto or a direction mark may reach:

- **they acted on me**, names joined or opening a later part of the sentence ("Lab meeting:
  presented the results, Ana and Ben grilled me on the controls");
- **my hands on them**: a past of the writer's on a part of their body ("Treated Ana's
  hamstring", "Cut Ana's hair");
- **what a message that came to me said**, after a colon: its words are its content, not the
  clause's mood or direction ("Ana messaged: the contract is confirmed for Feb");
- **what a meeting came to**, after a dash: an agreement or an action item is its outcome,
  not a failure ("Supervision w/ Ana — agreed to drop aim 3");
- **the writer only as a place**: "Ana and Ben met at my birthday" is their meeting;
- **a title's full stop** ("Dr.", "Prof.") ends no clause.
"""

from __future__ import annotations

import re

from vinculo.history import VocabularyMatcher
from vinculo.model import Direction
from vinculo.text import fold, lazy_pattern

from .participation import Cues, habitual

__all__ = ["acted_on_us", "done_as_achieved", "inbound_said", "off_but_reached", "on_my_public_thing",
           "on_their_body", "outcome_after_dash", "then_they", "thing_from_long_ago",
           "they_reached_me_after", "title_stops", "us_as_the_writer", "writer_as_place"]

_WORD = lazy_pattern(r"[^\W\d]+(?:['’][^\W\d]+)?")

# Names joined to the first: "· and ·", "·, · and ·".
_MORE = lazy_pattern(r"(?:[*_=\]]*(?:\s*,\s*|\s+(?:and|&)\s+)[*_=\[]*·+)*[*_=\]]*")
# A verb of theirs, then me or us: "grilled me", "took us", "hit me up".
_VERB_ME = lazy_pattern(r"\s+(?:(?:[a-z]+ly|then|also|both|just|all)\s+)?([a-z]+)\s+"
                        r"(?:(?:for|with|next to|beside)\s+)?(?:me|us)(?![\w·'’])")
# Where a part of the sentence opens: a comma, a colon, "then", "and", "so".
_PART_OPEN = lazy_pattern(r"(?:[,:;]|\b(?:then|and|so|but))\s*[*_=\[]*$")
# Verbs on me that are no time together (as the reader's _NOT_ON_ME): feelings, money, a
# thing done about me elsewhere.
_NOT_ON_ME = frozenset({
    "was", "were", "reminded", "inspired", "impressed", "annoyed", "surprised", "disappointed",
    "bored", "scared", "worried", "amused", "moved", "touched", "loved", "hated", "missed",
    "blocked", "unfollowed", "ignored", "ghosted", "forgot", "owed", "recommended", "nominated",
    "cced", "copied", "included", "added", "mentioned", "quoted", "cited", "credited", "paid",
    "charged", "invoiced", "billed", "refunded", "reported", "blamed", "accused", "sued",
    "warned", "referred", "assigned", "ranked", "rated", "dumped", "left", "replaced",
    "needed", "wanted", "liked", "followed", "tagged", "confused", "upset", "offended",
    "hurt", "fooled", "tricked", "lost", "told", "heard", "knew", "cost", "let", "put", "set"})


def acted_on_us(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
                cues: Cues) -> tuple[int, int] | None:
    """Where, from ``c_start``, the verb starts and ends when the contact, alone or with
    other names joined ("· and ·"), opens a part of the sentence (the clause, or what follows
    a comma, a colon, "then") and a past of theirs acts on me or us right after ("Lab
    meeting: presented the data, · and · grilled me on it", "· and · took us out"); else
    None. Not a feeling, money or a thing done about me elsewhere."""
    if cues.done is None or (blanked.find(" me", name_end, name_end + 48) < 0
                             and blanked.find(" us", name_end, name_end + 48) < 0):
        return None  # the common case: no "me" or "us" near after the name
    more = _MORE.match(blanked, name_end, c_end)
    after = more.end() if more else name_end
    match = _VERB_ME.match(blanked, after, c_end)
    if match is None:
        return None
    verb = match[1]
    if (verb in _NOT_ON_ME or cues.done.fullmatch(verb) is None or habitual(verb, cues)):
        return None
    lead = blanked[c_start:at]
    if len(_WORD.findall(lead)) > 2 and _PART_OPEN.search(lead) is None:
        return None  # the name is no subject opening a part: "Told Ben that ·…"
    return match.start(1) - c_start, match.end(1) - c_start


# A part of the body, or what a carer works on: "Treated ·'s hamstring", "Cut ·'s hair".
_BODY = (r"hamstrings?|knees?|ankles?|feet|foot|backs?|shoulders?|necks?|hips?|wrists?|"
         r"elbows?|calf|calves|shins?|thumbs?|fingers?|toes?|teeth|tooth|eyes?|ears?|face|"
         r"heads?|hair|nails?|hands?|arms?|legs?|spine|jaw|chest|stitches|wound|cast|bandage|"
         r"dressing|blood pressure|pulse|temperature|stump|groin|quad|quads|achilles|rotator "
         r"cuff|acl|mcl|bp")
_ON_BODY = lazy_pattern(r"[*_=\]]*['’]s\s+(?:(?:left|right|sore|bad|dodgy|injured|busted|"
                        r"broken|twisted|tight|torn|sprained|swollen|stiff)\s+)?(?:" + _BODY
                        + r")\b", )


def on_their_body(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
                  cues: Cues) -> tuple[int, int] | None:
    """Where, from ``c_start``, the writer's verb starts and ends when the clause opens (at
    most three words before) with a past the writer did and the contact's body follows
    ("Treated ·'s hamstring", "Strapped ·'s ankle", "Cut ·'s hair"): hands on, so in person;
    else None. No one else may be the subject ("Ben treated ·'s knee")."""
    if cues.done is None or "'" not in blanked[name_end:name_end + 3] and "’" not in blanked[
            name_end:name_end + 3]:
        return None  # the common case: no possessive after the name
    if _ON_BODY.match(blanked, name_end, c_end) is None:
        return None
    words = list(_WORD.finditer(blanked, c_start, at))
    if not words or len(words) > 3 or "·" in blanked[c_start:at]:
        return None  # "· treated ·'s knee": someone else's hands
    for word in words:
        w = word[0].lower()
        if w in ("i", "we", "just", "finally", "then", "also", "quickly", "today"):
            continue
        if cues.done.fullmatch(w) is None or habitual(w, cues):
            return None
        return word.start() - c_start, word.end() - c_start
    return None


def inbound_said(blanked: str, c_start: int, c_end: int, at: int, event_end: int,
                 subject: bool, matcher: VocabularyMatcher
                 ) -> tuple[int | None, frozenset[Direction]] | None:
    """(intention start, direction marks) of the part before a colon that follows the name
    and the event phrase, when the event is a message or a call that came to me (the name
    its subject, or an ``in`` phrase before the colon): what follows the colon is what they
    said ("· messaged on Signal: the contract is confirmed for Feb"; "Was rung by ·: the
    judge wants us back"), neither a plan nor a "we" of mine. None otherwise."""
    colon = blanked.find(":", max(at, c_start + event_end), c_end)
    while colon >= 0 and blanked[colon + 1:colon + 2].isdigit():  # a time: "at 3:20"
        colon = blanked.find(":", colon + 1, c_end)
    if colon < 0:
        return None
    part = fold(blanked[c_start:colon])
    marks = matcher.direction_marks(part)
    if not (subject or ("in" in marks and "out" not in marks)):
        return None
    if not blanked[colon + 1:c_end].strip():
        return None  # a label's colon at the end: nothing said after it
    return matcher.intent_start(part), marks


# An outcome after a dash: what was agreed or is to be done next, with no failure word.
_OUTCOME = lazy_pattern(r"\s*[—–]\s*(?:we\s+|i\s+|(?:he|she|they)\s+)?(?:agreed|decided|"
                        r"promised|offered|arranged|settled|committed)\s+(?:to|on)\b|"
                        r"\s*[—–]\s*(?:next steps?|action items?|to ?do|todo|follow-?ups?|"
                        r"she'll|he'll|they'll|i'll|we'll|will)\b", )
_FAILED = lazy_pattern(r"\b(?:cancel\w*|postpon\w*|reschedul\w*|rebook\w*|rearrang\w*|no[- ]show|"
                       r"voicemail|didn't|did not|couldn't|could not|never|no answer|not|instead|"
                       r"another (?:day|time)|later date)\b")


def outcome_after_dash(blanked: str, c_end: int) -> bool:
    """Whether the part after the dash that ends the clause at ``c_end`` tells what the
    meeting came to ("— agreed to drop aim 3", "— she'll send the deck"): an outcome, which
    says it happened, never what undid it; a failure word in it keeps it a failure."""
    match = _OUTCOME.match(blanked.lower(), c_end)
    if match is None:
        return False
    stop = blanked.find(".", match.end())
    rest = blanked[match.end():stop if stop >= 0 else len(blanked)].lower()
    return _FAILED.search(rest) is None


# The writer only as the owner of a place or an occasion: "at my birthday", "in our kitchen".
_AS_PLACE = lazy_pattern(r"(?<![\w·])(?:at|in|to|from|for|on|during|after|before)\s+"
                         r"(?:my|our)(?![\w·])", )
_WRITER = lazy_pattern(r"(?<![\w·])(?:i|me|us|we|my|our)(?![\w·])")


def writer_as_place(blanked: str, c_start: int, c_end: int) -> bool:
    """Whether every English word for the writer in the clause only owns a place or an
    occasion ("· and · met at my birthday"): no party to their meeting."""
    lowered = _AS_PLACE.sub(" at  ", blanked[c_start:c_end].lower())
    return _WRITER.search(lowered) is None and lowered != blanked[c_start:c_end].lower()


# Titles written with a full stop before a name: "Dr. Singh", "Prof. Okoye", "Mrs. Patterson".
_TITLES = frozenset({"Dr", "Drs", "Prof", "Mr", "Mrs", "Ms", "Mx", "Messrs", "St", "Fr", "Rev",
                     "Revd", "Capt", "Sgt", "Lt", "Col", "Gen", "Hon", "Supt", "Insp", "Det",
                     "Cllr", "Sr", "Sra", "Srta", "Dra", "Lic", "Ing", "Arq"})


def title_stops(blanked: str, stops: list[int], resumes: list[int]
                ) -> tuple[list[int], list[int]]:
    """``stops`` and ``resumes`` (see reader._clauses) of a line whose names are blanked,
    without the full stops that end no clause: one inside a name ("Dr. Singh" found whole),
    and a title's right before one ("Took Noah to Dr. ·"). Only a stop a name follows is
    looked at: most lines have none."""
    drop = None
    for index, stop in enumerate(stops):
        if blanked[stop] != "·" and (blanked[stop + 2:stop + 3] != "·" or blanked[stop] != "."):
            continue  # the common case: no name in it or right after it
        if blanked[stop] != "·":
            begin = stop
            while begin > 0 and begin > stop - 6 and blanked[begin - 1].isalpha():
                begin -= 1
            if blanked[begin:stop] not in _TITLES or (begin and blanked[begin - 1].isalnum()):
                continue
        drop = (drop or set()) | {index}
    if drop is None:
        return stops, resumes
    return ([s for i, s in enumerate(stops) if i not in drop],
            [r for i, r in enumerate(resumes) if i not in drop])


# The next clause opening with a pronoun for them, after a word or two of time or turn:
# "…; in the end he rang me back", ". She texted me instead".
_THEY_THEN = lazy_pattern(r"\s*[*_=]*(?:(?:in the end|eventually|finally|later|then|but|so|and|"
                          r"luckily|thankfully|at last|after that|afterwards),?\s+)?"
                          r"(?:he|she|they)\s+(?:(?:[a-z]+ly|then|also|just)\s+)?")
# Someone of theirs the name owns: "Ana's mum", "Ana's husband" (then "she" may be them).
_THEIR_PERSON = lazy_pattern(r"[*_=]*['’]s\s+(?:\w+\s+)?(?:mum|mom|mother|dad|father|wife|"
                             r"husband|partner|boss|sister|brother|son|daughter|friend|kid|"
                             r"assistant|clerk|secretary|colleague|boyfriend|girlfriend)\b")


def then_they(blanked: str, stops: list[int], resumes: list[int], c_start: int, c_end: int,
              name: tuple[int, int], matcher: VocabularyMatcher
              ) -> tuple[tuple[int, int, str], frozenset[Direction]] | None:
    """The event and direction marks of the clause after the one ending at ``c_end`` when it
    opens with a pronoun for the contact and tells what they did to me or with me ("Ana's
    line was engaged all morning; in the end he rang me back at 4", "Tried Ana twice. She
    texted me instead"): the only person the clause before names (``name``: the mention's
    span), who owns no one else. None otherwise: another name in either clause, a plan or a
    failure in the next one, an act that is not towards me."""
    import bisect

    if blanked.find("he ", c_end, c_end + 40) < 0 and blanked.find("He ", c_end, c_end + 40) < 0 \
            and blanked.find("hey ", c_end, c_end + 40) < 0:
        return None  # the common case: no "he", "she", "they" opening what follows
    if "·" in blanked[c_start:name[0]] or "·" in blanked[name[1]:c_end]:
        return None  # someone else named beside them: whose is the pronoun?
    if _THEIR_PERSON.match(blanked, name[1]):
        return None  # "Ana's mum was ill; she called me": the pronoun may be the mum
    index = bisect.bisect_left(stops, c_end)
    if index >= len(stops) or stops[index] != c_end:
        return None
    n_start = resumes[index]
    n_end = stops[index + 1] if index + 1 < len(stops) else len(blanked)
    part = blanked[n_start:n_end]
    if "·" in part:
        return None
    lowered = part.lower()
    if _THEY_THEN.match(lowered) is None:
        return None
    folded = fold(part)
    event = matcher.first_event(folded)
    if event is None or matcher.intent_start(folded) is not None:
        return None
    marks = matcher.direction_marks(folded)
    if event[2] != "in_person" and not ({"in", "both"} & marks):
        return None  # "… she sent the file to Ben": not to me
    if event[2] == "in_person" and _WRITER.search(lowered) is None:
        return None  # "… she met the board": without me
    return event, marks


# Between a social act or a message and a time long ago: a thing it carries, described
# ("tagged me in a reel of us surfing … last summer", "sent me photos from our trip in 2019").
_THING_OF = lazy_pattern(r"\b(?:of|from|showing|with)\s")


def thing_from_long_ago(clause: str, event_end: int, ago: tuple[tuple[int, int, int], ...]
                        ) -> tuple[tuple[int, int, int], ...]:
    """Of ``ago`` (the ``long_ago`` spans of a clause whose event is a social act or a
    message), those that still date the event: a span after the event phrase with a thing's
    "of"/"from" between dates the thing it sent or tagged, not the act ("Ana tagged me in a
    photo of us at the beach last summer" happened today)."""
    return tuple(span for span in ago
                 if span[0] < event_end or _THING_OF.search(fold(clause[event_end:span[0]])) is None)


# Someone said to be away: "she's off", "Ana is off today".
_OFF = lazy_pattern(r"(?:\bis|['’]s) off\b(?! to\b)")


def off_but_reached(blanked: str, c_start: int, c_end: int, at: int, event: tuple[int, int, str],
                    matcher: VocabularyMatcher) -> bool:
    """Whether the clause's only veto is someone being away ("she's off") while the clause
    opens with my call or message to the contact by name ("Rang Ana to say where the keys
    are, she's off sick"): a phone reaches them at home, so the call happened. A visit that
    found them away ("Popped into Ana's office, she's off") is no call and stays undone."""
    if event[2] not in ("call", "message"):
        return False
    if blanked[c_start:c_start + event[0]].strip(" *_=") or blanked[
            c_start + event[1]:at].strip(" *_=["):
        return False  # not "Rang ·": the phrase does not open the clause on the name
    end = at
    while end < c_end and blanked[end] in "·*_=]":
        end += 1
    if blanked[end:end + 2] in ("'s", "’s"):
        return False  # "Called ·'s office, she's off": their office, not them
    clause = blanked[c_start:c_end]
    if _OFF.search(clause) is None:
        return False
    return matcher.intent_start(fold(_OFF.sub(lambda m: " " * len(m[0]), clause))) is None


# "we" and "us" as words of their own.
_WE_US = lazy_pattern(r"(?<![\w·'’])(?:we|us)(?![\w·])")
# What opens a part of our own: "… and we got through the schedule", "…, then we".
_OUR_PART = lazy_pattern(r"(?:\band|\bthen|\bso|[,;:])\s+(?:[a-z]+ly\s+)?$")


def us_as_the_writer(clause: str, event_start: int, matcher: VocabularyMatcher
                     ) -> frozenset[Direction]:
    """The direction marks of a call, a message or a social act whose subject is the contact, with every
    "us" from its event phrase on read as the writer ("Chloe messaged us at 2am": whom they
    reached, as the north of England says "us" for "me", or the writer's household) and every
    "we" that opens no part of its own as what they said ("Gary called wanting to know if
    we're getting the combine serviced"): neither is an exchange. "…, and we got through the
    schedule" still is, and so is a word that says one ("talked", "back", "together")."""
    folded = fold(clause)
    rest = folded[event_start:]

    def writer(match: re.Match[str]) -> str:
        if match[0] == "us":
            return "me"
        return match[0] if _OUR_PART.search(rest, 0, match.start()) else "i "

    return matcher.direction_marks(folded[:event_start] + _WE_US.sub(writer, rest))


# A public thing of mine that someone acted on: "on my post", "to my Facebook wall", "under my
# reel" (a network's name or an adjective may stand between).
_MY_PUBLIC_THING = lazy_pattern(
    r"\b(?:on|to|under|onto|in)\s+my\s+(?:[^\W\d]+\s+){0,2}?(?:wall|posts?|photos?|pics?|"
    r"pictures?|story|stories|reels?|videos?|tweets?|status|page|timeline|profile|feed|blog|"
    r"articles?|threads?|comments?|updates?|selfies?|tiktoks?|grid)\b")
# Verbs of someone who only took in or handled my thing: no act towards me.
_ONLY_SAW = frozenset({"saw", "read", "watched", "noticed", "found", "heard", "spotted",
                       "missed", "ignored", "reported", "deleted", "hid", "blocked", "screenshotted",
                       "checked", "scrolled", "was", "were", "had", "got", "said", "told"})
# The contact's own verb right after the name, an adverb or two between: "· gave", "· finally
# left", "· and · both wrote".
_THEIR_VERB = lazy_pattern(r"\s+(?:(?:[a-z]+ly|then|also|just|even|both|all)\s+){0,2}([a-z]+)\b")


def on_my_public_thing(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
                       cues: Cues) -> tuple[int, int] | None:
    """Where, from ``c_start``, the contact's verb starts and ends when the contact opens the
    clause (alone or with other names joined, at most two words before) and a past of theirs
    acts on a public thing of mine ("Tyler gave a thumbs up on my post", "Dave wished me a
    happy birthday on my Facebook wall"): a social act towards me, whatever the verb. Not
    when they only took it in ("· saw it on my story") or someone else is named after."""
    if cues.done is None or blanked.find("my ", name_end, c_end) < 0 and blanked.find(
            "My ", name_end, c_end) < 0:
        return None  # the common case: no "my" after the name
    if len(_WORD.findall(blanked, c_start, at)) > 2 or "·" in blanked[c_start:at]:
        return None
    more = _MORE.match(blanked, name_end, c_end)
    verb = _THEIR_VERB.match(blanked.lower(), more.end() if more else name_end, c_end)
    if verb is None:
        return None
    said = verb[1]
    if said in _ONLY_SAW or cues.done.fullmatch(said) is None or habitual(said, cues):
        return None
    thing = _MY_PUBLIC_THING.search(blanked.lower(), verb.end(1), c_end)
    if thing is None or "·" in blanked[verb.end(1):thing.end()]:
        return None
    return verb.start(1) - c_start, verb.end(1) - c_start


# A later part of a clause that opens with a pronoun for the contact after a comma or a turn:
# ", she texted at 2", ", then he rang", "… but she emailed today".
_THEY_OPEN_PART = lazy_pattern(
    r"(?:,\s*(?:(?:then|but|and|so|later|eventually|finally|in the end|luckily)\s+)?|"
    r"\s(?:but|so|and then|yet)\s+)((?:he|she|they)\s+(?:(?:[a-z]+ly|then|just|also)\s+)?)")
# Right after their message or call, someone else it went to: "she texted her sister", "he
# rang the office", "she emailed ·".
_TO_SOMEONE_ELSE = lazy_pattern(r"\s*(?:to\s+)?(?:the|a|an|her|his|their|my|our|·)\b|\s*(?:to\s+)?·")


def they_reached_me_after(blanked: str, c_start: int, c_end: int, after: int,
                          name: tuple[int, int], matcher: VocabularyMatcher
                          ) -> tuple[tuple[int, int, str], frozenset[Direction]] | None:
    """The event and direction marks of the last part of a clause whose start was a plan, an
    attempt or a cancellation (``after``: where its intention starts, from ``c_start``), when
    that part opens, after a comma or a turn ("but", "so") and after the name (``name``: its
    span from ``c_start``),
    with a pronoun for the contact whose own verb is a message or a call ("Was meant to
    interview Efua at the hotel, she texted at 2 to push it to next week"): they reached me,
    whatever their message was about. None when someone else is named, the pronoun's verb is
    no message or call, an intention stands before it, or it went to someone else ("…, she
    texted her sister")."""
    clause = blanked[c_start:c_end]
    if "·" in clause[:name[0]] or "·" in clause[name[1]:]:
        return None  # someone else named: whose is the pronoun?
    found = None
    for match in _THEY_OPEN_PART.finditer(clause.lower(), max(after, name[1])):
        found = match
    if found is None:
        return None
    part = fold(clause[found.end(1):])  # from their verb (the pronoun is no one else here)
    event = matcher.first_event(part)
    if event is None or event[2] not in ("call", "message") or event[0] != 0:
        return None  # not their own verb right after the pronoun
    intent = matcher.intent_start(part)
    if intent is not None and intent < event[1]:
        return None
    if _TO_SOMEONE_ELSE.match(part, event[1]):
        return None
    marks = matcher.direction_marks(part)
    return event, (marks if marks & {"both", "in"} else frozenset({"in"}))


def done_as_achieved(clause: str, at: int, name_end: int, cues: Cues,
                     matcher: VocabularyMatcher) -> tuple[int, int, str, int] | None:
    """The event, offsets from the clause's start, when an instruction (a ``tasks`` phrase,
    an adverb allowed before it) follows what makes it something done (an ``achieved``
    phrase: "managed to", "finally got to", "lovely to") before the name (``at``–``name_end``,
    from the clause's start): "Managed to call Ana before her flight", "It was great to
    finally see Ana" — as a ticked task reports its instruction done. Else None, and when
    the name owns what follows ("Great to see Ana's new book out"). The fourth item is where
    the ``achieved`` phrase ends: it is the clause's mood, no intention ("Didn't expect to
    see Ana at the gym"); a plan or a negation outside it is the reader's to weigh."""
    if cues.achieved is None:
        return None
    folded = fold(clause)
    if cues.achieved_tails is not None and cues.achieved_tails.search(folded) is None:
        return None  # the common case: no phrase's last word in the clause
    for match in cues.achieved.finditer(folded, 0, at):
        adverb = _ADVERB.match(folded, match.end())
        start = adverb.end() if adverb else match.end()
        event = matcher.task_event(folded[start:])
        if event is not None and start + event[1] <= at + 1:
            if clause[name_end:name_end + 2] in ("'s", "’s"):
                return None
            return match.start(), start + event[1], event[2], match.end()
    return None


_ADVERB = lazy_pattern(r"(?:[a-z]+ly|properly|actually|at last)\s+")
