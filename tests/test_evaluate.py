"""The regression scorer's matching rules, case by case (same rules as the shared scorer)."""

from __future__ import annotations

from pipeline.evaluate import score


def _rec(**kw):
    return {"doc_id": "d", **kw}


def test_people_titles_orgs_are_exact_sets():
    gold = {"d": _rec(people=[{"name": "詹立风", "titles": ["市委常委"]}], organizations=["市委"])}
    pred = {"d": _rec(people=[{"name": "詹立风", "titles": [{"text": "市委常委"}, {"text": "常委"}]},
                              {"name": "詹立风", "titles": []}], organizations=["市委", "市委 "])}
    rep = score(gold, pred)
    assert (rep.categories["people"].tp, rep.categories["people"].pred) == (1, 1)
    assert (rep.categories["titles"].tp, rep.categories["titles"].pred) == (1, 2)
    assert (rep.categories["organizations"].tp, rep.categories["organizations"].pred) == (1, 1)


def test_dates_match_by_containment_and_report_value_accuracy():
    gold = {"d": _rec(dates=[{"text": "今年以来", "value": "Y+0"}, {"text": "8月8日", "value": "XXXX-08-08"}])}
    pred = {"d": _rec(dates=[{"text": "今年", "value": "Y+0"}, {"text": "8月8日", "value": "2022-08-08"}])}
    rep = score(gold, pred)
    assert rep.categories["dates"].tp == 2
    assert rep.attributes["dates.value"] == [1, 2]


def test_targets_need_value_unit_and_metric_overlap():
    g = {"metric": "工业应税销售", "value": 1200, "unit": "亿元", "comparator": ">", "kind": "target", "period": "全年"}
    near = dict(g, metric="全年工业应税销售", comparator="=")
    wrong_unit = dict(g, unit="元")
    rep = score({"d": _rec(targets=[g, g])}, {"d": _rec(targets=[near, wrong_unit])})
    assert rep.categories["targets"].tp == 1
    assert rep.attributes["targets.comparator"] == [0, 1]


def test_quotes_need_the_speaker_and_similar_text():
    g = {"speaker": "王成明", "kind": "direct", "text": "今年是党的二十大召开之年，迎接党的二十大是最重大的政治任务"}
    p_ok = {"speaker": "王成明", "kind": "indirect", "text": "今年是党的二十大召开之年，迎接党的二十大是最重大的政治任务。"}
    p_wrong = {"speaker": "张德军", "kind": "direct", "text": g["text"]}
    rep = score({"d": _rec(quotes=[g])}, {"d": _rec(quotes=[p_wrong, p_ok])})
    assert rep.categories["quotes"].tp == 1 and rep.categories["quotes"].pred == 2
    assert rep.attributes["quotes.kind"] == [0, 1]


def test_missing_document_counts_as_all_missed():
    rep = score({"d": _rec(organizations=["市委"])}, {})
    assert rep.missing_docs == ["d"] and rep.categories["organizations"].recall == 0.0
