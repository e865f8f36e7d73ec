"""Question answering over the indexed reports: `answer(question, index)` -> Answer with verified paragraph citations."""
from qa.answer import Answer, Citation
from qa.pipeline import answer
from qa.question import QuestionError

__all__ = ["answer", "Answer", "Citation", "QuestionError"]
