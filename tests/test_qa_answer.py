"""Tests of qa.answer: the Answer record's JSON and Markdown forms and inline citation labels."""
from __future__ import annotations

import re

import markdown_it
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.answer import Answer, Citation, Statement, cite_label, display_text, escape_markdown, neutralise_citations, render, unique_citations
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
    assert data["answer"].endswith("“The de minimis threshold had been changed to 800 USD in 2016.” [¶38]")


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
    lead = "In conclusion, the PTC"
    statements = [decision_point("took note", c68, lead), decision_point("agreed to continue", c68, lead),
                  Statement("Threshold rose.", c38, "Threshold rose."), decision_point("endorsed it", c68, lead)]
    assert render(statements, {"PC0737E": "PTC 241/242"}) == (
        "In conclusion, the PTC: “took note”; “agreed to continue”. [¶68] “Threshold rose.” [¶38] "
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


HOSTILE = "See [¶1] and ![x](http://127.0.0.1:9/x.png) <script>alert(1)</script> [link](javascript:alert(1)) <img src=x>"
# Tags a rendered export may hold: qa's own structure, never anything from report or LLM text.
ALLOWED_TAGS = {"h2", "h3", "p", "blockquote", "strong", "br"}


def rendered_tags(markdown: str) -> set[str]:
    html = markdown_it.MarkdownIt("commonmark").render(markdown)
    return set(re.findall(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)", html))


def hostile_answer(mode: str) -> Answer:
    p1 = para(1, "Members noted " + HOSTILE + "\n# Not a heading\n- a bullet")
    quote = "Members noted " + HOSTILE
    statement = Statement(quote, Citation("PC0737E", 1), quote if mode == "extractive" else None)
    return Answer(
        question="<b>What</b> ![q](http://127.0.0.1:9/q.png)?",
        text=render([statement], {"PC0737E": "PTC 241/242"}),
        citations=[statement.citation],
        hits=[FakeHit(p1, 0.5, 1.0, 0.2, 0.9)],
        answerable=True,
        mode=mode,
        warnings=["LLM answer: unsupported sentence dropped: <script>x</script> ![w](http://127.0.0.1:9/w.png)"],
        statements=[statement],
        sources=[p1],
        report_names={"PC0737E": "PTC 241/242"},
    )


@pytest.mark.parametrize("mode", ["extractive", "llm"])
def test_markdown_export_carries_no_html_images_or_links_from_report_or_llm_text(mode):
    md = hostile_answer(mode).to_markdown()
    assert rendered_tags(md) <= ALLOWED_TAGS
    html = markdown_it.MarkdownIt("commonmark").render(md)
    assert "&lt;script&gt;" in html and "127.0.0.1:9/x.png" in html  # shown as text, not dropped
    assert "\\!\\[x\\](http://127.0.0.1:9/x.png)" in md


def test_quoted_report_text_is_in_quotation_marks_and_its_own_citations_are_neutralised():
    md = hostile_answer("extractive").to_markdown()
    answer_line = md.splitlines()[2]
    assert answer_line.startswith("“Members noted See (¶1)") and answer_line.endswith("” [¶1]")
    assert "[¶1]" not in answer_line[:-5]
    quoted = [line for line in md.splitlines() if "Members noted" in line][1]
    assert quoted.startswith("> Members noted See (¶1)")
    assert "> \\# Not a heading" in md and "> \\- a bullet" in md


def test_display_text_quotes_only_copied_sentences():
    c = Citation("D", 1)
    assert display_text(Statement("It rose [¶9].", c, "It rose [¶9].")) == "“It rose (¶9).”"
    assert display_text(Statement("No decision names it.", c)) == "No decision names it."


@pytest.mark.parametrize(
    "text, expected",
    [("[¶1]", "(¶1)"), ("see [PTC 241/242 ¶38; ¶45].", "see (PTC 241/242 ¶38; ¶45)."), ("[a] ¶2", "[a] ¶2")],
)
def test_neutralise_citations(text, expected):
    assert neutralise_citations(text) == expected


MARKUP_PIECES = list("<>![]()/:\\`*_#-=+|~&$x1. \n\"'") + [
    "    ", "\t", "\n\n", "```", "<script>", "</p>", "![a](", "http://127.0.0.1:9/x.png", ")", "[¶1]", "&lt;", "1. ", "> ", "---",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKUP_PIECES), max_size=40).map("".join))
def test_escaped_text_renders_as_itself_with_no_markup(text):
    html = markdown_it.MarkdownIt("commonmark").render(escape_markdown(text))
    assert rendered_tags(escape_markdown(text)) <= {"p", "br"}, html
    shown = re.sub(r"<[^>]+>", "", html)
    shown = shown.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert " ".join(shown.split()) == " ".join(text.split())


def test_decision_leads_name_the_reports_own_body():
    from qa.answer import body_named, decision_lead, decision_point

    assert decision_lead("In conclusion, the SBI:\n- took note.") == "In conclusion, the SBI"
    assert decision_lead("The SBI took note of the report.") == ""
    assert body_named("At its 1st meeting, the SBI agreed to consider it.") == "the SBI"
    point = decision_point("took note", Citation("D", 4), decision_lead("In conclusion, the Council:\n- took note."))
    assert point.text == "In conclusion, the Council: “took note”."
    plain = decision_point("The SBI took note of the report", Citation("D", 5), "")
    assert plain.text == "The SBI took note of the report" and "PTC" not in render([point, plain], {"D": "SBI 58"})
