"""Tests of qa.answer: the Answer record's JSON and Markdown forms and inline citation labels."""
from __future__ import annotations

from qa.answer import Answer, Citation, Statement, cite_label, render, unique_citations
from tests.qa_fakes import FakeHit, para

P38 = para(38, "The de minimis threshold had been changed to 800 USD in 2016.", subitem="a", subitem_title="Advance Electronic Data and Risk Management")
P68 = para(68, "In conclusion, the PTC:\n- took note of the presentations;", decision=True)


def make_answer(names: dict[str, str] | None = None) -> Answer:
    names = names or {"PC0737E": "PTC 241/242"}
    statements = [
        Statement("In conclusion, the PTC: “took note of the presentations”.", Citation("PC0737E", 68), "took note of the presentations"),
        Statement("The de minimis threshold had been changed to 800 USD in 2016.", Citation("PC0737E", 38), "The de minimis threshold had been changed to 800 USD in 2016."),
    ]
    return Answer(
        question="What did the PTC decide on de minimis?",
        text=render(statements, names),
        citations=unique_citations(statements),
        hits=[FakeHit(P68, 0.5, 1.0, 0.2, 0.9), FakeHit(P38, 0.4, 2.0, 0.1, 0.8)],
        answerable=True,
        mode="decision",
        statements=statements,
        sources=[P68, P38],
        report_names=names,
    )


def test_to_json_has_exactly_the_contract_fields():
    data = make_answer().to_json()
    assert list(data) == ["question", "answer", "answerable", "citations", "hits", "mode", "warnings"]
    assert data["citations"] == [
        {"doc": "PC0737E", "paragraph": 68, "label": "¶68"}, {"doc": "PC0737E", "paragraph": 38, "label": "¶38"},
    ]
    assert list(data["hits"][0]) == ["doc", "paragraph", "label", "item", "item_title", "subitem", "decision", "score", "text"]
    assert data["hits"][1]["subitem"] == "a" and data["hits"][0]["decision"] is True
    assert data["hits"][0]["score"] == 0.9
    assert data["answer"].endswith("2016. [¶38]")


def test_labels_name_the_report_only_when_the_corpus_has_several():
    one = {"PC0737E": "PTC 241/242"}
    two = {"PC0737E": "PTC 241/242", "PC0800E": "PTC 243/244"}
    assert cite_label(Citation("PC0737E", 38), one) == "[¶38]"
    assert cite_label(Citation("PC0737E", 38), two) == "[PTC 241/242 ¶38]"
    assert "[PTC 241/242 ¶68]" in make_answer(two).text


def test_unique_citations_keeps_first_mention_order():
    st = [Statement("a", Citation("D", 5)), Statement("b", Citation("D", 2)), Statement("c", Citation("D", 5))]
    assert unique_citations(st) == [Citation("D", 5), Citation("D", 2)]


def test_markdown_quotes_each_cited_paragraph_with_report_item_and_subitem():
    md = make_answer().to_markdown()
    assert md.startswith("## What did the PTC decide on de minimis?")
    assert "### Cited paragraphs" in md
    assert "**PTC 241/242 ¶38 — Item V E-Commerce — a. Advance Electronic Data and Risk Management**" in md
    assert "> The de minimis threshold had been changed to 800 USD in 2016." in md
    assert md.index("¶68 — Item V") < md.index("¶38 — Item V")


def test_markdown_of_an_abstention_lists_related_paragraphs():
    ans = make_answer()
    ans.answerable, ans.sources, ans.warnings = False, [], ["question cut to 2000 characters (it had 2100)"]
    md = ans.to_markdown()
    assert "### Related paragraphs" in md and "> Note: question cut" in md
    assert "¶68" in md and "¶38" in md


def test_consecutive_points_of_one_conclusion_read_as_one_sentence():
    from qa.answer import decision_point

    c68, c38 = Citation("PC0737E", 68), Citation("PC0737E", 38)
    statements = [decision_point("took note", c68), decision_point("agreed to continue", c68),
                  Statement("Threshold rose.", c38, "Threshold rose."), decision_point("endorsed it", c68)]
    assert render(statements, {"PC0737E": "PTC 241/242"}) == (
        "In conclusion, the PTC: “took note”; “agreed to continue”. [¶68] Threshold rose. [¶38] "
        "In conclusion, the PTC: “endorsed it”. [¶68]"
    )


def test_citation_carries_a_scoped_label():
    from ingest.records import Paragraph

    annex = Paragraph("D", 3, "", "", None, None, None, False, "x", scope="Annex II", label="Annex II ¶3")
    plain = Paragraph("D", 3, "", "", None, None, None, False, "x", label="¶3")
    assert Citation.of(plain) == Citation("D", 3) and Citation.of(annex) != Citation("D", 3)
    assert cite_label(Citation.of(annex), {"D": "SBI 58"}) == "[Annex II ¶3]"
    assert cite_label(Citation.of(annex), {"D": "SBI 58", "E": "SBI 60"}) == "[SBI 58 Annex II ¶3]"
    assert Citation.of(annex).to_json() == {"doc": "D", "paragraph": 3, "label": "Annex II ¶3"}
