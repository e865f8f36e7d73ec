"""Tests of qa.extractive on hand-made paragraphs: verbatim cited sentences in a sensible order."""
from __future__ import annotations

from qa.answer import Citation
from dataclasses import replace

from qa.extractive import cover_parts, extract, is_procedural, strip_marker
from settings import ExtractiveParams, Settings
from tests.qa_fakes import FakeIndex, context, para

PARAS = [
    para(38, "The speaker gave background on the de minimis threshold in the U.S. The threshold had been 5 USD, "
             "had increased to 200 USD in 2015, and had been changed to 800 USD in 2016. Online shopping grew."),
    para(40, "The Section 321 Data Pilot began in 2019 with nine private sector partners. "
             "It tested 550 million transactions."),
    para(68, "In conclusion, the PTC:\n- took note of the presentations on the de minimis threshold;\n"
             "- agreed to continue discussing Members' experiences.", decision=True),
    para(90, "Botswana presented its One Stop Border Posts with its neighbours.", item="VII", item_title="WTO TFA"),
]


def normalised(text: str) -> str:
    return " ".join(text.split())


def run(question: str, params: ExtractiveParams | None = None, paragraphs=PARAS, k: int = 4):
    settings = replace(Settings(), extractive=params) if params else Settings()
    return extract(context(FakeIndex(paragraphs), question, k=k, settings=settings))


def test_every_sentence_is_cited_to_a_paragraph_that_contains_it():
    statements = run("What was the de minimis threshold in the U.S. in 2016?")
    assert statements
    by_key = {p.key: p for p in PARAS}
    for st in statements:
        assert st.quote and st.quote in st.text
        assert normalised(st.quote) in normalised(by_key[st.citation.key].text)


def test_best_sentence_answers_the_question():
    statements = run("How many transactions did the Section 321 pilot test?")
    assert any("550 million" in st.text and st.citation == Citation("PC0737E", 40) for st in statements)


def test_decisions_come_first_then_paragraph_order():
    statements = run("de minimis threshold presentations", ExtractiveParams(sentences=6, margin=2.0, margin_other=2.0))
    numbers = [st.citation.paragraph for st in statements]
    decisions = [n for n in numbers if n == 68]
    assert decisions and numbers[: len(decisions)] == decisions
    rest = numbers[len(decisions):]
    assert rest and rest == sorted(rest)


def test_decision_bullets_are_quoted_after_the_lead_in():
    statements = run("de minimis threshold presentations", ExtractiveParams(sentences=6, margin=2.0, margin_other=2.0))
    bullet = next(st for st in statements if st.citation.paragraph == 68)
    assert bullet.text == "In conclusion, the PTC: “took note of the presentations on the de minimis threshold”."


def test_caps_limit_the_answer_length_and_sentences_per_paragraph():
    statements = run("de minimis threshold 800 USD data pilot transactions", ExtractiveParams(sentences=2, per_paragraph=1, margin=5.0, margin_other=5.0))
    assert len(statements) == 2
    assert len({st.citation for st in statements}) == 2


def test_strip_marker_removes_bullets_and_numerals_only():
    assert strip_marker("- took note;") == "took note;"
    assert strip_marker("(ii) a much faster clearance") == "a much faster clearance"
    assert strip_marker("2016 was the year") == "2016 was the year"


UPU = para(8, "The Chairperson invited the Secretariat to introduce Doc. PC0726Ea. The Secretariat reported on the first "
              "WCO-UPU Global Conference, held from 6 to 8 June 2023 in Tokyo, Japan.", item="III")


def test_procedural_sentences_are_not_quoted_for_a_question_they_do_not_touch():
    question = "Which country hosted the WCO-UPU conference?"
    statements = run(question, paragraphs=[UPU, *PARAS], k=3)
    assert [st.quote for st in statements if st.citation.paragraph == 8] == [
        "The Secretariat reported on the first WCO-UPU Global Conference, held from 6 to 8 June 2023 in Tokyo, Japan."
    ]
    question = "What did the Secretariat report on the WCO-UPU conference?"
    kept = run(question, ExtractiveParams(procedure_penalty=0.0, margin_other=1.0), paragraphs=[UPU, *PARAS], k=3)
    assert any(st.quote.startswith("The Chairperson invited") for st in kept)


def test_is_procedural_spares_sentences_with_content_or_question_terms():
    assert is_procedural("The Chairperson invited the Secretariat to introduce Doc. PC0726Ea.")
    assert is_procedural("No comments were made by the PTC delegates.")
    assert not is_procedural("Through a pre-recorded video, they presented the outcomes of this event.")
    assert not is_procedural("The Chairperson invited the Secretariat to introduce Doc. PC0726Ea.", ["pc0726ea"])


