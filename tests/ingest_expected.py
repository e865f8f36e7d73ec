"""What the bundled report must ingest to, as printed in the report itself (shared by the ingest tests)."""
from __future__ import annotations

from ingest import Report

DECISIONS = {2, 6, 20, 36, 68, 84, 92, 95, 106, 112, 120, 134, 141, 146, 149}
ITEM_RANGES = {
    "I": (1, 2), "II": (3, 6), "III": (7, 20), "IV": (21, 36), "V": (37, 68), "VI": (69, 84),
    "VII": (85, 92), "VIII": (93, 95), "IX": (96, 106), "X": (107, 112), "XI": (113, 120),
    "XII": (121, 134), "XIII": (135, 141), "XIV": (142, 146), "XV": (147, 149), "XVI": (150, 154),
}


def item_of(number: int) -> str:
    """The numeral of the agenda item a paragraph number belongs to, per the report's table."""
    return next(numeral for numeral, (first, last) in ITEM_RANGES.items() if first <= number <= last)


def assert_bundled_structure(report: Report) -> None:
    """The numbering, items and decisions every rendering of the bundled report must produce."""
    numbers = [paragraph.number for paragraph in report.paragraphs]
    assert numbers == list(range(1, 155))
    assert {p.number for p in report.paragraphs if p.decision} == DECISIONS
    assert [(p.number, p.item) for p in report.paragraphs] == [(n, item_of(n)) for n in numbers]
    by_number = {p.number: p for p in report.paragraphs}
    assert "packages per year" in by_number[38].text
    assert "1. Chile" in by_number[80].text and "2. Thai Customs" in by_number[80].text
    assert "ITEM" not in by_number[20].text and "CROSS-BORDER" not in by_number[20].text.upper()
    assert by_number[20].text.count("\n- ") == 6
