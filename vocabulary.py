"""The words the domain is made of, per language: stop words, bodies, decision and speaking verbs, procedure words, places."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

# Function words: keyword search, term coverage and topic extraction all drop these.
_STOPWORDS_EN = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no nor
not now of off on once only or other our ours out over own same she should so some such than that
the their theirs them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours
whose shall may might must upon within without
"""

# Besides function words, the words every question about a committee report shares: they carry no topic.
_QUESTION_WORDS_EN = """
tell give list say said show explain describe please know regarding concerning according
yes also ptc committee permanent technical report reports meeting session sessions
delegates delegate member members wco customs country countries nation nations
"""

# Capitalised words every paragraph uses: they name no one in particular.
_GENERIC_CAPITALS_EN = """
the this that these those it he she they his her their its in on at for with by from of as a an and
ptc wco customs secretariat member members chairperson chair delegate delegates delegation committee
agenda item meeting session sessions conference report doc document annex presentation representative
speaker observer observers several another some many following finally lastly moreover however
"""

# Month names as a regex alternation: dates in report headers, questions and answers.
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

# A sentence telling what comes next ("the next meeting was scheduled for 23 to 25 April 2024", "to be held in
# June 2024"): with a month or a day, the dated line a briefing keeps from a paragraph it cites.
UPCOMING = re.compile(
    r"\b(?:scheduled|to be held|will be held|would be held|planned for|next (?:meeting|session)|upcoming|forthcoming)\b",
    re.IGNORECASE,
)

# The last word of a name that names someone who acts ("World Shipping Council", "Peru Customs", "the
# Canadian Government"), not a thing ("Green Customs Action Plan", "Regional Community of Women at Borders"):
# what a "who" or "which organisation" question's answer names.
ACTOR_NOUNS = frozenset(
    """
association associations federation institute agency agencies chamber company companies corporation bank university
foundation alliance consortium consortia society centre center academy ministry council commission union government
administration administrations authority authorities customs service office organization organisation group groups
department directorate division force secretariat region regions team network forum board court parliament police
""".split()
)

# Capitalised nouns of titles and bodies ("Concept Note", "Border Force"): two of them in a row are no person's name.
_TITLE_NOUNS_EN = """
note concept plan conference report group committee programme program study action framework guide guidelines
package convention agreement project team network union commission organization organisation office division
department border force service administration authority authorities world global regional region trade data
pilot pilots goals goal green economy declaration declarations block utility handbook compendium survey paper
forum workshop sessions session meeting meetings day week month year policy council sub-committee secretariat
general chair chairperson vice director deputy secretary representative delegate delegates delegation member
members states state customs revenue border borders tool tools standards standard system systems single window
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday
association associations federation institute agency agencies chamber company corporation bank university foundation
alliance consortium society centre center academy ministry partnership initiative
"""

# Words of meeting procedure: a sentence made only of these answers nothing.
_PROCEDURE_EN = """
chair chairperson chairman vice secretariat secretary general director deputy delegation representative
invite invited invites introduce introduced introduces introduction present presented presents presentation
doc document documents agenda item items sub-item sub-items comment comments made make remark remarks
floor take took taken give gave given open opened thank thanked thanks welcome welcomed question questions
note noted notes then subsequently further accordingly
"""

# Words that ask what an acronym stands for, not about its subject ("mean", "stand for", "full name").
_DEFINITION_EN = "mean meaning stand refer spell expand full name acronym abbreviation short body"

# A question's noun phrases (the topic a near miss names): the words that open one, printed as this
# determiner ("its fourth meeting" -> "the fourth meeting"), and the words that may join its parts
# ("Women at Borders", "certificates of origin").
_DETERMINERS_EN = {
    "the": "the", "a": "a", "an": "an", "its": "the", "their": "the", "his": "the", "her": "the", "our": "the",
    "this": "this", "these": "these", "those": "those",
}
_PHRASE_JOINS_EN = "of at and on for in to"
# Auxiliaries after which the subject comes, then a bare verb ("did Japan second to ...") or a participle
# ("was the workshop held"); verbs no noun phrase holds: irregular past forms an -ed ending does not show,
# and light verbs ("take place", "hold its first meeting", "is the meeting taking place").
_DO_AUXILIARIES_EN = "do does did will would can could should must may might shall"
_BE_AUXILIARIES_EN = "is are was were be been being"
_VERBS_EN = """
held set made given done taken seen known built sent spent put cut kept led met paid won told sold brought bought
found run chosen written shown drawn begun become left lost meant read said heard
ran gave took came went began wrote chose knew saw spoke drew grew rose fell
take hold give make get go come say ask taking holding making giving getting going coming
"""

