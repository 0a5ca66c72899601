"""The review page: highlights equal their evidence, hostile text stays inert, overlaps nest,
gold mode agrees with `zhfacts eval` — checked with html.parser, then in headless Chromium.

The browser test drives Debian's `chromium` + `chromium-driver` with plain WebDriver over
HTTP (urllib against chromedriver's REST API: no selenium dependency). It skips, saying why,
when no browser is installed (`.ci/install-chromium.sh` installs one when run as root).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate import load_gold, load_records, score
from pipeline.ingest import iter_documents
from pipeline.review import highlight_text, json_for_script, render_document, render_page

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold"
ARTIFACTS = ROOT / "tests" / "artifacts"
SEED0 = "000_44bd914b3c919c48"
VOID = {"meta", "input", "br", "img", "hr", "link", "wbr"}


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[dict, str]]:
    """Committed records with their originals, decoded as the pipeline decodes them."""
    texts = {d.doc_id: d.text for d in iter_documents([str(ROOT / "seeds")])}
    return {doc_id: (rec, texts[doc_id]) for doc_id, rec in load_records(ROOT / "outputs" / "seeds.jsonl").items()}


class Page(HTMLParser):
    """Parses a page strictly: end tags must close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.hl: list[dict[str, Any]] = []  # text highlights in document order, with their text
        self.open_hl: list[dict[str, Any]] = []
        self.scripts: list[dict[str, str]] = []
        self.rows: list[dict[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.scripts.append(a | {"body": ""})
        if tag == "tr" and "data-fact" in a:
            self.rows.append(a | {"cells": []})
        if tag == "td" and any(t == "tr" and "data-fact" in a for t, a in self.stack):
            self.rows[-1]["cells"].append("")
        if tag in VOID:
            return
        self.stack.append((tag, a))
        if "hl" in a.get("class", "").split():
            item = a | {"text": "", "depth": len(self.open_hl)}
            self.hl.append(item)
            self.open_hl.append(item)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack, f"</{tag}> with nothing open"
        top, a = self.stack.pop()
        assert top == tag, f"</{tag}> closes <{top}>: badly nested"
        if "hl" in a.get("class", "").split():
            self.open_hl.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "script":
            self.scripts[-1]["body"] += data
            return
        for item in self.open_hl:
            item["text"] += data
        if any(t == "td" for t, _ in self.stack) and any(t == "tr" and "data-fact" in a for t, a in self.stack):
            self.rows[-1]["cells"][-1] += data
        if any(a.get("class") == "zf-text" for _, a in self.stack):
            self.text.append(data)


def parse(doc: str) -> Page:
    page = Page()
    page.feed(doc)
    page.close()
    assert not page.stack, f"unclosed: {[t for t, _ in page.stack]}"
    return page


def joined(page: Page) -> dict[str, dict[str, Any]]:
    """Highlight parts joined per span (data-hl): a span split at a crossing is whole again."""
    spans: dict[str, dict[str, Any]] = {}
    for item in page.hl:
        if item["data-hl"] in spans:
            spans[item["data-hl"]]["text"] += item["text"]
        else:
            spans[item["data-hl"]] = dict(item)
    return spans


def record_spans(record: dict) -> dict[tuple[int, int, str], set[str]]:
    """What the page should highlight, computed from the record: (start, end, cat) -> fact ids."""
    out: dict[tuple[int, int, str], set[str]] = defaultdict(set)

    def add(span: dict | None, cat: str, fid: str) -> None:
        if span:
            out[(span["start"], span["end"], cat)].add(fid)

    for i, p in enumerate(record["people"]):
        for m in [p["span"], *p["mentions"]]:
            add(m, "person", f"person:{i}")
        for j, t in enumerate(p["titles"]):
            add(t["span"], "title", f"title:{i}.{j}")
    for i, o in enumerate(record["organizations"]):
        for m in [o["span"], *o["mentions"]]:
            add(m, "org", f"org:{i}")
    for cat, key in (("date", "dates"), ("target", "targets"), ("quote", "quotes")):
        for i, f in enumerate(record[key]):
            add(f["span"], cat, f"{cat}:{i}")
    for i, q in enumerate(record["quotes"]):
        add(q.get("speaker_span"), "speaker", f"quote:{i}")
    return out


# ---------------------------------------------------------------- pure Python


@pytest.mark.parametrize("doc_id", [SEED0, "001_e84110f20f91e93f", "003_60141a7b673559a6"])
def test_every_highlight_equals_its_fact_span(seeds, doc_id):
    record, original = seeds[doc_id]
    page = parse(render_page([(record, original, None)], doc_id))
    assert "".join(page.text) == original, "the text pane must show the original, character for character"
    spans = joined(page)
    for item in spans.values():
        start, end = int(item["data-start"]), int(item["data-end"])
        assert item["text"] == original[start:end], item
    got = {(int(s["data-start"]), int(s["data-end"]), s["data-cat"]): set(s["data-fact"].split()) for s in spans.values()}
    assert got == record_spans(record)


def test_hostile_text_renders_inert():
    text = '市长<script>alert(1)</script>说，</span>{{x}}"很好"&amp;\r\n<img src=x onerror=alert(2)>张三'
    start = text.index("<script>")
    record = {
        "doc_id": "<b>evil</b>", "source": "</title><script>alert(3)</script>",
        "people": [{"id": "P1", "name": "张三</script>", "titles": [], "span": {"start": len(text) - 2, "end": len(text),
                                                                              "text": "张三"}, "mentions": []}],
        "organizations": [{"id": "O1", "name": "<script>alert(4)</script>",
                           "span": {"start": start, "end": start + 8, "text": "<script>"}, "mentions": []}],
        "dates": [], "targets": [],
        "quotes": [{"text": text[start:], "kind": "indirect", "speaker": "</span>{{x}}", "speaker_span": None,
                    "span": {"start": start, "end": len(text), "text": text[start:]}}],
    }
    doc = render_page([(record, text, None)], "<title>")
    page = parse(doc)
    assert "<script>alert" not in doc and "<img" not in doc
    assert "&lt;/span&gt;" in doc and "&lt;script&gt;alert(1)&lt;/script&gt;" in doc and "{{x}}" in doc
    assert [s.get("type") for s in page.scripts] == ["application/json", None], "only the page's own scripts"
    data = page.scripts[0]["body"]
    assert "<" not in data and ">" not in data and "&" not in data and "\\u003c/script\\u003e" in data
    facts = json.loads(data)
    assert ["name", "<script>alert(4)</script>"] in facts["org:0"]["fields"]
    assert "".join(page.text) == text, "CR and markup-like text survive as text"
    for item in joined(page).values():
        assert item["text"] == text[int(item["data-start"]):int(item["data-end"])]
    assert json_for_script({"a": "</script>&"}) == '{"a":"\\u003c/script\\u003e\\u0026"}'


def test_hostile_text_through_the_pipeline_stays_inert(run_text):
    text = "市委书记王成明说，“<script>alert(1)</script>要抓落实</span>{{x}}。”2022年8月8日"
    record = run_text(text).model_dump(mode="json")
    doc = render_document(record, text)
    assert "<script" not in doc.split('<script type="application/json"')[0]
    page = parse(doc)
    assert "".join(page.text) == text
    for item in joined(page).values():
        assert item["text"] == text[int(item["data-start"]):int(item["data-end"])]


def test_crossing_and_nested_spans_nest_properly():
    from pipeline.review import Highlight

    text = "ABCDEFGHIJ"
    hls = [Highlight(0, 6, "quote", ["quote:0"]), Highlight(3, 9, "date", ["date:0"]),  # crossing
           Highlight(1, 5, "title", ["title:0.0"]), Highlight(2, 4, "org", ["org:0"]),  # org in title in quote
           Highlight(7, 9, "person", ["person:0"]), Highlight(7, 9, "speaker", ["quote:0"]),  # same range
           Highlight(7, 9, "person", ["person:1"]), Highlight(5, 5, "date", ["date:9"])]  # merged; empty dropped
    page = parse(f'<div class="zf-text">{highlight_text(text, hls)}</div>')
    assert "".join(page.text) == text
    spans = joined(page)
    assert {(s["data-cat"], s["text"]) for s in spans.values()} == {
        ("quote", "ABCDEF"), ("date", "DEFGHI"), ("title", "BCDE"), ("org", "CD"), ("person", "HI"), ("speaker", "HI")}
    date_parts = [h for h in page.hl if h["data-cat"] == "date"]
    # the date opens inside org < title < quote and outlives all three: split where each closes
    assert [(h["text"], h["data-part"], h["depth"]) for h in date_parts] == [
        ("D", "0", 3), ("E", "1", 2), ("F", "2", 1), ("GHI", "3", 0)]
    org = next(h for h in page.hl if h["data-cat"] == "org")
    assert org["depth"] == 2 and org["data-fact"] == "org:0"
    person = next(s for s in spans.values() if s["data-cat"] == "person")
    assert person["data-fact"].split() == ["person:0", "person:1"]


def test_gold_mode_marks_missed_and_spurious_facts(seeds):
    record, original = seeds[SEED0]
    gold = {
        "people": [{"name": p["name"], "titles": [t["text"] for t in p["titles"]]} for p in record["people"]],
        "organizations": [o["name"] for o in record["organizations"][1:]] + ["虚构集团", "稳中求进"],
        "dates": [{"text": d["text"], "value": d["value"]} for d in record["dates"]],
        "targets": [{k: t[k] for k in ("text", "metric", "value", "unit", "comparator", "kind", "period")}
                    for t in record["targets"]],
        "quotes": [{"speaker": q["speaker"], "kind": q["kind"], "text": q["text"]} for q in record["quotes"]],
    }
    page = parse(render_page([(record, original, gold)], "review"))
    rows = {r["data-fact"]: r["class"].split() for r in page.rows}
    assert "spurious" in rows["org:0"]
    assert sum("spurious" in c for c in rows.values()) == 1
    missed = [r for r in page.rows if "missed" in r["class"].split()]
    assert sorted(r["cells"][1] for r in missed) == ["稳中求进", "虚构集团"]  # id, name, mentions, at
    assert all(r["data-fact"].startswith("missed-organizations:") for r in missed)
    org0 = [h for h in page.hl if "org:0" in h["data-fact"].split()]
    assert org0 and all("spurious" in h["class"].split() for h in org0)
    located = [h for h in page.hl if "missed" in h["class"].split()]
    assert [h["text"] for h in located] == ["稳中求进"], "a missed fact found verbatim gets a (guessed) span"


@pytest.mark.skipif(not GOLD.is_dir(), reason="no ../shared/gold here")
def test_gold_mode_agrees_with_zhfacts_eval(seeds):
    """Per document and category, the page's missed and spurious facts are the scorer's."""
    gold = load_gold(GOLD)
    report = score(gold, {d: r for d, (r, _) in seeds.items()})
    tables = {"people": "person", "titles": "title", "organizations": "org", "dates": "date", "targets": "target",
              "quotes": "quote"}
    for doc_id, (record, original) in seeds.items():
        page = parse(render_document(record, original, gold.get(doc_id)))
        for cat, details in report.details[doc_id].items():
            rows = [r for r in page.rows if r["data-fact"].split(":")[0] in (tables[cat], f"missed-{cat}")]
            assert sum("missed" in r["class"].split() for r in rows) == len(details["missed"]), (doc_id, cat)
            assert sum("spurious" in r["class"].split() for r in rows) == len(details["spurious"]), (doc_id, cat)
            if cat in ("people", "organizations"):
                assert sorted(r["cells"][1] for r in rows if "missed" in r["class"].split()) == sorted(details["missed"])
                assert sorted(r["cells"][1] for r in rows if "spurious" in r["class"].split()) == sorted(details["spurious"])


def test_several_documents_get_an_index(seeds):
    doc = render_page([(r, t, None) for r, t in seeds.values()], "all")
    page = parse(doc)
    assert doc.count('<section class="zf-doc') == len(seeds) and 'class="zf-index"' in doc
    assert len(page.scripts) == len(seeds) + 1
    assert "http://" not in doc and "https://" not in doc and "@import" not in doc


# ---------------------------------------------------------------- headless Chromium


def _which(name: str, env: str) -> str | None:
    path = os.environ.get(env) or shutil.which(name) or f"/usr/bin/{name}"
    return path if os.path.isfile(path) and os.access(path, os.X_OK) else None


class WebDriver:
    """The few WebDriver commands we need, as JSON over HTTP to chromedriver."""

    ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

    def __init__(self, driver: str, browser: str, profile: str, size: str = "1400,900") -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while True:
            try:
                if self._call("GET", "/status").get("ready"):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.proc.kill()
                raise RuntimeError("chromedriver did not start")
            time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                f"--window-size={size}", "--force-device-scale-factor=1", "--hide-scrollbars"]
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                                                 "goog:chromeOptions": {"binary": browser, "args": args}}}}
        try:
            self.session = f"/session/{self._call('POST', '/session', caps)['sessionId']}"
        except Exception:
            self.proc.kill()
            raise

    def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.loads(resp.read())["value"]
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"WebDriver {method} {path}: {exc.read().decode(errors='replace')[:500]}") from None

    def cmd(self, method: str, path: str, body: dict | None = None) -> Any:
        return self._call(method, self.session + path, body)

    def get(self, url: str) -> None:
        self.cmd("POST", "/url", {"url": url})

    def js(self, script: str, *args: Any) -> Any:
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def click(self, css: str) -> None:
        element = self.cmd("POST", "/element", {"using": "css selector", "value": css})[self.ELEMENT]
        self.cmd("POST", f"/element/{element}/click", {})

    def screenshot(self, path: Path) -> bytes:
        png = base64.b64decode(self.cmd("GET", "/screenshot"))
        path.write_bytes(png)
        return png

    def quit(self) -> None:
        try:
            self._call("DELETE", self.session)
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    chromium = _which("chromium", "CHROMIUM_BIN")
    driver = _which("chromedriver", "CHROMEDRIVER_BIN")
    if not chromium or not driver:
        pytest.skip(f"no headless browser: chromium {'found' if chromium else 'missing'}, chromedriver "
                    f"{'found' if driver else 'missing'} (run .ci/install-chromium.sh as root)")
    with tempfile.TemporaryDirectory(prefix="zhfacts-chromium-") as profile:
        wd = WebDriver(driver, chromium, profile)
        try:
            yield wd
        finally:
            wd.quit()


