"""Tests of qa.extractive on hand-made paragraphs: verbatim cited sentences in a sensible order."""
from __future__ import annotations

from qa.answer import Citation
from qa.corpus import build_corpus
from qa.extractive import ExtractiveParams, extract, strip_marker
from tests.qa_fakes import FakeIndex, para

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


def run(question: str, params: ExtractiveParams | None = None):
    index = FakeIndex(PARAS)
    hits = index.search(question, k=4)
    return extract(question, hits, index, build_corpus(index).stats, params)


def test_every_sentence_is_cited_to_a_paragraph_that_contains_it():
    statements = run("What was the de minimis threshold in the U.S. in 2016?")
    assert statements
    by_key = {p.key: p for p in PARAS}
    for st in statements:
        assert st.quote and st.quote in st.text
        assert normalised(st.quote) in normalised(by_key[(st.citation.doc, st.citation.paragraph)].text)


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
    statements = run("de minimis threshold 800 USD 2016 data pilot", ExtractiveParams(sentences=2, per_paragraph=1, margin=5.0, margin_other=5.0))
    assert len(statements) == 2
    assert len({st.citation for st in statements}) == 2


def test_strip_marker_removes_bullets_and_numerals_only():
    assert strip_marker("- took note;") == "took note;"
    assert strip_marker("(ii) a much faster clearance") == "a much faster clearance"
    assert strip_marker("2016 was the year") == "2016 was the year"
