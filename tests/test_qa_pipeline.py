"""Tests of qa.answer on the bundled index: de minimis answer, citations, dev figures, abstention, filters, LLM fallback."""
from __future__ import annotations

import pytest

from eval.gold import load_gold
from eval.metrics import citation_precision, key_fact_recall, mean
from index import Filters, Index
from qa import Answer, Citation, QuestionError, answer
from qa.partial import NOT_ANSWERED
from settings import PROJECT_ROOT, Settings, load_settings
from tests.qa_fakes import FakeIndex, FakeLLM, meta, para

DE_MINIMIS_DISCUSSION = {38, 45, 46, 47, 48, 54, 55}


def normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def dev_graded(bundled_index):
    """Every dev gold question with its answer, each asked once."""
    settings = load_settings()
    gold = load_gold(PROJECT_ROOT / "eval" / "gold" / "ptc_241_242_v2.jsonl")
    return [(q, answer(q.question, bundled_index, settings=settings)) for q in gold if q.split == "dev"]


def test_de_minimis_decision_is_answered_plainly_and_cited(bundled_index):
    result = answer("What did the PTC decide on de minimis?", bundled_index)
    assert result.answerable and result.mode == "decision"
    cited = {c.paragraph for c in result.citations}
    assert 68 in cited
    assert cited - {68} and cited - {68} <= DE_MINIMIS_DISCUSSION
    assert result.text.startswith("The PTC took no decision on de minimis: no point of its conclusion on Item V (E-Commerce) names it. [¶68]")
    # What ¶68 did decide, quoted.
    assert "identified potential areas of the E-Commerce Package" in result.text
    assert "periodic review" in result.text
    assert "de minimis" in result.text.split("[¶68]")[-1]  # the discussion cited after the conclusion
    assert [p.number for p in result.sources] == [c.paragraph for c in result.citations]


def test_a_decision_question_on_a_topic_the_discussion_holds_gets_the_no_decision_answer(bundled_index):
    # De minimis fills several paragraphs of item V and no point of ¶68 names it: the honest answer, however
    # the model scores the question.
    result = answer("What did the committee resolve regarding de minimis thresholds?", bundled_index)
    assert result.answerable and result.mode == "decision"
    assert result.text.startswith("The PTC took no decision on de minimis thresholds")
    assert 68 in {c.paragraph for c in result.citations}
    # A topic one paragraph mentions in passing ("aligned with the Revised Kyoto Convention", ¶86) is not discussed.
    assert not answer("What did the committee decide about revising the Kyoto Convention?", bundled_index).answerable


def test_a_decision_on_a_sub_item_is_a_decision_on_its_topic(bundled_index):
    # ¶106 never says "blockchain": it decides on "the concept paper" of sub-item IX a, whose title names it.
    result = answer("What was decided on blockchain?", bundled_index)
    assert result.mode == "decision"
    assert "took no decision" not in result.text
    assert "provided input on the outline/key topics covered by the concept paper" in result.text
    assert "provided guidance on the concept paper" in result.text
    assert "fragile borders" not in result.text


def test_every_statement_is_cited_and_every_quote_is_verbatim(dev_graded, bundled_index):
    for gold, result in dev_graded:
        if not result.answerable:
            continue
        assert result.statements, gold.id
        for st in result.statements:
            assert f"[¶{st.citation.paragraph}]" in result.text
            cited = bundled_index.paragraph(st.citation.doc, st.citation.paragraph)
            assert cited is not None
            if st.quote is not None:
                assert st.quote in st.text
                assert normalised(st.quote) in normalised(cited.text), (gold.id, st.quote)
            else:
                assert st.text.startswith("The PTC took no decision on ")
        assert set(result.citations) == {s.citation for s in result.statements}


