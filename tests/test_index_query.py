"""Tests of index.query: the question parsed once (kind, topic, named items, constraints, body)."""
from __future__ import annotations

import pytest

from index.query import Catalogue, countries_in, normalise_query, ordinal_pattern, parse_query, question_parts, roman, written_names
from tests.qa_fakes import para

PARAS = [
    para(38, "A Representative of U.S. CBP gave a presentation on data pilots.", subitem="a", subitem_title="Advance Electronic Data"),
    para(68, "In conclusion, the PTC:\n- took note of the presentations.", decision=True, subitem="e", subitem_title="Outline of a new WCO tool"),
    para(76, "The Secretariat presented return-refill containers.", item="VI", item_title="Green Customs", subitem="d",
         subitem_title="Customs treatment of return-refill containers and packings"),
    para(84, "In conclusion, the PTC:\n- endorsed the work.", item="VI", item_title="Green Customs", decision=True),
    para(96, "A concept paper on blockchain was proposed.", item="IX", item_title="Technology and digital Customs", subitem="a",
         subitem_title="Outline of a concept paper on the use of blockchain by Customs"),
]
CATALOGUE = Catalogue(PARAS)


def parse(question: str):
    return parse_query(question, CATALOGUE)


@pytest.mark.parametrize(
    "question",
    [
        "What did the PTC decide on the PFCWG?",
        "What was agreed on the GNC review?",
        "Was the updated CBM Compendium endorsed?",
        "What came out of the green customs item?",
        "What did the committee conclude about transit?",
        "What was the outcome of the e-commerce discussion?",
        # Kind 2: decisions not worded with "decide".
        "How did the committee respond to the proposal on return-refill containers?",
        "What action did the PTC take on the port guidelines?",
        "What position did the committee take on resilience?",
        "Did the committee back the blockchain concept paper?",
        "What was agreed about the Time Release Study Guide?",
    ],
)
def test_decision_questions_in_any_phrasing(question):
    query = parse(question)
    assert query.decision and query.kind in ("decision", "list")


@pytest.mark.parametrize(
    "question",
    [
        "Who presented on e-commerce?",
        "What is the de minimis threshold in the U.S.?",
        "When did the PFCWG meet?",
        "Who presented the results of the Green Customs Survey?",
        # Kind 3: facts and opinions voiced in the discussion of an agenda topic.
        "What did delegates say about the return-refill containers?",
        "What concerns did Members raise about blockchain?",
        "What did China suggest regarding greening WCO instruments?",
        # "who" after a leading phrase, and an event's own conclusions, name no body's decision.
        "Under the green item, who decided the plastic waste quota in Japan?",
        "What conclusions came out of the regional customs seminar?",
        "What did the Global Origin Conference agree on?",
    ],
)
def test_discussion_and_fact_questions_are_not_decision_questions(question):
    assert not parse(question).decision


def test_request_and_continuation_wording_leaves_a_decision_questions_topic():
    query = parse("How did the committee respond to the Secretariat's appeal to keep the blockchain work going?")
    assert query.kind == "decision"
    assert "blockchain" in query.topic_terms and not {"appeal", "keep", "go", "going"} & set(query.topic_terms)
    # a fact question keeps its words: "keep" is what it asks about
    assert "keep" in parse("How long do warehouses keep the parcels?").topic_terms


def test_a_body_named_with_an_event_still_asks_its_decision():
    assert parse("What did the PTC decide about the seminar on green customs?").decision


def test_kinds_and_answer_types():
    assert (parse("Which country abolished its de minimis threshold?").kind, parse("Which country abolished it?").wants) == ("who", "country")
    assert parse("How many marketplaces take part?").wants == "number"
    assert parse("What is the de minimis threshold in Canada?").wants == "number"
    assert parse("When is the next meeting?").kind == "date"
    assert parse("Where will the guidelines be launched?").wants == "place"
    assert parse("Is blockchain worth it?").kind == "yesno"
    assert parse("Summarize item IX").kind == "briefing"
    assert parse("Brief me on green customs").kind == "briefing"
    assert parse("Which Members gave presentations under item V?").kind == "list"
    assert parse("What did the PTC take note of under item V?").kind == "list"
    # "each day" says how often, not that a list is asked; "each Member" asks one line per Member
    assert parse("How many parcels does the agency screen each day?").kind == "number"
    assert parse("What did each Member propose on e-commerce?").kind == "list"