HIGHLIGHTS_JS = """
return Array.from(document.querySelectorAll('.zf-text .hl')).map(function (e) {
  return [e.dataset.hl, +e.dataset.start, +e.dataset.end, e.dataset.cat, e.dataset.fact, e.textContent];
});"""


def test_in_chromium_spans_match_clicks_flash_and_screenshot(browser, seeds, tmp_path):
    record, original = seeds[SEED0]
    page = tmp_path / "review-000.html"
    page.write_text(render_page([(record, original, None)], f"zhfacts review: {SEED0}"), encoding="utf-8")
    browser.get(page.as_uri())

    got: dict[str, list] = {}
    for hid, start, end, cat, facts, text in browser.js(HIGHLIGHTS_JS):
        if hid in got:
            got[hid][4] += text
        else:
            got[hid] = [start, end, cat, facts, text]
    expected = record_spans(record)
    assert {(s, e, c) for s, e, c, _, _ in got.values()} == set(expected)
    for start, end, cat, facts, text in got.values():
        assert text == original[start:end], (start, end, cat)
        assert set(facts.split()) == expected[(start, end, cat)]
    assert browser.js("return document.querySelector('.zf-text').textContent") == original

    last = f"quote:{len(record['quotes']) - 1}"
    browser.click(f'tr[data-fact="{last}"]')
    state = browser.js("""
      var els = Array.from(document.querySelectorAll('.zf-text .hl')).filter(function (e) {
        return e.dataset.fact.split(' ').indexOf(arguments[0]) >= 0; });
      var box = document.querySelector('.zf-text').getBoundingClientRect(), r = els[0].getBoundingClientRect();
      return [els.length, els.every(function (e) { return e.classList.contains('flash'); }),
              r.top < box.bottom && r.bottom > box.top, document.querySelector('.zf-text').scrollTop];
    """.replace("arguments[0]", json.dumps(last)))
    assert state[0] >= 1 and state[1], "clicking the row flashes the fact's span"
    assert state[2] and state[3] > 0, "the text pane scrolled to the span"

    title = next(i for i, p in enumerate(record["people"]) if p["titles"])
    browser.click(f'.zf-text .hl[data-fact~="title:{title}.0"]')
    panel = browser.js("var p = document.getElementById('zf-panel'); return [p.hidden, p.textContent];")
    assert not panel[0] and record["people"][title]["titles"][0]["text"] in panel[1]

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n", encoding="utf-8")  # keeps the folder out of git
    time.sleep(0.3)
    png = browser.screenshot(ARTIFACTS / "review-000.png")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_in_chromium_hostile_document_runs_no_script(browser, tmp_path):
    text = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">{{x}}</span>市长张三说，好。"
    at = text.index("张三")
    record = {"doc_id": "evil", "people": [{"id": "P1", "name": "张三", "titles": [], "mentions": [],
                                            "span": {"start": at, "end": at + 2, "text": "张三"}}],
              "organizations": [], "dates": [], "targets": [], "quotes": []}
    page = tmp_path / "evil.html"
    page.write_text(render_page([(record, text, None)], "<script>window.pwned=3</script>"), encoding="utf-8")
    browser.get(page.as_uri())
    assert browser.js("return [window.pwned === undefined, document.querySelector('.zf-text').textContent,"
                      " document.title]") == [True, text, "<script>window.pwned=3</script>"]
    browser.click('tr[data-fact="person:0"]')
    assert browser.js("return document.querySelector('.hl').classList.contains('flash')") is True
