"""Tests for ingest.records: the paragraph's scope, label and key, and its JSON round trip."""
from ingest.records import Paragraph, as_ref


def _para(**kw: object) -> Paragraph:
    fields = dict(doc="D", number=3, item="", item_title="", subitem=None, subitem_title=None,
                  heading=None, decision=False, text="Text.")
    fields.update(kw)
    return Paragraph(**fields)  # type: ignore[arg-type]


def test_key_is_the_label_so_restarted_numbers_stay_unique():
    main, annex = _para(label="¶3"), _para(scope="Annex II", label="Annex II ¶3")
    assert main.key == ("D", "¶3") and annex.key == ("D", "Annex II ¶3")
    assert main.key != annex.key and main.number == annex.number


def test_missing_label_reads_as_the_printed_number():
    assert _para().ref == "¶3" and _para().key == ("D", "¶3")


def test_json_round_trip_keeps_scope_and_label_and_old_records_still_load():
    para = _para(scope="Part Two", label="Part Two ¶3")
    data = para.to_json()
    assert data["paragraph"] == 3 and data["scope"] == "Part Two" and data["label"] == "Part Two ¶3"
    assert Paragraph.from_json(data) == para
    old = {k: v for k, v in data.items() if k not in ("scope", "label")}
    assert Paragraph.from_json(old).ref == "¶3"


def test_as_ref_accepts_numbers_digit_strings_and_labels():
    assert as_ref(68) == as_ref("68") == as_ref("¶68") == "¶68"
    assert as_ref("121.14") == "¶121.14"
    assert as_ref(" Annex  II ¶3 ") == "Annex II ¶3"
