"""Tests for index.decision_frame: question frames, and decision questions recognised in wordings the rules miss."""
from dataclasses import replace

import pytest

from index import Index
from index.decision_frame import question_frame, title_stems
from index.query import parse_query
from index.text import tokenize
from settings import DecisionFrames, RankingConfig, load_decision_frames

# Written for these tests (in no gold file, and not among the frames the classifier is fitted on).
NEW_WORDINGS = [
    "How did the PTC come down on the proposal about the passenger facilitation working group?",
    "Did the PTC okay the AEO implementation guidance?",
    "What was the committee's answer to the GNC review proposal?",
    "Where did the committee land on the interconnectivity framework?",
    "Did the PTC put its weight behind the inclusiveness and gender equality work?",
    "What course did the Committee set for the e-commerce package review?",
]
# A topic the reports discuss, and a fact or an opinion voiced under it (issue 11, kind 3).
FACTS_UNDER_A_TOPIC = [
    "During the Green Customs item, what did Norway say about plastic waste?",
    "What did the EU delegate argue on low-value consignments?",
    "What problems with the transit regime did landlocked countries highlight?",
    "What technology was showcased in the security presentation?",
    "In the discussion on passenger facilitation, which airline body spoke?",
    "What worries did delegates voice about the e-waste pilot?",
]


def test_frame_masks_the_topic_and_keeps_the_asking():
    # Capitalised names and acronyms, item numerals and countries are topic; decision and discussant words are not.
    assert question_frame("What did delegates settle on regarding the SAFE Framework?") == "What did delegates settle on regarding the X?"
    assert question_frame("What was the final word on item V?") == "What was the final word on item X?"
    assert question_frame("Which figure did Norway quote for parcels?", {"parcel"}) == "Which figure did X quote for X?"
    # Words of the reports' titles are topic even in lower case; the question's own words stay.
    stems = set(tokenize("e-commerce passenger data"))
    assert question_frame("What came of the discussion on e-commerce?", stems) == "What came of the discussion on X?"
    assert question_frame("Which way did the committee go on the passenger data item?", stems) == "Which way did the committee go on the X item?"
    # A body's name is how a decision question asks, not its topic.
    assert question_frame("Did the PTC endorse the new Guide?") == "Did the PTC endorse the new X?"


def test_frames_of_one_wording_meet_whatever_the_titled_topic(bundled_index):
    stems = title_stems(bundled_index.catalogue)
    frames = {question_frame(f"What did the PTC decide on {topic}?", stems) for topic in ("passenger facilitation", "e-commerce", "security")}
    assert frames == {"What did the PTC decide on X?"}
    # A topic no title names stays in the frame (a limit of the masking: the reports' text is not read).
    assert question_frame("What did the PTC decide on de minimis?", stems) == "What did the PTC decide on de minimis?"


def test_the_fitted_model_ships_for_the_configured_model(bundled_index):
    frames = load_decision_frames()
    assert frames.weights and len(frames.weights) == bundled_index.embedder.dim
    assert frames.model == bundled_index.embedder.name and 0.0 < frames.threshold < 1.0


@pytest.mark.parametrize("question", NEW_WORDINGS)
def test_decision_questions_in_new_wordings_are_recognised(bundled_index, question):
    assert not parse_query(question, bundled_index.catalogue).decision  # the rules alone miss it
    query = bundled_index.parse(question)
    assert query.decision and query.kind == "decision", (query.kind, question)


@pytest.mark.parametrize("question", FACTS_UNDER_A_TOPIC)
def test_facts_asked_under_a_topic_are_not_routed_to_a_decision(bundled_index, question):
    query = bundled_index.parse(question)
    assert not query.decision and query.kind != "decision", (query.kind, question)


def test_without_a_fitted_model_the_rules_decide(bundled_index_dir, embedder):
    question = NEW_WORDINGS[0]
    empty = Index.load(bundled_index_dir, embedder=embedder, ranking=RankingConfig(decision_frames=DecisionFrames()))
    assert not empty.parse(question).decision
    # Weights fitted on another model's vectors are not applied to this one's.
    other = replace(load_decision_frames(), model="another-model")
    assert not Index.load(bundled_index_dir, embedder=embedder, ranking=RankingConfig(decision_frames=other)).parse(question).decision
    # Text alone (no index, no model): the rules.
    assert not parse_query(question).decision


def test_other_languages_keep_the_rules(bundled_index):
    assert not bundled_index.parse(NEW_WORDINGS[1], language="fr").decision
