"""Tests of qa.partial: the sentence stating the asked detail, the near miss and the abstention."""
from __future__ import annotations

from index.query import parse_query
from qa.extractive import extract
from qa.partial import NOT_ANSWERED, abstain_answer, partial_answer, state_detail, topic_phrase
from settings import Answerability, Settings
from tests.qa_fakes import FakeIndex, context, para
from tests.test_qa_answerability import PARAS, SEMINAR


def test_abstention_cites_nothing_and_lists_related_paragraphs():
    ctx = context(FakeIndex(PARAS), "Istanbul Convention")
    result = abstain_answer(ctx, ["w"])
    assert not result.answerable and result.citations == [] and result.mode == "abstain"
    assert result.text == f"{NOT_ANSWERED} Closest related paragraphs: ¶78 (Item VI Green Customs); ¶123 (Item XII Inclusiveness)."
    assert result.warnings == ["w"] and result.hits == list(ctx.hits)


def test_a_near_miss_says_what_the_report_does_not_state():
    ctx = context(FakeIndex(PARAS[:1]), "What is the number of containers under the Istanbul Convention on temporary admission?")
    result = partial_answer(ctx, [])
    assert result is not None and not result.answerable and result.mode == "partial"
    assert result.text.startswith("The report discusses ") and "[¶78] but does not state the number of containers." in result.text
    assert partial_answer(context(FakeIndex(PARAS), "How many bicycles were classified?"), []) is None


def near_miss(question: str, paragraphs=SEMINAR):
    return partial_answer(context(FakeIndex(paragraphs), question), [])


def test_near_misses_of_several_types_say_which_detail_is_missing():
    cases = {
        "How much did the Swiss Government pay for the Regional Seminar on Border Data?": "the amount",
        "In which town did the Regional Seminar on Border Data take place?": "where",
        "Which Kenyan official opened the Regional Seminar on Border Data?": "who",
        "How many delegates came to the Regional Seminar on Border Data?": "the number of delegates",
        "What percentage of the Regional Seminar on Border Data budget did the Swiss Government cover?": "the share",
    }
    for question, label in cases.items():
        result = near_miss(question)
        assert result is not None and result.mode == "partial" and not result.answerable, question
        assert result.text.endswith(f"[¶40] but does not state {label}."), result.text
        assert [c.paragraph for c in result.citations] == [40]


def test_a_near_miss_of_a_name_a_title_or_a_fee_says_so():
    paragraphs = [
        para(
            41,
            "A private sector platform for sharing border data was presented at the Regional Seminar on Border Data. "
            "An article on the Regional Seminar on Border Data was published afterwards. "
            "Brokers charge importers a fee for each declaration discussed at the Regional Seminar on Border Data.",
            item="IX",
            item_title="Capacity building",
        )
    ] + SEMINAR[1:]
    cases = {
        "What is the platform presented at the Regional Seminar on Border Data called?": "the name",
        "What is the title of the article on the Regional Seminar on Border Data?": "the title",
        "What fee do brokers charge for a declaration discussed at the Regional Seminar on Border Data?": "the fee",
    }
    for question, label in cases.items():
        result = near_miss(question, paragraphs)
        assert result is not None and result.mode == "partial", question
        assert result.text.endswith(f"[¶41] but does not state {label}."), result.text


def test_a_near_miss_names_the_discussed_topic_in_the_questions_words():
    result = near_miss("How much did the Swiss Government pay for the Regional Seminar on Border Data?")
    assert result.text.startswith("The report discusses the Regional Seminar on Border Data [¶40]")
    text = "The drafting group on port security met twice."
    assert topic_phrase(parse_query("Who chaired the drafting group on port security?"), text) == "the drafting group on port security"
    assert topic_phrase(parse_query("Who chaired it?"), "The drafting group met twice.") == ""


def test_the_topic_phrase_is_the_questions_noun_phrase_not_its_actor_or_its_verb():
    # The actor ("the Government of Kenya") and the verbs ("put", "held", "taking") are not the topic.
    text = SEMINAR[0].text
    cases = {
        "What sum did the Government of Kenya put toward the Regional Seminar on Border Data?": "the Regional Seminar on Border Data",
        "Where was the Regional Seminar on Border Data held?": "the Regional Seminar on Border Data",
        "How many rooms is the Regional Seminar on Border Data taking up?": "the Regional Seminar on Border Data",
        "How much did the Swiss Government give to the Seminar?": "the Seminar",
        # a possessive opens the phrase it owns; a part of a longer phrase when only that part is discussed
        "What was the Seminar's budget for data sharing between customs laboratories?": "data sharing",
        # the longer phrase names a country: an actor, not the topic
        "Which Swiss official funded the Seminar at the request of Kenya Revenue Authority?": "the Seminar",
    }
    for question, phrase in cases.items():
        assert topic_phrase(parse_query(question), text) == phrase, question