def test_speaker_questions():
    assert parse("Who presented the US data pilots?").speaker
    assert parse("Which country shared its experience with regional data exchange?").speaker
    assert not parse("Who offered to help draft the guidelines?").speaker
    assert not parse("When was the concept note presented?").speaker


def test_items_named_by_number_or_title():
    by_number = parse("Summarize item 6")
    assert by_number.items == (("PC0737E", "VI"),) and by_number.explicit
    assert parse("What did the PTC take note of under Item V(e)?").subitems == (("PC0737E", "V", "e"),)
    by_title = parse("What happened under Green Customs?")
    assert by_title.items[0] == ("PC0737E", "VI") and not by_title.explicit and not by_title.subitems
    sub = parse("Did the committee back the outline of the blockchain concept paper?")
    assert sub.items[0] == ("PC0737E", "IX") and sub.subitems == (("PC0737E", "IX", "a"),)
    # A word of a title among other topic words names nothing ("containers" alone is not item VI d).
    assert parse("What did Serbia say about containers and data exchange with its neighbours?").items == ()


def test_constraints_and_bodies():
    query = parse("What did the 89th Policy Commission decide on the UK's de minimis threshold in 2024?")
    assert query.years == ("2024",) and query.sessions == ("89",) and query.countries == ("United Kingdom",)
    assert query.body == "Policy Commission" and query.foreign_body
    own = parse("What did the Committee decide?")
    assert own.body == "Committee" and not own.foreign_body
    assert "de minimis threshold" in query.topic and "decide" not in query.topic


def test_a_foreign_body_acting_or_meeting_asks_for_its_own_proceedings_a_body_merely_named_does_not():
    for question in ("What did the Finance Committee approve regarding new working bodies?", "What is on the agenda of the Council's next session?"):
        assert parse(question).foreign_proceedings, question
    closed = parse("In what year did the Council and the Policy Commission close the TFA working group?")
    assert set(closed.foreign_bodies) == {"Council", "Policy Commission"} and not closed.foreign_proceedings
    assert not parse("What did the PTC decide about the Policy Commission's request?").foreign_proceedings  # the PTC acts
    # a body's name ending another organisation's name names that organisation
    assert parse("Which observer spoke for the World Shipping Council?").foreign_bodies == ()
    assert parse("What did the WCO Council adopt in June?").foreign_bodies == ("Council",)


def test_countries_by_name_alias_and_adjective():
    assert countries_in("Norwegian Customs and the U.S. met Türkiye.") == ("Norway", "United States", "Türkiye")
    assert countries_in("Let us meet the EU.") == ("European Union",)


def test_normalise_and_roman():
    assert normalise_query("  GCAP–10\n  plan ") == "GCAP-10 plan"
    assert (roman("5"), roman("xii"), roman("14")) == ("V", "XII", "XIV")


def test_a_title_repeated_across_reports_names_each_report_in_order():
    # Each distinct title is scored once; every report that has it is still named, in catalogue order.
    copies = [para(76 + n, "The Secretariat presented containers.", doc=doc, item="VI", item_title="Green Customs", subitem="d",
                   subitem_title="Customs treatment of return-refill containers and packings") for n, doc in enumerate(("A", "B", "C"))]
    catalogue = Catalogue(PARAS + copies)
    title = next(s.terms for s in catalogue.sections if s.title.startswith("Customs treatment"))
    named = catalogue.named_sections(set(title), title[:3])
    assert [(s.doc, s.title) for _, s in named if s.title.startswith("Customs treatment")] == [
        (doc, copies[0].subitem_title) for doc in ("PC0737E", "A", "B", "C")
    ]
    assert catalogue.named_sections({"blockchain"}, ()) == []  # no topic: nothing is named


