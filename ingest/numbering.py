"""Which printed numbers open paragraphs: the sequence within each scope, restarts, and the numbering warnings."""
from __future__ import annotations

from dataclasses import dataclass, field

from .lines import Line

# A printed number starts a paragraph when it is the next one, or skips at most this many.
MAX_NUMBER_GAP = 3


@dataclass(frozen=True)
class Verdict:
    """What a line starting "N." is: a paragraph start (possibly in a new scope), or text with a warning."""

    opens: bool
    scope: str | None = None  # the scope the paragraph opens, when numbering restarts there
    warning: str | None = None  # why a paragraph-like number was not taken (None for list items)


@dataclass
class Numbering:
    """The numbering state of one report body: the current scope, its last number, and what was odd.

    The main run of numbers has scope ""; an annex heading or a restart at 1 opens a scope whose
    name is unique in the report.
    """

    first: int | None  # the number the main run starts at (1, or the first printed number)
    scope: str = ""
    last: int | None = None
    _fresh: bool = False  # entered a scope by its heading; its first number not seen yet
    _previous_last: int | None = None
    _used: set[str] = field(default_factory=lambda: {""})
    _warnings: list[str] = field(default_factory=list)

    def enter(self, name: str) -> str:
        """Enter a scope announced by a heading ("Annex II"); returns its unique name."""
        self._switch(self._unique(name))
        self._fresh = True
        return self.scope

    def judge(self, number: int, line: Line, in_list: bool, list_numbers: list[int], restart: str, titled: bool) -> Verdict:
        """Whether printed number `number` on `line` opens a paragraph.

        Args:
            number: the printed number.
            line: its source line (for warnings).
            in_list: the open paragraph ends in a list or a colon, so numbers may be its list items.
            list_numbers: the numbered list lines the open paragraph already holds.
            restart: the name a restart at 1 here would get ("" when no annex or heading names it).
            titled: the line reads like a small heading ("1. Proceedings"), not a paragraph.

        Returns:
            The verdict; call `accept` or `reject` with it.
        """
        last = self.last
        if last is None:
            if self._fresh:
                previous = self._previous_last
                ok = number == 1 or (previous is not None and previous < number <= previous + MAX_NUMBER_GAP)
                # "Annex I", then "Rule 2 Definitions", then 1.: the run is Rule 2's.
                named = number == 1 and restart.startswith(self.scope) and restart != self.scope
                return Verdict(ok, scope=self._unique(restart) if named else None)
            return Verdict(self.first is not None and number == self.first)
        if last < number <= last + MAX_NUMBER_GAP:
            # "3." right after a list line "2." continues that list, however close it is to the next paragraph.
            if list_numbers and list_numbers[-1] == number - 1:
                return Verdict(False)
            jump = f"{where(line)}: paragraph numbers jump from {last} to {number}" if number > last + 1 else None
            return Verdict(True, warning=jump)
        if in_list or titled:
            return Verdict(False)
        if number == 1 and (restart or self.scope):
            return Verdict(True, scope=self._unique(restart or self.scope))
        if number == last:
            problem = f"paragraph number {number} repeats ¶{last}"
        elif number < last:
            problem = f"paragraph number {number} is out of order after ¶{last}"
        else:
            problem = f"paragraph number {number} skips more than {MAX_NUMBER_GAP} after ¶{last}"
        return Verdict(False, warning=f"{where(line)}: {problem}; its text is kept inside ¶{last}")

    def accept(self, number: int, verdict: Verdict) -> None:
        """Record an opened paragraph (and its jump warning)."""
        if verdict.scope is not None:
            self._switch(verdict.scope)
        self._used.add(self.scope)
        self._fresh = False
        self.last = number
        if verdict.warning:
            self._warnings.append(verdict.warning)

    def reject(self, verdict: Verdict) -> None:
        """Record a number that stays paragraph text (its warning, if any)."""
        if verdict.warning:
            self._warnings.append(verdict.warning)

    def warnings(self) -> list[str]:
        """The numbering problems found, in source order."""
        return list(self._warnings)

    def _switch(self, scope: str) -> None:
        if self.last is not None:
            self._previous_last = self.last
        self.scope, self.last = scope, None

    def _unique(self, name: str) -> str:
        if name not in self._used:
            return name
        count = 2
        while f"{name} ({count})" in self._used:
            count += 1
        return f"{name} ({count})"


def where(line: Line) -> str:
    """Where a source line is, for warnings: "line 12", or "page 3, line 40" in a PDF."""
    return f"page {line.page}, line {line.position}" if line.page else f"line {line.position}"
