"""English words for interactions: what marks an event per channel, and what marks a plan.

Each phrase is a regular-expression fragment matched on word boundaries over ``fold()``-ed
text (lowercase, no accents). ``{verb}`` stands for the verb's past forms ("{send}": sent),
``{@}`` for a name ("{give} {@} a call": "Gave Ana a call"; see vinculo.lemmas).
A clause holding an intention ("need to call Ana") is a plan, never an event. ``talk``
phrases are conversations whose channel the clause names ("on the phone"), else in person.
"""

from __future__ import annotations

from vinculo.hookspecs import hookimpl
from vinculo.model import Vocabulary

from .en_past import IRREGULAR_PAST, SAME_AS_BASE

# Pasts that tell no time spent with anyone: what the mind or the mouth did, a fall, a
# becoming ("knew", "heard", "told", "fell"), things passed on, and base forms that are as often a present or
# an instruction ("read", "let", "set"). The rest report something done (see DONE).
_NOT_DONE = frozenset({"knew", "meant", "understood", "misunderstood", "forgot", "heard",
                       "told", "fell", "became", "kept", "found", "dreamt", "sworn", "sought",
                       "withdrew", "withheld", "upheld", "underwent", "arose", "awoke", "woke",
                       "slain", "sunk", "sank", "shrunk", "stung", "struck", "stuck", "torn",
                       "worn", "begun", "sprung", "sung", "strung", "swept", "wept", "crept",
                       "read", "let", "set", "cost", "cast", "bet", "burst",
                       # things passed on, whose "with" is what went along ("Sent the
                       # invoices with the receipts"), not a companion
                       "sent", "paid", "repaid", "sold", "lent", "dealt"})
# A past the writer and someone did together, from the lemmatiser's data (en_past): "Josh and
# I hit the nets", "Ana and I split the shifts", "Ana and I sat down".
PAST = "|".join(w for w in (*IRREGULAR_PAST, *SAME_AS_BASE) if w not in _NOT_DONE)
# Adverbs between a subject and its verb: "Ana and I finally sat down", "Ana and I both ran".
_ADVERBS = (r"(?:(?:(?!(?:rarely|seldom|hardly|barely|scarcely|usually|normally|typically|"
            r"generally|occasionally|regularly)\b)[a-z]+ly|then|both|also|just|all|still|even|once|"
            r"again|soon) ){0,2}")

# Doing something together: "watched the game with Ana", "studied at Ana's".
_TOGETHER = ("watch", "help", "travel", "fly", "ride", "cycle", "swim", "climb", "ski", "surf",
             "shop", "dance", "eat", "drink", "bake", "study", "train", "volunteer", "attend",
             "sit")

# The medium named after thanks or an apology: "by email", "over the phone", "in a text".
_THANKS_MEDIUM = r"(?: (?:[^\s]+ ){0,3}?(?:by|over|on|in|via|with) (?:a |an |the )?)"

