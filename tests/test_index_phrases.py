"""Tests of index.phrases: a question's noun phrases, ended by its verbs and possessives."""
from __future__ import annotations

from index.phrases import noun_phrases
from index.query import normalise_query
from vocabulary import vocabulary


def test_noun_phrases_end_at_verbs_and_possessives():
    cases = {
        "How much money did the Dutch Government give for the Green Customs conference?": (
            "money", "the Dutch Government", "the Green Customs conference"
        ),
        "How many parcels did the EU process under the new import scheme in 2023?": ("parcels", "the EU", "the new import scheme in 2023"),
        "Where will the drafting group on port security hold its next meeting?": ("the drafting group on port security", "the next meeting"),
        "Where was the Conference on Border Data held?": ("the Conference on Border Data",),
        "What is Peru's ceiling for low-value shipments?": ("Peru", "the ceiling for low-value shipments"),
        "How much does satellite tracking of containers cost?": ("satellite tracking of containers",),
        "Who will chair the updated guidance review?": ("the updated guidance review",),
    }
    for question, phrases in cases.items():
        assert noun_phrases(normalise_query(question), vocabulary()) == phrases, question


def test_measured_names_what_a_detail_question_counts_measures_or_dates():
    from index.phrases import measured

    vocab = vocabulary()
    cases = {
        ("How many freight forwarders joined the Lima trial?", "count"): ("forwarders", "joined"),  # "the trial was joined by 12"
        ("How many online platforms participate in the trial?", "count"): ("platforms",),  # "participate" is no noun
        ("How many people took part in the seminar?", "count"): ("people",),  # "took" is a light verb
        ("How many of them attended?", "count"): (),
        ("What share of the Kenyan Customs workforce is female?", "share"): ("workforce",),
        ("What percentage of parcels arrive by post?", "share"): ("parcels",),
        ("What is the de minimis threshold in Peru?", "amount"): ("threshold",),
        ("What is the total value of goods cleared under the scheme?", "amount"): ("goods",),
        ("How much extra revenue did Peru collect?", "money"): ("revenue",),
        ("How much did the survey cost?", "money"): (),  # a verb alone is said in too many ways
        ("When is the next drafting group meeting?", "date"): ("meeting",),
        ("When will the drafting group hold its second meeting?", "date"): ("meeting",),
        ("In which year did Peru adopt its new Customs Act?", "year"): ("adopt", "act"),
        ("When was the guide finalized?", "date"): ("finalized", "guide"),
        ("When was it adopted?", "date"): (),
        ("Who chaired the seminar?", "person"): (),
    }
    for (question, detail), words in cases.items():
        assert measured(normalise_query(question), detail, vocab) == words, question


def test_measured_adds_the_glossary_form_of_an_acronym():
    from index.phrases import measured

    vocab = vocabulary()
    assert measured("How many AEOs were embedded?", "count", vocab, ("Authorized Economic Operators",)) == ("aeos", "operators")
    assert measured("How many Authorized Economic Operators were embedded?", "count", vocab, ("AEO",)) == ("operators", "aeo")
