"""Checks of the plain-text lexicons in pipeline/lexicons/ (stdlib only, fast).

Every file: UTF-8, a header of `#` lines, no duplicate entries, no whitespace inside an
entry except the tab between columns. Plus per-file structure and a few facts that the
extractors rely on.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

LEX = Path(__file__).resolve().parent.parent / "pipeline" / "lexicons"

# file -> exact section marker lines (in the order they must appear); () = no sections
SECTIONS: dict[str, tuple[str, ...]] = {
    "surnames.txt": ("# single", "# compound", "# rare"),
    "titles.txt": (),
    "title_prefixes.txt": (),
    "org_suffixes.txt": (),
    "org_abbreviations.txt": ("# needs a place or level prefix", "# standalone"),
    "speech_verbs.txt": ("# verb", "# speakerless", "# frame"),
    "target_verbs.txt": ("# target", "# actual"),
    "units.txt": (),
    "name_stopwords.txt": (),
    "boilerplate.txt": (),
}
# names the loader in pipeline/lexicons/__init__.py matches with str.startswith on comment text
LOADER_SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "surnames.txt": ("compound", "rare"),
    "org_abbreviations.txt": ("needs", "standalone"),
    "speech_verbs.txt": ("frame",),
    "target_verbs.txt": ("target", "actual"),
}
MAX_COLUMNS = {"units.txt": 4, "org_suffixes.txt": 2, "title_prefixes.txt": 2}
FILES = sorted(SECTIONS)

# a few Traditional-only characters that must never appear in an entry
TRADITIONAL = set("國會說長書記東門發開關時為來應經誌話語義與邊議員處團際億萬")


def _text(name: str) -> str:
    return (LEX / name).read_bytes().decode("utf-8")


def _entries(name: str) -> list[tuple[str, int, str]]:
    """(section, line number, raw line) for every entry line; section '' before any marker."""
    markers = SECTIONS[name]
    section = ""
    out = []
    for no, line in enumerate(_text(name).splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if line.rstrip() in markers:
                section = line.rstrip()
            continue
        out.append((section, no, line))
    return out


def _first_column(name: str, section: str | None = None) -> list[str]:
    return [line.split("\t")[0] for sec, _, line in _entries(name) if section is None or sec == section]


@pytest.mark.parametrize("name", FILES)
def test_utf8_no_bom_and_header(name):
    raw = (LEX / name).read_bytes()
    raw.decode("utf-8")  # raises on invalid UTF-8
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    lines = raw.decode("utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert len(header) >= 3, f"{name}: header of # comment lines missing"
    assert _entries(name), f"{name}: no entries"


@pytest.mark.parametrize("name", FILES)
def test_no_whitespace_inside_entries(name):
    limit = MAX_COLUMNS.get(name, 1)
    for _, no, line in _entries(name):
        cols = line.split("\t")
        assert len(cols) <= limit, f"{name}:{no}: {len(cols)} columns, at most {limit}"
        assert cols[0], f"{name}:{no}: empty first column"
        for col in cols:
            assert not re.search(r"\s", col), f"{name}:{no}: whitespace in {col!r}"


@pytest.mark.parametrize("name", FILES)
def test_no_duplicates(name):
    if name == "surnames.txt":
        groups = [_first_column(name, "# single") + _first_column(name, "# compound"),
                  _first_column(name, "# rare")]
    else:
        groups = [_first_column(name)]
    for entries in groups:
        seen, dups = set(), set()
        for e in entries:
            (dups if e in seen else seen).add(e)
        assert not dups, f"{name}: duplicate entries {sorted(dups)}"


@pytest.mark.parametrize("name", [n for n in FILES if n != "boilerplate.txt"])
def test_entries_are_simplified(name):
    for _, no, line in _entries(name):
        entry = line.split("\t")[0]
        assert not (set(entry) & TRADITIONAL), f"{name}:{no}: Traditional character in {entry!r}"


@pytest.mark.parametrize("name", [n for n in FILES if SECTIONS[n]])
def test_section_markers_present_and_ordered(name):
    lines = [line.rstrip() for line in _text(name).splitlines()]
    positions = [lines.index(m) for m in SECTIONS[name]]
    assert positions == sorted(positions), f"{name}: sections out of order"
    for marker in SECTIONS[name]:
        assert lines.count(marker) == 1, f"{name}: {marker!r} must appear once"


@pytest.mark.parametrize("name", sorted(LOADER_SECTION_NAMES))
def test_comments_do_not_start_a_section_by_accident(name):
    """The loader switches section on any comment whose text starts with a section name."""
    for no, line in enumerate(_text(name).splitlines(), 1):
        if not line.startswith("#"):
            continue
        label = line.lstrip("#").strip().lower()
        if any(label.startswith(s) for s in LOADER_SECTION_NAMES[name]):
            assert line.rstrip() in SECTIONS[name], f"{name}:{no}: comment {line!r} would start a section"


# --- surnames ---------------------------------------------------------------------------

def test_surnames_sizes_and_shapes():
    single = _first_column("surnames.txt", "# single")
    compound = _first_column("surnames.txt", "# compound")
    assert len(single) >= 500
    assert len(compound) >= 60
    assert all(len(s) == 1 for s in single)
    assert all(2 <= len(s) <= 4 for s in compound)
    for s in ("王", "李", "张", "刘", "陈", "赵", "钱", "孙", "肖", "付", "覃", "闫"):
        assert s in single
    for s in ("欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容",
              "长孙", "宇文", "夏侯", "令狐", "轩辕", "端木", "南宫"):
        assert s in compound
    assert "欧阳" not in single


def test_rare_surnames_are_in_main_list():
    main = set(_first_column("surnames.txt", "# single")) | set(_first_column("surnames.txt", "# compound"))
    rare = _first_column("surnames.txt", "# rare")
    assert rare
    assert not set(rare) - main, sorted(set(rare) - main)
    for s in ("于", "和", "在", "之", "第", "高", "党", "任", "支"):
        assert s in rare


# --- titles, prefixes, organisations ------------------------------------------------------

def test_titles_facts():
    titles = set(_first_column("titles.txt"))
    assert len(titles) >= 250
    for t in ("书记", "董事长", "常务副市长", "党组成员", "一级巡视员", "记者", "责任编辑", "摄影",
              "行政长官", "立法委员", "司令员", "院士"):
        assert t in titles
    assert "市委书记" not in titles  # organisation + role is joined by the extractor


def test_title_prefix_tags():
    tags = {}
    for _, _, line in _entries("title_prefixes.txt"):
        cols = line.split("\t")
        tags[cols[0]] = cols[1] if len(cols) > 1 else ""
    assert set(tags.values()) <= {"", "past", "future", "acting"}
    assert tags["原"] == "past" and tags["时任"] == "past" and tags["拟任"] == "future"
    assert tags["代理"] == "acting" and tags["副"] == ""


def test_org_suffixes_facts():
    rows = {}
    for _, _, line in _entries("org_suffixes.txt"):
        cols = line.split("\t")
        assert len(cols) == 1 or cols[1] == "weak", line
        rows[cols[0]] = len(cols) > 1
    for s in ("有限公司", "委员会", "人民政府", "大学", "立法会", "廉政公署"):
        assert s in rows and not rows[s]
    for s in ("局", "会", "网", "部", "处", "办", "司", "中心"):
        assert rows.get(s) is True, f"{s} should be weak"


def test_org_abbreviations_sections():
    needs = set(_first_column("org_abbreviations.txt", "# needs a place or level prefix"))
    standalone = set(_first_column("org_abbreviations.txt", "# standalone"))
    assert not _first_column("org_abbreviations.txt", "")
    assert len(needs) >= 100
    for s in ("发改委", "卫健委", "组织部", "财政局", "市场监管局", "自然资源和规划局"):
        assert s in needs
    for s in ("国务院", "党中央", "中共中央", "全国人大", "全国政协", "新华社", "中国人民银行"):
        assert s in standalone


# --- speech and targets -----------------------------------------------------------------

def test_speech_verbs_facts():
    verbs = set(_first_column("speech_verbs.txt", "# verb"))
    frames = _first_column("speech_verbs.txt", "# frame")
    for v in ("说", "表示", "指出", "强调", "认为", "介绍", "告诉", "要求", "称", "透露", "坦言",
              "提出", "解释", "回应", "分析", "预计", "通报", "宣布"):
        assert v in verbs, v
    assert frames and all("…" in f for f in frames)
    assert "在…看来" in frames and "据…介绍" in frames
    assert "据介绍" in _first_column("speech_verbs.txt", "# speakerless")


def test_target_verbs_facts():
    target = set(_first_column("target_verbs.txt", "# target"))
    actual = set(_first_column("target_verbs.txt", "# actual"))
    for w in ("确保", "力争", "争取", "目标", "预期", "计划"):
        assert w in target
    for w in ("实现", "完成", "同比增长", "累计"):
        assert w in actual
    assert "突破" not in target  # a comparator, not a goal marker
    assert not target & actual


# --- units --------------------------------------------------------------------------------

CATEGORIES = {"percent", "point", "money", "count", "weight", "length", "area", "volume",
              "power", "energy", "container", "ratio", "magnitude", "duration",
              "concentration", "age"}


def _units() -> dict[str, list[str]]:
    return {line.split("\t")[0]: line.split("\t") for _, _, line in _entries("units.txt")}


def test_units_columns():
    units = _units()
    assert len(units) >= 80
    for unit, cols in units.items():
        assert len(cols) >= 2 and cols[1] in CATEGORIES, f"{unit}: bad category"
        if len(cols) >= 3:
            assert float(cols[2]) > 0, unit
        if cols[1] != "magnitude" and len(cols) >= 3:
            assert len(cols) == 4 and cols[3], f"{unit}: multiplier without base unit"


def test_units_facts():
    units = _units()
    assert units["亿元"][1:] == ["money", "100000000", "CNY"]
    assert units["万美元"][1:] == ["money", "10000", "USD"]
    assert units["万吨"][1:] == ["weight", "10000", "t"]
    assert units["%"][1] == "percent" and units["个百分点"][1] == "point"
    assert units["家"][1] == "count" and units["倍"][1] == "ratio"


# --- name stopwords -------------------------------------------------------------------------

def test_name_stopwords():
    words = _first_column("name_stopwords.txt")
    assert len(words) >= 400
    surnames = set(_first_column("surnames.txt", "# single")) | set(_first_column("surnames.txt", "# compound"))
    for w in words:
        assert len(w) >= 2, w
        assert w[0] in surnames or w[:2] in surnames, f"{w} does not start with a surname"
    for w in ("方面", "高新区", "荣光", "任务", "邓小平理论"):
        assert w in words


# --- boilerplate ----------------------------------------------------------------------------

def _patterns() -> list[re.Pattern[str]]:
    return [re.compile(line) for _, _, line in _entries("boilerplate.txt")]


def _is_boilerplate(line: str) -> bool:
    text = unicodedata.normalize("NFKC", line).strip()
    return any(p.search(text) for p in _patterns())


def test_boilerplate_compiles_and_is_anchored():
    for _, no, line in _entries("boilerplate.txt"):
        re.compile(line)
        assert line.startswith("^") and line.endswith("$"), f"boilerplate.txt:{no}: not anchored"


@pytest.mark.parametrize("line", [
    "返回顶部", "首页 > 新闻中心 > 本地新闻", "打印本页", "关闭窗口", "【字号：大 中 小】",
    "分享到：微信 微博 QQ空间", "扫一扫在手机打开当前页", "版权所有：某某市人民政府",
    "Copyright © 2021 某某网 All Rights Reserved", "苏ICP备05004350号", "上一篇：某某会议召开",
    "浏览次数：123", "阅读：", "qw", "js",
])
def test_boilerplate_matches(line):
    assert _is_boilerplate(line), line


@pytest.mark.parametrize("line", [
    "记者 胡建伟", "2021-12-28 23:58", "责任编辑:邓宇", "责任编辑：邓宇", "（记者 王五）", "摄影 石小刚",
    "发布时间：2021-12-28 23:58 来源：镇江日报", "来源：金山网", "来源：金山网 | 作者：张三 | 编辑：李四",
    "崔骏 方良龙 朱秋霞", "镇江高新区全力冲刺全年目标", "今年以来，全市工业应税销售同比增长19.2%。",
])
def test_boilerplate_spares_article_lines(line):
    assert not _is_boilerplate(line), line