def test_a_question_joining_two_questions_has_two_parts():
    assert question_parts("What did Peru organise, and how did the delegates respond?") == (
        "What did Peru organise",
        "how did the delegates respond",
    )
    assert parse("Who chaired the session and when will it meet again?").parts == ("Who chaired the session", "when will it meet again")


def test_a_repeated_preposition_gives_the_shared_opening_to_each_topic():
    assert question_parts("What did observers suggest about port data and about airport security?") == (
        "What did observers suggest about port data",
        "What did observers suggest about airport security",
    )


def test_coordinated_parties_give_one_part_each():
    assert question_parts("How did Japan, Kenya and Brazil fund their pilots?") == (
        "How did Japan fund their pilots",
        "How did Kenya fund their pilots",
        "How did Brazil fund their pilots",
    )
    assert question_parts("What did the Secretariat and an observer say on drones?") == (
        "What did the Secretariat say on drones",
        "What did an observer say on drones",
    )


def test_a_title_with_and_in_its_name_is_one_party():
    # "Director of Trade and Development" is one office holder, not "Director of Trade" and "Development".
    assert question_parts("What did the Deputy Secretary General and the Director of Trade and Development announce?") == (
        "What did the Deputy Secretary General announce",
        "What did the Director of Trade and Development announce",
    )
    assert question_parts("What did Kenya and the Minister of Finance say?") == ("What did Kenya say", "What did the Minister of Finance say")


def test_one_question_has_no_parts():
    assert question_parts("What did the PTC decide about transit and e-commerce?") == ()  # topics, not parties
    assert question_parts("Who drafted the Guidelines on Cooperation between Customs and Port Authorities?") == ()
    assert parse("What is the de minimis threshold in Norway?").parts == ()


@pytest.mark.parametrize(
    "question",
    ["Fill me in on the transit item", "Bring me up to speed on green customs", "Draft a quick overview of item IX", "Catch me up on blockchain"],
)
def test_more_ways_of_asking_for_a_briefing(question):
    assert parse(question).kind == "briefing"


def test_asking_to_note_something_is_not_a_briefing():
    assert parse("Make a note of the date of the next meeting").kind != "briefing"


def test_ordinals_naming_one_of_a_series_are_parsed_with_what_they_name():
    assert parse_query("When will the drafting group hold its third meeting?").ordinals == ((3, "third meeting"),)
    assert parse_query("What did the 7th Regional Seminar recommend?").ordinals == ((7, "7th Regional Seminar"),)
    # adverbs, sessions and "first five years" name no one of a series
    assert parse_query("Which Member first proposed the seminar?").ordinals == ()
    assert parse_query("What happened at the 241st/242nd Sessions?").ordinals == ()
    assert parse_query("How many left in their first five years?").ordinals == ()
    assert parse_query("What did the first and second meetings decide?").ordinals == ()


def test_an_ordinal_in_a_hyphenated_compound_names_no_series():
    # "the second-in-command" is an office, "a third-party" a kind of party: no ordinal to find in the answer.
    assert parse_query("What did the deputy and the second-in-command tell the delegates?").ordinals == ()
    assert parse_query("Which of the third-party platforms joined the pilot?").ordinals == ()
    assert parse_query("What did the 21st-century border agenda propose?").ordinals == ()
    assert parse_query("When will the drafting group hold its second meeting?").ordinals == ((2, "second meeting"),)