EVENTS: dict[str, tuple[str, ...]] = {
    "social": (
        # (the eighth pass) "· tag mi inna video", "· comment pon mi TikTok"
        r"(?:tag|tagged|like|likes) mi\b", r"comment(?:ed)? pon\b", r"react(?:ed)? (?:to|tae) {@}['’]s\b",
        r"liked", r"commented(?: on)?", r"reshared",
        # sharing is an interaction when it is theirs of mine or mine of theirs, not "Ana
        # shared her slides" (a post of hers, to everyone)
        r"shared (?:my|our)", r"shared {@}'s", r"i shared", r"shared (?:it|them|this|that)", r"shared (?!(?:a |an |the |our |my |some )?(?:[^\s]+ )?(?:taxi|cab|uber|lift|ride|car|table|meal|bottle|pizza|drink|pint|room|tent|desk|office|flat|lunch|dinner|breakfast|umbrella|bench|booth|dessert|platter|cake)s?\b)(?:[^\s]+ ){0,5}?with (?:me|us|{@})",
        r"shared (?:a |an |the |this |that |some )?(?:\w+ )?(?:post|article|tweet|thread|"
        r"video|photo|story|talk|paper|newsletter|piece|podcast) (?:of|by|from) {@}",
        r"reposted", r"retweeted", r"mentioned (?:me|us|him|her|them)", r"tagged (?:me|us|him|her|them)",
        r"connected (?:on|with)", r"accepted my (?:invitation|invite|connection|request)",
        r"reacted to", r"replied to [^.;]{0,60}?(?:post|comment|tweet|story|thread)",
        r"started following", r"followed (?:me|us)\b(?! (?:to|into|home|out|in|inside|around|round|up|down|back|over)\b)",
        # a comment is a social touch, whoever left it ("left a nice comment on my post")
        r"left (?:me |us |{@} )?(?:a |an )?(?:[^\s]+ )?comments?", r"{comment} on",
        r"{endorse}", r"(?:in|on) the (?:\w+ )?comments", r"{like} (?:my|our|{@}'s)",
        r"left (?:a |an )?(?:[^\s]+ )?(?:heart|like|emoji|reaction|thumbs up)s? on",
        r"reacted (?:[^\s]+ ){0,2}?to",
        # tagging, retweeting, a review: "Tagged Ana in the post", "RT'd Ana's thread", "Ana
        # left me a 5-star review", "answered my comment"
        r"tagged {@}", r"rt(?:'d|'ed|ed)",
        r"(?:hearted|upvoted|favou?rited|faved|starred|boosted|stitched|duetted)",
        r"quote-?tweeted", r"tweeted (?:at|to) (?:me|us|{@})", r"shouted out {@}",
        r"accepted my (?:[^\s]+ )?(?:invitation|invite|connection|request)",
        r"(?:wrote|gave|left) (?:me|us|{@}) (?:a |an )?(?:[^\s]+ )?(?:recommendation|testimonial|"
        r"endorsement)",
        r"left (?:me |us )(?:a |an )?(?:[^\s]+ ){0,2}?(?:review|recommendation|testimonial|rating|"
        r"shout-?out)",
        r"left (?:a |an )?(?:[^\s]+ ){0,2}?(?:review|recommendation|testimonial|rating|shout-?out) "
        r"(?:on|for) (?:my|our|me|us)\b",
        r"answered (?:my|our) (?:[^\s]+ )?(?:post|comment|tweet|story|thread|reel|video)s?",
    ),
    "message": (
        # thanks or an apology in writing: "Thanked · by email for the flowers"
        r"(?:thanked {@}|apologi[sz]ed to {@}|said (?:sorry|thanks|thank you) to {@})(?="
        + _THANKS_MEDIUM + r"(?:e-?mail|text|sms|whatsapp|message|dm|slack|letter|card|note|"
        r"voice ?note|voice message)s?\b)",
        # (the eighth pass) "· sen mi a message", "· text mi", "· text back"
        r"(?:sen|send|text|whatsapp|message|msg|email) mi\b", r"sen {@} a\b", r"text(?:ed)? back\b",
        r"msgs? from\b",
        r"e-?mailed", r"(?:an |the )?e-?mail (?:from|to|with)", r"messaged", r"texted",
        r"slack(?:ed|'d)", r"whatsapp(?:ed|'d)",
        # a channel's name made a verb, as people write it: "sms'd", "SMSed", "txted", "IM'd"
        r"(?:sms|txt|im|pm|wa|imessage|telegram|viber|groupme|snapchat|insta|signal)(?:'d|'ed|ed)",
        r"txt(?:ed)?",
        # (the tenth pass) a doubled consonant: "telegrammed"
        r"telegramm(?:ed|'d)",
        # a bare verb after the name, as Singapore and the Caribbean write it: "· slack me"
        r"{@} (?:slack|text|txt|msg|message|e-?mail|ping|dm|whatsapp|telegram|sms) (?:me|us)\b",
        # "hit me up", as the young write a message to someone
        r"hit (?:me|us|{@}) up\b", r"hit up {@}",
        r"(?:was|were|got|been) (?:pinged|messaged|texted|e-?mailed)",
        r"wrote to", r"dm(?:ed|'d)", r"(?:a |the )?dm (?:from|to)",
        r"sent (?:a |an )?(?:message|e-?mail|dm|note|text|whatsapp)",
        r"got (?:a |an )?(?:message|e-?mail|reply|text) from", r"(?:a |the )?message (?:from|to)",
        r"whatsapp(?:ed)?", r"linkedin message", r"replied to (?:my|his|her|their) (?:e-?mail|message)",
        r"exchanged (?:messages|e-?mails)", r"chatted on",
        r"(?:slack|whatsapp|signal|telegram|text|sms|imessage|e-?mail|teams|group|messenger|wechat|"
        r"viber) (?:thread|chat|exchange)s?",
        # a messaging app's name alone: "Messenger back and forth with Ana" (not "the messenger")
        r"messenger(?<!the messenger)", r"wechat(?:ted|'d|ed)?",
        # a picture sent on Snapchat: "Ana snapped me a pic of her dog" (not "snapped at me")
        r"snapped (?:me|us|{@})\b",
        r"inmail(?:ed)?", r"slid in(?:to)? (?:my|our) (?:dms|inbox)",
        r"(?:were|was) (?:e-?mailing|texting|messaging|dming|whatsapping)",
        # a verbless entry: "Voice note from Bev at 6am" (not "Selune carries a letter from Pipe")
        r"^\s*(?:[^\s]+ ){0,2}?(?:voice note|voice message|text|e-?mail|letter|card|postcard|dm|"
        r"whatsapp|note|parcel|package) (?:[^\s]+ ){0,3}?(?:from|off) {@}",
        # (a messaging app's or a recording's name is one wherever it stands: "Slack from Ana")
        r"(?:slack|sms|memo|telegram|imessage|inmail) (?:[^\s]+ ){0,3}?(?:from|off) {@}",
        r"voice memo (?:[^\s]+ ){0,3}?(?:from|off) {@}",
        r"(?:{get}|received) (?:a |an |the |some )?(?:[^\s]+ ){0,2}?(?:message|e-?mail|mail|"
        r"reply|text|dm|voice note|letter|postcard|card|invitation|whatsapp|note)s? "
        r"(?:[^\s]+ ){0,3}?(?:from|off) {@}",
        r"{send} (?:his|her|their) (?:[^\s]+ ){0,2}?(?:cv|resume|deck|notes|draft|doc|document|"
        r"file|contract|link|portfolio|photos?|slides|numbers|report|proposal|invoice|details)",
        r"on (?:messenger|whatsapp|signal|telegram|slack|imessage|discord|wechat|line chat|groupme|"
        r"viber|kik|kakaotalk|threema|google chat|gchat|facebook messenger|fb messenger)",
        r"(?:{get}|received) (?:a |an |the |some )?(?:[^\s]+ ){0,2}?(?:message|e-?mail|mail|reply|"
        r"text|dm|voice note|voice message|letter|postcard|card|invitation|invite|whatsapp|note)s? "
        r"from",
        r"replied to [^.;]{0,60}?(?:e-?mail|message|text|dm)",
        r"{send} {@}(?! (?:home|away|off|packing)\b)",
        r"{send} (?:me|us)(?! (?:home|away|off|packing)\b)", r"{send} (?:[^\s]+ )?(?:over|through|across)",
        r"{drop} (?:me |us |him |her |them |{@} )(?:a |an )?(?:[^\s]+ )?(?:line|note|message|text|"
        r"e-?mail|dm)",
        r"{send} (?:a |an |the |some |my )?(?:[^\s]+ ){0,2}?(?:message|e-?mail|mail|dm|note|text|"
        r"whatsapp|card|postcard|letter|gift|invite|invitation|link|photos?|voice note|msgs?)",
        r"(?:by|via|over|through|per) (?:e-?mail|mail|text|sms|whatsapp|signal|telegram|slack|dm|"
        r"linkedin|messenger|imessage|letter)",
        r"{reach} out", r"{write} back", r"{reply}",
        r"{answer} {@}'s (?:question|message|e-?mail|text|dm|comment|note|letter)",
        # a reply to something of mine: "Ana answered my email", "answered our DM"
        r"answered (?:my|our) (?:[^\s]+ )?(?:e-?mail|message|text|dm|note|letter|voicemail|"
        r"whatsapp|inmail|voice note|sms)s?",
        # something of theirs that came to me: "Received Ana's comments on the draft"
        r"(?:{get}|received) {@}['’]s (?:[^\s]+ )?(?:comments|notes|feedback|reply|answer|"
        r"e-?mail|message|text|letter|card|voice note|edits|markup|thoughts|response|invoice)",
        # the passive's agent: "Was sent the agreement by Ana"
        r"(?:was|were|got|been) (?:sent|forwarded|e-?mailed|messaged|texted) (?:[^\s]+ ){0,6}?by {@}",
        r"dms(?<=in dms)", r"dms(?<=in the dms)", r"dms(?<=in our dms)",
        r"dms(?<=in their dms)", r"slid into {@}['’]s (?:dms|inbox)", r"voice-?noted",
        # a thing sent to them, or by them to no one else named: "Sent the draft to Ana",
        # "Ana sent the signed lease"
        r"{send} (?:[^\s]+ ){1,5}?(?:to|over to) {@}(?![·'’])",
        r"{send} (?:over )?(?:the|a|an|some) (?:[^\s]+ ){0,2}?(?:draft|doc|document|file|contract|"
        r"deck|link|report|proposal|invoice|slides|notes|numbers|agreement|mou|figures|quote|"
        r"photos?|pictures?|minutes|agenda|cv|brief|plans?|lease|offer|forms?|details|address)"
        r"\b(?!(?: [^\s]+){0,3} (?:to|for|by) )",
        # the post, as the British say it: "Posted Ana a card", "Ana posted me a parcel"
        r"posted (?:me |us |{@} )(?:a |an |the |some )?(?:[^\s]+ )?(?:card|letter|parcel|package|"
        r"postcard|gift|present|book)",
        r"{write} {@} (?:a |an |the )?(?:[^\s]+ )?(?:e-?mail|message|note|letter|text|line|card)",
        r"{write} back", r"{ping}", r"{reply} to", r"{respond} to", r"{reach} out to",
        r"{hear} (?:back )?from", r"{get} back to", r"{invite} (?:me|us)",
        r"left (?:me |us |{@} )?(?:a |an )?(?:message|note|voice note|voice message)",
        r"{send} (?:me |us )?(?:a |an |some |the )?(?:postcard|card|letter|gift|photos?|"
        r"pictures?|voice note|voice message|link|invitation|invite)",
        r"{wish} {@} (?:a )?(?:happy|merry|good|congrat)", r"{congratulate} {@}", r"{chat} (?:on|over)",
        r"shot (?:me |us |{@} )(?:a |an )?(?:[^\s]+ )?(?:line|note|message|text|e-?mail|dm)",
        r"{forward} (?:[^\s]+ ){0,4}?to", r"{forward} {@}",
        r"(?:text|e-?mail|message|whatsapp|dm|slack) (?:exchange|thread|chain|ping-?pong|"
        r"back-and-forth|back and forth) with",
        r"(?:have|has|had|i've|we've) been (?:e-?mailing|texting|messaging|dming|whatsapping|writing)",
        r"(?:exchange|trade) (?:a few |some |several |a couple of |a bunch of )?(?:\w+ )?"
        r"(?:messages|e-?mails|texts|dms|whatsapps|notes|letters|voice notes)",
        r"{exchange} (?:a few |some |several |a couple of |a bunch of )?(?:\w+ )?"
        r"(?:messages|e-?mails|texts|dms|whatsapps|notes|letters|voice notes)",
        r"{trade} (?:a few |some |several |a couple of |a bunch of )?(?:\w+ )?"
        r"(?:messages|e-?mails|texts|dms|whatsapps|notes|letters|voice notes)",
    ),
    "call": (
        # thanks or an apology on the phone: "Apologised to · over the phone"
        r"(?:thanked {@}|apologi[sz]ed to {@}|said (?:sorry|thanks|thank you) to {@})(?="
        + _THANKS_MEDIUM + r"(?:phone|call|video ?call|zoom|facetime|teams|skype)\b)",
        # (the eighth pass) Jamaican speech: "· call mi", "· ring mi phone", "buss a call to ·"
        r"(?:call|ring|rang|buzz|facetime) mi\b",
        r"buss (?:a |one )?call\b", r"raised {@} on\b",
        # (the tenth pass) a bare verb after the name: "· call me back", "· ring me"
        r"{@} (?:call|ring|phone|facetime|video ?call) (?:me|us)\b",
        r"called", r"(?:a |the )?call with", r"call w/", r"on a call", r"phone call",
        # the passive: "Was rung by Ana" (its "by" says who moved, see DIRECTIONS)
        r"(?:was|were|got|been) (?:rung|phoned|buzzed|video ?called|facetimed)",
        r"dial(?:l)?ed in",
        r"phoned", r"rang", r"video ?call(?:ed)?", r"zoom(?:ed)?", r"skyped?", r"facetimed?",
        # (the tenth pass) a huddle on Slack is a call: "Huddle with · on Slack"
        r"(?:slack )?huddle(?= (?:[^\s]+ ){0,4}?(?:on|in|via|over) slack\b)", r"slack huddle",
        r"google meet", r"teams call", r"spoke on the phone", r"talked on the phone",
        r"(?:spoke|talked) (?:by|over|on) (?:phone|video)", r"^call",
        r"(?:over|on|by) (?:the )?phone\b", r"by phone",
        r"{give} (?:me |us |{@} )a (?:quick |short |long )?(?:call|ring|buzz|bell|tinkle|phone call|video call|"
        r"shout|holler)",
        r"(?:call|phone call|video call|zoom|facetime)(?: today| tonight| yesterday)?:",
        r"(?:phone |video )?call from", r"(?:call|ring|bell|buzz) off {@}", r"{get} hold of (?:[^\s]+ ){0,3}?(?:on|by|over) the phone",
        r"{hop} on a (?:\w+ )?call", r"{jump} on a (?:\w+ )?call", r"{ring} {@}", r"{phone}",
        r"(?:on|over|via|by) (?:zoom|skype|teams|facetime|meet|video)",
        r"left (?:me |us |{@} )?(?:a )?voicemail",
        r"{answer} the phone", r"{pick} up the phone",
        r"video ?chat", r"{have} (?:a |an )?(?:[^\s]+ )?(?:phone |video |zoom )?call",
        r"(?:phone|video|zoom) (?:screen|appointment|interview|chat|catch[- ]?up|convo|"
        r"consultation|meeting|session|sync|check-?in)s?",
        r"teams (?:screen|appointment|interview|catch-?up|consultation|meeting|session|sync|"
        r"check-?in)s?",
        # a call answered: "Ama finally picked my call", as West Africa says it
        r"picked (?:up )?(?:my|our) (?:[^\s]+ )?call",
        r"{do} (?:a |an )?(?:[^\s]+ )?(?:phone |video |zoom )?call",
        r"{return} (?:[^\s]+ ){0,2}?call", r"{ring} (?:me |us |him |her |them |{@} )?back",
        # the medium in a parenthesis, a note-taker's shorthand: "Spoke to Ana (20 min, phone)",
        # "t/c w/ Ana"; a video app with someone: "Teams with Ana"
        r"(?:phone|video|zoom|teams|facetime|skype)\)", r"t/c",
        r"(?:teams|webex|hangouts?) (?:with|w/)",
        # what it came to in the end: "ended up phoning Ana"
        r"(?:ended|wound) up (?:calling|phoning|ringing|facetiming|video ?calling|skyping|zooming)",
    ),
    "in_person": (
        # at their place: "Tea at Ana's after school", "Dinner at Ana's place" (not "at Ana's
        # suggestion")
        r"at {@}['’]s(?=\s*(?:$|[,;.!)]|(?:place|house|flat|apartment|home|after|before|for|on|"
        r"in|last|this|yesterday|tonight|earlier|again)\b))",
        # going to their celebration: "went to Ana's birthday party", "was at Ana's wedding"
        r"(?:went|came|was|were|got) (?:to|at) {@}['’]s (?:[^\s]+ )?(?:birthday|wedding|party|"
        r"housewarming|leaving do|farewell|graduation|gig|show|launch|bbq|barbecue|funeral|"
        r"christening|baby shower|book launch)\b",
        r"(?:had |grabbed |got )?(?:a )?(?:coffee|lunch|dinner|breakfast|brunch|drinks?|beers?|tea) with",
        r"met(?: up)?(?: with)?", r"ran into", r"bumped (?:into|intae|inta)", r"visited",
        # thanks or an apology given, with no medium named, as "le di las gracias a ·" is read:
        # in person (a medium named is the channel: "Thanked · by email")
        r"(?:thanked {@}|apologi[sz]ed to {@}|said (?:sorry|thanks|thank you) to {@})(?![·*_=])(?!"
        + _THANKS_MEDIUM + ")",
        r"caught up in person", r"in person", r"(?:a |the )?meeting with", r"walk with",
        r"walked with", r"hung out with", r"stopped by", r"dropped by", r"came (?:over|by)",
        # someone arriving where I am: "Ana turned up at the office", "Ana came in about…"
        r"{turn} up(?! (?:late|empty|nothing|dead|missing))", r"{show} up(?! late)",
        r"{pop} (?:in|by|round|over)", r"{swing} by", r"{come} round",
        r"{come} in (?:about|to see|to talk|for a|with)",
        r"(?:coffee|lunch|dinner|breakfast|brunch|drinks?|beers?|tea|walk|run|hike) w/",
        r"(?:coffee|lunch|dinner|breakfast|brunch|drinks|party|bbq|barbecue|tea) at {@}'s",
        r"at {@}'s(?! (?:post|article|profile|photo|picture|tweet|story|comment|work|page|"
        r"book|blog|website|site|talk|paper|video|podcast|newsletter|idea|suggestion))",
        r"{have} {@} (?:and (?:[^\s]+ ){1,3}?)?(?:over|round)",
        r"(?:in|to|at) {@}'s (?:room|place|house|flat|apartment|apt|office|office hours|home|"
        r"studio|desk|garden)",
        r"{drive} (?:me|us)", r"{pick} (?:me|us) up", r"{give} (?:me|us) a (?:lift|ride)",
        r"{walk} {@} (?:through|around|to|home|back)", r"{show} {@} (?:around|round)",
        r"hung out w(?:ith|/)?", r"{host} {@}",
        # someone coming in to where I am, or to my occasion: "Ana popped into my office",
        # "Ana came to the show", "Ana flew in for the launch"
        r"(?:popped|dropped|came|stopped|swung) into (?:my|our) (?:[^\s]+ )?(?:office|room|shop|"
        r"studio|house|place|flat|classroom|clinic|surgery|desk|kitchen|store|workshop)",
        # the place the writer works at, its article said: "Ana dropped into the clinic"
        # (or came to it: "Ana came to the office to collect the cheques")
        r"(?:(?:popped|dropped|came|stopped|swung|wandered|rocked) (?:into|in to|in at|by)|"
        r"came (?:in |round |over |down )?to) the "
        r"(?:[^\s]+ )?(?:office|clinic|surgery|practice|lab|ward|shop|store|studio|workshop|"
        r"classroom|staffroom|garage|cellar|winery|cellar door|farm|yard|gym|salon|site|bakery|"
        r"cafe|bar|kitchen|school)\b",
        r"(?:came|flew in|turned up|showed up) (?:to|for|at) (?:my|our|the) (?:[^\s]+ ){0,2}?"
        r"(?:show|gig|concert|party|launch|opening|reading|game|match|wedding|housewarming|bbq|"
        r"barbecue|dinner|lunch|meetup|rehearsal|recital|exhibition|premiere|screening|festival|"
        r"open house|viewing|soundcheck|signing)s?\b",
        # someone at what I was at: "Ana was there too"
        r"there too\b", r"there as well\b", r"also there\b",
        # (the tenth pass) attendance listed after a meeting's label: "Board meeting, · and · both there"
        r"(?<=· )(?:both|all) (?:there|present|in attendance)\b",
        r"rocked up", r"{drop} (?:in|round)\b", r"sat (?:next to|beside|opposite|across from) {@}",
        # coming to see me, staying with me, being made a coffee, seen off, caught after
        # something: "Ana came to see me at the clinic", "Ana stayed with us", "Ana made me a
        # cuppa", "Saw Ana off at the station", "Caught Ana after church", "Hugged Ana"
        r"came (?:to see|to visit|and see|round to see|over to see) (?:me|us)\b",
        # a verbless arrival: "· round for the football", "· and · over for tea"
        r"{@} (?:round|over) (?:here )?for (?:the|a|an|some|tea|dinner|lunch|supper|drinks|brunch|"
        r"breakfast|coffee|a cuppa)\b",
        r"came (?:over |round )?home for (?:a |an |some )?(?:lunch|dinner|tea|breakfast|brunch|meal|chai|"
        r"coffee|supper)\b", r"came (?:over |round )?to (?:my|our) (?:place|house|flat|home) (?:for|to)\b",
        r"(?:passed|stopped|popped|dropped|swung|called) (?:through|by|over|round|in) to (?:see|visit) "
        r"(?:me|us)\b",
        # someone at what I was at: "Ana was at the braai too"
        r"(?:was|were) at the (?:[^\s]+ ){0,3}?(?:too|as well)(?=[^\w]*$)",
        # (the eighth pass) Jamaican speech: "· call mi", "· sen mi a message", "· tag mi";
        # a customer in for something: "· came in for his paper"
        r"(?:came|popped|dropped|was|were) in for (?:his|her|their|a|an|some|the)\b",
        r"in(?<=· in) for (?:his|her|their)\b", r"wid (?:mi|me)\b",
        r"c[oa]me (?:out|along|round|over|down|up|in) with (?:me|us)\b",
        r"(?:went|go|popped|nipped|walked) (?:up|down|round|over) {@}['’]s\b",
        # (the tenth pass) a home named without "to": "Went ·'s flat"
        r"(?:went|came|go|come|popped|dropped) {@}['’]s (?:place|house|flat|home|apartment|apt|condo|"
        r"office|room|crib|yard|unit|hdb|kampung)\b",
        # coming for a meal, a lesson given to them
        r"came (?:round |over |by |up |down )?for (?:a |an |some )?(?:[^\s]+ )?(?:lunch|dinner|"
        r"breakfast|brunch|tea|coffee|cuppa|brew|drinks?|beers?|bbq|barbecue|supper|meal|sleepover)\b",
        r"taught {@} (?:to|how|a|an|the|some|about)\b",
        r"{stay} (?:with (?:me|us)|over at {@})", r"{drop} {@} (?:at|off|home)\b",
        r"made (?:me |us |{@} )(?:a |an |some )?(?:[^\s]+ )?(?:coffee|tea|cuppa|brew|dinner|lunch|"
        r"breakfast|drink|cocktail|cake|meal)",
        r"(?:waved|saw) {@} off\b", r"hugged (?:{@}|me(?!\w)|us(?!\w))",
        r"spotted {@} (?:at|in|outside)\b",
        r"caught {@} (?:after|before|at|in|outside|between|during|on the way|for a)\b",
        r"(?:went|came|popped) (?:(?:round|over) (?:to )?|to ){@}['’]s"
        r"(?=\s*(?:$|[,;.!)]|(?:for|after|before|on|in|last|this|yesterday|tonight|earlier|again|"
        r"to|with)\b))",
        r"{see} {@}(?=\s*(?:$|[,;.!)]|(?:today|tonight|yesterday|this morning|this afternoon|"
        r"this evening|again|briefly|earlier|too|as well)\b))", r"{play} (?:[^\s]+ ){0,4}?with",
        r"{go} (?:[^\s]+ ){0,4}?with", r"{cook} (?:[^\s]+ ){0,2}?(?:for|with)",
        r"{pick} (?:{@} up|up {@})", r"{give} {@} a (?:lift|ride)", r"{drive} {@}",
        r"{see} {@} (?:at|in|on|for|during|after|before|over|last)", r"{join} {@} (?:for|at)",
        r"{celebrate} (?:[^\s]+ ){0,4}?(?:with|at)", r"{stay} (?:with|at) {@}",
        r"{run} (?:[^\s]+ ){0,2}?with", r"{hike} (?:[^\s]+ ){0,2}?with", r"{dine} with",
        r"{meet} up", r"{treat} {@} to",
        r"{drop} (?:[^\s]+ ){0,3}?off", r"{pop} (?:by|over|round|in)", r"{swing} by",
        r"{come} (?:over|by|round)",
        r"{buy} {@} (?:a |an |some )?(?:drink|coffee|beer|pint|lunch|dinner|round|breakfast|tea)", r"{walk} (?:[^\s]+ ){0,3}?with",
        # a guest at theirs, a seat in their session, someone taken to them: "Was invited over
        # to Ana's for dinner", "Sat in on Ana's lecture", "Took my son to Ana for a check-up"
        r"(?:was|were|got) (?:invited|asked|had) (?:over|round) (?:to|at) {@}['’]s",
        r"sat in on {@}['’]s", r"kept (?:me|us) company",
        # a head round my door, a night at mine: "Ana popped her head in", "Ana stayed over"
        r"(?:popped|stuck|poked) (?:his|her|their) head (?:round|around|in|into)\b",
        r"stayed over\b(?! at)",
        # a thing shared in one place: "Shared a taxi with Ana" (not a post shared with her)
        r"shared (?:a |an |the |our |my |some )?(?:[^\s]+ )?(?:taxi|cab|uber|lift|ride|car|table|meal|bottle|pizza|drink|pint|room|tent|desk|office|flat|lunch|dinner|breakfast|umbrella|bench|booth|dessert|platter|cake)s? (?:[^\s]+ ){0,3}?with", r"{take} (?:[^\s]+ ){1,3}?to (?:see )?{@}(?![·'’\w])",
        r"{take} {@} (?:out|to|for)",
        r"(?:coffee|lunch|dinner|breakfast|brunch|drinks|beers?|tea)(?: today| tonight| yesterday)?:",
    ),
    "talk": (
        # (the eighth pass) greeting them, or coming to greet me: in the medium the clause
        # names, else in person ("Greeted Ana at the gate", "Ana came to greet me")
        r"greeted {@}", r"(?:went|came|popped|dropped) (?:over |round |by )?to greet\b",
        r"and(?<=· and) i (?:[^\s]+ed|went|had|met|saw|ate|ran|took|got|spent|caught|did|made|sat|"
        r"drove|flew|rode|grabbed|spoke|swam|sang|won|lost|left|came|found|caught|wrote|read|"
        r"built|bought|brought|taught|drank|sat|stood|shot|threw|fought|slept|began|rode|dug|hid)",
        # the writer and a contact as one subject, an adverb or two before a past of the
        # lemmatiser's ("Josh, Tyse and I hit the nets", "Ana and I finally sat down")
        r"and(?<=· and) i " + _ADVERBS + r"(?:[a-z]+ed|" + PAST + r")\b",
        # one phrase per verb (one opening word each: cheap to search)
        *("{" + verb + "}" + r" (?:[^\s]+ ){0,4}?(?:with {@}|at {@}'s)" for verb in _TOGETHER),
        r"{help} {@}",
        # joining me, showing me something, what it came to: the medium the clause names, else
        # in person ("Ana joined us for the second half", "Showed the flat to Ana", "Ana showed
        # me around the old town", "Was handed the keys by Ana", "ended up chatting with Ana")
        r"{join} (?:me|us)\b", r"(?:tagged|came) along\b",
        r"said (?:goodbye|bye|hello|hi|farewell|good night|goodnight) to {@}",
        r"introduced (?:{@}|me|us) to", r"(?:interviewed|mentored|coached|tutored|counsell?ed) {@}",
        r"(?:interviewed|mentored|coached) (?:me|us)\b", r"checked (?:on|in on) {@}",
        r"me and {@} (?:[^\s]+ed|went|had|met|saw|ate|ran|took|got|spent|caught|did|made|sat|"
        r"drove|flew|rode|grabbed|spoke|swam|sang|won|lost|left|came|found|wrote|read|built|"
        r"bought|brought|drank|stood|shot|threw|fought|slept|began)\b",
        r"and(?<=· and) me (?:[^\s]+ed|went|had|met|saw|ate|ran|took|got|spent|caught|did|made|"
        r"sat|drove|flew|rode|grabbed|spoke|swam|sang|won|lost|left|came|found|wrote|read|built|"
        r"bought|brought|drank|stood|shot|threw|fought|slept|began)\b",
        # (the same with the lemmatiser's pasts and an adverb: "me and Ana hit the shops")
        r"me and {@} " + _ADVERBS + r"(?:" + PAST + r")\b",
        r"and(?<=· and) me " + _ADVERBS + r"(?:" + PAST + r")\b",
        r"showed (?:me|us) (?:around|round)\b",
        # showing someone a thing, where it is: "Showed Ana the flat", "Showed Ana our plans"
        r"{show} {@} (?:the|a|an|our|my|some|his|her|their)", r"showed (?:[^\s]+ ){1,4}?to {@}(?![\w'’])",
        r"(?:was|were|got) (?:handed|given|shown|introduced|collared|cornered|approached|greeted|"
        r"hugged|welcomed|picked up|dropped off|driven|walked) (?:[^\s]+ ){0,6}?by {@}",
        r"(?:ended|wound) up (?:meeting|seeing|having|grabbing|hanging out|chatting|talking)",
        r"{talk} (?:to|with)", r"{speak} (?:to|with)", r"{catch} up with", r"and i {talk}",
        r"{chat} with", r"we {talk}", r"we {speak}", r"we {chat}",
        r"(?:chat|conversation|talk|catch-?up|1:1|1-1|1on1|one-on-one|one on one|sync) with",
        r"{follow} up with", r"{do} (?:a |an |the |some )?(?:[^\s]+ ){0,2}?with",
        r"{spend} (?:[^\s]+ ){0,3}?with",
        # a shift handed over, a hand given, someone caught somewhere: the medium the clause
        # names, else in person ("Handed over to Ana at 7", "Gave Ana a hand with the move",
        # "Caught Ana on the stairs")
        r"handed (?:over|off) to {@}", r"handover (?:to|with|from) {@}",
        r"{give} (?:{@}|me|us) a (?:hand|helping hand)\b", r"caught {@} (?:on|by|near|outside) the\b",
    ),
}

