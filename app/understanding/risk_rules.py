"""Must-escalate situations described without the usual keywords.

People rarely write "security incident" or "outage". They write "Phone's gone", "I did the
validation thing before I saw the sender", "the pointer moves on its own", "Whole floor no
internet", or paste a ransom note. Missing one of those costs far more than an unneeded
handoff, so these patterns lean towards escalating; each one still needs two signals (what
happened and why it is not the employee's own doing) so ordinary how-to questions stay
questions. Pure patterns; ``rules.RULES`` decides their order.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# A company function named as a group of people.
_DEPT = (r"(finance|accounts( payable| receivable)?|payroll|sales|marketing|hr|legal|engineering|"
         r"support|procurement|purchasing|operations|ops|logistics|it|dev|devs|developers|qa|"
         r"customer (service|care|support)|the call cent(re|er)|call cent(re|er)|reception|"
         r"treasury|audit|compliance|research|manufacturing|production|dispatch)\b")
# Several people hit by the same thing (also read by the status check's ``many_affected``).
MANY_PEOPLE = (
    r"(whole|entire|the entire|all the|all of the) (\w+ )?(team|office|floor|department|dept|"
    r"building|site|company|branch|division|org\w*|people|persons?|users|staff|cent(re|er)|hub|"
    r"shop|store|warehouse|plant|campus|region|country|wing|unit|ward|desk|crew|shift)|"
    r"every(one|body)|"
    # A function of the company hit as a whole: "half of finance", "all of accounts payable".
    rf"(half|most|all|the rest|a third|a quarter|lots|loads) of (the )?{_DEPT}|"
    r"(two|three|four|five|six|seven|eight|nine|ten|dozen|several|some|a few|\d+) of (us|my \w+|"
    r"our \w+)|every single (laptop|pc|machine|computer|device|phone|desk)s?|"
    r"all (the )?(\w+ )?(laptops|pcs|machines|computers|devices|phones|desks|printers|"
    r"screens|scanners|tills|terminals|monitors|headsets|kiosks) (in|on|at|across)|"
    r"(my|our) (\w+ )?(team|reports|colleagues) and (i|me)|every single (person|one|user)|"
    r"all (my |our |the )?(colleagues|co-?workers|users|staff|of us|people)|all colleagues|"
    r"none of us|several of us|many of us|most of us|"
    # A share of a place or a group: "half the room", "most of the call", "the rest of my team".
    r"(half|most|all|the rest|lots|loads|a lot|a third|a quarter) (of )?(the|my|our|this) "
    r"(\w+ )?(team|office|floor|room|department|dept|building|site|call|meeting|class|group|"
    r"wing|branch|shift|unit|ward|lab|store|warehouse)|"
    r"(me|i) and (my|the) (whole )?(team|colleagues|co-?workers)|"
    r"every (\w+ )?(headset|laptop|pc|machine|computer|device|phone|desk|printer|screen)s? "
    r"(in|on|at)|(\d+|twenty|thirty|forty|fifty|sixty|hundreds?|dozens) (of )?(agents|people|"
    r"users|colleagues|staff|employees|engineers|nurses|students|us)"
)
# "same for everyone on the call", "happening to all of us": the crowd needs no fault word.
SAME_FOR_MANY = (
    rf"(same|happening|same here|same issue|same problem) (for|to|with) ({MANY_PEOPLE})|"
    # "neither can the guy next to me", "my colleagues can't either", "also for my
    # colleagues": someone else is hit by the same thing.
    # "everyone in the Paris office gets this since 10" under a pasted error: the same error
    # for many people.
    rf"({MANY_PEOPLE})( [\w-]+){{0,4}} (gets?|is getting|are getting|getting|sees?|is seeing|"
    r"are seeing|seeing|hits?|is hitting|are hitting) (this|that|it|the same)\b"
    r"(?! (e-?mails?|mails?|messages?|texts?|sms|links?|invites?|newsletters?|letters?|"
    r"notifications?|updates?|news|offers?|surveys?)\b)|"
    r"(neither|nor) (can|does|do|is|are|could|will) (?!(it|this|that|i)\b)"
    r"(the |my |our |any |a )?\w+|"
    r"(colleagues?|co-?workers?|team ?mates?|others|people|neighbou?rs?|\w+ next to "
    r"me)( \w+){0,3} (can'?t|cannot|don'?t|doesn'?t|aren'?t|isn'?t|won'?t)( \w+){0,3} "
    r"either|(also|too|as well) for (my |our |the |other )?(colleagues?|co-?workers?|"
    r"team|others|people|everyone)")
# Any negated verb counts ("can't", "won't load", "doesn't open", "cant"): the fault is said by
# the negation, whatever the verb after it.
_TROUBLE = (
    r"(no|not|\w+n['’]t|(ca|wo|do|does|is|are|was|were|could|did|has|have|had)nt|cannot|"
    r"unable|broken|dead|down|donw|slow|late|delay\w*|fail\w*|errors?|nothing (works|"
    r"is working|loads|opens|prints|connects)|"
    r"issues?|problems?|offline|disconnect\w*|lost|gone|stuck|blank|crash\w*|5\d\d|time?outs?|"
    r"timing out|freez\w*|spinning|taking (ages|forever|\d+ \w+)|unreachable|unavailable|"
    r"drop\w*|kicked (out|off)|idle)"
)
# "everyone has it but me": one person's problem, not an outage.
BUT_ME = re.compile(r"\b(but|except|apart from|other than) (not )?(for )?(me|mine|my)\b|"
                    r"\beveryone else\b", _I)

OUTAGE_NOTICE = re.compile(
    r"^(?![\s\S]*\b(INC|REQ)\s?-?\d{7})[\s\S]*?\b(major incident|service (degradation|"
    r"disruption|outage|interruption)|planned maintenance|maintenance window|outage notification|"
    r"(is|are) currently unavailable|(teams|we) are investigating|"
    r"(service|services) (is |are )?(degraded|disrupted|unavailable)|(degraded|intermittent) "
    r"(service|performance|disconnects?)|status\s*:\s*(investigating|identified|monitoring|"
    r"degraded)|users (may|might|will) (experience|see|notice)|service health|"
    r"we are aware of|engineers are (working|investigating)|"
    # A pasted monitoring alert about a service: "[PagerDuty] TRIGGERED: erp 5xx rate > 40%".
    r"\[?(pagerduty|opsgenie|alertmanager|datadog|nagios|zabbix|grafana|prometheus|statuspage|"
    r"new ?relic|dynatrace|uptime ?robot|pingdom)\]?\W[^\n]{0,40}\b(triggered|firing|alert|"
    r"critical|down|incident)|(triggered|firing|critical)\b[^\n]{0,80}\b(5xx|error rate|"
    r"unreachable|is down|availability|health ?check|latency|timeout|no data)|"
    r"\b(5xx|error rate|availability)\b[^\n]{0,30}(>|above|over|exceed\w*) ?\d+ ?%)\b",
    _I)
OUTAGE_MANY = re.compile(
    rf"\b({MANY_PEOPLE})\b[^.?!\n]{{0,60}}\b{_TROUBLE}\b|\b{_TROUBLE}\b[^.?!\n]{{0,60}}"
    rf"\b({MANY_PEOPLE})\b|\b(is it|is this) (just|only) me\b|\bjust me or\b|"
    # "vpn having a bad day everywhere, or is it my wifi?": the service or me, asked.
    r"\bor is it (just |only )?(me|my (own )?[\w-]+( [\w-]+)?)\W*\?|"
    rf"\b{SAME_FOR_MANY}\b|"
    # "Wi-Fi out in Building C": a service out across a place.
    r"\b(down|out|offline)\b (in|on|at|across) (the )?(whole |entire )?(building|floor|office|"
    r"site|campus|branch|wing|level|warehouse|store|plant|\w+ (office|site|building|floor))\b",
    _I)

# "Is Zoom OK today?", "any known issues with Jira?": a question about a service's health.
OUTAGE_ASK = re.compile(
    r"\b(is|are) (?!(it|this|that|there|everything|you|i|we)\b)(the )?[\w-]+( [\w-]+)? (ok|okay|"
    r"working|up|alright|fine|running|online)( (in|at|on) (the |our )?[\w-]+( [\w-]+)?)?"
    r"( (today|now|right now|at the moment|for you))?"
    r"(\s*\?|\W*$)|"
    r"\b(any|known) (issues?|problems?|outages?|incidents?) (with|on|for) (the )?[\w-]+|"
    r"\b(is there|are there|any) (a |an )?known (problem|issue|outage|incident)s?\b|"
    # "Is there some problem at the moment with the email?", "any trouble on Jira today?": a
    # question whether a service has a problem, however the time is said.
    r"\b(is there|are there|is there currently|any) (a |an |any |some )?(problem|issue|outage|"
    r"trouble|incident|fault|glitch)s?\b[^.?!\n]{0,30}\b(with|on|in|at|affecting) "
    r"(?!(my|your|this|that|it|me)\b)[^.?!\n]{0,40}\?|"
    # "is teams broken rn??": a service's state asked about, not a part of one's own device.
    r"\b(is|are) (?!(it|this|that|there|everything|you|i|we|my|your|our|the (laptop|screen|"
    r"keyboard|mouse|battery|phone|monitor|charger))\b)(the )?[\w-]+( [\w-]+)? (broken|dead|"
    r"offline|out|playing up|acting up|having a moment)( (today|now|right now|rn|again|at the "
    r"moment|for (anyone|everyone|you)))?\s*\?|"
    r"\b(is )?(any|some)thing (going on|happening|wrong|up) (with|on|at) "
    r"(?!(my|your|our|this|that|it|me)\b)(the )?[\w-]+", _I)

_NOT_ME = (
    r"((i'?m|i am|i was|i wasn'?t|i was not|wasn'?t) (not )?(logging|signing|trying to (log|"
    r"sign))|never (asked|requested|started|triggered)|(did ?n[o']?t|didnt|did not) (ask|request|"
    r"start|trigger|initiate|make)|"
    r"(never|did ?n[o']?t|didnt|did not) made|not (doing|making|starting) (any|a|the) "
    r"(log-?in|sign-?in|logon)s?|(at|around) ([1-5]|1[12])(:\d\d)? ?(am|a\.m)|"
    r"middle of the night|in the night|tonight|overnight|while i (was )?(asleep|sleeping))"
)
UNASKED_PROMPTS = re.compile(
    rf"\b(approv\w*|accept (a |the )?(connection|sign-?in|log-?in|request)|prompts?|push(es)?|"
    rf"notifications?)\b[\s\S]{{0,160}}\b{_NOT_ME}|"
    rf"\b{_NOT_ME}\b[\s\S]{{0,80}}\b(approv\w*|prompts?|push(es)?)\b", _I)
CHANGE_DENIED = re.compile(
    r"\b(new (device|phone|method|authentication method|sign-?in method|mfa method|inbox rule|"
    r"forwarding rule)|(was|were|has been|have been) (added|registered|changed|reset|created)|"
    r"(added|registered|changed) (to|on) your account)\b[\s\S]{0,300}\b(i (did ?n[o']?t|didnt|"
    r"did not|never|have ?n[o']?t|haven'?t)( \w+){0,2} (add|register|change|reset|create|set up|"
    r"request|do)\w*|not me|wasn'?t me|was not me|not mine|not my (phone|device)|"
    r"i (only )?(have|own|use) (an? |one )?(iphone|android|samsung|pixel|galaxy)|"
    r"i (do ?n[o']?t|dont) (have|own) (an? |any )?\w+)\b", _I)
SIGN_IN_ELSEWHERE = re.compile(
    r"\b(sign(ed)?[- ]?ins?|log(ged)?[- ]?(in|on)(to)?|logins?|accessed)\b[\s\S]{0,80}\bfrom\b"
    r"[\s\S]{0,200}\b(not me|wasn'?t me|wasnt me|was not me|never been|was asleep|"
    r"(did ?n[o']?t|didnt|did not) (log|sign))\b", _I)

TAKEN_OVER = re.compile(
    r"\b(cursor|pointer|mouse)\b[^.?!\n]{0,40}\b(mov\w*|(?<!double[- ])(?<!double)click\w*|"
    r"typ\w*)\b[^.?!\n]{0,30}"
    r"\b(by itself|on its own|itself)\b|"
    r"\bmalicious (activity|file|process|software|program|code|attachment|script)\b|"
    r"\bthreat (quarantined|blocked|removed|detected)\b|"
    r"\b(files?|folders?|documents?|photos|pictures|data|drive|everything)\b[^.?!\n]{0,60}\.?\b(encrypted|locked)\b[\s\S]{0,120}"
    r"(\b(pay|payment|price|bitcoin|btc|crypto|ransom)\b|decrypt)|how[_ ]to[_ ]decrypt|"
    r"\b(pay|send)\b[^.?!\n]{0,40}\b(bitcoin|btc)\b|"
    r"\b(files?|documents?|folders?)\b[^.?!\n]{0,80}\b(renamed|extension)\b[^.?!\n]{0,40}"
    r"\.(locked|encrypted|crypt\w*|enc)\b|\b(readme|restore|recover|decrypt|how_to)[\w-]*"
    r"(files?)?\.(txt|html?|hta)\b|\breadme_(restore|decrypt|recover)\w*|"
    r"\bfrom my (e-?mail|address|account|mailbox)\b[^.?!\n]{0,40}\bi (have not|haven'?t|"
    r"did ?n'?t|didnt|did not|never) (sen[dt]|wr[io]te?|written)\b|"
    r"\b(plugged|put|inserted|stuck)\b[^.?!\n]{0,30}\b(usb|memory stick|thumb ?drive|"
    r"flash ?drive|stick)\b[\s\S]{0,60}\bfound\b|\bfound\b[^.?!\n]{0,40}\b(usb|memory stick|"
    r"thumb ?drive|flash ?drive)\b[\s\S]{0,60}\b(plugged|inserted|put it in)\b|"
    r"\b(suspicious|unknown|strange)\b[^.?!\n]{0,10}\b(usb|memory stick|flash drive|"
    r"thumb drive)\b|\b(usb|memory) stick\b[^.?!\n]{0,20}\bfound\b|"
    r"\b(usb|memory stick|thumb ?drive|flash ?drive)( stick)?\b[^.?!\n]{0,15}\b(from|in|on|at) "
    r"(the |a )?(parking|car park|lobby|street|reception|pavement|sidewalk)|"
    r"\b(someone|somebody|emails?|messages?)\b[^.?!\n]{0,30}\b(sending|sent|send|going out)\b"
    r"[^.?!\n]{0,40}\bfrom my (address|account|email|mailbox|name)\b|"
    r"\b(emails?|messages?|mails?)\b[^.?!\n]{0,40}\b(sent|sent items|sent folder)\b"
    r"[^.?!\n]{0,40}\bi (never|did ?n[o']?t|didnt|did not) (send|write|wrote|sent)\b|"
    r"\b(password|passwords|credentials|password manager|vault)\b[^.?!\n]{0,60}"
    r"\b(visible|exposed|leaked|on screen|could see)\b|"
    r"\b(computer|pc|laptop|screen|device|browser)\b[^.?!\n]{0,80}\b(fbi|police|europol|"
    r"authorities|pay a fine|pay the fine)\b|"
    r"\b(some(one|body)|some1)\b[^.?!\n]{0,20}\b(changed|used|accessed|logged into|got into|"
    r"reset|deleted)\b[^.?!\n]{0,20}\bmy (account|bank details|password|mailbox|email|details|"
    r"profile|payment details)\b|"
    r"\b(clicked|chose|pressed|hit) (run|open|allow|enable)( it)? anyway\b|\brun anyway\b|"
    r"\b(sent|emailed|shared|forwarded|uploaded)\b[^.?!\n]{0,60}\b(customer|client|bank|"
    r"personal|confidential|salary|salaries|patient|passport|card|payroll)\b[^.?!\n]{0,60}"
    r"\b(to the wrong|wrong (external )?(address|person|recipient|customer)|to an external|"
    r"outside the company|publicly)\b|"
    # Control of the machine handed to someone who called or messaged out of the blue.
    r"\b(gave|give|given|let|allowed|handed)\b[^.?!\n]{0,30}\b(him|her|them|someone|somebody|"
    r"the caller|a stranger|the guy|the man|the woman|the person)\b[^.?!\n]{0,20}\b(remote )?"
    r"(control|access to my (pc|laptop|computer|screen|machine))\b|"
    r"\b(shared|share) my screen\b[\s\S]{0,80}\b(control|installed|typed|downloaded|took over|"
    r"remote)\b|"
    # A badge lent, or a stranger let through a door.
    r"\b(lent|loaned|handed over|gave (him|her|them|someone|a stranger)) "
    r"(him |her |them |someone |out )?my (badge|access card|key ?card|door pass|pass card|"
    r"id card)\b|\bborrow my (badge|access card|key ?card|pass)\b[\s\S]{0,80}\b(i let|and i did|"
    r"i gave|i did)\b|"
    r"\btailgat\w*|\bfollowed me (in|through|into)\b[^.?!\n]{0,60}\b(door|gate|badge|"
    r"server room)\b", _I)

# HR and legal matters the scope guardrail's wording misses; they go to people, not articles.
HR_LEGAL = re.compile(
    r"\b(about to|going to|gonna) (be )?(fired|sacked|dismissed|let go|laid off)|"
    # Losing the job, told: "I've been made redundant", "they're letting me go on Friday".
    r"\b(i|i'?ve|i have|we|we'?ve|we have|i'?m|i am|we'?re|we are)( just| now)?( been| being|"
    r"| got| getting| was| were)? (made redundant|laid off|let go|dismissed|fired|sacked)\b|"
    r"\bredundancy (notice|letter|package|pay|consultation|process|"
    r"meeting)\b|\bmy contract\b[^.?!\n]{0,40}\b(hours|terminated|not (being )?renewed|"
    r"ends early|breach\w*)\b|"
    r"\b(pushed out|push me out|my rights\b|treated unfairly|unfair treatment)|"
    r"\b(keylogger|spy on|secretly (monitor|watch|record))\b[^.?!\n]{0,40}"
    r"\b(colleague|coworker|co-worker|employee|her|him|staff)\b|"
    r"\b(manager|boss|supervisor|team ?lead|colleague|coworker)\b[^.?!\n]{0,60}"
    r"\b(keeps?|always|every day|constantly)\b[^.?!\n]{0,40}\b(shout\w*|yell\w*|texting|"
    r"messaging|calling|insult\w*|humiliat\w*|threaten\w*|touch\w*|inappropriate|mock\w*|"
    r"ridicul(es|ed|ing)|belittl\w*|bull(y|ies|ying)|harass\w*|teas(e|es|ing)|imitat\w*|"
    r"making fun)\b|"
    # Mocked or picked on for who one is: "mocking my accent", "makes fun of my age".
    r"\b(mock(s|ed|ing)?|ridicul(es|ed|ing)|belittl\w*|teas(e|es|ing)|imitat\w*|"
    r"(make|makes|making) fun of|(jokes?|laugh\w*) about|pick(s|ing)? on)\b[^.?!\n]{0,12}"
    r"\b(me\b|my (accent|age|weight|looks|body|religion|race|skin|name|disability|pregnancy|"
    r"clothes|hair|voice|stammer|english)\b)|"
    r"\b(shout\w*|yell\w*|scream\w*) (at|to) me\b|"
    r"\b(comments?|remarks?|jokes?)\b[^.?!\n]{0,20}\babout my (body|looks|appearance|weight|"
    r"figure|chest|legs|race|skin|religion|accent|sexuality)\b|\binappropriate (comments?|remarks?|"
    r"messages?|behaviou?r|touching)\b|"
    r"\b(legally binding|legal advice|non-?compete|employment contract|settlement agreement|"
    r"lawyer|solicitor|tribunal|personnel file|snoop\w*)\b|"
    r"\b(record|monitor|track|watch|read)\w*\b[^.?!\n]{0,60}\bwithout (him|her|them) knowing\b|"
    r"\b(is ?n'?t|not|never|without being) paid\b|\bunpaid (overtime|hours|weekends?|work)\b|"
    # Money owed: "my payslip is missing the overtime", "salary was short this month", "they
    # underpaid my bonus". What is paid is for payroll's people; how to open a payslip is not.
    r"\b(payslip|pay ?slip|pay ?check|paycheque|salary|wages?|pay|bonus|overtime|allowance|"
    r"expenses? (claim|refund))\b(?:(?!\b(page|portal|app|site|link|pdf|file|screen|sheet|"
    r"spreadsheet|list|data|report|table|excel|to|from)\b)[^.?!\n])"
    r"{0,30}\b(is |was |were |are |has been |got )?(missing|"
    r"short|wrong|incorrect|too (low|little)|less than|docked|deducted|underpaid|not (been )?"
    r"(paid|included|added)|left off)\b(?![^.?!\n]{0,20}\b(page|portal|app|site|workday|"
    r"link|pdf|file|folder|screen)\b)|"
    r"\b(missing|wrong|short|docked|underpaid)\b[^.?!\n]{0,20}\b(overtime|bonus|salary|wages?|"
    r"(my )?pay)\b(?! (slip|check|portal|page))|\bunderpaid\b|"
    r"\b(where|who|how) (can |do |should )?i (can )?(complain|report|raise a complaint)\b"
    r"[^.?!\n]{0,40}\b(manager|boss|colleague|team ?lead|supervisor)\b", _I)

# A person to come over, call or look at it: the request is for a human.
HUMAN = re.compile(
    r"\b(can|could|would) (someone|somebody|a person|a technician|an engineer|a tech|you)\b"
    r"[^.?!\n]{0,20}\b(come|pop|stop|drop|swing) (over|by|round|to my (desk|office|room))\b|"
    r"\b(someone|somebody|a technician|an engineer) (to )?(come|pop) (over|by|round|to my)\b|"
    r"\b(want|need|like|get) (someone|somebody|a person) from (it|the service ?desk|the help ?desk|"
    r"support|the it team)\b|\b(person|someone|somebody) (i|we) can (talk|speak|show|call|ask)\b|"
    r"\b(need|want|request\w*|asked for)( a)? call ?-?back\b|"
    r"\b(need|want) (someone|somebody|a person|a human|a technician|an engineer) to (actually )?"
    r"(fix|look|come|help|sort|check|sit|call|ring|phone|visit)\b|"
    r"\b(need|want) (a person|a human|someone|somebody) who (can|could|will) (look|come|fix|"
    r"call|sit|help)\b|\bget (someone|somebody) to (ring|call|phone|come)\b|"
    r"\b(can|could|would) (someone|somebody|a person|a technician|an engineer|one of you)\b"
    r"[^.?!\n]{0,40}\b(sit with me|walk me through|show me|talk me through|take a look|"
    r"look at (it|this|my)|(hop|jump|get) on a (\w+ )?call|look at it together)\b|"
    r"\b(actual|real|proper) (it |IT )?(guy|person|human|engineer|technician|tech|people)\b|"
    r"\b(pass|hand) me (on|over)\b|\btransfer me\b|\bconnect me (to|with) (a|an|some|the)\b|"
    r"\b(someone|somebody) (could|can|would) (take a look|look at|sit with me|walk me through|"
    r"remote (in|into)|connect remotely)\b|"
    r"^\W*(please |pls |plz )?(call|ring|phone) me\b|\b(give me a (call|ring)|ring me)\b|"
    r"\bdesk-?side (visit|support)\b|"
    # "with somebody of your team, not the automatic assistant": a person instead of the bot.
    r"(?<!i'm )(?<!im )(?<!i am )\b(not|rather than|instead of|no more|enough of|done with|"
    r"tired of|fed up with) (with |to |talking to |chatting with )?(a |an |the |this |your )?"
    r"((chat ?)?bot|robot|(automatic|automated|virtual|ai) (assistant|agent|repl(y|ies)|"
    r"answers?|system|chat|thing))\b|"
    r"^\W*(a |an |some )?(person|human|operator|agent|somebody|someone|technician|engineer|"
    r"representative|rep)\W*(now|please|pls|plz|asap|immediately|urgently|needed)?\W*$|"
    r"^\W*(please |pls |plz )?escalat(e|ion)( (this|it|please|pls|plz|now|asap))?\W*$|"
    # "I want this escalated to someone NOW", "can this be escalated?", "escalate it to a
    # manager": the employee asks for the handoff (not "was my ticket escalated?").
    r"\b(want|need|like|get|have) (this|it|the (issue|problem|case|matter)) escalated\b|"
    r"\b(can|could|would|will|should) (this|it) (please |pls )?be escalated\b|"
    r"\bescalate (this |it )?(up )?to (someone|somebody|a (person|human|manager|supervisor|"
    r"senior|higher level|level 2|second level)|your (manager|supervisor|boss))\b|"
    # Someone above the assistant: "I need a supervisor", "get me your manager".
    r"\b(need|want|get me|give me|speak to|talk to|put me through to|connect me to) (a|your|the) "
    r"(supervisor|manager|team ?lead(er)?|senior (person|engineer|agent))\b(?! (approval|"
    r"sign-?off|ok|okay|to approve))|"
    # "I'd rather go through this with one of your engineers": doing it with a person.
    r"\b(rather|prefer|want|like|need|could i|can i|let me)\b[^.?!\n]{0,40}\bwith (one of "
    r"(your|the|you) |an? |some |a real |your )?(engineers?|technicians?|techs?|agents?|analysts?|"
    r"humans?|persons?|people|specialists?|one of you)\b|"
    r"\b(get|give|find|bring) me (a |an |some )?(real )?(person|human|agent|technician|someone|"
    r"somebody)\b|\b(technician|engineer|someone from it)\b[^.?!\n]{0,25}\b(com(e|ing)|"
    r"visit\w*)\b", _I)

# Physical hazards and damage that need hands, whatever the device is called.
HAZARD = re.compile(
    r"\b(smell\w* (of |like )?(burn\w*|smoke|melt\w*)|burning smell|smok(e|ing) (from|coming)|"
    r"sparks?|sparking|melted|swollen|swell\w*|bulg\w*|puff(ed|ing)? up|expand(ed|ing))\b", _I)
