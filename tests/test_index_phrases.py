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