def test_a_question_opening_on_a_quantity_asks_a_number_even_over_all_or_each():
    # "all", "each", "every" after "how many" / "what share of" scope the count; no list is asked.
    for question, detail in (
        ("In 2021, what proportion of all containers landed at the port were scanned?", "share"),
        ("What percentage of every postal consignment gets inspected?", "share"),
        ("How many of all the seizures involved wildlife?", "count"),
        ("How many declarations does each administration lodge electronically?", "count"),
    ):
        query = parse_query(question)
        assert (query.kind, query.wants, query.detail) == ("number", "number", detail), question
    assert parse_query("Which of all the studies did the PTC endorse?").kind == "list"
    assert parse_query("List all the tools the Secretariat presented.").kind == "list"


def test_an_ordinal_pattern_finds_the_number_written_either_way():
    assert ordinal_pattern(4).search("at its Fourth Meeting") and ordinal_pattern(4).search("the 4th meeting")
    assert not ordinal_pattern(4).search("the 14th meeting") and not ordinal_pattern(4).search("four meetings")
    assert ordinal_pattern(24).search("the 24th Conference") and not ordinal_pattern(24).search("the 124th Conference")


def test_the_acts_a_question_names_are_parsed_once():
    assert parse_query("What did the SBI note with appreciation about the Durban Forum?").acts == {"note"}
    assert parse_query("Which documents did the PTC endorse?").acts == {"endor"}
    # Wording that names no particular act filters nothing.
    assert parse_query("What was the outcome of the discussion?").acts == frozenset()
    assert parse_query("What decision did the PTC take?").acts == frozenset()


def test_the_detail_asked_is_finer_than_the_answer_type():
    cases = {
        "How much funding did Norway provide for the seminar?": "money",
        "What did the border survey cost?": "money",
        "What is the ceiling value for simplified declarations?": "amount",
        "How much plastic waste was returned?": "amount",
        "How many delegates attended the forum?": "count",
        "What percentage of declarations are lodged electronically?": "share",
        "How long does the pilot run?": "duration",
        "What is the average release time for air cargo?": "duration",
        "In what year was the network launched?": "year",
        "On what date will the portal open?": "date",
        "On which dates did the seminar take place?": "date",  # the plural asks a date too
        "Which Brazilian official opened the meeting?": "person",
        "What is the name of the rapporteur of the drafting group?": "person",
        "In which town was the seminar held?": "place",
        "In which languages is the handbook published?": "language",
        "Which country hosts the forum?": "country",
        "How much faster is clearance under the pilot?": "number",
        "What part of the seized goods was destroyed?": "share",
    }
    for question, wanted in cases.items():
        assert parse_query(question).detail == wanted, question
    assert parse_query("What did the PTC decide on the handbook?").detail is None
    assert parse_query("On which days was the drafting group convened?").wants == "date"
    # reports name speakers and experts by their administration, and a target may be a sentence: no strict detail
    assert parse_query("Which expert presented the survey results?").detail != "person"
    assert parse_query("What is the target of the action plan?").detail != "amount"
    assert parse_query("Which article was quoted when the forum discussed fees?").detail != "date"  # "when" in a clause asks no date
    # a part of a named body, or one picked among parts, is a unit, not a share
    assert parse_query("Which part of the Asian Development Bank funded the border study?").detail != "share"
    assert parse_query("What part of the World Bank ran the seminar?").detail != "share"


def test_a_name_a_title_or_a_fee_is_a_detail_of_its_own():
    cases = {
        "What is the new data-sharing portal called?": "proper_name",
        "Name the marketplaces that joined the e-commerce pilot.": "proper_name",
        "Which consultancy carried out the time release study?": "proper_name",
        "What is the name of the database used for risk profiles?": "proper_name",
        "What is the title of the study on green procurement?": "title",
        "How was the guide on ports entitled?": "title",
        "What fee do importers pay for an advance ruling?": "fee",
        "What do freight forwarders charge per shipment?": "fee",
    }
    for question, wanted in cases.items():
        assert parse_query(question).detail == wanted, question
    # a person's name asks who; "in charge" asks no sum; a system may be answered by describing it
    assert parse_query("What is the name of the official who chaired the group?").detail == "person"
    assert parse_query("What does the officer in charge do?").detail != "fee"
    assert parse_query("Which system does the administration use for risk?").detail != "proper_name"