def test_long_question_stems_match_longer_words_in_sentences():
    norway = para(54, "Norwegian Customs presented the abolishment of the de minimis threshold. Online sales grew fast.")
    question = "Which country abolished its de minimis threshold?"
    loose = run(question, ExtractiveParams(keyword_weight=5.0, margin=0.5, margin_other=0.5), paragraphs=[norway, *PARAS], k=3)
    assert loose and loose[0].citation == Citation("PC0737E", 54) and "abolishment" in loose[0].text


def test_a_factoid_answer_must_hold_the_asked_type():
    # Kind 4 (near miss): the topic is there, the amount is not; no topical sentence without a number is quoted.
    paragraphs = [para(47, "The Commission proposal included removing the duty exemption for low-value goods.")]
    assert run("How much revenue did the EU expect from removing the duty exemption?", paragraphs=paragraphs) == []
    assert run("What did the EU propose on the duty exemption?", paragraphs=paragraphs)


def test_a_country_adjective_names_the_country():
    # Kind 7: "Norwegian Customs" answers "which country", a sentence about the U.S. threshold without the verb does not win.
    paragraphs = [
        para(38, "The de minimis threshold in the U.S. had been changed to 800 USD in 2016, and U.S. CBP kept it."),
        para(54, "Norwegian Customs explained the scrapping of their de minimis threshold for all low-value goods."),
    ]
    statements = run("Which administration scrapped its de minimis threshold?", paragraphs=paragraphs)
    assert statements and statements[0].citation.paragraph == 54


# Multi-part questions: every part gets a sentence and a citation of its own.
FORUM = [
    para(120, "Kenya Customs presented its new cargo tracking system for transit corridors. The system links the ports "
              "of Mombasa and Dar es Salaam with inland depots."),
    para(121, "Several delegates welcomed the tracking system and asked Kenya to share its source code with neighbours."),
    para(122, "Chile described its drone programme for mountain passes. The drones cover 400 kilometres of border."),
]


def multi(question: str, paragraphs=FORUM):
    ctx = context(FakeIndex(paragraphs), question, k=3)
    return ctx, cover_parts(ctx, extract(ctx))


def test_a_second_question_gets_its_own_sentence_and_citation():
    ctx, statements = multi("What did Kenya present on cargo tracking, and how did delegates react?")
    assert len(ctx.query.parts) == 2
    cited = [st.citation.paragraph for st in statements]
    assert cited[0] == 120 and 121 in cited
    assert any("share its source code" in st.text for st in statements)


def test_each_named_party_gets_a_sentence():
    ctx, statements = multi("What border technology did Kenya and Chile describe?")
    assert ctx.query.parts
    assert any("Kenya" in st.text for st in statements) and any("Chile" in st.text for st in statements)


def test_a_part_already_answered_adds_nothing_and_no_sentence_twice():
    ctx = context(FakeIndex(FORUM), "What did Chile describe about drones, and how far do the drones reach?", k=3)
    statements = extract(ctx)
    covered = cover_parts(ctx, statements)
    quotes = [st.quote for st in covered]
    assert len(quotes) == len(set(quotes))
    assert covered[: len(statements)] == statements
    single = context(FakeIndex(FORUM), "What did Chile describe about drones?", k=3)
    assert cover_parts(single, extract(single)) == extract(single)


def test_a_party_named_only_in_a_low_ranked_hit_still_gets_its_sentence():
    filler = [para(130 + n, f"Kenya Customs explained cargo tracking phase {n} for transit corridors and cargo tracking.") for n in range(6)]
    chile = para(140, "Chile listed its border posts on cargo roads.")
    ctx = context(FakeIndex(filler + [chile]), "What did Kenya and Chile say about cargo tracking?", k=7)
    assert [h.paragraph.number for h in ctx.hits].index(140) >= ctx.settings.extractive.part_paragraphs
    statements = cover_parts(ctx, extract(ctx))
    assert 140 in [st.citation.paragraph for st in statements]


def _with_glossary(paragraphs, long_forms: dict[str, str]) -> FakeIndex:
    from index.glossary import Glossary
    from index.query import Catalogue, report_bodies

    index = FakeIndex(paragraphs)
    index.catalogue = Catalogue(paragraphs, Glossary(long_forms).expansions, report_bodies(index.reports))
    return index