# Meeting bodies a question may name, lower-case name -> canonical name. "the committee" is the
# report's own body; other named bodies are checked against the reports' committees.
_BODIES_EN = {
    "ptc": "PTC",
    "permanent technical committee": "PTC",
    "committee": "Committee",
    "council": "Council",
    "customs co-operation council": "Council",
    "customs cooperation council": "Council",
    "policy commission": "Policy Commission",
    "enforcement committee": "Enforcement Committee",
    "harmonized system committee": "HS Committee",
    "hs committee": "HS Committee",
    "finance committee": "Finance Committee",
    "audit committee": "Audit Committee",
    "capacity building committee": "Capacity Building Committee",
    "technical committee on customs valuation": "Technical Committee on Customs Valuation",
    "technical committee on rules of origin": "Technical Committee on Rules of Origin",
}

# Who speaks in a discussion (not the body deciding): a question about what they said is not a decision question.
_DISCUSSANTS_EN = (
    r"delegat\w*|members?|observers?|speakers?|presenters?|secretariat|chair\w*|countr\w*|"
    r"participants?|representatives?|experts?|industry|private sector|the floor"
)

# Who takes the floor in a discussion, as reports write it ("A delegate ...", "Several Members ...", "An observer ...").
_FLOOR_EN = r"delegat\w*|members?|observers?|participants?|representatives?"
# A question about what the floor did, its subject right after its opening word ("Did anybody speak up ...?",
# "Were attendees urged ...?", "Did other countries recount ...?"): the report's word or an everyday one.
_FLOOR_Q_EN = (
    rf"^\W*(?:did|do|does|were|was|has|have|had|how did|what did|why did)\s+(?:any(?:body|one)?|some(?:body|one)|"
    rf"(?:any|other|the|some|several|many|a|an|one|another)?\s*(?:{_FLOOR_EN}|delegations?|countries|administrations?|attendees?|onlookers?|people))\b"
)

# Verbs of a body acting on an item: "did the committee back / respond to / decide ...".
_BODY_ACTS_EN = (
    r"decid\w*|agree\w*|endors\w*|adopt\w*|approv\w*|conclu\w*|resolv\w*|note|noted|do|say|ask\w*|request\w*|"
    r"invit\w*|support\w*|back\w*|welcom\w*|respon\w*|react\w*|instruct\w*|mandat\w*|take|took|decide|"
    r"recommend\w*|commend\w*|accept\w*|reject\w*|approach\w*|handle\w*|deal\w*|act|treat\w*|think|make of|"
    r"want\w*|request\w*|encourag\w*|urg\w*|call\w*|guid\w*|give|gave|provide\w*|direct\w*"
)

# Question wording that asks for an outcome whoever the subject: nouns of outcome and passive decisions.
_OUTCOME_EN = (
    r"decision\w*|outcomes?|conclusions?|resolutions?|upshot|verdict|"
    r"(?:was|were|is|are|been|be|get|got)(?:\s+[\w/'-]+){0,6}?\s+(?:decided|agreed|endorsed|adopted|approved|concluded|resolved|"
    r"backed|accepted|rejected|noted|settled|recommended)|"
    r"came out of|come out of|comes out of|(?:what|nothing) (?:came|comes|has come|became|has become) of|result(?:ed|s)? of|what happened (?:to|with)|"
    r"action (?:did|was|were|has)|what action|position (?:did|was|on)|what position|stance|"
    r"(?:was|were) there any (?:decision|agreement)|agreed (?:on|about|to|that)|anything (?:decided|agreed)|"
    r"took note|take note|taken note|taking note|decid\w*|endors\w*|adopt\w*|approv\w*|conclu\w*|"
    r"(?:what|how) did (?:it|they) (?:decide|conclude|respond|react)"
)

# Decision wording, removed from a decision question to leave its topic ("decide on de minimis" -> "de minimis").
_DECISION_WORDS_EN = (
    r"decid\w*|decision\w*|agree\w*|endors\w*|conclu\w*|adopt\w*|approv\w*|took|take|taken|taking|note|noted|"
    r"outcomes?|resolv\w*|resolution|came|come|became|become|result\w*|happened|respon\w*|react\w*|what (?:action|position|stance)|back|backed|"
    r"recommend\w*|support\w*|welcom\w*|final|finally|anything|upshot|verdict|settled|accept\w*|reject\w*"
)

# Verbs of speaking to the meeting: their answer is the paragraph that introduces the speaker.
_SPEAKING_EN = (
    r"present\w*|gave|give[ns]?|deliver\w*|brief\w*|organi[sz]\w*|introduc\w*|shar\w*|report\w*|"
    r"propos\w*|update\w*|talk\w*|spoke|speak\w*"
)

# Wording around a decision question's subject that is not its topic: what was asked for and that it goes on
# ("the group's plea to keep its work going", "keep hearing about"). A conclusion words these its own way
# ("agreed to allow the work ... to continue"), so they are no part of the topic a conclusion point must name.
_DECISION_FILLER_EN = (
    r"pleas?|requests?|appeals?|bids?|calls? for|keep(?:s|ing)?(?: on)?|carry(?:ing)? on|go(?:es|ing)? on|going|"
    r"hear(?:s|ing|d)?(?: about| of)?|listen(?:s|ing|ed)?(?: to)?"
)

