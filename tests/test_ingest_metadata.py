"""Report metadata read from the front page: committee, sessions, dates, code, ids and hash."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.lines import Line
from ingest.metadata import read_metadata, short_name, stem_id


def test_bundled_report_metadata(bundled_report, bundled_report_path):
    meta = bundled_report.meta
    assert meta.committee == "Permanent Technical Committee"
    assert meta.sessions == "241st/242nd"
    assert meta.dates == "24 – 26 October 2023"
    assert meta.code == "PC0737E" and meta.id == "PC0737E"
    assert meta.short_name == "PTC 241/242"
    assert meta.file_name == "PC0737E_PTC-241-242_2023-10.md"
    assert meta.content_hash == hashlib.sha256(bundled_report_path.read_bytes()).hexdigest()


def test_unprinted_code_falls_back_to_the_file_name():
    front = [Line("Harmonized System Committee"), Line("72nd Session"), Line("Brussels, 13 March 2024")]
    meta = read_metadata(Path("reports/HSC 72 (final).md"), b"x", front)
    assert (meta.code, meta.id) == ("", "HSC-72-final")
    assert (meta.sessions, meta.dates, meta.short_name) == ("72nd", "13 March 2024", "HSC 72")


def test_short_names():
    assert short_name("Policy Commission", "88th", Path("x.md")) == "PC 88"
    assert short_name("Technical Experts Group", "", Path("x.md")) == "TEG"
    assert short_name("", "", Path("minutes-2023.md")) == "minutes-2023"
    assert stem_id(Path("***.md")) == "report"


def test_short_names_are_made_unique_within_an_index():
    from ingest.metadata import unique_short_names
    from ingest.records import ReportMeta

    def meta(doc: str, short: str) -> ReportMeta:
        return ReportMeta(doc, "", "", "", doc, short, f"{doc}.md", "0" * 64)

    names = unique_short_names([meta("A/1", "GA"), meta("A/2", "GA"), meta("FCCC/SBI/2023/10", "SBI 58")])
    assert names == {"A/1": "GA (A/1)", "A/2": "GA (A/2)", "FCCC/SBI/2023/10": "SBI 58"}


def test_un_report_identity_from_its_title():
    front = [Line("|  | United Nations | FCCC/SBI/2023/10 |"), Line("Distr.: General 2 August 2023"),
             Line("Subsidiary Body for Implementation"),
             Line("Report of the Subsidiary Body for Implementation on its fifty-eighth session,"),
             Line("held in Bonn from 5 to 15 June 2023")]
    meta = read_metadata(Path("sbi.txt"), b"x", front)
    assert (meta.id, meta.body, meta.sessions, meta.short_name) == ("FCCC/SBI/2023/10", "SBI", "58th", "SBI 58")
    assert (meta.dates, meta.year) == ("5 to 15 June 2023", 2023)
