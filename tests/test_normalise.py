"""Normalise: what changes, and that every character maps back to where it came from."""

from __future__ import annotations

import pytest

from pipeline.normalise import detect_script, fold_char, is_boilerplate, normalise


def _roundtrip_ok(original: str) -> None:
    n = normalise(original)
    assert len(n.offsets) == len(n.text)
    for i, ch in enumerate(n.text):
        o = n.offsets[i]
        assert 0 <= o < len(original)
        if ch != "\n":
            assert fold_char(original[o]) == ch or n.script != "simplified"


@pytest.mark.parametrize(
    "original, expected",
    [
        ("2023 年是全面贯彻落实党的二十大精神的开局之年，也是扬中开启中国式现代化新实践的起步之年。站在新的历史起点上，扬\n\n"
         "中将以党的二十大精神为指引，全面贯彻党中央决策部署", "扬中将以"),
        ("2023 年是全面贯彻落实党的二十大精神的开局之年。", "2023年是"),
        ("力争到“十四五”末，GDP 突破 800 亿元，一般公共预算收入超过 50 亿元。", "GDP突破800亿元"),
        ("上半年增长１２０％。", "增长120%。"),
        ("市委常委、镇江高新区党工委书记詹立风说。", "市委常委、镇江高新区党工委书记詹立风说。"),
    ],
)
def test_normalised_text(original, expected):
    n = normalise(original)
    assert expected in n.text
    _roundtrip_ok(original)


def test_paragraph_breaks_stay_and_headlines_are_not_joined():
    original = "勇担当 争荣光 镇能量\n\n——市委工作会议侧记\n\n崔骏 方良龙 朱秋霞\n孙晨飞 谭艺婷 朱婕\n\n旗帜鲜明讲政治。"
    assert normalise(original).text.split("\n") == [
        "勇担当 争荣光 镇能量", "——市委工作会议侧记", "崔骏 方良龙 朱秋霞", "孙晨飞 谭艺婷 朱婕", "旗帜鲜明讲政治。"]


def test_chinese_punctuation_is_kept():
    assert normalise("全会认为，一年来：（一）好！").text == "全会认为，一年来：（一）好！"


def test_traditional_is_converted_and_mapped_back():
    original = "張德軍說，揚中市力爭全年工業應稅銷售突破1200億元。"
    n = normalise(original)
    assert n.script == "traditional"
    assert n.text == "张德军说，扬中市力争全年工业应税销售突破1200亿元。"
    s, e = n.to_original(n.text.index("张德军"), n.text.index("张德军") + 3)
    assert original[s:e] == "張德軍"


def test_boilerplate_lines_are_left_out_and_reported():
    original = "首页 新闻中心 镇江新闻 镇江新闻 - 要闻\n\n全会指出，要坚持。\n\n返回顶部\n"
    n = normalise(original)
    assert n.text == "全会指出，要坚持。"
    assert [original[s:e] for s, e in n.boilerplate] == ["首页 新闻中心 镇江新闻 镇江新闻 - 要闻", "返回顶部"]


@pytest.mark.parametrize("line", ["记者 胡建伟", "责任编辑:邓宇", "2021-12-28 23:58", "（记者 王五）", "扛起光荣使命 跑出昂扬态势"])
def test_bylines_datelines_and_headlines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_script_detection():
    assert detect_script("市委书记马明龙代表市委常委会作报告。") == "simplified"
    assert detect_script("習近平總書記在省部級主要領導幹部專題研討班上發表重要講話") == "traditional"
    assert detect_script("2021-12-28") == "unknown"


def test_span_outside_text_is_an_error():
    n = normalise("全会指出。")
    with pytest.raises(ValueError, match="outside the normalised text"):
        n.to_original(3, 99)


def test_boilerplate_width_split_reads_pattern_widths():
    """Long article lines skip the bounded boilerplate patterns; that needs their true widths."""
    from pipeline.normalise import _max_width

    assert _max_width("^.{0,60}版权所有.{0,80}$") == 144
    assert _max_width("^手机(看新闻|阅读|访问|版)$") == 5
    assert _max_width("^首页\\s*[>＞].*$") is None
    assert _max_width("^(阅读|浏览)\\s*\\d+\\s*次?$") is None


def test_copyright_footer_within_width_is_still_boilerplate():
    from pipeline.normalise import is_boilerplate

    assert is_boilerplate("版权所有：中共扬中市委宣传部　地址：扬中市扬子中路")
    assert not is_boilerplate("扬中市委宣传部表示，" + "今年全市经济运行稳中有进，" * 20 + "版权所有的保护也在加强。")


@pytest.mark.parametrize(
    "original, expected",
    [
        ("六、财政收入较快增长。2023年1-6\n\n月，全省一般公共预算收入3918.3亿元。", "2023年1-6月，全省"),
        ("全市GDP增长6.5\n\n%，高于全国平均水平。", "增长6.5%，高于"),
        ("截至6\n\n月底，全市累计完成投资。", "截至6月底，全市"),
    ],
)
def test_a_number_cut_from_its_unit_is_joined_even_across_a_blank_line(original, expected):
    n = normalise(original)
    assert expected in n.text
    k = n.text.index(expected)
    assert [original[n.offsets[i]] for i in range(k, k + len(expected))] == list(expected)


def test_a_line_ending_in_a_number_before_an_ordinary_paragraph_stays_apart():
    assert normalise("电话：0511-1234567\n\n人民群众的满意度不断提升。").text == "电话：0511-1234567\n人民群众的满意度不断提升。"