# Ask-for-a-summary wording; the summary noun may take a size word ("a short brief on", "Quick briefing on").
_SUMMARY_SIZE_EN = r"(?:(?:short|quick|brief|concise|one-page|high-level|rough)\s+)?"
_SUMMARY_NOUN_EN = r"(?:brief|briefing|summary|overview|rundown|recap|gist)"
_BRIEFING_EN = (
    rf"^\W*(?:please\s+)?(?:summari[sz]e|sum up|recap|brief me|give me (?:a |an |the )?{_SUMMARY_SIZE_EN}{_SUMMARY_NOUN_EN}|"
    r"catch me up|fill me in|bring me up to speed|"
    r"(?:prepare|write|draft)(?: me)? (?:a |an )?(?:short |quick |brief |one-page )?(?:brief|briefing|summary|overview)\b|"
    rf"(?:a |an |the )?{_SUMMARY_SIZE_EN}{_SUMMARY_NOUN_EN} (?:of|on)|"
    r"walk me through|run me through|what happened (?:under|at|in|during|on)|"
    r"what (?:was|were) (?:discussed|covered) (?:under|at|in|on)|what (?:went on|took place) (?:under|at|in|on)|"
    r"overview of|what is there on|tell me about)\b"
)

# Ask-for-a-list wording: "list", "each", "every", "all the ...".
# "each day", "every year" say how often, not that a list is asked.
_LIST_EN = (
    r"^\W*(?:list|name|enumerate)\b|\b(?:each|every)\b(?!\s+(?:day|week|month|year|time|session)s?\b)|"
    r"\ball (?:the )?\w+s\b|\bwhich (?:ones|of them)\b"
)

# Plural nouns after "which"/"what" that ask for several things.
_PLURALS_EN = (
    r"members|countries|delegations|administrations|organi[sz]ations|presentations|working groups|groups|bodies|"
    r"documents|tools|instruments|reports|conferences|events|workshops|meetings|topics|projects|studies|"
    r"presenters|speakers|economies|regions|agencies|initiatives|proposals|points|decisions|items|sub-items"
)

# Question openings per answer type.
_NUMBER_Q_EN = (
    r"\bwhat (?:is|was|are|were) (?:the )?(?:[\w'-]+ ){0,3}(?:threshold|amount|number|rate|budget|cost|price|figure|value|"
    r"percentage|share|target|limit|total|volume)s?\b|"
    r"\b(?:how (?:many|much|long|often|big|large|old|far|soon)|(?:within|in) what (?:time|period)|what (?:share|percentage|proportion|number|size|amount|target|value|"
    r"threshold|figure|level|rate|volume|cost|price|budget)|which (?:size|amount|threshold|figure|level))\b"
)
# A question word opens the question, or its main clause after a leading phrase ("In the e-commerce item, who ..."):
# "when" inside a clause ("... was cited when the EU was asked") asks no date.
_LEAD_PHRASE_EN = r"(?:in|under|on|at|during|for|regarding|concerning|about|as for|with regard to|according to|within)\b[^?,]{0,80},\s*"
_LEAD_EN = rf"(?:\W*{_LEAD_PHRASE_EN})?"
_WHEN_EN = (
    rf"(?:^{_LEAD_EN}\W*(?:[\w'’-]+\W+){{0,3}}?|[,;:]\s*|\band\s+|"
    r"\b(?:know|tell me|say|says|said|state[sd]?|mention\w*|indicate[sd]?|specif\w*|report\w*|note[sd]?)\s+)when\b"
)
# "within what time" asks how long, "at what time" when.
_WHAT_TIME_EN = r"(?<!within )(?<!\bin )what (?:dates?|days?|months?|time)"
_DATE_Q_EN = rf"{_WHEN_EN}|\b(?:{_WHAT_TIME_EN}|what years?|which (?:dates?|years?|days?|months?)|since when|by when|until when)\b"
# A place on the map, not in a document: "Which city hosted ...?", "In what town ...?".
_MAP_PLACE_Q_EN = r"\b(?:what|which)\s+(?:[\w'’-]+\s+)?(?:city|cities|town|towns|venue|venues|capital)\b"
_WHERE_Q_EN = rf"^{_LEAD_EN}\W*where\b|\b(?:in|at) (?:which|what) (?:city|place|venue|location|country)\b|\b(?:what|which) (?:city|town|venue|location)\b"
# Up to two words describing the asked noun ("Which Australian official", "which two Members"), not an
# auxiliary or a determiner ("What did the delegate ..." asks no person).
# Auxiliaries as a regex alternation: a word after "which"/"what" that is one of these asks no noun.
_AUXILIARIES_EN = "|".join(f"{_DO_AUXILIARIES_EN} is are was were be been has have had".split())
_ASKED_MODIFIERS_EN = rf"(?:(?!(?:{_AUXILIARIES_EN}|the|a|an|its|their|this|these|those|of)\b)[\w'’-]+ ){{0,2}}"
_PERSON_Q_EN = (
    rf"^{_LEAD_EN}\W*(?:who|whom|whose)\b|\b(?:which|what) {_ASKED_MODIFIERS_EN}(?:person|official|chair\w*|speaker|presenter|delegate|representative|director)\b"
)
_COUNTRY_Q_EN = rf"\b(?:which|what) {_ASKED_MODIFIERS_EN}(?:countr\w*|members?|administrations?|nations?|economies|economy|delegations?)\b"
_ORG_Q_EN = rf"\b(?:which|what) {_ASKED_MODIFIERS_EN}(?:organi[sz]ations?|bod(?:y|ies)|agenc\w*|regions?|groups?)\b"
# A question opening on a quantity ("How many of all ...", "What share of every ..."): "all", "each" or
# "every" after it scopes what is counted, it asks no list.
_QUANTITY_Q_EN = (
    rf"^{_LEAD_EN}\W*(?:(?:by|on|for|in|of|to)\s+)?(?:how (?:many|much)|(?:what|which) (?:share|percentage|proportion|fraction|number|amount) of)\b"
)
_YESNO_EN = r"^\W*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|shall|may)\b"