INTENTS: tuple[str, ...] = (
    r"need to", r"needs to", r"have to", r"has to", r"must", r"should", r"ought to",
    r"want to", r"wants to", r"would like to", r"i'd like to", r"going to", r"gonna",
    r"plan(?:ning)? to", r"will", r"i'll", r"we'll", r"to-?do", r"remind me", r"reminder",
    r"remember to", r"don't forget", r"maybe", r"perhaps", r"try to", r"hope to", r"hoping to",
    r"didn't", r"did not", r"couldn't", r"could not", r"never", r"not yet", r"haven't",
    r"next (?:week|month|time|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)", r"tomorrow", r"can't wait", r"cannot wait",
    # Someone else's event: "Ana's wife called her".
    r"s(?<=·'s) (?:wife|husband|partner|mother|mom|mum|father|dad|brother|sister|son|daughter|"
    r"boss|friend|kids?|parents|family|team|colleague)",
    # Cancellations veto the whole clause, wherever they stand ("lunch with Ana, cancelled").
    r"^.*?\bcancel(?:l?ed|s)?", r"^.*?\bpostponed", r"^.*?\brescheduled", r"^.*?\bfell through",
    # (the words people use for it: "got scrapped", "was axed"; an invite in the calendar is
    # a plan: "Sent Ana a calendar invite for Thursday")
    r"^.*?\b(?:scrapped|axed|nixed|binned|shelved)\b",
    r"^.*?\b(?:calendar|meeting|diary|zoom|teams|outlook|google) (?:invite|invitation|hold)s?\b",
    # (a draft is unsent, but not one sent: "Sent the draft to Ana")
    r"draft(?<!sent the draft)(?<!sent a draft)(?<!sent my draft)(?<!sent our draft)"
    r"(?<!sent over the draft)(?:ed|ing|s)?", r"ask (?:him|her|them|if)", r"follow up", r"let's", r"should we", r"someday",
    # Attempts and what did not happen count for nothing.
    # A name, not a call ("the commander is called Reven", "a course called …"); a meeting
    # put in the diary is a plan.
    # (the tenth pass) news from others, the name its subject: "heard from the team · left"
    r"^.*?\bheard (?:from|through|via|off) (?:the|my|our|a|an|some|his|her|their) "
    r"[^,;·]{1,30}? ·",
    r"(?:is|was|are|were|be|been|being|also|now|aptly|so) called",
    # (the tenth pass) a summons, not a call: "got called out to a job"
    r"(?:got|get|gets|was|were|been) called (?:out|away|in|up|off)\b", r"called(?= [\"'“«])",
    r"schedul\w*", r"(?:are|is|am) \w+ing",
    # Someone else's doing: "He also met with Nicole" (the clause opens with another subject).
    r"^(?:he|she|they) (?:also |then |later |just |finally )?(?:\w+ed|met|had|went|saw|spoke|"
    r"got|took|came|ran|sent|wrote|caught|hung|grabbed|spent)", r"set up a (?:call|meeting|lunch|coffee|time)",
    r"tried", r"attempted", r"^.*?\bno answer", r"^.*?\bdidn't pick(?:ed)? up",
    r"^.*?\bdid not pick(?:ed)? up", r"^.*?\bnever picked up", r"^.*?\bto voicemail", r"^.*?\bcalled off", r"couldn't", r"not",
    r"neither", r"nor", r"not even",
    r"prep(?:are|ared|aring|ping|ped)? (?:for|notes for|questions for)",
    r"supposed to", r"meant to", r"about to", r"thinking (?:of|about)", r"considering",
    r"looking forward", r"forgot", r"if",
    # "when I see Ana" is a condition; "when I got in" a past background
    r"when i(?! (?:[a-z]+ed|" + PAST + r")\b)", r"hopefully", r"would(?: love)?",
    r"wish", r"waiting for", r"idea", r"hasn't", r"wasn't able", r"weren't able",
    r"wanted to", r"(?:could|should|would|might|must) have",
    # (the eighth pass) what would have been, contracted; a plan told in the past
    r"(?:could|should|would|might|must)['’]ve", r"(?:i|we|you|he|she|they)['’]d have",
    r"(?:had )?planned to", r"dream(?:t|ed)?", r"in my dream",
    r"owes? (?:me|us|him|her|them)",
    # someone away, not reached ("Popped into Ana's office, she's off"; not when I rang or
    # wrote to them by name, which reaches them at home: see shapes.off_but_reached)
    # (the tenth pass: not a thing off its food, "the dog's off his tucker")
    r"^.*?\bis off\b(?! to\b)", r"^.*?'s off\b(?! to\b)(?! (?:his|her|their|its|my) )",
    r"^.*?\bbut (?:he|she|they) (?:was|were|wasn't|weren't|was not|were not) "
    r"(?:busy|out|away|sick|ill|not|there|home|in|around|available|with|on)",
    # a call that reached no one: their phone or network down ("Called Ana thrice, her network
    # wasn't going", "…, his phone was off")
    r"^.*?\b(?:her|his|their|the) (?:phone|mobile|cell|network|line|signal|connection) (?:was|is|"
    r"['’]s|kept) (?:off|dead|down|switched off|out of (?:battery|charge)|cutting out|not "
    r"(?:going|working|connecting|going through|on))\b",
    r"^.*?\b(?:her|his|their|the) (?:phone|mobile|cell|network|line|signal|connection) (?:wasn['’]t|"
    r"isn['’]t|was not|is not|didn['’]t|did not) (?:going|working|connecting|going through|on|"
    r"ring|connect|work|go through)\b",
    # a call that reached no one: "…but she was asleep", "Called Ana three times, nothing"
    r"^.*?\bbut (?:he|she|they|it) (?:was|were|'s) (?:already |still |fast )?(?:asleep|sleeping|"
    r"driving|offline|unreachable|engaged|switched off|flying|abroad|unavailable|tied up)",
    r"^.*?\b(?:call|rang|ring|phon|facetim|skyp|dial|buzz|bell)[^,;]*,\s*(?:nothing|no luck|no joy|zilch|"
    r"crickets|nada|no dice|no pick ?up|zero response|no response|engaged|busy|straight to (?:voice ?mail|vm)|"
    r"(?:(?:her|his|their|the) )?(?:phone|mobile|cell|line) (?:was |is )?(?:switched off|off|dead|engaged|"
    r"busy))\b",
    # a call that rang out, a game called off, as Scots says them
    r"^.*?\b(?:rang|rings|ringing) (?:out|oot)\b", r"^.*?\bcalled (?:off|aff)\b",
    # a meeting off: "Pint with · off, weather too bad"
    r"^.*?\b(?:with|wi|w/) {@} off(?=[^\w]*$|,)",
    # no one at home, not back yet, left on read
    r"^.*?\bbut (?:he|she|they) (?:had not|hadn['’]t|was not|wasn['’]t|were not|weren['’]t)(?: yet)? "
    r"(?:come back|back|returned|got back|arrived|home)\b",
    r"^.*?\b(?:left (?:me |us )?on read|left on read)\b",
    # (the eighth pass) a call they did not take, said after a comma; no one at home; a message
    # with one tick; a call that did not connect
    r"^.*?\b(?:call|rang|ring|phon|facetim|skyp|dial|buzz|bell)[^;]*(?:he|she|they|it) (?:didn't|did not|"
    r"never|wouldn't|would not) (?:answer|pick up|respond|connect|go through)\b",
    r"^.*?\b(?:nobody|no one|no-one) (?:home|in|there|around|answered|came (?:down|to the door))\b",
    r"^.*?\b(?:only )?(?:one|a single|1) (?:grey |gray )?tick\b",
    r"^.*?, it (?:was|'s) (?:switched off|off|dead|engaged|busy)\b",
    # a number not reachable, a call not picked or cut, a meeting that did not hold; someone
    # who blanked me or did not see me; a status watched
    r"^.*?\b(?:not reachable|unreachable|out of service|not picking)\b",
    r"^.*?\b(?:is|was|['’]s) switched off\b", r"^.*?\bcut (?:the|my|our) call\b(?! short)",
    r"^.*?\b(?:didn['’]t|did not|never)(?<!it didn't)(?<!it didn’t)(?<!it did not)(?<!it never) "
    r"(?:hold|happen|take place|come off|go ahead)\b",
    r"^.*?\b(?:blanked|snubbed|cold-shouldered|ignored) (?:me|us)\b",
    r"^.*?\bbut (?:he|she|they) (?:didn['’]t|did not|never) (?:see|notice|spot|clock) (?:me|us)\b",
    r"^.*?\b(?:watched|viewed|saw|seen|checked|looked at|scrolled)\b[^,;]{0,40}?(?:whatsapp|wa|insta|"
    r"instagram|facebook|fb|snap|snapchat) (?:status|story|stories)\b",
    # a line that did not connect, a call missed, someone saying they were out
    r"^.*?\b(?:line|number|phone|mobile) (?:was |is |were )?(?:busy|engaged|dead|off)\b",
    r"^.*?\b(?:rang out|went unanswered|no signal|no reception|out of range|engaged tone|busy "
    r"signal)\b",
    r"missed (?:a |an |the |two |three |\d+ )?(?:[^\s]+ )?(?:calls?|facetimes?|video ?calls?) "
    r"from(?![^;]*\b(?:back|rang|called|phoned)\b)",
    r"^.*?\b(?:said|says) (?:he|she|they)(?: (?:was|were|is|are)|['’]s) (?:out|away|busy|unavailable|off|"
    r"on leave|not in|in a meeting|in court|in surgery)\b",
    r"^.*?\bno one (?:answered|picked)",
    r"^.*?\bmoved (?:back |to |back to )(?:monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|next|tomorrow|later|another|the next|the following|the \d{1,2}(?:st|nd|rd|th)?)",
    r"^.*?\bpushed (?:back |to |back to )(?:monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|next|tomorrow|later|another|the next|the following|the \d{1,2}(?:st|nd|rd|th)?)",
    r"^.*?\b(?:bumped|shifted|switched|put off|pushed back|put back) (?:back |to |back to |till |until )?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|next|tomorrow|later|another)",
    # the thing moved named between: "Moved the Zoom with Ana to next Tuesday"
    r"^.*?\b(?:moved|shifted|pushed|bumped|switched|swapped|rescheduled|put off) "
    r"(?:[^\s]+ ){1,6}?(?:back |over )?(?:to|till|until|back to) (?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|next|tomorrow|later|another|the following|the next|"
    r"the \d{1,2}(?:st|nd|rd|th)?)",
    # a voicemail I left: no one reached ("Left Ana a voicemail")
    r"left (?:{@} )?(?:a )?voice ?mail(?! from)",
    # a visit or a call that found them out: "Called round at Ana's, she was out"
    r"^.*?\b(?:call|rang|phon|knock|went|popped|dropped|swung|stopped|drove|walked|buzzed)[^,;]*, "
    r"(?:he|she|they) (?:was|were|'s) (?:out|away|not in|not home|not there|asleep|busy|in a meeting|"
    r"offline|off sick|on leave|at lunch|on holiday|on vacation|unavailable)\b",
    # Mood: what nearly happened, what should have, a habit rather than a day's event, a
    # condition, an arrangement for later, a plan written down.
    r"almost", r"nearly", r"was going to", r"were going to", r"usually", r"always(?<!as always)(?<!like always)", r"often",
    r"normally", r"typically", r"used to", r"tend to", r"whenever", r"unless", r"in case",
    r"^.*?\b(?:every|each)(?<!as every)(?<!as each)(?<!like every)(?<!like each) (?:single )?(?:day|week|month|year|morning|evening|night|weekend|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|other|few|time)",
    r"^.*?\bon (?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends)",
    r"pending", r"booked", r"reserved", r"^.*?\bpencil(?:l)?ed in", r"arranged to", r"agreed to",
    r"^.*?\b(?:booked|pencil(?:l)?ed|confirmed) for",
    r"made plans", r"^\s*(?:proposal|idea|plan|agenda|options?)\b", r"hoping", r"(?:i|we|i do) hope",
    r"waiting (?:to|on)", r"still waiting",
    # The event undone later in the clause: "wrote to Ana, still in drafts", "recorded a voice
    # note for Ana but never sent it".
    r"^.*?\bin (?:my |the )?drafts?\b", r"^.*?\bunsent\b",
    r"^.*?\bbut (?:i |we |he |she |they |it )?(?:never|didn't|did not|couldn't|could not|"
    r"wasn't able to|forgot to) (?:send|sent|post|go|show|make it|answer|reply|respond|pick|"
    r"call|turn up|come|hit send|get through)",
    r"^.*?(?:\bnever|n't|\bnot) (?:arrive|arrived|get through|go through|reach|deliver|delivered|connect)",
    r"put (?:a date|a time|something|a slot) in\b",
    r"^.*?\bbounced", r"^.*?\bto vm\b",
    # What the writer or they chose not to do: a meeting skipped, someone who never came.
    r"skipped", r"ditched", r"declined", r"turned down", r"ignored", r"dodged", r"avoided",
    r"^.*?\b(?:bailed|flaked)\b", r"^.*?\bblew (?:me |us )?off\b", r"^.*?\bstood (?:me|us) up\b",
    r"^.*?\bno-?show\b", r"^.*?\brain ?check\b", r"^.*?\bghosted\b",
    # (the eighth pass) someone who never came, said after a comma; a reply from a machine
    r"^.*?\b(?:he|she|they) (?:never|didn't|did not) (?:showed|show|turned up|turn up)\b",
    r"^.*?\b(?:out[- ]of[- ]office|auto-?reply|automatic reply)\b",
    # an agenda for a meeting to come: "Items to raise with ·", "Points to cover with ·"
    r"^(?:[^\w]|_)*to (?:discuss|raise|cover|ask|bring up|go over|flag|mention|run by|check|review)\b",
    r"(?:need|needs|want|wants) (?:a|an|another) (?:call|chat|meeting|catch-?up|word|coffee|sync|1:1|"
    r"lunch|drink)\b",
    r"^(?:[^\w]|_)*(?:items?|points?|topics?|things|questions?|issues?|notes) (?:to|for) (?:raise|cover|discuss|"
    r"bring up|go over|ask|flag|mention|run by|check)\b",
    r"skipping", r"ditching", r"bailing on",
    # seen on a screen or heard on air, not met: "Saw Ana on the news"
    r"^.*?\btelly(?<=on telly)", r"^.*?\btelly(?<=on the telly)", r"^.*?\btv\b(?<=on tv)",
    r"^.*?\btv\b(?<=on the tv)", r"^.*?\btelevision(?<=on television)", r"^.*?\bnews\b(?<=on the news)",
    r"^.*?\bradio\b(?<=on the radio)", r"^.*?\byoutube(?<=on youtube)", r"^.*?\bnetflix(?<=on netflix)",
    # the passive's agent someone else: "Was sent Ana's CV by the recruiter"
    r"(?:was|were|got) (?:sent|forwarded|e-?mailed|handed|given|shown|introduced|told|asked|"
    r"called|rung|phoned|messaged|texted|pinged|invited|visited|met) (?:[^\s]+ ){0,5}?by "
    r"(?:the|a|an|my|his|her|their|our|some)",
    r"^.*?\bbut (?:he |she |they )?(?:forgot (?:about it|about us|about me|to come|to show)|"
    r"never (?:showed|came|turned up)|didn't (?:show|come|turn up|make it)|couldn't make it|"
    r"got sick|fell ill|had to cancel)",
    # Said to be without me: "Ana met the board without us".
    r"^.*?\bwithout (?:me|us)\b",
    # A heading for what comes next: "Next sprint: pair with Ana", "Tomorrow: Ana".
    r"^\s*(?:next|upcoming|tomorrow|later|this coming)\b[^:]{0,24}:",
    # A label for the period a plan covers, or for what is to be done ("**This week**: lunch
    # with Ana", "Goals: sync with Ana"), and a status that says it is not done yet.
    r"^(?:[^\w]|_)*(?:this (?:week|month|sprint|quarter|cycle)|(?:weekly |daily |today's )?(?:goals?|"
    r"priorities|focus|plan|agenda|to-?dos?|action items?|next steps?|follow-?ups?|diary|calendar|"
    r"schedule))\b[^:]{0,24}:",
    r"^.*?\b(?:untouched|not started|not done)\b", r"^.*?❌",
    # A status closing an entry that says it has not happened yet, as work notes write it:
    # "Meeting with Ana pending", "1:1 with Ana (scheduled)", "Lunch with Ana TBD" — not "the
    # call we'd scheduled".
    r"^[^,;:(]*?(?<!'d )(?<!had )(?<!was )(?<!were )(?<!been )(?<!we )(?<!i )\(?\b(?:pending|scheduled|"
    r"tbd|tbc|to be (?:scheduled|confirmed|arranged)|tentative|on hold|can wait)[^\w]*$",
    # What is coming: "Upcoming 1:1 with Ana", "Topics for the upcoming sync with Ana".
    r"upcoming",
    # A meeting entered in the diary is a plan.
    r"^.*?\b(?:in|into|on) (?:the|my|our) (?:calendar|diary|agenda|schedule)\b",
    # The sixth pass (docs/ladder.md, "English: the sixth pass"): a line headed by a reminder
    # to oneself is a plan ("Kindly remember: …", "Note to self: …"), and what should or could
    # have been, written as speech writes it ("shoulda", "coulda"), did not happen.
    r"^(?:[^\w]|_)*(?:(?:kindly|please|pls|just|and) )?(?:remember|don't forget|dont forget|"
    r"do not forget|note to self|memo to self)\b[^:]{0,24}:",
    r"(?:shoulda|coulda|woulda|musta|mighta|oughta)",
)

