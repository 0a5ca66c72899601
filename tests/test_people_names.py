"""Names the surname list cannot give: transliterated names with a middle dot, and names
with no Han surname right after an office."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, people", [
    ("县委书记艾尔肯·热合曼在调研时强调，要抓好项目。县委副书记、县长麦麦提江·阿布都拉表示，要加快推进。",
     {"艾尔肯·热合曼": ["县委书记"], "麦麦提江·阿布都拉": ["县委副书记", "县长"]}),
    ("在援疆帮扶车间里，热孜万古丽·艾买提正熟练地操作缝纫机。", {"热孜万古丽·艾买提": []}),
    ("甘孜州委副书记、州长格桑次仁深入理塘县调研。", {"格桑次仁": ["甘孜州委副书记", "州长"]}),
    ("（记者 阿依古丽·买买提 通讯员 王建新 帕尔哈提）连日来，莎车县各地掀起春耕热潮。",
     {"阿依古丽·买买提": ["记者"], "王建新": ["通讯员"], "帕尔哈提": ["通讯员"]}),
    ("恰热克镇阿热买里村党支部书记阿卜杜热西提·吐尔洪说，全村转移就业人数已达到136人。",
     {"阿卜杜热西提·吐尔洪": ["恰热克镇阿热买里村党支部书记"]}),
])
def test_names_without_a_listed_surname(text, people, run_text):
    got = {p.name: [t.text for t in p.titles] for p in run_text(text).people}
    assert got == people
