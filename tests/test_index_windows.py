"""Tests for embedding windows: long paragraphs are split, never truncated."""
from index.windows import context_line, embedding_windows
from ingest.records import Paragraph
from ingest.sentences import split_sentences


def _paragraph(text: str) -> Paragraph:
    return Paragraph("R1", 7, "V", "E-Commerce", "c", "Fair and Efficient Revenue Collection", None, False, text)


def test_short_paragraph_is_one_window_with_its_context(embedder):
    paragraph = _paragraph("Norway presented its VOEC scheme.")
    windows = embedding_windows(paragraph, split_sentences(paragraph.text), embedder)
    assert [w.text for w in windows] == ["E-Commerce – Fair and Efficient Revenue Collection: Norway presented its VOEC scheme."]
    assert context_line(paragraph) == "E-Commerce – Fair and Efficient Revenue Collection"


def test_long_paragraph_is_windowed_without_losing_a_word(embedder):
    sentences = [f"Sentence number {i} describes the e-commerce pilot with detail word{i} in it." for i in range(60)]
    paragraph = _paragraph(" ".join(sentences))
    assert embedder.count_tokens(paragraph.text) > embedder.max_tokens
    windows = embedding_windows(paragraph, split_sentences(paragraph.text), embedder)
    assert len(windows) > 1
    assert all(embedder.count_tokens(w.text) <= embedder.max_tokens for w in windows)
    covered = " ".join(w.text for w in windows)
    assert all(f"word{i} " in covered for i in range(60))
    # Consecutive windows overlap by a sentence, so no sentence loses its neighbour.
    assert windows[0].spans[-1][0] == windows[1].spans[0][0]
    for window in windows:
        for sentence, start, end in window.spans:
            assert window.text[start:end] == sentences[sentence]


def test_one_overlong_sentence_is_cut_at_words(embedder):
    paragraph = _paragraph(" ".join(f"token{i}" for i in range(400)) + ".")
    windows = embedding_windows(paragraph, split_sentences(paragraph.text), embedder)
    assert len(windows) > 1
    assert all(embedder.count_tokens(w.text) <= embedder.max_tokens for w in windows)
    covered = " ".join(w.text for w in windows)
    assert all(f"token{i}" in covered for i in range(400))


def test_bundled_long_paragraphs_are_windowed(bundled_index, embedder):
    long = [p for p in bundled_index.paragraphs if embedder.count_tokens(p.text) > embedder.max_tokens]
    assert len(long) >= 10
    counts = bundled_index.manifest["counts"]
    assert counts["windows"] > counts["paragraphs"]


def test_a_runaway_title_is_capped_so_windows_keep_room_for_text(embedder):
    from dataclasses import replace

    title = " ".join(f"Guidance on cooperative approaches part {i} of the agreement" for i in range(40))
    paragraph = replace(_paragraph(" ".join(f"The Party reported measure {i} in detail." for i in range(20))), item_title=title)
    windows = embedding_windows(paragraph, split_sentences(paragraph.text), embedder)
    prefix = windows[0].text[: windows[0].spans[0][1]]
    assert embedder.count_tokens(prefix) <= embedder.max_tokens // 4 + 4 and prefix.startswith("Guidance on cooperative")
    assert len(windows) <= 3  # not one window per word
    assert all(embedder.count_tokens(w.text) <= embedder.max_tokens for w in windows)