# Who takes part (see plugins/interactions/participation.py): a name after a topic word is
# what the clause is about; after a companion word, someone the writer did something with,
# when the clause's verb reports something done by the writer.
TOPICS: tuple[str, ...] = (
    r"about", r"regarding", r"re", r"re:", r"concerning", r"on behalf of", r"asked after",
    r"in memory of", r"news of",
)
COMPANIONS: tuple[str, ...] = (r"with", r"w/", r"w", r"wi", r"wid", r"alongside", r"together with")
# A past tense (regular, or one of the common irregular ones), never a verb that takes "with"
# without meeting anyone ("agreed with", "dealt with", "compared with") nor a plan ("booked").
DONE: tuple[str, ...] = (
    r"(?!(?:need|feed|seed|speed|breed|bleed|proceed|exceed|succeed|indeed|shed|wed|bored|"
    r"tired|agreed|disagreed|compared|sided|confused|replaced|connected|collaborated|shared|"
    r"dreamed|wanted|hoped|needed|tried|attempted|booked|reserved|arranged|scheduled|"
    r"planned|supposed|used|interested|excited|pleased|satisfied|obsessed|associated|"
    r"charged|compared|combined|mixed|filled|registered|signed|started|finished|ended|"
    r"concerned|crossed|identified|sympathized|sympathised|annoyed|angered|impressed)$)"
    r"[a-z]{2,}ed",
    r"went|had|met|saw|ate|drank|took|got|spent|caught|did|made|sat|drove|flew|rode|spoke|"
    r"swam|sang|won|lost|ran|bought|brought|fought|threw|hung|was|were|stayed|played|walked|"
    r"began|hiked|built|slept|stood|taught|grew|wore|broke|'ve been|been|came",
    PAST,
)

