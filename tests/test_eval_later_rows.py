"""Tests for eval.later_rows: the --fit-before option, its old spellings, and the split of gold rows into earlier and later dev rows."""
import argparse

import pytest

from eval.gold import GoldQuestion
from eval.later_rows import LaterRowsError, Split, add_option, from_args, split

ROWS = [
    {"id": "q001", "split": "dev"},
    {"id": "q002", "split": "holdout"},
    {"id": "q004", "split": "dev"},
    {"id": "q010", "split": "dev"},
    {"id": "q011", "split": "holdout"},
    {"id": "q099", "split": "dev"},  # after q010 in the file: the split is by position, not by id text ("q099" > "q100")
    {"id": "q100", "split": "dev"},
]


def ids(rows):
    return [r["id"] for r in rows]


def parse(*argv):
    parser = argparse.ArgumentParser()
    add_option(parser)
    return parser.parse_args(argv)


def test_a_split_keeps_dev_rows_in_file_order_before_and_from_the_first_later_row():
    s = split(ROWS, "q010")
    assert s.first == "q010" and ids(s.earlier) == ["q001", "q004"] and ids(s.later) == ["q010", "q099", "q100"]


def test_the_last_dev_row_leaves_one_later_row():
    s = split(ROWS, "q100")
    assert ids(s.earlier) == ["q001", "q004", "q010", "q099"] and ids(s.later) == ["q100"]


def test_the_first_dev_row_leaves_nothing_to_fit_on():
    with pytest.raises(LaterRowsError, match=r"^--fit-before q001: it is the first dev row, so no earlier dev row is left to fit on$"):
        split(ROWS, "q001")


@pytest.mark.parametrize("first, hint", [("q003", " (the next dev row is q004)"), ("q011", " (the next dev row is q099)"), ("q500", ""), ("nope", "")])
def test_an_id_of_no_dev_row_is_one_line_naming_the_next_dev_row(first, hint):
    # q011 is a holdout row: it is no dev row, whatever the file holds under it.
    with pytest.raises(LaterRowsError) as info:
        split(ROWS, first)
    assert str(info.value) == f"--fit-before {first}: no dev row has this id{hint}"


def test_gold_questions_split_like_rows():
    questions = [GoldQuestion(r["id"], "q?", "factual", (1,), (), "", (), None, r["split"]) for r in ROWS]
    s = split(questions, "q099")
    assert [q.id for q in s.earlier] == ["q001", "q004", "q010"] and [q.id for q in s.later] == ["q099", "q100"]


def test_the_option_and_its_old_spellings():
    assert from_args(parse(), ROWS) is None
    assert from_args(parse("--fit-before", "q010"), ROWS) == split(ROWS, "q010")
    assert from_args(parse("--unseen-from", "q010"), ROWS) == split(ROWS, "q010")
    # --fit-first N: fit on the first N dev rows, i.e. --fit-before the id of dev row N + 1.
    assert from_args(parse("--fit-first", "2"), ROWS) == Split("q010", ROWS[0:1] + ROWS[2:3], [ROWS[3], ROWS[5], ROWS[6]])


@pytest.mark.parametrize("n", ["0", "5", "-1"])
def test_a_fit_first_outside_the_dev_split_is_one_line(n):
    with pytest.raises(LaterRowsError) as info:
        from_args(parse("--fit-first", n), ROWS)
    message = str(info.value)
    assert message.startswith(f"--fit-first {n}: ") and "\n" not in message


def test_two_spellings_at_once_are_refused(capsys):
    with pytest.raises(SystemExit):
        parse("--fit-before", "q010", "--fit-first", "2")
    assert "not allowed with argument" in capsys.readouterr().err
