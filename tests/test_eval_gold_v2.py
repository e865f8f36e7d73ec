"""Validates the 684-question gold set eval/gold/ptc_241_242_v2.jsonl against its schema and the bundled report."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from eval.gold import load_gold

GOLD_DIR = Path(__file__).resolve().parent.parent / "eval" / "gold"
GOLD = GOLD_DIR / "ptc_241_242_v2.jsonl"
FIRST_SET = GOLD_DIR / "ptc_241_242.jsonl"
FIELDS = {"id", "question", "type", "relevant", "partial", "answer", "key_facts", "item", "split"}
OPTIONAL = {"missing", "probe"}
MIN_PER_TYPE = {
    "decision": 30,
    "factual": 30,
    "paraphrase": 30,
    "acronym": 30,
    "who": 30,
    "multi": 30,
    "unanswerable": 30,
    "list": 30,
    "briefing": 30,
    "near_miss": 40,
}
# Questions per type and split (the table in eval/gold/README.md); adding questions at the end updates both.
COUNTS = {
    "decision": (51, 25),
    "factual": (48, 24),
    "paraphrase": (52, 25),
    "acronym": (32, 15),
    "who": (37, 18),
    "multi": (44, 22),
    "unanswerable": (44, 21),
    "list": (42, 21),
    "briefing": (33, 16),
    "near_miss": (76, 38),
}
# The batch q535-q684 (eval/gold/README.md): its types as documented, weighted towards near misses.
LATEST_BATCH = ("q535", "q684")
LATEST_COMPOSITION = {
    "near_miss": 30,
    "paraphrase": 20,
    "unanswerable": 20,
    "multi": 16,
    "list": 14,
    "decision": 14,
    "factual": 10,
    "who": 10,
    "briefing": 8,
    "acronym": 8,
}
ABSTAIN = {"unanswerable", "near_miss"}
MISSING_KINDS = {"amount", "number", "date", "year", "person", "country", "place", "name", "event"}
NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI")

# Words a paraphrase may share with its paragraph: function words and question scaffolding only.
STOP = set(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my no nor not now
    of off on once only or other our out over own same she should so some such than that the their them
    then there these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yes s t""".split()
)

# Decision phrasings the set must cover (issue 11 asks for at least ten distinct ones).
DECISION_PHRASINGS = {
    "decide": r"\bdecid(e|ed)\b",
    "respond": r"\bhow did the (committee|ptc) respond\b",
    "action": r"\bwhat action did\b",
    "position": r"\bwhat position did\b",
    "back": r"\bdid the (committee|ptc) back\b",
    "agreed": r"\bwhat was agreed\b",
    "outcome": r"\bwhat was the outcome\b",
    "conclude": r"\bconclu(de|ded|sion)\b",
    "land": r"\bwhere did the (committee|ptc) land\b",
    "settle": r"\bsettle(d)? on\b",
    "endorse": r"\bendorse(d)?\b",
    "verdict": r"\bverdict\b",
}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    """The gold questions, one dict per JSON line (blank lines are not allowed)."""
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def report(bundled_report):
    """Paragraph number -> Paragraph of the bundled report."""
    return {p.number: p for p in bundled_report.paragraphs}


@pytest.fixture(scope="module")
def texts(report) -> dict[int, str]:
    """Printed paragraph number -> lower-cased clean text of the bundled report."""
    return {n: p.text.lower() for n, p in report.items()}


def content_words(text: str) -> set[str]:
    """Lower-cased words of `text` outside the stop list."""
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")) if w not in STOP}


def same_word(a: str, b: str) -> bool:
    """Whether two words count as one: same first five letters ("borders"/"border", "traveller"/"travel"),
    or the shorter (three letters or more) starts the longer ("tax"/"taxes")."""
    short, long_ = sorted((a, b), key=len)
    return a[:5] == b[:5] or (len(short) >= 3 and long_.startswith(short))