# Tense of the whole clause (see plugins/interactions/participation.py): a time after the
# note's day, right after a meeting or a call, makes it a plan; what someone else reports is
# their story.
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
LATER: tuple[str, ...] = (
    r"tomorrow", r"next (?:week|month|year|weekend|time|" + _DAYS[3:-1] + r")",
    r"(?:this|the) coming (?:week|month|weekend|" + _DAYS[3:-1] + r")",
    r"in (?:a|an|one|two|three|four|a few|a couple of|\d+) (?:days?|weeks?|months?)",
    r"for (?:the weekend|this weekend|later|" + _DAYS[3:-1] + r")",
    r"for the \d{1,2}(?:st|nd|rd|th)", r"for (?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)(?: \d{1,2}(?:st|nd|rd|th)?)?",
    r"later (?:this|in the) (?:week|month)", r"the (?:day|week) after tomorrow",
)
HEARSAY: tuple[str, ...] = (
    r"apparently", r"reportedly", r"allegedly", r"rumou?r (?:is|has it)", r"word is",
    r"(?:i |we )?heard (?:that|from [^,;]{1,30}? that)", r"(?:told|tells|telling) (?:me|us)(?: that)?",
    r"(?:said|says|mentioned|explained|claims|claimed|wrote|posted) that",
    r"(?:said|says|mentioned|explained|claims|claimed|reckons|reckoned) (?:he|she|they)\b",
    r"according to [^,;]{1,40},", r"(?:i |we )?found out (?:that)?",
    r"says", r"reckons", r"claims", r"said(?= (?:that\b|·|he\b|she\b|they\b))",
    r"per (?:the|his|her|their|my|our) [^,;]{1,40},",
)
LONG_AGO: tuple[str, ...] = (
    r"last (?:year|summer|winter|spring|autumn|fall|christmas)",
    r"back in (?:(?:19|20)\d\d|the day|the days|the (?:19|20)?\d0s|college|school|uni|"
    r"high school)", r"back when", r"(?:years|ages|decades) ago", r"a (?:long )?(?:time|while) ago", r"long ago",
    r"in (?:(?:19|20)\d\d|the (?:19|20)?\d0s|the old days)", r"as (?:kids|teenagers|students)",
    r"when we were (?:kids|young|little|teenagers|students|at (?:school|uni|college))",
    r"(?:in|at|during) (?:high school|college|uni|university|grad school)(?= (?:together|days))",
)