# The detail a question asks for, finer than its answer type, tried in this order: a near miss is a sentence
# about the topic that holds some number or name, but not the kind asked ("how much money" is not answered by "11 July").
# Nouns of people: "the name of the official" asks who, "the name of the platform" asks a name.
# Office holders named by their own name ("which official"), unlike speakers, whom reports name by their
# administration ("an expert from TAXUD"): "which speaker" is not a person question, "the name of the speaker" is.
_OFFICE_NOUNS = r"person|official|officer|chair\w*|director|minister|commissioner|head"
# Words of an office written before a holder's name in a report ("Director General Kunio Mikuriya",
# "Vice-Chair Ana Souza"): taken off the front before the rest is read as a person's name.
OFFICE_WORDS = frozenset(
    "the director general deputy secretary chair chairperson chairman chairwoman vice vice-chair vice-chairperson president "
    "minister commissioner head officer representative delegate ambassador".split()
)

# Words a question counts with in general, and those a report states the same count with
# ("How many people attended?" -- "105 women and men"; "How many Members?" -- "from 23 countries").
PEOPLE_WORDS = frozenset("people persons individuals participants attendees delegates women men".split())
PARTY_WORDS = frozenset("countries members administrations economies nations states delegations jurisdictions territories parties signatories".split())
MONEY_WORDS = frozenset("money funds fund funding financing contribution donation grant budget cost price spending expenditure".split())
# Words for money in general: what they measure is named by the verb or the sum ("How much money did X give").
GENERIC_MONEY = frozenset("money funds fund funding".split())
# Nouns of a quantity, whose "of" names what is counted ("the total number of shipments", "a share of Members").
QUANTITY_NOUNS = frozenset("number total share amount volume proportion percentage part majority".split())
# (the general words that may be stated by their kin, the kin): "How many women ...?" is not answered by "participants"
COUNT_KIN: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset("people persons individuals participants attendees".split()), PEOPLE_WORDS),
    (frozenset("countries members nations states administrations".split()), PARTY_WORDS),
    (GENERIC_MONEY, MONEY_WORDS),
    # a fee is what is paid or charged: "What fee do importers pay?" -- "Importers pay EUR 150"
    (frozenset("fee levy charge surcharge toll".split()), frozenset("fee levy charge surcharge toll pay paid payment charged".split())),
)