def test_what_a_list_lists_and_whether_an_item_is_named():
    assert parse("Which proposals did all the delegations support on e-commerce?").list_topic == ("e-commerce", "commerce")
    assert parse("List every presentation on e-commerce").list_topic == ("e-commerce", "commerce")
    assert parse("What was decided under the update and reports item?").names_item
    assert parse("Brief me on sub-item b").names_item
    assert not parse("Which items of equipment were donated?").items and not parse("What did the PTC endorse?").names_item


def test_the_questions_own_words_and_numbers():
    query = parse("How much revenue does Norway expect from parcels under 350 NOK in the U.S. pilot?")
    assert {"norway", "u.s.", "350"} <= query.words
    assert {"350", "nok", "norway", "u", "s"} <= query.given


def test_the_glossary_forms_a_question_adds_are_stemmed_once():
    forms = {"PFCWG": "Passenger Facilitation and Control Working Group", "SWG": "SAFE Working Group"}
    catalogue = Catalogue(PARAS, expansions=lambda text: [long for short, long in forms.items() if short in text])
    query = parse_query("What did the PTC decide on the PFCWG and the SWG?", catalogue)
    assert query.expansion_terms == ("passenger", "facilitation", "control", "work", "group", "safe")  # "work group" once


def test_the_noun_phrases_are_parsed_with_the_question():
    assert parse("Where was the Conference on Border Data held?").phrases == ("the Conference on Border Data",)


def test_a_decider_is_asked_only_where_the_rules_say_no_and_no_typed_kind():
    asked = []

    def always(text, catalogue, language):
        asked.append(text)
        return True

    # The rules' yes stands without asking; a who, date or count question keeps the rules' no.
    assert parse_query("What did the PTC decide on e-commerce?", decider=always).decision and not asked
    for question in ("Who presented the SAFE report?", "When is the next meeting?", "How many Members spoke?",
                     "What did delegates say about the GNC review?"):
        assert not parse_query(question, decider=always).decision
    assert not asked
    # An open question the rules do not take for a decision is the decider's to settle.
    query = parse_query("How was the AEO item wrapped up?", decider=always)
    assert query.decision and query.kind == "decision" and asked == ["How was the AEO item wrapped up?"]
    assert not parse_query("How was the AEO item wrapped up?").decision  # without one, the rules alone


def test_written_names_are_the_capitalised_words_after_the_first():
    assert written_names("Which delegation brought up Operation Kestrel?") == ["operation", "kestrel"]
    # Item numbers are not names; a possessive names its owner; a new sentence's first word is no name.
    assert written_names("Give an overview of item XIII. Which body raised it?") == []
    assert written_names("How did CBP's talk close?") == ["cbp"]
    assert written_names("what did the Thai delegate say about the EGS lists?") == ["thai", "egs"]
    assert parse_query("Which delegation brought up Operation Kestrel?").names == ("operation", "kestrel")


def test_a_question_word_after_a_leading_phrase_still_sets_the_kind():
    who = parse_query("Under the green item, who chairs the new project team?")
    assert (who.kind, who.wants) == ("who", "name")
    where = parse_query("In the transit item, where will the ministerial conference meet?")
    assert (where.kind, where.detail) == ("where", "place")
    when = parse_query("On postal matters, when does the new form take effect?")
    assert when.detail == "date"
    # "when" inside a clause asks no date; "who" after a comma in mid-sentence is a relative pronoun
    inside = parse_query("Which rule was quoted when Kenya was asked about its scanners?")
    assert inside.kind != "date" and inside.detail is None
    assert parse_query("What did the presenter, who came from Chile, propose?").kind != "who"


