"""Tests of qa.decisions on hand-made paragraphs: decisions first, and plain words when none names the topic."""
from __future__ import annotations

import pytest

from qa.corpus import build_corpus
from qa.decisions import DecisionParams, decision_answer, relevant_items, topic_of
from tests.qa_fakes import FakeHit, FakeIndex, para

GREEN = dict(item="VI", item_title="Green Customs")
PARAS = [
    para(38, "The speaker gave background on the de minimis threshold in the U.S., which had been changed to 800 USD in 2016. "
             "Small packages grew to over 1 billion per year."),
    para(47, "The Commission proposal included removing the de minimis threshold for Customs duties, currently 150 euro."),
    para(54, "Norwegian Customs presented the abolishment of the de minimis threshold under the VOEC initiative."),
    para(66, "Delegates noted the trend of assigning more responsibilities to e-commerce platforms."),
    para(68, "In conclusion, the PTC:\n- took note, with thanks, of the presentations by the United States, the European Union and Norway;\n"
             "- identified potential areas of the E-Commerce Package that might need to be amended during the second periodic review; and\n"
             "- agreed to continue discussing Members' experiences in intersessional meetings.", decision=True),
    para(70, "Delegates discussed the updates to the Green Customs Action Plan and noted that it had no time frame.", **GREEN),
    para(84, "In conclusion, the PTC:\n- endorsed the updates to the Green Customs Action Plan;\n- commended the APPW Project.", decision=True, **GREEN),
]


def ask(question: str, params: DecisionParams | None = None):
    index = FakeIndex(PARAS)
    hits = index.search(question, k=6)
    return decision_answer(question, hits, index, build_corpus(index), index.encode_query(question), params)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What did the PTC decide on de minimis?", "de minimis"),
        ("What was agreed on the GNC review?", "GNC review"),
        ("What did the Committee conclude regarding the blockchain concept paper?", "blockchain concept paper"),
        ("What came out of the green customs item?", "green customs"),
        ("Was the updated CBM Compendium endorsed?", "updated CBM Compendium"),
        ("What did the PTC decide?", ""),
    ],
)
def test_topic_of_keeps_the_users_words(question, topic):
    assert topic_of(question) == topic


def test_undecided_topic_is_said_plainly_with_conclusion_and_discussion():
    statements = ask("What did the PTC decide on de minimis?")
    first = statements[0]
    assert first.text.startswith("The PTC took no decision on de minimis:")
    assert "Item V (E-Commerce)" in first.text
    assert first.citation.paragraph == 68 and first.quote is None
    bullets = [s for s in statements if s.citation.paragraph == 68 and s.quote]
    assert bullets and all(s.text.startswith("In conclusion, the PTC: “") for s in bullets)
    assert any("periodic review" in s.text for s in bullets)
    discussion = [s.citation.paragraph for s in statements if s.citation.paragraph != 68]
    assert set(discussion) <= {38, 47, 54} and len(discussion) >= 2
    assert discussion == sorted(discussion)
    assert all("de minimis" in s.text for s in statements if s.citation.paragraph != 68)


def test_decided_topic_leads_with_the_bullet_that_names_it():
    statements = ask("What did the PTC decide on the Green Customs Action Plan?")
    assert statements[0].text == "In conclusion, the PTC: “endorsed the updates to the Green Customs Action Plan”."
    assert statements[0].citation.paragraph == 84
    assert not any("took no decision" in s.text for s in statements)


def test_every_quote_is_in_its_cited_paragraph():
    by_number = {p.number: " ".join(p.text.split()) for p in PARAS}
    for question in ("What did the PTC decide on de minimis?", "What was agreed on the green customs action plan?"):
        for st in ask(question):
            assert st.quote is None or " ".join(st.quote.split()) in by_number[st.citation.paragraph]


def test_relevant_items_vote_by_rank():
    # VI scores 1 + 1/3, V scores 1/2 + 1/4 (0.56 of VI).
    hits = [FakeHit(p, 0, 0, 0, 0) for p in (PARAS[5], PARAS[0], PARAS[6], PARAS[1])]
    assert relevant_items(hits, DecisionParams(items=2, item_ratio=0.5)) == [("PC0737E", "VI"), ("PC0737E", "V")]
    assert relevant_items(hits, DecisionParams(items=2, item_ratio=0.6)) == [("PC0737E", "VI")]
    assert relevant_items(hits, DecisionParams(items=1, item_ratio=0.0)) == [("PC0737E", "VI")]


def test_item_without_conclusion_gives_no_decision_answer():
    index = FakeIndex([PARAS[0], PARAS[1]])
    hits = index.search("What did the PTC decide on de minimis?")
    assert decision_answer("What did the PTC decide on de minimis?", hits, index, build_corpus(index), index.encode_query("de minimis")) == []


def test_when_the_topic_is_the_item_its_conclusion_is_the_decision():
    statements = ask("What came out of the Green Customs item?")
    assert not any("took no decision" in s.text for s in statements)
    assert [s.citation.paragraph for s in statements] == [84, 84]
    assert statements[0].text.startswith("In conclusion, the PTC: “endorsed the updates")