_PERSON_NOUNS = rf"(?:{_OFFICE_NOUNS}|people|speaker|presenter|delegate|representative|expert|secretary|president|moderator|rapporteur|coordinator|facilitator|spokesperson|author)s?"
_DETAIL_Q_EN = (
    ("year", r"\b(?:what|which|in which|in what) year\b"),
    ("date", rf"{_WHEN_EN}|\b(?:{_WHAT_TIME_EN}|which (?:dates?|days?|months?))\b"),
    # "How much more often ...": a ratio, any number will do.
    ("number", r"\bhow much (?:more|less|longer|shorter|faster|slower|higher|lower|bigger|smaller)\b"),
    # "What part of the budget" asks a share; "which part of the European Commission" (a part of a named
    # body, or one picked among parts) asks for a unit.
    ("share",
        r"\b(?:what|which) (?:share|percentage|proportion|fraction)\b|\bwhat part of (?-i:(?!the [A-Z]|[A-Z]))|"
        r"\bhow much of\b|\bper ?cent\b"),
    ("duration",
        r"\bhow long\b|\bhow soon\b|\b(?:within|in) what (?:time|period|timeframe|time ?frame)\b|\bfor what (?:period|length of time)\b|"
        r"\b(?:how many|what number of) (?:days|weeks|months|years|hours)\b|"
        r"\bwhat (?:is|was|are|were) (?:the )?(?:[\w'’-]+ ){0,3}(?:time|duration|period|delay)s?\b(?! (?:frame|line|table)s?\b)"),
    ("count", r"\bhow many\b|\b(?:what|which) (?:is |was )?(?:the )?number of\b"),
    # A charge asked ("what fee/levy ...", "what do brokers charge"): a sum of money, as an amount asked of money is.
    ("fee",
        r"\b(?:what|which) (?:is |was |are |were )?(?:the )?(?:[\w'’-]+ ){0,3}(?:fees?|levy|levies|charges?|surcharges?|tolls?)\b|"
        r"\bwhat (?:did|does|do|will|would) (?!.{0,80}\bin charge\b).{0,80}\b(?:charge|levy)\b"),
    ("amount",
        r"\bhow much\b|\bwhat (?:did|does|do|will|would) .{0,80}\bcost\b|\b(?:what|which) (?:is |was |are |were )?(?:the )?(?:[\w'’-]+ ){0,3}(?:threshold|amount|cost|price|budget|value|"
        r"limit|level|figure|volume|total|rate)s?\b"),
    ("language", r"\b(?:which|what|in which|in what) languages?\b"),
    ("person",
        rf"\b(?:which|what) (?:[\w'’-]+ ){{0,2}}(?:{_OFFICE_NOUNS})\b|"
        rf"\bname of the (?:[\w'’-]+ ){{0,2}}{_PERSON_NOUNS}\b|^{_LEAD_EN}\W*who\b.*\b(?:lead|chair|head)\w*\b"),
    # The title of a text: a quoted or capitalised title, not "an article had been published".
    ("title", r"\b(?:what|which) (?:is|was|are|were) (?:the )?titles? of\b|\b(?:what|how) (?:is|was|are|were) .{1,80}\b(?:titled|entitled)\b"),
    # The proper name of a thing or a body: "what is the platform called", "name the marketplaces",
    # "which association/company ...": a sentence naming it only generically ("a platform") does not state it.
    ("proper_name",
        r"\bwhat (?:is|was|are|were) .{1,80}\b(?:called|named|known as)\b|^\W*name (?:the|all|any|one|two|three|some)\b|"
        r"\b(?:what|which) (?:is|was|are|were) (?:the )?names? of\b|"
        # Only nouns of bodies and outlets: "which system/tool" may be answered by describing it.
        r"\b(?:which|what) (?:[\w'’-]+ ){0,2}(?:associations?|compan(?:y|ies)|firms?|vendors?|consultanc(?:y|ies)|"
        r"marketplaces?|institutes?|universit(?:y|ies)|journals?|newspapers?)\b"),
    ("place", rf"^{_LEAD_EN}\W*where\b|\b(?:in|at) (?:which|what) (?:city|town|place|venue|location)\b|\b(?:what|which) (?:city|town|venue|location)\b"),
)
# An amount asked of money ("how much money", "what did the project cost") is a sum of money: a count
# of declarations or tonnes of waste does not answer it.
_MONEY_Q_EN = (
    r"\b(?:money|funds?|funding|fees?|revenues?|budgets?|costs?|price|paid|pay|spend|spent|contribut\w*|donat\w*|invest\w*|"
    r"financ\w*|grants?|worth|euros?|dollars?)\b"
)