def test_within_what_time_asks_how_long_and_members_as_subject_ask_no_list():
    within = parse_query("Within what time must traders file the amended entry?")
    assert within.detail == "duration" and within.kind == "number"
    assert parse_query("At what time does the plenary open?").detail == "date"
    assert parse_query("How soon will the scanner pilot start?").detail == "duration"
    subject = parse_query("What did Members ask about scanner interoperability?")
    assert subject.kind != "list" and subject.wants is None
    assert parse_query("Which other Members presented scanner pilots?").kind == "list"


def test_administrations_name_countries_in_answers_not_in_questions():
    assert countries_in("HMRC and CBSA presented.") == ("United Kingdom", "Canada")
    assert countries_in("Turkiye and Cote d'Ivoire presented.") == ("Türkiye", "Côte d'Ivoire")
    assert countries_in("Togolese and Malagasy officers presented.") == ("Togo", "Madagascar")
    # a question naming a talk by its speaker's initials sets no country constraint; "U.S. CBP" still names the US
    assert parse_query("How did CBSA's talk on scanners end?").countries == ()
    assert parse_query("What did U.S. CBP say about scanners?").countries == ("United States",)


def test_the_thing_an_open_or_list_question_asks_for_is_parsed_once():
    assert parse_query("What risks did the cargo tracking pilot reveal?").asked == ("risk",)
    assert parse_query("What did delegates say about cargo tracking?").asked == ()  # who speaks is not what is asked
    assert parse_query("What did Kenya present on cargo tracking?").asked == ()  # a name is not what is asked
    assert parse_query("How many trucks did the cargo tracking pilot cover?").asked == ()  # typed: its own rules


def test_question_wording_inside_a_compound_or_a_name_stays_in_the_topic():
    # "sharing" and "report" are speaking words, "Agreement" a decision word: not when part of a compound or a name.
    assert parse_query("What savings did the cargo data-sharing platform bring?").topic.endswith("cargo data-sharing platform bring")
    assert "Paris Agreement" in parse_query("What did the PTC decide on the Paris Agreement pledges?").topic
    assert "Annual Report" in parse_query("Who presented the Annual Report of the laboratory network?").topic
    assert parse_query("Who presented the survey of laboratories?").topic == "survey of laboratories"


@pytest.mark.parametrize(
    "question, topic",
    [
        # The asked noun, the auxiliary, a subject naming no topic (a body, a speaker, a placeholder) and its verb go.
        ("What stance did the Council adopt on the mobile inspection units?", "mobile inspection units"),
        ("What response did delegates give to the proposal on drone surveillance?", "drone surveillance"),
        ("Where did it all end up with the Secretariat's request for more funding?", "Secretariat's request for more funding"),
        ("How did the PTC handle the report on port congestion?", "port congestion"),
        # A subject naming something stays, without the bare asked noun.
        ("What results did the Kenyan pilot produce?", "Kenyan pilot produce"),
        # A typed subject question: the asked noun and the verb go.
        ("Which town hosted the 2022 regional seminar on risk management?", "2022 regional seminar on risk management"),
        ("Who funded the survey of laboratories?", "survey of laboratories"),
        # Left whole: an asked noun with modifiers, a named subject, a yes/no question, a list question.
        ("What regional training needs did delegates identify?", "regional training needs"),
        ("Did anyone object to the fee schedule?", "anyone object to the fee schedule"),
        ("Which countries joined the single window pilot?", "joined the single window pilot"),
    ],
)
def test_the_topic_leaves_out_the_questions_scaffolding(question, topic):
    assert parse_query(question).topic == topic


def test_a_do_question_joining_two_verbs_has_a_part_per_verb():
    assert question_parts("How did Kenya shorten clearance times and raise revenue?") == (
        "How did Kenya shorten clearance times",
        "How did Kenya raise revenue",
    )
    assert question_parts("How does the scheme cut delays at the border and improve compliance among traders?") == (
        "How does the scheme cut delays at the border",
        "How does the scheme improve compliance among traders",
    )
    # Nouns joined, not verbs: a plural, a noun by its ending, the second term of "between".
    assert question_parts("How did Kenya cut fees and charges for traders?") == ()
    assert question_parts("What stance did the PTC take on the gender and diversity reports?") == ()
    assert question_parts("When did the Council approve the rules on data between Customs and port operators?") == ()


