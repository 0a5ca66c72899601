"""Quote layouts the case table cannot hold in one line: quotes over several paragraphs."""

from __future__ import annotations


def test_a_quote_running_over_paragraphs_is_one_direct_quote(run_text):
    text = ("记者采访了村党支部书记王建国。\n\n"
            "“这几年村里变化很大，道路硬化了，路灯也装上了。\n\n"
            "“下一步，我们要发展乡村旅游，让村民的腰包鼓起来。”王建国说。")
    quotes = run_text(text).quotes
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "王建国")]
    # the mark that reopens the second paragraph is typography, not words
    assert quotes[0].text == "这几年村里变化很大，道路硬化了，路灯也装上了。下一步，我们要发展乡村旅游，让村民的腰包鼓起来"
    assert quotes[0].span.text.startswith("这几年") and "\n\n“下一步" in quotes[0].span.text


def test_slogans_in_quotes_are_not_quotes(run_text):
    text = "全会强调，要牢记“国之大者”，坚决落实“疫情要防住、经济要稳住、发展要安全”重大要求。"
    quotes = run_text(text).quotes
    assert [(q.kind, q.speaker) for q in quotes] == [("indirect", "全会")]