def test_dev_gold_set_figures(dev_graded):
    # The answer metrics of `python -m eval` (eval.summary.answer_row), on the dev split.
    answerable = [(g, r) for g, r in dev_graded if g.answerable]
    unanswerable = [r for g, r in dev_graded if not g.answerable]
    # The v2 dev split (459 questions since q535-q684); floors just under the figures measured on it, so a
    # regression fails. Abstention fell from 0.92 on the first 280 to 0.78 with the 79 dev questions of q415-q534
    # and to 0.70 with the 100 of q535-q684: each batch was written after the rules, and the model is fitted to
    # answer 0.95 of all dev's answerable questions, harder ones included.
    assert mean([key_fact_recall(r.text, g.key_facts) for g, r in answerable]) >= 0.70
    assert mean([citation_precision([c.paragraph for c in r.citations], g.relevant, g.partial) for g, r in answerable]) >= 0.84
    assert mean([0.0 if r.answerable else 1.0 for r in unanswerable]) >= 0.68
    assert mean([1.0 if r.answerable else 0.0 for g, r in answerable]) >= 0.95


def test_unanswerable_question_abstains_and_shows_related_paragraphs(bundled_index):
    result = answer("What did the PTC decide on tobacco excise stamps?", bundled_index, k=5)
    assert not result.answerable and result.mode == "abstain"
    assert result.text.startswith(NOT_ANSWERED) and "Closest related paragraphs: ¶" in result.text
    assert result.citations == [] and len(result.hits) >= 5
    assert "### Related paragraphs" in result.to_markdown()


def test_hits_are_at_least_k_and_json_is_the_contract(bundled_index):
    result = answer("How many transactions went through the Section 321 Data Pilot?", bundled_index, k=12)
    data = result.to_json()
    assert len(data["hits"]) >= 12 and data["answerable"] is True
    assert "550 million" in data["answer"]
    assert data["citations"] == [{"doc": c.doc, "paragraph": c.paragraph, "label": c.ref} for c in result.citations]


def test_filters_restrict_the_evidence(bundled_index):
    result = answer("What was decided?", bundled_index, filters=Filters(items=frozenset({"VI"})))
    assert result.hits and all(h.paragraph.item == "VI" for h in result.hits)
    assert all(bundled_index.paragraph(c.doc, c.paragraph).item == "VI" for c in result.citations)
    only = answer("What did the PTC endorse?", bundled_index, filters=Filters(decisions_only=True))
    assert all(h.paragraph.decision for h in only.hits)


def test_bad_questions(bundled_index):
    with pytest.raises(QuestionError):
        answer("   ", bundled_index)
    long = answer("What did the PTC decide on de minimis? " + "x" * 2100, bundled_index)
    assert len(long.question) == 2000 and long.warnings[0].startswith("question cut to 2000 characters")


def test_llm_answer_is_used_when_configured(bundled_index):
    with FakeLLM() as fake:
        fake.reply = ("The U.S. de minimis threshold had been changed to 800 USD in 2016 [¶38]. "
                      "The PTC adopted a world-wide threshold of 10 USD [¶999].")
        result = answer("What is the de minimis threshold in the United States?", bundled_index, settings=fake.settings())
    assert result.mode == "llm" and result.citations == [Citation("PC0737E", 38)]
    assert result.text == "The U.S. de minimis threshold had been changed to 800 USD in 2016. [¶38]"
    assert any("¶999 is not among the retrieved paragraphs" in w for w in result.warnings)


@pytest.mark.parametrize("failure", ["error", "timeout"])
def test_llm_failure_falls_back_to_the_extractive_answer(bundled_index, failure):
    question = "What is the de minimis threshold in the United States?"
    with FakeLLM() as fake:
        fake.status, fake.delay_s = (500, 0.0) if failure == "error" else (200, 0.6)
        fake.reply = "The threshold was 800 USD [¶38]."
        result = answer(question, bundled_index, settings=fake.settings(timeout_s=0.2))
    plain = answer(question, bundled_index)
    assert result.mode == "extractive" and result.text == plain.text
    assert result.warnings and result.warnings[0].startswith("LLM unavailable, extractive answer shown instead:")


def test_citations_name_the_report_when_the_corpus_has_several():
    paragraphs = [
        para(38, "The de minimis threshold in the U.S. had been changed to 800 USD in 2016."),
        para(12, "Green customs were discussed at length by all delegates.", doc="PC0800E", item="VI", item_title="Green Customs"),
    ]
    index = FakeIndex(paragraphs, [meta("PC0737E", "PTC 241/242"), meta("PC0800E", "PTC 243/244")])
    result = answer("What was the de minimis threshold in the U.S. in 2016?", index, settings=Settings())
    assert isinstance(result, Answer) and result.answerable
    assert "[PTC 241/242 ¶38]" in result.text and "[¶38]" not in result.text


