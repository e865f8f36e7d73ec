"""Tests of qa.briefing on the bundled report: every item's briefing cites its decisions and each sub-item or presentation."""
from __future__ import annotations

from qa import answer
from qa.briefing import brief_item
from qa.corpus import corpus_for
from settings import Settings

DOC = "PC0737E"


def test_a_briefing_for_each_of_the_16_items_cites_its_decision_points_and_each_sub_item(bundled_index):
    corpus = corpus_for(bundled_index)
    agenda = bundled_index.agenda(DOC)
    assert len(agenda) == 16
    for entry in agenda:
        result = brief_item(bundled_index, DOC, entry.numeral, Settings())
        cited = {c.paragraph for c in result.citations}
        assert result.answerable and result.mode == "briefing", entry.numeral
        decisions = corpus.item_decisions(DOC, entry.numeral)
        assert {p.number for p in decisions} <= cited, entry.numeral
        # Decision points come first, every one of them quoted.
        for para in decisions:
            for sentence in bundled_index.sentences(DOC, para.number)[1:]:
                point = sentence.lstrip("- ").rstrip(";. ").removesuffix("; and").removesuffix(" and").rstrip(";, ")
                assert point in result.text, (entry.numeral, point)
        if decisions:
            assert result.citations[0].paragraph == decisions[0].number
        paragraphs = corpus.item_paragraphs(DOC, entry.numeral)
        for sub in {p.subitem for p in paragraphs if p.subitem and not p.decision}:
            assert cited & {p.number for p in paragraphs if p.subitem == sub and not p.decision}, (entry.numeral, sub)
        for section in corpus.sections(DOC, entry.numeral):
            assert cited & {p.number for p in section}, (entry.numeral, section[0].number)
        assert "### Cited paragraphs" in result.to_markdown()


def test_presentations_are_briefed_by_who_presented_what(bundled_index):
    text = brief_item(bundled_index, DOC, "V", Settings()).text
    for presenter in ("U.S. CBP", "European Commission", "Türkiye Customs presented", "Norwegian Customs presented", "Indonesian Customs presented"):
        assert presenter in text


def test_briefing_questions_name_the_item_or_topic(bundled_index):
    # Kind 6: new wordings for a briefing.
    for question, item, decision in [
        ("Summarise agenda item 9 for me", "IX", 106),
        ("Give me an overview of the e-commerce item", "V", 68),
        ("What happened under Green Customs?", "VI", 84),
        ("Walk me through the transit discussion", "VIII", 95),
    ]:
        result = answer(question, bundled_index)
        assert result.answerable and result.mode == "briefing", question
        assert result.citations[0].paragraph == decision, question
        items = {bundled_index.paragraph(c.doc, c.paragraph).item for c in result.citations}
        assert items == {item}, question
        assert len(result.citations) >= 2, question


def test_an_item_discussed_in_one_run_is_briefed_paragraph_by_paragraph(bundled_index):
    # Item XIII has no sub-items or presentation headings: each of its discussion paragraphs gets a line.
    corpus = corpus_for(bundled_index)
    assert len(corpus.sections(DOC, "XIII")) == 1
    result = brief_item(bundled_index, DOC, "XIII", Settings())
    discussion = {p.number for p in corpus.item_paragraphs(DOC, "XIII") if not p.decision}
    assert discussion <= {c.paragraph for c in result.citations}
    # Besides its opening, a paragraph's most central sentence is quoted: the topics suggested, not only who spoke.
    assert "Single Window" in result.text


def test_items_cut_into_presentations_keep_one_line_per_presentation(bundled_index):
    corpus = corpus_for(bundled_index)
    result = brief_item(bundled_index, DOC, "V", Settings())
    cited = [s.citation.paragraph for s in result.statements]
    for section in corpus.sections(DOC, "V"):
        if len(section) > 1:
            assert sum(cited.count(p.number) for p in section) == 1, section[0].number


def test_a_briefing_keeps_the_dates_of_what_comes_next_from_the_paragraphs_it_cites(bundled_index):
    # The closing and transit paragraphs' lines (who spoke, what about) do not hold the next meeting's or conference's dates.
    for item, date in (("XVI", "23 to 25 April 2024"), ("VIII", "June 2024 in Kigali")):
        result = brief_item(bundled_index, DOC, item, Settings())
        assert date in result.text, item
        dated = next(s for s in result.statements if date in s.text)
        # no new citation: the dated line comes from a paragraph the briefing cites anyway, after its other lines
        others = [s for s in result.statements if s is not dated]
        assert dated.citation in {s.citation for s in others}, item


def test_a_briefing_on_one_countrys_presentation_keeps_to_its_paragraphs(bundled_index):
    result = answer("Sum up what Indonesia presented about e-commerce.", bundled_index)
    assert result.mode == "briefing"
    cited = [bundled_index.paragraph(c.doc, c.paragraph) for c in result.citations]
    discussion = [p for p in cited if not p.decision]
    assert discussion and all(p.heading == discussion[0].heading for p in discussion)
    assert "Indonesia" in (discussion[0].heading or "")
    # the conclusion points kept are those naming Indonesia, and the presentation is briefed paragraph by paragraph
    points = [s for s in result.statements if bundled_index.paragraph(s.citation.doc, s.citation.paragraph).decision]
    assert points and all("Indonesia" in s.text for s in points)
    assert len(discussion) >= 2


def test_a_briefing_on_a_sub_items_topic_keeps_to_that_sub_item(bundled_index):
    # The question names no sub-item by its title, but its topic is the title of one sub-item and not of the item.
    result = answer("Fill me in on the passenger facilitation working group's developments.", bundled_index)
    assert result.mode == "briefing"
    cited = [bundled_index.paragraph(c.doc, c.paragraph) for c in result.citations]
    discussion = [p for p in cited if not p.decision]
    assert discussion and {p.subitem for p in discussion} == {"h"}
    assert len(discussion) >= 2  # one sub-item: a line per paragraph
    # a question naming the item itself is briefed on the whole item
    whole = answer("Give me a rundown of e-commerce.", bundled_index)
    assert len({bundled_index.paragraph(c.doc, c.paragraph).subitem for c in whole.citations}) >= 4