ACRONYM_PARAS = [
    para(81, "The APEC Chair mentioned the next steps, including endorsement by SCCP members of the SCCP compendium."),
    para(79, "The PTC Chair invited the Chair of the APEC Sub-Committee on Customs Procedures (SCCP) to present. "
             "Peru will host APEC in 2024."),
    para(40, "U.S. CBP explained its data pilot for e-commerce shipments at U.S. borders."),
]


def test_a_definition_question_quotes_the_sentence_spelling_the_acronym_out():
    index = _with_glossary(ACRONYM_PARAS, {"SCCP": "Sub-Committee on Customs Procedures"})
    for question in ("What does SCCP mean?", "What is the SCCP?", "What does SCCP stand for at U.S. CBP?"):
        statements = extract(context(index, question, k=3))
        assert [st.citation.paragraph for st in statements] == [79], question
        assert "Sub-Committee on Customs Procedures" in statements[0].text


def test_a_question_about_what_an_acronym_did_is_not_a_definition_question():
    index = _with_glossary(ACRONYM_PARAS, {"SCCP": "Sub-Committee on Customs Procedures"})
    query = context(index, "Which compendium did SCCP members endorse as next steps?", k=3).query
    assert query.expansions and query.defines == ()
    assert context(index, "What does SCCP stand for?", k=3).query.defines == query.expansions


def _scored(number: int, position: int, score: float):
    from qa.extractive import Scored

    paragraph = para(number, f"Sentence {position} of paragraph {number} about cargo.")
    return (paragraph.key, position), Scored(paragraph, position, paragraph.text, score)


def test_two_parts_leaning_on_one_paragraph_are_answered_from_paragraphs_of_their_own():
    from qa.extractive import assign_parts

    # Both parts score paragraph 10 best; the second part loses least by moving to paragraph 11.
    first = dict([_scored(10, 0, 1.0), _scored(10, 1, 0.9), _scored(12, 0, 0.5)])
    second = dict([_scored(10, 0, 0.8), _scored(11, 2, 0.75), _scored(12, 1, 0.3)])
    chosen = assign_parts([first, second], choices=6)
    assert [(c.paragraph.number, c.position) for _, c in chosen] == [(10, 0), (11, 2)]
    # With one paragraph only, each part keeps its best sentence.
    assert [c.position for _, c in assign_parts([dict([_scored(10, 0, 1.0)]), dict([_scored(10, 0, 0.8)])], 6)] == [0, 0]


def test_a_part_is_not_answered_from_another_agenda_item():
    # ¶30 (the opening item) shares the second part's words; the reply under the item asked about is ¶151.
    paragraphs = [
        para(150, "Kenya Customs presented its cargo tracking pilot for transit corridors. Kenya said the cargo tracking pilot covered 40 trucks.", item="IV"),
        para(151, "Operators of transit corridors will be consulted on the pilot next year.", item="IV"),
        para(30, "How feedback will be gathered was explained in the opening overview.", item="I", item_title="Opening"),
    ]
    ctx = context(FakeIndex(paragraphs), "What did Kenya present on cargo tracking, and how will it gather feedback?", k=3)
    assert len(ctx.query.parts) == 2 and ctx.hits[0].paragraph.number == 150
    cited = [st.citation.paragraph for st in cover_parts(ctx, extract(ctx))]
    assert cited[0] == 150 and 151 in cited and 30 not in cited


def test_a_sentence_announcing_a_list_brings_the_sentences_that_spell_it_out():
    paragraphs = [
        para(160, "Ghana described the two pillars of its transit reform. The first was a single bond for transit cargo. "
                  "Ghana trained officers at inland depots. The second pillar was electronic seals on every truck. "
                  "Ghana thanked its partners."),
        para(161, "Several delegates discussed measures for perishable goods. These included priority lanes and cold storage "
                  "at border posts. Such lanes opened in 2022. The meeting then closed."),
    ]
    by_number = lambda statements, n: [st.text for st in statements if st.citation.paragraph == n]
    pillars = by_number(run("What two pillars did Ghana describe for its transit reform?", paragraphs=paragraphs, k=2), 160)
    assert "The first was a single bond for transit cargo." in pillars
    assert "The second pillar was electronic seals on every truck." in pillars
    assert pillars.index("The first was a single bond for transit cargo.") < pillars.index("The second pillar was electronic seals on every truck.")
    measures = by_number(run("Which perishable goods measures did delegates discuss?", paragraphs=paragraphs, k=2), 161)
    assert "These included priority lanes and cold storage at border posts." in measures
    assert "The meeting then closed." not in measures