# Who moved, when word order alone would say it wrong ("called" after the name is theirs,
# before it is mine): see plugins/interactions/reader.py.
_TO_ME = (r"(?:called|rang|phoned|texted|messaged|e-?mailed|pinged|wrote(?: to)?|dm(?:ed|'d)"
          r"|replied to|answered|got back to|reached out to|invited|sent|video ?called"
          r"|facetimed|skyped|zoomed|tagged|mentioned|followed|contacted|asked|thanked|snapped"
          r"|called me back|returned my call|sent over)")
DIRECTIONS: dict[str, tuple[str, ...]] = {
    "out": (r"hit up {@}", r"hit {@} up"),
    "in": (
        # (the tenth pass) a bare verb after the name: "· slack me", "· ring me"
        r"(?<=· )(?:slack|text|txt|msg|message|e-?mail|ping|dm|whatsapp|telegram|sms|ring|phone|"
        r"facetime) (?:me|us)\b",
        r"msgs? from", r"(?:call|ring|tag|sen|text|whatsapp|message|msg|email|facetime) mi\b",
        _TO_ME + r" me", r"(?:to|back to) me", r"hit (?:me|us) up", r"my (?:e-?mail|message|text|dm|note|call|post|"
        r"tweet|comment|story|article|invitation|invite|request|question|letter|voicemail)",
        r"(?:got|received) (?:a |an |the )?(?:\w+ )?(?:message|e-?mail|mail|text|call|dm|"
        r"reply|answer|whatsapp|voicemail|note|letter|invitation|invite|postcard)",
        # "Got a lovely card in the post from Ana", "Received Ana's notes"
        r"(?:got|received) (?:a |an |the |some )?(?:[^\s]+ ){0,2}?(?:card|postcard|letter|parcel|"
        r"package|gift|review|memo|voice memo|sms|slack) (?:[^\s]+ ){0,3}?from",
        r"(?:got|received) {@}['’]s",
        # (not a place the writer sent it from: "Sent Ana a voice note from the bus")
        r"(?:message|e-?mail|mail|text|call|dm|reply|answer|whatsapp|voicemail|note|letter|"
        r"invitation|invite|postcard|card|slack|sms|memo|telegram|signal|imessage|inmail) from(?! (?:the|a|an|my|our|home|work|bed|abroad|here|"
        r"there)\b)", r"hear(?:d)? (?:back )?from", r"from (?:him|them)\b",
        # (not "her" before a thing of hers: "Reposted Ana's story from her first night")
        r"from her\b(?!\s+(?!(?:to|about|for|at|on|in|and|with|yesterday|today|this|last|after|"
        r"before|again|earlier|later|tonight)\b)[a-z])",
        # "a text off Ana", as the Irish and the Australians write it
        r"(?:message|e-?mail|mail|text|call|dm|reply|answer|whatsapp|voicemail|note|letter|card|"
        r"sms|voice note|voice message|ring|bell) off {@}",
        # the passive's agent: "Was rung by Ana", "Got pinged by Ana on Slack"
        r"(?:was|were|got|been) (?:[^\s]+ ){1,7}?by {@}",
    ),
    "both": (
        r"we", r"us", r"each other", r"one another", r"together", r"talked", r"spoke",
        r"chatted", r"exchanged", r"caught up", r"catch up", r"conversation",
        r"(?:a |the )?(?:call|chat|video ?call|zoom|phone call|meeting) with",
        r"back and forth", r"with {@}",
        # a reply, either way, is an exchange; so is anything "w/" someone or "X and I" did
        r"{reply}", r"{answer}", r"{respond}", r"{get} back to", r"{write} back",
        r"{return} (?:[^\s]+ ){0,2}?call", r"(?:called|rang|phoned) (?:me |us |him |her |them |{@} )?back",
        # a message back is a reply to mine: "Ana texted back", "Ana emailed me back"
        r"(?:e-?mailed|texted|messaged|dm(?:ed|'d)|whatsapp(?:ed|'d)|slack(?:ed|'d)|pinged|"
        r"wrote|sms(?:'d|ed)|txt(?:ed|'d)|voice-?noted) (?:me |us |him |her |them |{@} )?back\b",
        r"w/(?! ?(?:the|a|an|my|his|her|their|some)\b)", r"catch-?up", r"and(?<=· and) i",
        r"(?:reply|respond) to",
        r"me and {@}", r"and(?<=· and) me",
        r"(?:phone|video|zoom|teams) (?:screen|appointment|interview|chat|catch[- ]?up|convo|"
        r"consultation|meeting|session|sync|check-?in)s?",
        # time on the line with someone is a conversation ("Spent an hour on the phone with
        # our ·"); a call to return is a reply ("- [x] ring · back")
        r"on the (?:phone|blower|line|dog and bone) (?:to|with)\b",
        r"picked (?:up )?(?:my|our) (?:[^\s]+ )?call",
        r"(?:call|ring|phone|text|email|e-mail|message) (?:{@} )back\b",
        r"(?<=· )(?:call|ring|phone|text|txt|msg|message|e-?mail|dm|whatsapp|slack) (?:me|us) back\b",
),
}