class CountingEmbedder:
    """The session model, counting the texts it is asked to encode."""

    def __init__(self, embedder) -> None:
        self.inner = embedder
        self.name, self.version, self.dim, self.max_tokens = embedder.name, embedder.version, embedder.dim, embedder.max_tokens
        self.encoded: list[str] = []

    def encode(self, texts, **kwargs):
        self.encoded.extend(texts)
        return self.inner.encode(texts, **kwargs)


def test_the_question_is_encoded_once(bundled_index_dir, embedder):
    counting = CountingEmbedder(embedder)
    index = Index.load(bundled_index_dir, embedder=counting)
    result = answer("What did the PTC decide on de minimis?", index)
    assert result.answerable and result.hits
    assert len(counting.encoded) == 1 and "de minimis" in counting.encoded[0]


# The seven kinds of failure, each with wording no gold file uses.


def cited(result) -> list[int]:
    return [c.paragraph for c in result.citations]


def test_kind1_a_question_sharing_few_words_is_answered_from_the_right_paragraph(bundled_index):
    result = answer("What did Thailand present?", bundled_index)
    assert result.answerable and cited(result) == [80] and "Bangkok Goals" in result.text
    japan = answer("What did the Japanese delegates tell the meeting about hosting the postal conference?", bundled_index)
    assert japan.answerable and 9 in cited(japan)


@pytest.mark.parametrize(
    ("question", "conclusion", "point"),
    [
        ("How did the committee respond to the proposal on return-refill containers?", 84, "endorsed the Secretariat's proposed work"),
        ("What action did the PTC take on the GNC Handbook?", 36, "review of the GNC-related instruments"),
        ("What position did the committee take on the resilience definition?", 120, "Glossary of Customs terms"),
        ("Did the committee back the blockchain concept paper?", 106, "concept paper"),
        ("What was agreed about the Time Release Study Guide?", 149, "TRS Guide"),
    ],
)
def test_kind2_decisions_in_any_phrasing_go_to_the_items_conclusion(bundled_index, question, conclusion, point):
    result = answer(question, bundled_index)
    assert result.mode == "decision" and cited(result)[0] == conclusion and point in result.text


def test_kind3_a_fact_voiced_in_the_discussion_is_not_answered_with_the_conclusion(bundled_index):
    result = answer("What did China say about greening WCO instruments?", bundled_index)
    assert result.mode == "extractive" and cited(result)[0] == 71 and 84 not in cited(result)
    doubts = answer("What did delegates think of reviewing the GNC in a mini-group?", bundled_index)
    assert doubts.mode == "extractive" and 36 not in cited(doubts)


def test_kind4_a_near_miss_says_the_detail_is_not_stated(bundled_index):
    result = answer("What is the de minimis threshold in Canada?", bundled_index)
    assert not result.answerable and result.mode == "partial"
    assert "but does not state it for Canada" in result.text and "de minimis" in result.text
    assert answer("Which body did the Enforcement Committee report to on drug trafficking?", bundled_index).answerable is False


def test_a_foreign_bodys_own_proceedings_abstain_a_body_the_report_names_is_a_constraint(bundled_index):
    own = answer("What did the Finance Committee approve regarding new working bodies?", bundled_index)
    assert not own.answerable and "do not record the proceedings of the Finance Committee" in own.text
    named = answer("In what year did the Council and the Policy Commission close the TFA working group?", bundled_index)
    assert named.answerable and cited(named)[0] == 91 and "2021" in named.text


def test_kind5_a_list_question_over_an_item_returns_every_presenter(bundled_index):
    result = answer("Which Members gave presentations under item V?", bundled_index)
    assert result.mode == "list" and cited(result) == [38, 46, 51, 54, 59]


def test_kind6_a_topic_briefing_leads_with_the_decision_then_one_line_per_presentation(bundled_index):
    result = answer("Brief me on e-commerce", bundled_index)
    assert result.mode == "briefing" and cited(result)[0] == 68
    assert {38, 46, 51, 54, 59} <= set(cited(result))


