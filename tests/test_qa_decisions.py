"""Tests of qa.decisions on hand-made paragraphs: decisions first, and plain words when none names the topic."""
from __future__ import annotations

from dataclasses import replace

from qa.decisions import decision_answer, voted_items
from settings import DecisionParams, Settings
from tests.qa_fakes import FakeHit, FakeIndex, context, para

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


def ask(question: str, params: DecisionParams | None = None, paragraphs=PARAS):
    settings = replace(Settings(), decisions=params) if params else Settings()
    return decision_answer(context(FakeIndex(paragraphs), question, settings=settings))


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
    # VI scores 1 + 1/3, V scores 1/2 + 1/4 (0.56 of VI), every hit counting alike.
    ctx = replace(context(FakeIndex(PARAS), "What was decided?"), hits=[FakeHit(p, 0, 0, 0, 0) for p in (PARAS[5], PARAS[0], PARAS[6], PARAS[1])])
    alike = lambda text: 0.5  # noqa: E731 (a constant topic share)
    assert voted_items(ctx, alike, DecisionParams(items=2, item_ratio=0.5)) == [("PC0737E", "VI"), ("PC0737E", "V")]
    assert voted_items(ctx, alike, DecisionParams(items=2, item_ratio=0.6)) == [("PC0737E", "VI")]
    assert voted_items(ctx, alike, DecisionParams(items=1, item_ratio=0.0)) == [("PC0737E", "VI")]


def test_item_without_conclusion_gives_no_decision_answer():
    assert ask("What did the PTC decide on de minimis?", paragraphs=[PARAS[0], PARAS[1]]) == []


def test_when_the_topic_is_the_item_its_conclusion_is_the_decision():
    statements = ask("What came out of the Green Customs item?")
    assert not any("took no decision" in s.text for s in statements)
    assert [s.citation.paragraph for s in statements] == [84, 84]
    assert statements[0].text.startswith("In conclusion, the PTC: “endorsed the updates")


COUNCIL = [
    para(2, "The Council discussed the Strategic Plan and the budget at length.", doc="SC0100E", item="II", item_title="Strategic matters"),
    para(3, "In conclusion, the Council:\n- adopted the Strategic Plan 2025-2028;\n- approved the budget for the next financial year.",
         doc="SC0100E", item="II", item_title="Strategic matters", decision=True),
    para(4, "In conclusion, the Council:", doc="SC0100E", item="III", item_title="Closing", decision=True),
]


def test_a_council_report_is_answered_with_the_councils_points():
    from qa import answer
    from tests.qa_fakes import meta

    council = meta("SC0100E", "Council")
    council = replace(council, committee="Customs Co-operation Council")
    index = FakeIndex(COUNCIL, [council])
    result = answer("What did the Council decide on the Strategic Plan?", index)
    assert result.answerable and result.mode == "decision"
    assert result.text.startswith("In conclusion, the Council: “adopted the Strategic Plan 2025-2028”")
    assert "the PTC" not in result.text and "“In conclusion" not in result.text
    statements = ask("How did the Council respond on the budget?", paragraphs=COUNCIL)
    assert statements and all(s.text.startswith("In conclusion, the Council: “") for s in statements if s.quote)
    assert any("approved the budget" in s.text for s in statements)


def test_every_point_of_one_conclusion_naming_the_topic_is_quoted_past_the_cap():
    # The points all sit in one conclusion paragraph: quoting all of them costs no citation.
    ports = dict(item="X", item_title="Port security")
    points = [f"- {verb} the port security {thing};" for verb, thing in
              [("endorsed", "guidelines"), ("noted", "survey"), ("welcomed", "pilot"), ("discussed", "workshop"), ("agreed", "review")]]
    paragraphs = [
        para(107, "Delegates discussed port security with the Secretariat.", **ports),
        para(112, "In conclusion, the PTC:\n" + "\n".join(points), decision=True, **ports),
    ]
    statements = ask("What did the PTC decide on port security?", DecisionParams(bullets=2), paragraphs)
    quoted = [s.quote for s in statements if s.citation.paragraph == 112]
    assert len(quoted) == 5 and {s.citation.paragraph for s in statements} <= {107, 112}


def test_a_decision_on_one_members_presentation_is_that_items_not_a_report_wide_list():
    from qa.lists import member_item
    from qa.pipeline import compose

    ctx = context(FakeIndex(PARAS), "How did the committee react to the Norwegian talk?")
    assert ctx.query.kind == "decision" and member_item(ctx)
    statements, mode = compose(ctx)
    assert mode == "decision"
    assert any("Norway" in s.text and s.citation.paragraph == 68 for s in statements)
    # a question naming no country is judged by its topic alone
    assert not member_item(context(FakeIndex(PARAS), "What did the committee endorse at this meeting?"))



def test_request_and_continuation_wording_is_not_the_topic_a_point_must_name():
    # "keep listening to", "the request": how the question words the act; the point says "continue discussing".
    from qa.decisions import topic_share

    question = "Did the PTC agree to the request to keep listening to Members' experiences?"
    share = topic_share(context(FakeIndex(PARAS), question))
    assert share("agreed to continue discussing Members' experiences in intersessional meetings") >= DecisionParams().names_topic
    statements = ask(question)
    assert statements[0].citation.paragraph == 68 and "continue discussing Members' experiences" in statements[0].text


def test_a_point_naming_what_the_discussion_spelled_out_names_each_thing_listed():
    # the discussion says what "the port security tools" are; the point names the phrase, the question one of the things
    ports = dict(item="X", item_title="Port security")
    paragraphs = [
        para(107, "The Secretariat proposed to revise the port security tools (namely, the Container Seal Manual and "
                  "the Harbour Patrol leaflet) with interested Members.", **ports),
        para(108, "Delegates discussed the Container Seal Manual at length.", **ports),
        para(112, "In conclusion, the PTC:\n- took note of the port security survey; and\n- agreed to revise the port security tools.",
             decision=True, **ports),
    ]
    statements = ask("Did the PTC agree to revise the Container Seal Manual and the patrol leaflet?", paragraphs=paragraphs)
    assert not any("took no decision" in s.text for s in statements)
    assert statements[0].citation.paragraph == 112 and "agreed to revise the port security tools" in statements[0].text
