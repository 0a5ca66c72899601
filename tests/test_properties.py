"""Property: whatever line breaks, spaces and script the text comes in, every span slices the original.

Real sentences from Chinese government news (the seeds' styles), with random PDF-style line
breaks and spaces inserted and random Traditional conversion; CI runs 2,000 examples."""

from __future__ import annotations

from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest import RawDocument

SENTENCES = [
    "市委常委、镇江高新区党工委书记詹立风说，高新区将全面扛起加快成为全市发展“活力标杆”的重大责任。",
    "上半年实现制造业投资增长190.2%，工业应税销售增长9.2%，进出口额增长160.7%。",
    "力争到“十四五”末，GDP突破800亿元，一般公共预算收入超过50亿元，百亿企业5家以上。",
    "“今年是党的二十大召开之年。”丹阳市委书记王成明说，按照各级部署要求，丹阳将抓落实、强攻坚。",
    "全会由市委常委会主持，市委书记马明龙代表市委常委会作报告。市委副书记、市长徐曙海作经济工作部署。",
    "1-6月，全区亿元以上项目数量较去年同期增长58%，省重点新建项目100%开工建设。",
    "市发改委党组书记、主任谈沁磊说，全年工作已经进入“下半场”，还要再提速、再发力。",
    "（记者 胡建伟）摄影 石小刚",
    "8月8日，由江苏省镇江船厂（集团）有限公司为江苏远洋运输有限公司建造的集装箱船顺利下水。",
    "2021-12-28 23:58 金山网讯 中国共产党镇江市第八届委员会第二次全体会议12月28日举行。",
]


@cache
def _pipe():
    from pipeline.pipeline import Pipeline

    return Pipeline()


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("s2t")


@st.composite
def noisy_documents(draw):
    parts = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
    text = "\n\n".join(parts)
    if draw(st.booleans()):
        text = _t2s().convert(text)
    chars = list(text)
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(chars)))
        chars.insert(pos, draw(st.sampled_from(["\n", "\n\n", " ", "\u3000", "\r\n"])))
    return "".join(chars)


def _spans(obj):
    from pydantic import BaseModel

    from pipeline.models import Span

    if isinstance(obj, Span):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _spans(getattr(obj, name))
    elif isinstance(obj, list):
        for item in obj:
            yield from _spans(item)


@given(noisy_documents())
def test_every_span_slices_the_original(text):
    record = _pipe().process(RawDocument("p", "<prop>", text, "utf-8"))
    assert not [e for e in record.errors if e.stage != "ingest"], record.errors
    for span in _spans(record):
        assert text[span.start:span.end] == span.text