# A ticked task written as an instruction reports it done: "- [x] Email Ben the lease".
TASKS: dict[str, tuple[str, ...]] = {
    "call": (r"call", r"phone", r"ring", r"video ?call", r"call back"),
    "message": (r"e-?mail", r"text", r"message", r"dm", r"write (?:to|back to)", r"reply to",
                r"ping", r"send", r"answer", r"respond to", r"follow up with",
                r"sms", r"whatsapp", r"slack", r"telegram", r"signal", r"drop (?:a line|a note)",
                r"hear (?:back )?from"),
    "in_person": (r"meet(?: up)?(?: with)?", r"see", r"visit",
                  r"(?:have |grab )?(?:coffee|lunch|dinner|breakfast|drinks?|a beer) with",
                  r"(?:bump|run) into", r"catch up with", r"hug"),
}


# A verb of the name's own right after it (a modal, "to" + a verb, a present tense): "Ben
# reports the goal met", "Altan to implement the fee change", "so Ben could take a break".
SUBJECT_VERBS: tuple[str, ...] = (
    r"could|would|should|can|will|may|might|must|shall|to",
    r"(?!(?:was|is|has|does|his|hers|its|this|thus|plus|us|as|always|sometimes|perhaps|"
    r"afterwards|besides|towards|across|less|unless|yes|thanks|vs|"
    # (Spanish words a name may precede in a line of the other language)
    r"nos|les|los|las|mis|sus|tus|mas|despues|antes|menos|dos|tres|pues|entonces|ademas|"
    r"vos|ustedes|ellos|ellas|nosotros|nosotras|todos|todas|juntos|juntas|apenas|quizas|"
    r"jamas|atras)\b)[a-z]{2,}s",
)