def test_the_sentence_holding_the_thing_asked_for_wins_over_one_repeating_the_topic():
    paragraphs = [
        para(170, "Customs described the cargo tracking pilot for transit corridors."),
        para(171, "The cargo pilot evaluation found two risks, tampered seals and late data."),
    ]
    statements = run("What risks did the cargo tracking pilot reveal?", paragraphs=paragraphs, k=2)
    assert statements and statements[0].citation.paragraph == 171


def test_parts_are_answered_in_the_order_the_report_records_them():
    from qa.extractive import assign_parts

    # The second part ("how did delegates react") scores a paragraph printed before the first part's a little
    # higher than the reply printed after it; the reply after it is taken.
    first = dict([_scored(20, 0, 1.0), _scored(18, 0, 0.6)])
    second = dict([_scored(19, 1, 0.82), _scored(21, 0, 0.8), _scored(20, 2, 0.9)])
    chosen = assign_parts([first, second], choices=6)
    assert [c.paragraph.number for _, c in chosen] == [20, 21]
    # When no ordered choice exists, distinct paragraphs in any order still are.
    late_first = dict([_scored(30, 0, 1.0)])
    early_second = dict([_scored(29, 0, 0.7), _scored(30, 1, 0.9)])
    assert [c.paragraph.number for _, c in assign_parts([late_first, early_second], 6)] == [30, 29]


def test_a_detail_question_is_answered_with_the_value_of_the_asked_thing():
    # Kind 4: both sentences are topical and hold a count; only one counts the brokers asked about.
    paragraphs = [
        para(60, "The Kenyan pre-clearance trial began in 2021 with eight freight forwarders and the port authority."),
        para(61, "By the end of the trial, twelve customs brokers had signed up to file declarations in advance."),
    ]
    answer = run("How many customs brokers signed up for the Kenyan pre-clearance trial?", paragraphs=paragraphs)
    assert answer and answer[0].citation == Citation("PC0737E", 61) and "twelve customs brokers" in answer[0].text
    # without a count of the asked thing, the typed sentences stay candidates (the strict check then judges them)
    near = run("How many shipping lines joined the Kenyan pre-clearance trial?", paragraphs=paragraphs)
    assert near and all("shipping lines" not in s.text for s in near)


def test_a_presentation_heading_names_the_country_for_every_paragraph_under_it():
    # The answering paragraph never repeats who presents: its heading ("Presentation by Ghana") and the
    # presenter's opening sentence say it; the neighbour naming Ghana must not crowd it out.
    heading = dict(item="IV", subitem="b", subitem_title="Transit corridors", heading="Presentation by Ghana")
    paragraphs = [
        para(200, "Ghanaian Customs presented its programme.", **heading),
        para(201, "An evaluation of the corridor outcomes showed shorter transit times and fewer diverted cargoes.", **heading),
        para(202, "Kenya described the evaluation of its corridor outcomes for transit trucks.", item="IV", subitem="c", subitem_title="Other corridors"),
    ]
    statements = run("What did the evaluation of corridor outcomes show for Ghana?", paragraphs=paragraphs, k=3)
    assert 201 in [st.citation.paragraph for st in statements]
    assert 202 not in [st.citation.paragraph for st in statements]


def test_section_context_reads_heading_sub_item_title_and_presenter():
    from qa.extractive import section_context

    paragraphs = [
        para(210, "Peru Customs organized a regional workshop on border gender equality.", item="XII", subitem="a", subitem_title="Regional workshop"),
        para(211, "Participants agreed on a mentoring network for women officers.", item="XII", subitem="a", subitem_title="Regional workshop"),
        para(212, "In conclusion, the PTC:\n- took note of the workshop.", item="XII", decision=True),
    ]
    ctx = context(FakeIndex(paragraphs), "What did Peru's workshop agree?", k=3)
    around = section_context(ctx, paragraphs[1])
    assert "Regional workshop" in around and "Peru Customs organized" in around
    assert section_context(ctx, paragraphs[2]) == ""


def test_the_next_paragraph_of_a_presentation_that_names_the_asked_thing_is_quoted():
    # The best-matching paragraph describes the scheme; the one printed after it spells out its advantages.
    section = dict(item="VIII", subitem="b", subitem_title="Regional transit", heading="Presentation by Chile")
    paragraphs = [
        para(230, "Chile described the Andean bonded transit scheme for trucks crossing the mountain corridor, and its bonded transit guarantee.", **section),
        para(231, "Advantages for traders were lower guarantee costs, predictable crossing times and one declaration per trip.", **section),
        para(232, "Bonded transit schemes were also discussed in another item.", item="IX"),
    ]
    statements = run("What advantages did the Andean bonded transit scheme offer?", paragraphs=paragraphs, k=1)
    assert [st.citation.paragraph for st in statements][-1] == 231
    assert "predictable crossing times" in statements[-1].text
    # A question that does not ask for a thing the next paragraph names gets nothing from it.
    assert 231 not in [st.citation.paragraph for st in run("Describe the Andean bonded transit scheme for trucks.", paragraphs=paragraphs, k=1)]