# Country names and the adjectives reports use for them ("Norwegian Customs" names Norway).
_COUNTRIES_EN = """
Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain
Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria
Burkina Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus
Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France
Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland
India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Korea Kuwait
Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi
Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Moldova Monaco Mongolia Montenegro Morocco
Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau
Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia
Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Tajikistan
Tanzania Thailand Togo Tonga Tunisia Türkiye Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan
Vanuatu Venezuela Vietnam Viet Nam Yemen Zambia Zimbabwe Hong Kong Macau Macao
United States|United Kingdom|New Zealand|South Africa|Saudi Arabia|Sri Lanka|Costa Rica|El Salvador|
Côte d'Ivoire|North Macedonia|Papua New Guinea|Sierra Leone|South Sudan|Timor-Leste|Trinidad and Tobago|
United Arab Emirates|Dominican Republic|Cabo Verde|Equatorial Guinea|Marshall Islands|Solomon Islands|
U.S.|US|USA|UK|EU|European Union|UAE
"""
_DEMONYMS_EN = {
    "american": "United States", "british": "United Kingdom", "norwegian": "Norway", "indonesian": "Indonesia",
    "japanese": "Japan", "chinese": "China", "serbian": "Serbia", "turkish": "Türkiye", "australian": "Australia",
    "peruvian": "Peru", "canadian": "Canada", "chilean": "Chile", "vietnamese": "Vietnam", "french": "France",
    "spanish": "Spain", "german": "Germany", "italian": "Italy", "dutch": "Netherlands", "belgian": "Belgium",
    "swiss": "Switzerland", "swedish": "Sweden", "danish": "Denmark", "finnish": "Finland", "polish": "Poland",
    "russian": "Russia", "indian": "India", "korean": "Korea", "brazilian": "Brazil", "mexican": "Mexico",
    "argentine": "Argentina", "argentinian": "Argentina", "kenyan": "Kenya", "nigerian": "Nigeria",
    "egyptian": "Egypt", "moroccan": "Morocco", "thai": "Thailand", "malaysian": "Malaysia",
    "singaporean": "Singapore", "filipino": "Philippines", "philippine": "Philippines", "irish": "Ireland",
    "portuguese": "Portugal", "greek": "Greece", "austrian": "Austria", "hungarian": "Hungary",
    "romanian": "Romania", "ukrainian": "Ukraine", "saudi": "Saudi Arabia", "emirati": "United Arab Emirates",
    "motswana": "Botswana", "batswana": "Botswana", "rwandan": "Rwanda", "ugandan": "Uganda",
    "tanzanian": "Tanzania", "zambian": "Zambia", "ghanaian": "Ghana", "ethiopian": "Ethiopia",
    "pakistani": "Pakistan", "bangladeshi": "Bangladesh", "nepalese": "Nepal", "mongolian": "Mongolia",
    "kazakh": "Kazakhstan", "uzbek": "Uzbekistan", "azerbaijani": "Azerbaijan", "georgian": "Georgia",
    "armenian": "Armenia", "colombian": "Colombia", "ecuadorian": "Ecuador", "uruguayan": "Uruguay",
    "paraguayan": "Paraguay", "bolivian": "Bolivia", "venezuelan": "Venezuela", "cuban": "Cuba",
    "jamaican": "Jamaica", "icelandic": "Iceland", "estonian": "Estonia", "latvian": "Latvia",
    "lithuanian": "Lithuania", "croatian": "Croatia", "slovenian": "Slovenia", "slovak": "Slovakia",
    "czech": "Czechia", "bulgarian": "Bulgaria", "cypriot": "Cyprus", "maltese": "Malta", "israeli": "Israel",
    "jordanian": "Jordan", "lebanese": "Lebanon", "iranian": "Iran", "iraqi": "Iraq", "omani": "Oman",
    "qatari": "Qatar", "kuwaiti": "Kuwait", "bahraini": "Bahrain", "tunisian": "Tunisia", "algerian": "Algeria",
    "senegalese": "Senegal", "cameroonian": "Cameroon", "ivorian": "Côte d'Ivoire", "namibian": "Namibia",
    "mozambican": "Mozambique", "zimbabwean": "Zimbabwe", "malawian": "Malawi", "sri lankan": "Sri Lanka",
    "south african": "South Africa", "new zealander": "New Zealand", "european": "European Union",
    "afghan": "Afghanistan", "albanian": "Albania", "angolan": "Angola", "beninese": "Benin", "bhutanese": "Bhutan",
    "bosnian": "Bosnia", "bruneian": "Brunei", "burkinabe": "Burkina", "burmese": "Myanmar", "burundian": "Burundi",
    "cambodian": "Cambodia", "chadian": "Chad", "congolese": "Congo", "costa rican": "Costa Rica", "djiboutian": "Djibouti",
    "dominican": "Dominican Republic", "eritrean": "Eritrea", "fijian": "Fiji", "gabonese": "Gabon", "gambian": "Gambia",
    "guatemalan": "Guatemala", "guinean": "Guinea", "guyanese": "Guyana", "haitian": "Haiti", "honduran": "Honduras",
    "kazakhstani": "Kazakhstan", "kyrgyz": "Kyrgyzstan", "lao": "Laos", "laotian": "Laos", "liberian": "Liberia",
    "libyan": "Libya", "luxembourgish": "Luxembourg", "macedonian": "North Macedonia", "malagasy": "Madagascar",
    "malian": "Mali", "maldivian": "Maldives", "mauritanian": "Mauritania", "mauritian": "Mauritius",
    "moldovan": "Moldova", "montenegrin": "Montenegro", "nepali": "Nepal", "nicaraguan": "Nicaragua",
    "nigerien": "Niger", "panamanian": "Panama", "papua new guinean": "Papua New Guinea", "salvadoran": "El Salvador",
    "samoan": "Samoa", "sierra leonean": "Sierra Leone", "slovakian": "Slovakia", "somali": "Somalia",
    "sudanese": "Sudan", "swazi": "Eswatini", "syrian": "Syria", "tajik": "Tajikistan", "togolese": "Togo",
    "tongan": "Tonga", "trinidadian": "Trinidad and Tobago", "turkmen": "Turkmenistan", "belarusian": "Belarus",
    "yemeni": "Yemen", "emirian": "United Arab Emirates", "hellenic": "Greece",
}
_COUNTRY_ALIASES_EN = {
    "u.s.": "United States", "us": "United States", "usa": "United States", "america": "United States",
    "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "eu": "European Union", "uae": "United Arab Emirates", "turkey": "Türkiye", "viet nam": "Vietnam",
    "macao": "Macau", "turkiye": "Türkiye", "cote d'ivoire": "Côte d'Ivoire", "holland": "Netherlands", "burma": "Myanmar",
    "swaziland": "Eswatini", "cape verde": "Cabo Verde", "czech republic": "Czechia", "lao pdr": "Laos",
    "kyrgyz republic": "Kyrgyzstan", "drc": "Congo", "russian federation": "Russia",
}
# Customs administrations named by their own initials ("HMRC presented ...", "CBSA officers"): each names its country.
# Like "US", they are countries only when written in capitals (see CASED_COUNTRY_ALIASES).
_ADMINISTRATIONS_EN = {
    "hmrc": "United Kingdom", "cbp": "United States", "cbsa": "Canada", "abf": "Australia", "kcs": "Korea",
    "gacc": "China", "taxud": "European Union", "kra": "Kenya", "ura": "Uganda", "zimra": "Zimbabwe", "burs": "Botswana",
    "sunat": "Peru", "dian": "Colombia", "afip": "Argentina", "zatca": "Saudi Arabia", "nzcs": "New Zealand",
}
ADMINISTRATION_ALIASES = frozenset(_ADMINISTRATIONS_EN)
# Aliases that are countries only when written in capitals ("US", not "us").
CASED_COUNTRY_ALIASES = frozenset({"us", "uk", "eu", "usa", "uae", "u.s.", "drc", "lao"}) | ADMINISTRATION_ALIASES