# Words that open a leading clause of time or concession: up to its comma, another part of
# the sentence ("While we were waiting, …", "Although it rained, …").
LEADS: tuple[str, ...] = ("while", "when", "as", "although", "though", "even though", "after", "once")
# What makes the instruction after it something done: an achievement, or how it felt, said of
# the day ("Managed to call Ana", "Finally got to meet Ana", "It was great to see Ana", "So
# nice to hear from Ana"; not "It'd be great to see Ana", "Would be nice to…").
ACHIEVED: tuple[str, ...] = (
    r"(?<![\w·])(?:managed|was able|were able|got the chance|had the chance|found (?:the )?time|"
    r"finally got) to",
    # an expectation denied: it happened all the same ("Didn't expect to see Ana at the gym")
    r"(?<![\w·])(?:didn['’]t|did not|never) (?:expect|think)(?: i['’]d| i would)? to",
    r"(?<![\w·])(?:wasn['’]t|was not) expecting to",
    r"^\s*(?:it (?:was|is)|it['’]s been|was|so|really|very|such)?\s*(?:so |really |very |super )?"
    r"(?:great|nice|lovely|good|fun|wonderful|brilliant|amazing|awesome|ace|fab|a joy|"
    r"a pleasure|a treat|a relief|special|cool|weird|strange|surreal|sad|emotional) to",
)


# Word lists the reader's shapes consult (see vinculo.model.Vocabulary ``word_lists``).
WORD_LISTS: dict[str, tuple[str, ...]] = {
    # what opens the sentence after a call and says it reached no one ("Rang ·. No answer.",
    # "Phoned ·; straight to voicemail")
    "unreached": (
        r"no (?:answer|luck|joy|signal|reception|pick-?up)\b(?! (?:to|on|about|re|yet on)\b)",
        r"(?:nothing|zilch|crickets|nada)(?:[^\w]*$|,\s*(?:no|not|nobody|never|voice ?mail|vm|straight to|"
        r"(?:he|she|they) (?:didn't|did not|never|wouldn't))\b)",
        r"(?:(?:went )?straight to |went to |it went to )?(?:voice ?mail|vm)\b",
        r"(?:it |the phone |the line |her phone |his phone )?(?:rang out|rang and rang|was engaged|"
        r"was busy|engaged tone|busy signal|was switched off|switched off|was off|dead)(?:[^\w]*$|,)",
        r"(?:the )?line (?:was )?dead\b",
        r"(?:he|she|they) (?:didn't|did not|never|wouldn't) (?:pick up|answer)\b"),
    # what opens the sentence after a visit or a call and says they were not there
    # their hands on a thing of mine, which needs them with me: "· fixed my bike", "· cut
    # my hair"
    "hands_on": (
        r"(?:fixed|repaired|mended|patched|serviced|tuned|cut|trimmed|dyed|braided|stitched|"
        r"hemmed|fitted|installed|assembled|unblocked|plumbed|wired|painted|tattooed|massaged|"
        r"examined|checked over|bandaged|stitched up)$",),
    "not_there": (
        r"(?:he|she|they) (?:wasn't|weren't|was not|were not) (?:in|home|there|around|in the office)\b",
        r"(?:he|she|they) (?:was|were|'d|had) (?:out|away|already gone|gone home|already left|left)\b",
        r"(?:nobody|no one|no-one) (?:home|in|there|answered|came to the door)\b"),
}


@hookimpl
def register_vocabulary() -> list[Vocabulary]:
    return [Vocabulary("en", events=EVENTS, intents=INTENTS, directions=DIRECTIONS,
                       tasks=TASKS, topics=TOPICS, companions=COMPANIONS, done=DONE,
                       later=LATER, hearsay=HEARSAY, long_ago=LONG_AGO,
                       subject_verbs=SUBJECT_VERBS, leads=LEADS,
                       achieved=ACHIEVED, word_lists=WORD_LISTS)]