def test_a_sentence_pointing_back_at_what_was_announced_is_quoted_after_it():
    from qa.extractive import spells_out

    assert spells_out("The list of those data fields covered the buyer, the seller and the price.", "The pilot ranked the most useful data fields.")
    assert spells_out("Other steps concerned sealed trucks.", "Delegates described their transit steps.")
    # "these" pointing at a word the sentence before did not use is no elaboration of it.
    assert not spells_out("With regard to the parties submitting these fields, the speaker was brief.", "The pilot ranked the most useful data fields.")
    assert not spells_out("The list of those offices was long.", "The pilot ranked the most useful data fields.")
    paragraphs = [
        para(240, "The speaker outlined which cargo indicators had proved most predictive of risk. The set of those indicators "
                  "comprised the shipper history, the declared weight and the route. The speaker thanked the floor for its questions."),
    ]
    texts = [st.text for st in run("Which cargo indicators proved most predictive of risk?", paragraphs=paragraphs, k=1)]
    assert any("shipper history" in t for t in texts)


def test_a_factoid_about_a_country_wants_the_sentence_naming_it_not_its_section():
    from qa.extractive import score_sentences

    # "When did Ghana ...?" is answered by a sentence that states Ghana's date; a date elsewhere in
    # Ghana's presentation may be anyone's.
    heading = dict(item="IV", subitem="b", subitem_title="Transit corridors", heading="Presentation by Ghana")
    paragraphs = [
        para(250, "Ghana launched the corridor tracking system in March 2021.", **heading),
        para(251, "A neighbouring administration joined the corridor tracking system in May 2023.", **heading),
    ]
    ctx = context(FakeIndex(paragraphs), "When did Ghana launch the corridor tracking system?", k=2)
    assert ctx.query.wants
    constrained = {s.paragraph.number: s.constrained for s in score_sentences(ctx, paragraphs)}
    assert constrained[250] == 1.0 and constrained[251] == 0.0


def test_a_part_naming_a_country_meets_it_in_the_presentation_heading():
    import numpy as np
    from qa.extractive import part_candidates

    heading = dict(item="V", subitem="c", subitem_title="Revenue", heading="Presentation by Chile")
    paragraphs = [para(260, "The speaker explained that parcel duties were collected at the point of sale.", **heading)]
    ctx = context(FakeIndex(paragraphs), "How does Chile collect parcel duties, and how did delegates react?", k=1)
    part = ctx.query.parts[0]
    found = part_candidates(ctx, part, ctx.index.encode_query(part), [], paragraphs, ctx.settings.extractive)
    assert found and all(s.constrained == 1.0 for s in found.values())


def test_a_paragraph_spelling_out_its_own_list_does_not_reach_for_the_next():
    section = dict(item="VIII", subitem="c", subitem_title="Mountain borders")
    paragraphs = [
        para(280, "The Secretariat presented two strands of drone work for mountain borders. The first was the mapping of "
                  "passes. The second strand was the escort of patrols.", **section),
        para(281, "Some delegates stressed the front lines.", **section),
    ]
    statements = run("What were the two lines of drone work for mountain borders?", paragraphs=paragraphs, k=1)
    cited = [st.citation.paragraph for st in statements]
    assert 280 in cited and 281 not in cited


def test_a_question_about_the_floor_is_answered_by_what_the_floor_said_or_that_it_said_nothing():
    # "No comments were made ..." reads as meeting procedure, yet it is the answer to whether anyone reacted.
    paragraphs = [
        para(180, "The Secretariat briefed the meeting on the regional workshop on toxic refuse crossing borders, "
                  "and invited the committee to take note of its summary."),
        para(181, "No comments were made by the delegates."),
    ]
    question = "Did any attendee react to the talk on hazardous rubbish leaving the country?"
    cited = [s.citation.paragraph for s in run(question, paragraphs=paragraphs, k=2)]
    assert 181 in cited
    without = run(question, replace(Settings().extractive, floor_weight=0.0), paragraphs=paragraphs, k=2)
    assert 181 not in [s.citation.paragraph for s in without]