# Ordinals of sessions ("the 89th Policy Commission", "241st Session").
_SESSION_EN = r"\b(\d{1,3})(?:st|nd|rd|th)\b"


@dataclass(frozen=True)
class Vocabulary:
    """One language's domain words and question patterns (compiled once)."""

    language: str
    stopwords: frozenset[str]
    question_words: frozenset[str]
    generic_capitals: frozenset[str]
    procedure: frozenset[str]  # raw words; tokenise before comparing with stems
    definition: frozenset[str]  # raw words asking what an acronym stands for; tokenise before comparing with stems
    determiners: dict[str, str]  # a word opening a noun phrase -> the determiner printed for it
    phrase_joins: frozenset[str]
    do_auxiliaries: frozenset[str]
    be_auxiliaries: frozenset[str]
    verbs: frozenset[str]
    title_nouns: frozenset[str]
    bodies: dict[str, str]
    countries: dict[str, str]  # lower-case name, alias or adjective -> country name
    discussants: re.Pattern[str]
    floor: re.Pattern[str]  # who takes the floor, as reports write it
    floor_q: re.Pattern[str]  # a question about what the floor did
    body_acts: re.Pattern[str]
    outcome: re.Pattern[str]
    decision_words: re.Pattern[str]
    # Five-letter prefixes of decision wording that names no particular act ("decision", "outcome", "took").
    no_act: frozenset[str]
    speaking: re.Pattern[str]
    decision_filler: re.Pattern[str]  # wording around a decision question's subject that is not its topic
    briefing: re.Pattern[str]
    listing: re.Pattern[str]
    plurals: re.Pattern[str]
    number_q: re.Pattern[str]
    quantity_q: re.Pattern[str]  # opens on a quantity: a number question even with "all", "each" or "every"
    leading: re.Pattern[str]  # a question's start up to its question word: "In the e-commerce item, " (or "")
    date_q: re.Pattern[str]
    where_q: re.Pattern[str]
    map_place_q: re.Pattern[str]  # asks for a place on the map (a city, town or venue), not a part of a document
    person_q: re.Pattern[str]
    country_q: re.Pattern[str]
    org_q: re.Pattern[str]
    yesno: re.Pattern[str]
    session: re.Pattern[str]
    # (detail, pattern) in the order tried: the detail a question asks for ("year", "duration", "amount" ...).
    detail_q: tuple[tuple[str, re.Pattern[str]], ...]
    money_q: re.Pattern[str]  # an amount asked of money
    # A wording a question may use -> the terms reports use for it ("trusted trader" -> "authorized economic operator").
    thesaurus: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def all_stopwords(self) -> frozenset[str]:
        """Function words plus the words every question shares (what topic terms leave out)."""
        return self.stopwords | self.question_words