def shared_words(question: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    """Pairs (question word, paragraph word) that count as the same content word."""
    text_words = set().union(*(content_words(p) for p in paragraphs))
    return sorted((q, w) for q in content_words(question) for w in text_words if same_word(q, w))


def test_the_loader_accepts_the_file(gold):
    assert len(load_gold(GOLD)) == len(gold)


def test_every_row_has_the_documented_fields_with_the_right_types(gold):
    for row in gold:
        assert FIELDS <= set(row) <= FIELDS | OPTIONAL, row.get("id")
        assert isinstance(row["id"], str) and re.fullmatch(r"q\d{3}", row["id"]), row["id"]
        assert isinstance(row["question"], str) and row["question"].strip(), row["id"]
        assert isinstance(row["answer"], str) and row["answer"].strip(), row["id"]
        assert row["type"] in MIN_PER_TYPE, row["id"]
        assert row["split"] in ("dev", "holdout"), row["id"]
        assert row["item"] is None or row["item"] in NUMERALS, row["id"]
        for name in ("relevant", "partial"):
            assert all(type(n) is int for n in row[name]), (row["id"], name)
            assert len(set(row[name])) == len(row[name]), (row["id"], name)
        assert all(isinstance(k, str) and k.strip() for k in row["key_facts"]), row["id"]
        assert ("missing" in row) == (row["type"] == "near_miss"), row["id"]
        if "probe" in row:
            assert type(row["probe"]) is int and 1 <= row["probe"] <= 7, row["id"]


def test_the_first_set_is_copied_unchanged_at_the_top(gold):
    first = [json.loads(line) for line in FIRST_SET.read_text(encoding="utf-8").splitlines()]
    assert gold[: len(first)] == first


def test_new_ids_continue_the_numbering(gold):
    assert [row["id"] for row in gold] == [f"q{n:03d}" for n in range(1, len(gold) + 1)]


def test_questions_are_unique(gold):
    questions = [re.sub(r"\W+", " ", row["question"].lower()).strip() for row in gold]
    assert [q for q, n in Counter(questions).items() if n > 1] == []


def test_size_and_minimum_count_per_type(gold):
    assert len(gold) >= 300
    counts = Counter(row["type"] for row in gold)
    for kind, minimum in MIN_PER_TYPE.items():
        assert counts[kind] >= minimum, (kind, counts[kind])


def test_counts_per_type_and_split_match_the_readme_table(gold):
    counts = Counter((row["type"], row["split"]) for row in gold)
    assert {kind: (counts[kind, "dev"], counts[kind, "holdout"]) for kind in MIN_PER_TYPE} == COUNTS
    assert len(gold) == sum(dev + held for dev, held in COUNTS.values()) == 684


def test_split_holds_out_every_third_question_of_each_type(gold):
    seen: Counter = Counter()
    for row in gold:
        position = seen[row["type"]]
        seen[row["type"]] += 1
        assert row["split"] == ("holdout" if position % 3 == 2 else "dev"), row["id"]


def test_at_least_a_quarter_of_every_type_is_held_out(gold):
    for kind in MIN_PER_TYPE:
        rows = [row for row in gold if row["type"] == kind]
        held = sum(row["split"] == "holdout" for row in rows)
        assert held / len(rows) >= 0.25, (kind, held, len(rows))


def test_paragraphs_exist_and_relevant_is_disjoint_from_partial(gold, texts):
    for row in gold:
        for n in row["relevant"] + row["partial"]:
            assert n in texts, (row["id"], n)
        assert not set(row["relevant"]) & set(row["partial"]), row["id"]


def test_abstaining_questions_have_nothing_to_cite_and_others_do(gold):
    for row in gold:
        if row["type"] in ABSTAIN:
            assert row["relevant"] == [] and row["key_facts"] == [] and row["item"] is None, row["id"]
        else:
            assert row["relevant"], row["id"]
            most = 8 if row["type"] in ("list", "briefing") else 3
            assert 1 <= len(row["key_facts"]) <= most, row["id"]


def test_near_misses_name_the_topic_and_the_missing_detail(gold):
    for row in gold:
        if row["type"] == "near_miss":
            assert row["partial"], row["id"]
            assert row["missing"] in MISSING_KINDS, row["id"]


def test_dev_near_misses_cover_every_missing_kind(gold):
    # The answerability model is fitted on dev: every kind of absent detail must be there to learn from.
    kinds = Counter(row["missing"] for row in gold if row["type"] == "near_miss" and row["split"] == "dev")
    assert all(kinds[kind] >= 4 for kind in MISSING_KINDS), kinds


def test_every_key_fact_occurs_in_a_relevant_paragraph(gold, texts):
    missing = [
        (row["id"], fact)
        for row in gold
        for fact in row["key_facts"]
        if not any(fact.lower() in texts[n] for n in row["relevant"])
    ]
    assert missing == []


def test_key_facts_avoid_curly_quotes(gold):
    for row in gold:
        for fact in row["key_facts"]:
            assert not set(fact) & set("‘’“”"), (row["id"], fact)


def test_item_matches_the_agenda_item_of_every_relevant_paragraph(gold, report):
    for row in gold:
        if row["item"] is not None:
            for n in row["relevant"]:
                assert report[n].item == row["item"], (row["id"], n, report[n].item)


def test_multi_and_list_questions_need_several_paragraphs_or_facts(gold):
    for row in gold:
        if row["type"] == "multi":
            assert len(row["relevant"]) >= 2, row["id"]
        if row["type"] == "list":
            assert len(row["relevant"]) >= 2 or len(row["key_facts"]) >= 2, row["id"]


def test_decision_questions_cite_a_conclusion_paragraph(gold, report):
    for row in gold:
        if row["type"] == "decision":
            assert any(report[n].decision for n in row["relevant"]), row["id"]


def test_briefings_cite_the_item_conclusion_and_more(gold, report):
    conclusion = {p.item: n for n, p in report.items() if p.decision}
    for row in gold:
        if row["type"] == "briefing":
            assert row["item"] is not None and len(row["relevant"]) >= 2, row["id"]
            if row["item"] in conclusion:
                assert conclusion[row["item"]] in row["relevant"], row["id"]


def test_every_item_has_a_briefing(gold):
    items = {row["item"] for row in gold if row["type"] == "briefing"}
    assert items == set(NUMERALS)


def test_the_word_check_sees_shared_words_in_the_first_sets_paraphrases(gold, texts):
    first = [row for row in gold[:125] if row["type"] == "paraphrase"]
    assert all(shared_words(row["question"], [texts[n] for n in row["relevant"]]) for row in first)


def test_new_paraphrases_share_no_content_word_with_their_paragraphs(gold, texts):
    first = len(FIRST_SET.read_text(encoding="utf-8").splitlines())
    shared = {}
    for row in gold[first:]:
        if row["type"] == "paraphrase":
            common = shared_words(row["question"], [texts[n] for n in row["relevant"]])
            if common:
                shared[row["id"]] = common
    assert shared == {}


def test_decision_questions_come_in_at_least_ten_phrasings(gold):
    questions = [row["question"].lower() for row in gold if row["type"] == "decision"]
    used = {name for name, pattern in DECISION_PHRASINGS.items() if any(re.search(pattern, q) for q in questions)}
    assert len(used) >= 10, sorted(set(DECISION_PHRASINGS) - used)


def test_every_failure_kind_of_issue_11_has_probes(gold):
    kinds = Counter(row["probe"] for row in gold if "probe" in row)
    assert sum(kinds.values()) >= 15
    assert all(kinds[k] >= 2 for k in range(1, 8)), kinds


def test_every_paragraph_is_relevant_to_some_question(gold, texts):
    cited = {n for row in gold for n in row["relevant"]}
    assert set(texts) - cited == set()


def test_the_latest_batch_has_the_documented_composition(gold):
    batch = [row for row in gold if LATEST_BATCH[0] <= row["id"] <= LATEST_BATCH[1]]
    assert Counter(row["type"] for row in batch) == LATEST_COMPOSITION
    # Every kind of absent detail at least three times, and decisions mostly asked without "decide".
    kinds = Counter(row["missing"] for row in batch if row["type"] == "near_miss")
    assert set(kinds) == MISSING_KINDS and min(kinds.values()) >= 3, kinds
    decide = [row["id"] for row in batch if row["type"] == "decision" and re.search(r"\bdecid", row["question"].lower())]
    assert len(decide) <= 2, decide
