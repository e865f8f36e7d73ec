"""Questions naming a session or year of the UNFCCC reports in tests/data/real/, with the report (and paragraph) that answers each."""
from __future__ import annotations

SBI47, SBI58, SBI60 = "FCCC/SBI/2017/19", "FCCC/SBI/2023/10", "FCCC/SBI/2024/13"
SBSTA44, SBSTA58, SBSTA60 = "FCCC/SBSTA/2016/2", "FCCC/SBSTA/2023/4", "FCCC/SBSTA/2024/7"

# (question, report id, paragraph labels any of which is the right citation; () when several would do).
QUESTIONS = [
    ("What did the SBI conclude on capacity-building at its fifty-eighth session?", SBI58, ()),
    ("By when were Parties invited to submit views on themes for the research dialogue at SBSTA 60?", SBSTA60, ("¶27",)),
    ("In 2016, by when did the SBSTA invite Parties to submit views on topics for the research dialogue?", SBSTA44, ("¶35",)),
    ("At its 58th session, by when did the SBSTA invite submissions on themes for the research dialogue?", SBSTA58, ("¶54",)),
    ("What did the SBI note about the Durban Forum on capacity-building at SBI 60?", SBI60, ("¶159", "¶165")),
    ("At its forty-seventh session, by when did the SBI invite views on topics for the Durban Forum?", SBI47, ("¶101", "¶111")),
    ("In 2023, which meeting of the Durban Forum did the SBI note with appreciation?", SBI58, ("¶105",)),
    ("Which meeting of the research dialogue did the SBSTA welcome at its forty-fourth session?", SBSTA44, ("¶33",)),
    ("What did the SBSTA take note of regarding the research dialogue in 2024?", SBSTA60, ("¶25",)),
    ("At the 60th session of the SBSTA, what did it note on research capacity-building needs?", SBSTA60, ("¶26",)),
    ("What did the SBI recommend on the review of the Paris Committee on Capacity-building at SBI58?", SBI58, ("¶106",)),
    ("During the SBI session held in 2017, what did it conclude on the review of capacity-building in countries with economies in transition?", SBI47, ("¶102", "¶112")),
    ("What did the SBI welcome on the collaboration of the LEG with the Adaptation Fund Board at its sixtieth session?", SBI60, ("¶131",)),
]

# Written after the wording-stripping step was tuned on QUESTIONS, and not tuned on.
HOLDOUT = [
    ("In 2017, what pledge to the Least Developed Countries Fund did the SBI note with appreciation?", SBI47, ("¶57",)),
    ("What did the SBI note about the budget process at its forty-seventh session?", SBI47, ("¶147",)),
    ("At SBI 58, how many readiness proposals had the LDCs submitted to the GCF for national adaptation plans?", SBI58, ("¶77",)),
    ("What concern did the SBI note on the budget at its 58th session?", SBI58, ("¶155",)),
    ("At its sixtieth session, which statements at the opening plenary did the SBSTA note with appreciation?", SBSTA60, ("¶20",)),
    ("What did the SBI note in 2023 about the increasing scale of UNFCCC conferences?", SBI58, ("¶136",)),
]
