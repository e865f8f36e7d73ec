"""Turn report files (.md, .txt, .pdf) into `Report` records: metadata, agenda and numbered paragraphs."""
from .errors import IngestError
from .reader import SUPPORTED_SUFFIXES, find_report_files, read_report
from .records import AgendaItem, Paragraph, Report, ReportMeta

__all__ = [
    "SUPPORTED_SUFFIXES",
    "AgendaItem",
    "IngestError",
    "Paragraph",
    "Report",
    "ReportMeta",
    "find_report_files",
    "read_report",
]