def _countries(names: str, demonyms: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    """Lower-case surface form -> country name from a word list ("|" separates multi-word names)."""
    found: dict[str, str] = {}
    single, _, multi = names.partition("United States|")
    words = single.split()
    # "Viet Nam", "Hong Kong": two-word names given as neighbours in the single-word block.
    for pair in ("Viet Nam", "Hong Kong"):
        found[pair.lower()] = pair
    for word in words:
        found.setdefault(word.lower(), word)
    for name in ("United States|" + multi).replace("\n", "").split("|"):
        name = name.strip()
        if name:
            found[name.lower()] = name
    found.update(demonyms)
    found.update(aliases)
    for key in ("viet", "nam", "hong", "kong"):
        found.pop(key, None)
    return found


THESAURUS_FILE = Path(__file__).resolve().parent / "vocabulary_thesaurus.json"


class ThesaurusError(ValueError):
    """A thesaurus file that cannot be read, with a one-line message naming the file and the problem."""


def _phrase(value: object, where: str, path: Path) -> str:
    """A thesaurus phrase checked: a non-empty lower-case string of words."""
    if not isinstance(value, str) or not value.strip() or value != value.lower() or value != " ".join(value.split()):
        raise ThesaurusError(f"{path}: {where}: {value!r} is not a lower-case phrase")
    return value


def load_thesaurus(path: Path = THESAURUS_FILE) -> dict[str, tuple[str, ...]]:
    """A wording -> the other terms that stand for it, read from a thesaurus file.

    Each wording of a group stands for every other wording of the group; a map entry adds its terms
    to its wording only (one way: an everyday word -> the report's term, not back).

    Args:
        path: a JSON file with "groups" (lists of interchangeable phrases) and "map" (phrase -> phrases).

    Returns:
        Lower-case phrase -> its terms in file order, without the phrase itself or repeats.

    Raises:
        ThesaurusError: the file is missing, not JSON, or an entry is malformed (one line naming the file).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ThesaurusError(f"{path}: cannot read the thesaurus ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list) or not isinstance(data.get("map"), dict):
        raise ThesaurusError(f'{path}: expected an object with a "groups" list and a "map" object')
    found: dict[str, dict[str, None]] = {}
    for n, group in enumerate(data["groups"], 1):
        if not isinstance(group, list) or len(group) < 2:
            raise ThesaurusError(f"{path}: group {n}: expected a list of at least two phrases")
        words = [_phrase(w, f"group {n}", path) for w in group]
        for word in words:
            found.setdefault(word, {}).update(dict.fromkeys(w for w in words if w != word))
    for key, terms in data["map"].items():
        _phrase(key, f"map key {key!r}", path)
        if not isinstance(terms, list) or not terms:
            raise ThesaurusError(f"{path}: map {key!r}: expected a non-empty list of phrases")
        found.setdefault(key, {}).update(dict.fromkeys(_phrase(t, f"map {key!r}", path) for t in terms if t != key))
    return {word: tuple(terms) for word, terms in found.items() if terms}


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


ENGLISH = Vocabulary(
    language="en",
    stopwords=frozenset(_STOPWORDS_EN.split()),
    question_words=frozenset(_QUESTION_WORDS_EN.split()),
    generic_capitals=frozenset(_GENERIC_CAPITALS_EN.split()),
    procedure=frozenset(_PROCEDURE_EN.split()),
    definition=frozenset(_DEFINITION_EN.split()),
    determiners=_DETERMINERS_EN,
    phrase_joins=frozenset(_PHRASE_JOINS_EN.split()),
    do_auxiliaries=frozenset(_DO_AUXILIARIES_EN.split()),
    be_auxiliaries=frozenset(_BE_AUXILIARIES_EN.split()),
    verbs=frozenset(_VERBS_EN.split()),
    title_nouns=frozenset(_TITLE_NOUNS_EN.split()),
    bodies=_BODIES_EN,
    countries=_countries(_COUNTRIES_EN, _DEMONYMS_EN, _COUNTRY_ALIASES_EN | _ADMINISTRATIONS_EN),
    discussants=_compile(rf"\b(?:{_DISCUSSANTS_EN})\b"),
    floor=_compile(rf"\b(?:{_FLOOR_EN})\b"),
    floor_q=_compile(_FLOOR_Q_EN),
    body_acts=_compile(rf"\b(?:{_BODY_ACTS_EN})\b"),
    outcome=_compile(rf"\b(?:{_OUTCOME_EN})\b"),
    decision_words=_compile(rf"\b(?:{_DECISION_WORDS_EN})\b"),
    no_act=frozenset({"decis", "outco", "concl", "resul", "came", "come", "becam", "becom", "happe", "final", "anyth", "take", "took", "taken", "takin"}),
    speaking=_compile(rf"\b(?:{_SPEAKING_EN})\b"),
    decision_filler=_compile(rf"\b(?:{_DECISION_FILLER_EN})\b"),
    briefing=_compile(_BRIEFING_EN),
    listing=_compile(_LIST_EN),
    # "Which other Members ...", not "What did Members ask ...": the word between is no auxiliary
    plurals=_compile(rf"^\W*(?:which|what|name the|list the)\s+(?:(?!(?:{_AUXILIARIES_EN}|being)\b)\w+\s+)?(?:{_PLURALS_EN})\b"),
    number_q=_compile(_NUMBER_Q_EN),
    quantity_q=_compile(_QUANTITY_Q_EN),
    leading=_compile(rf"^\W*(?:{_LEAD_PHRASE_EN})?"),
    date_q=_compile(_DATE_Q_EN),
    where_q=_compile(_WHERE_Q_EN),
    map_place_q=_compile(_MAP_PLACE_Q_EN),
    person_q=_compile(_PERSON_Q_EN),
    country_q=_compile(_COUNTRY_Q_EN),
    org_q=_compile(_ORG_Q_EN),
    yesno=_compile(_YESNO_EN),
    session=_compile(_SESSION_EN),
    detail_q=tuple((name, _compile(pattern)) for name, pattern in _DETAIL_Q_EN),
    money_q=_compile(_MONEY_Q_EN),
    thesaurus=load_thesaurus(),
)

VOCABULARIES: dict[str, Vocabulary] = {"en": ENGLISH}

# What keyword search drops (the index is language-neutral: the union of every language's function words).
STOPWORDS: frozenset[str] = frozenset().union(*(v.stopwords for v in VOCABULARIES.values()))


def vocabulary(language: str = "en") -> Vocabulary:
    """The vocabulary of a language (English when the language has none yet).

    Args:
        language: an ISO 639-1 code, e.g. "en".

    Returns:
        The Vocabulary.
    """
    return VOCABULARIES.get(language, ENGLISH)