def test_a_country_or_year_the_paragraph_lacks_is_left_out_of_the_topic():
    query = parse_query("How many delegates attended the 2021 Regional Seminar on Border Data in Uganda?")
    assert topic_phrase(query, SEMINAR[0].text, ["Uganda", "2021"]) == "the Regional Seminar on Border Data"
    result = near_miss("How many delegates attended the 2021 Regional Seminar on Border Data?")
    assert result.text == "The report discusses the Regional Seminar on Border Data [¶40] but does not state it for 2021."


def test_a_near_miss_without_a_phrase_the_paragraph_holds_says_this_topic():
    result = near_miss("How much did Kenya spend on border data seminars with neighbouring administrations overall?")
    assert result is not None and result.text.startswith("The report discusses ")
    phrase = result.text.removeprefix("The report discusses ").split(" [¶")[0]
    assert phrase == "this topic" or phrase.lower() in SEMINAR[0].text.lower(), result.text


def test_a_near_miss_names_the_ordinal_the_report_never_reaches():
    result = near_miss("When will the Regional Seminar on Border Data hold its third meeting?")
    assert result is not None and "but does not mention the third meeting." in result.text


def test_an_answer_without_the_asked_count_gives_way_to_the_sentence_with_it():
    paragraphs = [
        para(
            50,
            "The Regional Seminar on Border Data took place in Nairobi on 4 and 5 May 2023. "
            "Some 85 officers attended the Regional Seminar on Border Data.",
            item="IX",
            item_title="Capacity building",
        )
    ]
    ctx = context(FakeIndex(paragraphs), "How many officers attended the Regional Seminar on Border Data in Nairobi?")
    first = [s for s in extract(ctx) if "Nairobi" in s.text] or extract(ctx)[:1]
    first = [type(first[0])(paragraphs[0].text.split(". ")[0] + ".", first[0].citation, quote=paragraphs[0].text.split(". ")[0] + ".")]
    chosen = state_detail(ctx, first)
    assert [s.text for s in chosen] == ["Some 85 officers attended the Regional Seminar on Border Data."]
    # a strict margin keeps the composed answer
    strict = context(FakeIndex(paragraphs), ctx.query.text, settings=Settings(answerability=Answerability(detail_margin=-1.0)))
    assert state_detail(strict, first) == first


def test_near_misses_on_the_bundled_report_get_partial_answers_of_their_type(bundled_index):
    from qa import answer

    cases = {
        "What was the budget of the WCO Technology Conference held in Ha Noi?": "does not state the amount.",
        "Which Vietnamese minister opened the Technology Conference in Ha Noi?": "does not state who.",
        "When will the PFCWG hold its 9th meeting?": "does not mention the 9th meeting.",
    }
    for question, gap in cases.items():
        result = answer(question, bundled_index)
        assert result.mode == "partial" and not result.answerable, question
        assert result.text.startswith("The report discusses ") and result.text.endswith(gap), result.text
        assert len(result.citations) == 1
    conference = answer("What was the budget of the WCO Technology Conference held in Ha Noi?", bundled_index)
    assert "Technology Conference" in conference.text and [c.paragraph for c in conference.citations] == [10]


def test_a_count_asked_and_stated_is_answered_with_it(bundled_index):
    from qa import answer

    result = answer("How many registered participants did the Technology Conference in Ha Noi gather?", bundled_index)
    assert result.answerable and "1,200" in result.text and 10 in [c.paragraph for c in result.citations]


def test_a_value_of_something_else_is_a_near_miss_on_the_bundled_report(bundled_index):
    from qa import answer

    # ¶38 gives a share of shipments, not a count of seizures: the report discusses the topic but not the number
    seizures = answer("How many seizures of counterfeit goods did U.S. CBP make in fiscal year 2022?", bundled_index)
    assert not seizures.answerable and seizures.mode == "partial" and seizures.text.endswith("does not state the number of seizures of counterfeit goods.")
    # its answerable twin: ¶44 counts the marketplaces, ¶40 the private sector partners
    marketplaces = answer("How many online marketplaces are taking part in the Section 321 Data Pilot?", bundled_index)
    assert marketplaces.answerable and "four marketplaces" in marketplaces.text
    assert [c.paragraph for c in marketplaces.citations] == [44]
    # a share of something else: women's share of senior field leadership is not the share of the whole workforce
    workforce = answer("What share of the entire U.S. CBP workforce do women make up?", bundled_index)
    assert not workforce.answerable
    leadership = answer("What share of CBP's senior leadership positions in field operations are held by women?", bundled_index)
    assert leadership.answerable and "one third" in leadership.text
