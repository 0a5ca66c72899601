"""Targets name who the figure is about when the sentence says so before the indicator."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, subject", [
    ("今年以来，镇江高新区经济社会呈现良好发展态势，上半年实现制造业投资增长190.2%。", "镇江高新区"),
    ("1-6月，全区亿元以上项目数量较去年同期增长58%。", "全区"),
    ("前三季度，成都市实现地区生产总值1.6万亿元。", "成都市"),
    ("润州区委书记徐心田表示，确保18个市区重点项目100%开工。", None),
    ("力争全年工业应税销售突破1200亿元。", None),
])
def test_subject(text, subject, run_text):
    targets = run_text(text).targets
    assert targets and targets[0].subject == subject