@pytest.mark.parametrize(
    "question",
    [
        "Give me a quick overview of the transit discussion.",
        "Concise summary of the green customs item, please.",
        "Give me the gist of the Kenyan presentation on single windows.",
        "A short recap of the closing session?",
    ],
)
def test_a_summary_asked_with_a_size_word_or_as_the_gist_is_a_briefing(question):
    assert parse_query(question).kind == "briefing"


def test_a_summary_noun_inside_a_question_asks_no_briefing():
    assert parse_query("What was the summary of the laboratory survey?").kind != "briefing"
    assert parse_query("What overview did the PTC endorse?").kind != "briefing"


@pytest.mark.parametrize(
    "question, topic",
    [
        # The opener after a leading phrase, with a preposition before it, and a possessive or contraction after it.
        ("In the transit item, in which town was the 2022 corridor forum held?", "transit item, was the 2022 corridor forum held"),
        ("Which nation's border agency built the joint scanning centre?", "border agency built the joint scanning centre"),
        ("what's the Secretariat's travel budget?", "Secretariat's travel budget"),
        # A body's possessive goes with the body.
        ("Who was the Council's rapporteur on transit?", "rapporteur on transit"),
    ],
)
def test_the_topic_leaves_out_the_opener_wherever_the_question_starts(question, topic):
    assert parse_query(question).topic == topic


def test_an_asked_noun_with_words_describing_it_still_sets_the_kind():
    assert (parse_query("Which Kenyan official opened the workshop?").kind, parse_query("Which Kenyan official opened the workshop?").detail) == ("who", "person")
    assert parse_query("With which three Members is the Secretariat piloting the scanner?").wants == "country"
    assert parse_query("Which regional body hosts the data hub?").kind == "who"
    # A determiner or an auxiliary is no describing word: these ask what was said.
    assert parse_query("What did the delegate from Peru say?").kind == "open"
    assert parse_query("What was the representative's main point?").kind == "open"


def test_asking_what_came_of_something_asks_for_its_outcome():
    for question in ("What came of the proposal on mobile scanners?", "What became of the single window pilot?"):
        query = parse_query(question)
        assert query.decision and query.kind == "decision", question
        assert query.acts == frozenset(), question  # "came", "became" name no act the conclusion must use
    assert parse_query("What became of the single window pilot?").topic == "single window pilot"
    assert not parse_query("Which country came of age in trade policy?").decision


def test_thesaurus_wordings_add_the_report_terms_longest_wording_first():
    query = parse_query("How do trusted traders use small parcels rules?")
    wordings = [wording for wording, _ in query.thesaurus]
    # "small parcels" is one wording, not "parcels" on its own.
    assert wordings == [("trust", "trader"), ("small", "parcel")]
    for stem in ("operator", "aeo", "low-value", "shipment"):
        assert stem in query.synonym_terms
    # The question's own stems are never added again; a question without a wording adds nothing.
    assert not set(query.synonym_terms) & set(query.terms)
    plain = parse_query("What did Japan say about the budget?")
    assert plain.thesaurus == () and plain.synonym_terms == ()


@pytest.mark.parametrize(
    "question",
    [
        "Did anyone object to the new timetable?",
        "Were the observers satisfied with the pilot?",
        "Did several delegations question the budget?",
        "What did an attendee propose about training?",
    ],
)
def test_questions_about_what_the_floor_did(question):
    assert parse_query(question).floor


@pytest.mark.parametrize(
    "question",
    ["What did the Secretariat propose about training?", "Did the PTC endorse the timetable?", "Why is training needed?"],
)
def test_questions_about_others_are_not_about_the_floor(question):
    assert not parse_query(question).floor