def test_kind7_a_country_adjective_answers_which_country(bundled_index):
    result = answer("Which country abolished its de minimis threshold?", bundled_index)
    assert result.answerable and cited(result)[0] == 54 and "Norwegian Customs" in result.text
    assert 45 not in cited(result)  # ¶45's U.S. aside on de minimis names a country but not who abolished it


def test_copies_of_one_text_are_kept_once_so_neighbours_stay_in_the_hit_list():
    from qa.pipeline import distinct_texts
    from tests.qa_fakes import FakeHit

    copies = [FakeHit(para(40, "The speaker presented the  Section 321 pilot.", doc=f"C{i:03d}"), 0.9, 1, 1, 1) for i in range(8)]
    others = [FakeHit(para(n, f"Paragraph {n} text.", doc="C000"), 0.5, 1, 1, 1) for n in (38, 39)]
    kept = distinct_texts(copies + others, 3)
    assert [(h.paragraph.doc, h.paragraph.number) for h in kept] == [("C000", 40), ("C000", 38), ("C000", 39)]
    assert distinct_texts(copies, 5) == copies[:1]


def test_more_hits_are_asked_for_while_copies_crowd_the_distinct_ones_out():
    from qa.pipeline import distinct_hits
    from tests.qa_fakes import FakeHit

    # 40 copies of each of 12 texts, ranked copy by copy: the first 30 hits hold only one text.
    ranked = [FakeHit(para(n, f"Paragraph {n} text.", doc=f"C{c:03d}"), 1.0, 1, 1, 1) for n in range(1, 13) for c in range(40)]
    asked = []

    def search(n):
        asked.append(n)
        return ranked[:n]

    kept = distinct_hits(search, 10)
    assert [h.paragraph.number for h in kept] == list(range(1, 11)) and asked == [30, 120, 480]
    assert len(distinct_hits(lambda n: ranked[:40], 10)) == 1  # the index holds no more: what there is


def test_a_report_indexed_twice_still_answers_from_its_neighbouring_paragraphs(tmp_path, embedder, bundled_report_path):
    from dataclasses import replace as replace_record

    from index.build import update_reports
    from ingest import read_report

    report = read_report(bundled_report_path)
    copy = replace_record(report.meta, id="PC0737E-COPY", code="PC0737E-COPY", short_name="PTC copy",
                          file_name="copy.md", content_hash="1" * 64)
    twin = type(report)(copy, report.agenda, [replace_record(p, doc=copy.id) for p in report.paragraphs], [])
    update_reports([report, twin], tmp_path / "idx", embedder=embedder, progress=False)
    index = Index.load(tmp_path / "idx", embedder=embedder)
    result = answer("What did the PTC decide on de minimis?", index, k=10)
    texts = [" ".join(h.paragraph.text.split()) for h in result.hits]
    assert len(texts) == len(set(texts)) >= 10
    assert any(c.paragraph == 68 for c in result.citations)


def test_a_list_answers_elements_lead_the_hits_in_retrieval_order_a_briefing_keeps_its_own():
    from qa.pipeline import structured_hits
    from tests.qa_fakes import FakeHit

    hits = [FakeHit(para(n, f"Paragraph {n} text."), 0.5, 1, 1, 1.0 - n / 100) for n in (7, 3, 9, 5)]
    cited = [para(5, "Paragraph 5 text."), para(3, "Paragraph 3 text."), para(12, "Paragraph 12 text.")]
    # A list's elements are peers: the best-ranked first, one retrieval missed after them, then the rest.
    assert [h.paragraph.number for h in structured_hits(hits, cited, by_rank=True)] == [3, 5, 12, 7, 9]
    # A briefing leads with what it quotes first (the item's conclusion).
    assert [h.paragraph.number for h in structured_hits(hits, cited)] == [5, 3, 12, 7, 9]


def test_a_two_part_question_cites_the_presentation_and_the_reaction(bundled_index):
    result = answer("What did the Secretariat say about fragile borders technology, and how did delegates respond?", bundled_index)
    assert result.answerable and cited(result)[0] == 100 and 101 in cited(result)
    assert "Delegates congratulated the Secretariat" in result.text


