"""Tests of eval.answerability_probe: the e5 features, the question's focus, the sentence table and the paired comparison of variants."""
from __future__ import annotations

import numpy as np
import pytest

from eval.answerability_probe import Material, compare, e5_features, focus_text, material, sentence_table
from index.query import Query


def unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_the_focus_is_the_question_without_its_topic_words():
    query = Query(text="Which city hosted the e-waste workshop?", topic="the e-waste workshop")
    assert focus_text(query.text, query) == "Which city hosted ?"
    assert focus_text("Bangkok Goals", Query(text="Bangkok Goals", topic="Bangkok Goals")) == "Bangkok Goals"  # nothing left: the question


def test_e5_features_read_the_best_sentence_of_each_group_and_zero_for_an_empty_one():
    vectors = np.stack([unit(1, 0, 0), unit(1, 1, 0), unit(0, 0, 1), unit(0, 1, 0)])
    m = Material(question=unit(1, 0, 0), focus=unit(0, 1, 0), top=(0, 1, 2), cited=(1, 3), stating=())
    got = e5_features(m, vectors)
    assert got["e5_sentence"] == pytest.approx(1.0)  # row 0, among the top sentences only
    assert got["e5_cited"] == pytest.approx(2 ** -0.5)  # row 1: row 0 is not quoted
    assert got["e5_focus"] == pytest.approx(1.0)  # row 3 against the focus
    assert got["e5_detail"] == 0.0  # no top sentence states the detail


def labelled(n: int = 100, seed: int = 3) -> tuple[dict[str, np.ndarray], np.ndarray]:
    rng = np.random.default_rng(seed)
    y = np.array([1] * (n * 4 // 5) + [0] * (n // 5))
    rng.shuffle(y)
    weak = y + rng.normal(scale=1.2, size=n)  # overlaps: some unanswerable questions pass at answered >= 0.95
    strong = y + rng.normal(scale=0.2, size=n)
    return {"weak": weak, "strong": strong, "noise": rng.normal(size=n)}, y


def test_compare_pairs_each_variant_with_the_first_variant_shuffle_by_shuffle():
    columns, y = labelled()
    variants = {"weak": (("weak",), ()), "weak + strong": (("weak", "strong"), ()), "weak + noise": (("weak", "noise"), ())}
    first, better, same = compare(columns, y, variants, repeats=3)
    assert [c.name for c in (first, better, same)] == list(variants)
    assert len(first.per_run) == 3 and not first.gain.any()
    assert better.pooled.abstain_unanswerable > first.pooled.abstain_unanswerable
    assert better.gain.min() > 0  # every shuffle, not only pooled
    expected = [r.abstain_unanswerable - f.abstain_unanswerable for r, f in zip(better.per_run, first.per_run)]
    assert better.gain == pytest.approx(expected)
    assert all(c.pooled.answer_answerable >= 0.95 for c in (first, better, same))
    assert first.later is None


def test_compare_fits_on_the_first_rows_and_scores_the_later_ones():
    columns, y = labelled()
    (plain, better) = compare(columns, y, {"weak": (("weak",), ()), "strong": (("strong",), ())}, repeats=2, fit_first=60)
    assert plain.later is not None and better.later is not None
    assert better.later.abstain_unanswerable > plain.later.abstain_unanswerable
    assert better.later.accuracy > 0.9


def test_a_variant_s_hard_checks_are_applied_and_a_learned_check_is_only_a_feature():
    columns, y = labelled()
    columns["check"] = np.ones(len(y))
    columns["check"][np.flatnonzero(y == 1)[::3]] = 0.0  # a check that fails a third of the answerable questions
    (soft, hard) = compare(columns, y, {"soft": (("weak", "check"), ()), "hard": (("weak", "check"), ("check",))}, repeats=2)
    assert soft.pooled.answer_answerable >= 0.95  # learned: weighed, and the threshold still answers enough
    # hard: a failed check abstains whatever the threshold, so answering 95% takes a threshold at 0, which abstains on nothing
    assert hard.pooled.abstain_unanswerable == 0.0 < soft.pooled.abstain_unanswerable


class FakeE5:
    """Encodes a text as a fixed random unit vector of its words (the real model takes a minute on the corpus)."""

    def encode_query(self, text: str) -> np.ndarray:
        rng = np.random.default_rng(abs(hash(text)) % 2**32)
        return unit(*rng.normal(size=8))


def test_material_names_the_sentences_of_the_top_paragraphs_the_quotes_and_those_stating_the_detail(bundled_index):
    from qa.answer_type import holds
    from qa.pipeline import compose, prepare
    from settings import Settings

    sentences, offsets = sentence_table(bundled_index)
    assert len(offsets) == len(bundled_index.paragraphs) + 1 and offsets[-1] == len(sentences)
    row = len(bundled_index.paragraphs) // 2
    para = bundled_index.paragraphs[row]
    assert sentences[offsets[row] : offsets[row + 1]] == bundled_index.sentences(para.doc, para.ref)

    ctx = prepare("How many Member administrations attended the sessions?", bundled_index, Settings())
    statements, _ = compose(ctx)
    m = material(ctx, statements, offsets, sentences, FakeE5())
    assert m.cited and set(m.cited) <= set(range(len(sentences)))
    assert all(any(s.quote and (s.quote in sentences[i] or sentences[i] in s.quote) for s in statements) for i in m.cited)
    tops = {bundled_index.row(h.paragraph.doc, h.paragraph.ref) for h in ctx.hits[:5]}
    assert {next(r for r in tops if offsets[r] <= i < offsets[r + 1]) for i in m.top} == tops
    assert m.stating and set(m.stating) <= set(m.top)
    asked = ctx.query.detail
    assert asked == "count" and set(m.stating) == {i for i in m.top if holds(asked, sentences[i], ctx.query)} != set(m.top)
    assert m.question.shape == m.focus.shape == (8,) and not np.allclose(m.question, m.focus)


def test_a_fit_first_beyond_the_dev_split_is_one_line_naming_the_option(bundled_index_dir, capsys):
    from eval.answerability_probe import main

    assert main(["--index", str(bundled_index_dir), "--fit-first", "100000"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("answerability_probe: --fit-first 100000: the dev split has ") and "\n" not in err


@pytest.mark.parametrize("option", ["--fit-before", "--unseen-from"])
def test_the_first_later_row_is_named_by_fit_before_or_its_old_spelling(bundled_index_dir, capsys, option):
    from eval.answerability_probe import main

    # An id of no dev row stops the script before the e5 model loads (one line naming the option).
    assert main(["--index", str(bundled_index_dir), option, "nope"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "answerability_probe: --fit-before nope: no dev row has this id"
