"""Tests of qa.llm against a fake OpenAI-compatible server on 127.0.0.1 started by the test."""
from __future__ import annotations

import pytest

from qa.answer import Citation
from qa.llm import LLMError, chat, check_answer, llm_answer, parse_citations, support
from tests.qa_fakes import FakeHit, FakeLLM, para

P38 = para(38, "The de minimis threshold in the U.S. had been changed to 800 USD in 2016. Online shopping grew.")
P55 = para(55, "From 1 January 2024, all low-value consignments (below 300 euro) arriving at the Norwegian border would be subject to taxes.")
HITS = [FakeHit(P38, 0.6, 3.0, 0.1, 0.9), FakeHit(P55, 0.5, 2.0, 0.1, 0.8)]
NAMES = {"PC0737E": "PTC 241/242"}


@pytest.fixture()
def fake_llm():
    with FakeLLM() as fake:
        yield fake


def test_good_answer_is_kept_with_its_citations(fake_llm):
    fake_llm.reply = ("The U.S. de minimis threshold had been changed to 800 USD in 2016 [¶38]. "
                      "Norway taxes all low-value consignments below 300 euro from 1 January 2024. [¶55]")
    checked = llm_answer("What are the de minimis thresholds?", HITS, fake_llm.settings(), NAMES)
    assert [s.citation for s in checked.statements] == [Citation("PC0737E", 38), Citation("PC0737E", 55)]
    assert checked.dropped == []
    assert checked.statements[0].text == "The U.S. de minimis threshold had been changed to 800 USD in 2016."
    request = fake_llm.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer sk-test"
    prompt = request["body"]["messages"][1]["content"]
    assert "[¶38]" in prompt and "800 USD" in prompt and "What are the de minimis thresholds?" in prompt


def test_hallucinated_citation_and_unsupported_sentence_are_dropped(fake_llm):
    fake_llm.reply = ("The U.S. threshold had been changed to 800 USD in 2016 [¶38]. "
                      "The PTC adopted a global de minimis of 100 USD [¶99]. "
                      "Canada abolished duties on tobacco imports [¶55].")
    checked = llm_answer("What are the de minimis thresholds?", HITS, fake_llm.settings(), NAMES)
    assert [s.citation.paragraph for s in checked.statements] == [38]
    assert any("¶99 is not among the retrieved" in d for d in checked.dropped)
    assert sum("unsupported sentence dropped" in d for d in checked.dropped) == 2


def test_server_error_raises_one_line_llm_error(fake_llm):
    fake_llm.status = 500
    with pytest.raises(LLMError, match="HTTP 500") as err:
        llm_answer("What are the de minimis thresholds?", HITS, fake_llm.settings(), NAMES)
    assert "\n" not in str(err.value)


def test_timeout_raises_llm_error(fake_llm):
    fake_llm.delay_s = 0.6
    fake_llm.reply = "The threshold had been changed to 800 USD in 2016 [¶38]."
    with pytest.raises(LLMError):
        llm_answer("What are the de minimis thresholds?", HITS, fake_llm.settings(timeout_s=0.2), NAMES)


def test_unreachable_endpoint_and_bad_json_raise_llm_error(fake_llm):
    with pytest.raises(LLMError):
        chat([], "http://127.0.0.1:9/v1", "m", "", 1.0)
    fake_llm.reply = "only text"
    fake_llm.status = 200
    with pytest.raises(LLMError, match="no sentence"):
        llm_answer("q?", HITS, fake_llm.settings(), NAMES)


def test_parse_citations_reads_report_names_and_lists():
    assert parse_citations("It rose [PTC 241/242 ¶38; ¶45].") == ("It rose.", [("PTC 241/242", 38), ("", 45)])
    assert parse_citations("No label here.") == ("No label here.", [])


def test_labels_with_report_names_resolve_when_the_corpus_has_several_reports():
    names = {"PC0737E": "PTC 241/242", "PC0800E": "PTC 243/244"}
    other = para(38, "A different paragraph 38 about green customs.", doc="PC0800E")
    checked = check_answer("The threshold had been changed to 800 USD in 2016 [PTC 241/242 ¶38].", [P38, other], names)
    assert [s.citation for s in checked.statements] == [Citation("PC0737E", 38)]
    checked = check_answer("The threshold had been changed to 800 USD in 2016 [¶38].", [P38, other], names)
    assert checked.statements == [] and "is not among" in checked.dropped[0]


def test_support_is_token_overlap():
    assert support("800 USD in 2016", P38.text) == 1.0
    assert support("tobacco excise stamps", P38.text) == 0.0