def test_each_country_a_question_names_gets_its_own_sentence(bundled_index):
    result = answer("What did Türkiye and Norway explain about collecting revenue from online sales?", bundled_index)
    assert result.answerable and {53, 58} <= set(cited(result))
    assert "Delegate of Norway explained" in result.text and "Türkiye Customs" in result.text


def test_a_roster_naming_every_asked_country_does_not_answer_for_each(bundled_index):
    # Kind 3: ¶68's conclusion point lists the presenters (Norway and Indonesia among them); the question asks what each said.
    result = answer("What did Norway and Indonesia tell the meeting about e-commerce revenue?", bundled_index)
    assert result.answerable and 68 not in cited(result) and "Norway" in result.text and "Indonesian Customs" in result.text


def test_a_part_of_a_question_naming_an_item_is_answered_from_that_item(bundled_index):
    # Retrieval ranks item I's mention of item XIII (¶5) first; what became of other proposals is ¶140, under item XIII.
    result = answer("How did the Chair open item XIII, and what became of the other proposals?", bundled_index)
    assert result.answerable and 140 in cited(result)
    assert "for consideration for the next meeting" in result.text


def test_a_part_asking_where_they_took_place_stays_with_what_the_answer_found(bundled_index):
    # "they" are the conferences of ¶8 and ¶10 (each names its venue); ¶13, a delegate's praise two paragraphs on, is not where.
    result = answer("Which conferences did the Secretariat report on, and where did they take place?", bundled_index)
    assert result.answerable and {8, 10} <= set(cited(result)) <= {8, 9, 10, 11}
    assert "Tokyo" in result.text and "Ha Noi" in result.text


def test_each_office_holder_is_answered_from_the_paragraph_where_they_act(bundled_index):
    # ¶150 opens with the Secretary General's closing remarks; ¶151 (the Chairperson thanking him) and ¶152 (the
    # Director thanking him) only name him. Each party's line comes from the paragraph whose subject it is.
    result = answer("What did the Secretary General and the Chairperson say at the end of the meeting?", bundled_index)
    assert result.answerable and set(cited(result)) == {150, 151}
    assert "In his closing remarks, the Secretary General" in result.text


def test_parts_asked_of_several_parties_are_told_from_parts_asking_different_things():
    from qa.extractive import coordinates_parties

    assert coordinates_parties(["What did delegates say about the note", "What did an observer say about the note"])
    assert not coordinates_parties(["What did the Secretariat report on the pilot", "how did delegates react"])
    assert not coordinates_parties(["How does Türkiye ease costs under its SCD", "How does Türkiye encourage women in e-commerce"])


def test_a_second_part_sharing_the_first_ones_paragraph_is_answered_from_the_next_one(bundled_index):
    # Both parts lean on ¶147 (the plan); how contributions are collected is in ¶148.
    result = answer("What did the Secretariat plan for the Time Release Study handbook, and how does it intend to collect contributions?", bundled_index)
    assert result.answerable and cited(result)[:2] == [147, 148]
    assert "reach out to Members" in result.text


def test_a_sentence_announcing_two_workstreams_is_quoted_with_both(bundled_index):
    # ¶100 announces "the two main workstreams", then spells them out as "The first ..." and "The second workstream ...".
    result = answer("What were the two lines of technology work for insecure borderlands?", bundled_index)
    assert result.answerable and cited(result) == [100]
    assert "protection of personnel and infrastructure" in result.text and "development of intelligence" in result.text


def test_an_open_question_is_answered_by_the_sentences_about_what_it_asks_for(bundled_index):
    # ¶47 holds the reform's "solutions"; ¶46 introduces the presentation and names the reform more often.
    result = answer("Which solutions did the Commission put forward in its customs reform for distance sales?", bundled_index)
    assert result.answerable and cited(result) == [47]
    assert "EU Customs Data Hub" in result.text


def test_a_part_asking_what_comes_next_is_answered_from_the_paragraph_printed_after(bundled_index):
    # ¶147 gives the reason; ¶148, printed after it, says how input will be gathered (¶149 is the conclusion).
    result = answer("What is the reason for refreshing the TRS Guide, and how will the Secretariat gather input for it?", bundled_index)
    assert result.answerable and cited(result) == [147, 148]
    assert "reach out to Members" in result.text
