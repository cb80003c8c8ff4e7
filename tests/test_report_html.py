"""The HTML QA report: escaping, glossary highlights, grouping, the run page and the batch wiring.

Pages are parsed with lxml and checked as documents (elements, classes, text), not as strings;
tests/test_report_browser.py checks them rendered in a real browser.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import html as lxml_html

from translate.config import load_config
from translate.io.report import (
    article_page_path,
    highlight_terms,
    render_article_report,
    render_run_report,
)
from translate.io.report.terms import FormIndex, distinct_forms, highlight_spans
from translate.pipeline.batch import MANIFEST, RUN_REPORT, Batch, BatchOptions, discover
from translate.pipeline.runner import Pipeline

HOSTILE = [
    pytest.param("<script>alert(1)</script>", id="script-tag"),
    pytest.param('"><img src=x onerror=alert(1)>', id="attribute-breakout"),
    pytest.param("</td></tr></table><h1>x</h1>", id="closing-tags"),
    pytest.param("AT&T &amp; &lt;b&gt; <!-- -->", id="entities-and-comment"),
    pytest.param("Ереван \u202eevil\u202c «ОДКБ»", id="bidi-and-cyrillic"),
]


def parse(page: str):
    return lxml_html.document_fromstring(page)


def segment(block: int, number: int, kind: str, source: str, target: str | None, *, findings=(), terms=None,
            **extra) -> dict[str, object]:
    entry: dict[str, object] = {"block": block, "segment": number, "kind": kind, "source": source, "target": target,
                                "findings": [{"block": block, "segment": number, **f} for f in findings], **extra}
    if terms is not None:
        entry["terms"] = terms
    return entry


def report(segments, *, not_translated=(), loose_findings=(), **extra) -> dict[str, object]:
    findings = [f for s in segments for f in s["findings"]] + list(loose_findings)
    return {
        "source": "in/article.txt",
        "output": "/out/article.hy.txt",
        "signature": {"translate": "0.1.0", "source": "en", "target": "hy", "glossary": {"sha256": "abc123"},
                      "engines": {"en": {"engine": "pseudo", "checkpoint": None, "note": "pseudo, not a translation"}}},
        "blocks": {"title:translate": 1},
        "segments": list(segments),
        "not_translated": list(not_translated),
        "findings": findings,
        **extra,
    }


def no_active_content(tree) -> None:
    """Nothing that runs or loads: no script, no element with a src, no external link."""
    assert not tree.xpath("//script | //iframe | //object | //embed | //img | //*[@src]")
    assert not [name for name in tree.xpath("//@*[starts-with(name(), 'on')]")]
    for href in tree.xpath("//@href"):
        assert href.startswith(("#", "data:")) or "://" not in href, href


@pytest.mark.parametrize("text", HOSTILE)
def test_article_text_is_escaped_everywhere(text):
    hostile = report(
        [segment(1, 0, "body", text, text, findings=[{"check": text, "severity": "error", "message": text}],
                 terms=[{"source": text[:5], "target": text[:5], "status": "kept"}])],
        not_translated=[{"block": 0, "kind": "chrome", "text": text, "reason": text, "disposition": "drop"}],
        source=text, output=text,
    )
    tree = parse(render_article_report(hostile))
    no_active_content(tree)
    row = tree.xpath("//tr[contains(@class, 'segment')]")[0]
    assert row.xpath("string(td[contains(@class, 'source')])") == text
    assert row.xpath("string(td[contains(@class, 'target')])") == text
    assert text in row.xpath("string(td[contains(@class, 'notes')])")
    assert tree.xpath("string(//tr[contains(@class, 'not-translated')]/td[4])") == text


HIGHLIGHTS = [
    pytest.param("Armenia's CSTO allies", [{"source": "CSTO", "target": "ОДКБ", "status": "kept"}], "source",
                 [("term-kept", "CSTO")], id="exact"),
    pytest.param("Csto Allies", [{"source": "CSTO", "target": "ОДКБ", "status": "enforced"}], "source",
                 [("term-enforced", "Csto")], id="other-case"),
    pytest.param("the Collective Security Treaty Organization",
                 [{"source": "Security", "target": "x", "status": "kept"},
                  {"source": "Collective Security Treaty Organization", "target": "y", "status": "enforced"}],
                 "source", [("term-enforced", "Collective Security Treaty Organization")], id="longest-wins"),
    pytest.param("CSTO and CSTO", [{"source": "CSTO", "target": "ОДКБ", "status": "kept"}], "source",
                 [("term-kept", "CSTO"), ("term-kept", "CSTO")], id="every-occurrence"),
    pytest.param("союзники по ОДКБ", [{"source": "CSTO", "target": None, "status": "failed"}], "target",
                 [], id="failed-has-no-target-form"),
    pytest.param("(CSTO) a<b", [{"source": "(CSTO)", "target": None, "status": "odd"}], "source",
                 [("term-other", "(CSTO)")], id="regex-characters-unknown-status"),
    pytest.param("no term here", [{"source": "CSTO", "target": "ОДКБ", "status": "kept"}], "source", [],
                 id="absent"),
    pytest.param("the Armenian-Azerbaijani border, Armenia said",
                 [{"source": "Armenia", "target": "Армения", "status": "enforced"}], "source",
                 [("term-enforced", "Armenia")], id="whole-words-only"),
    pytest.param("CSTO and Csto", [{"source": "CSTO", "target": "ОДКБ", "status": "kept"}], "source",
                 [("term-kept", "CSTO")], id="as-written-before-other-case"),
    pytest.param("Csto met Armenia", [{"source": "Armenia", "target": "x", "status": "kept"},
                                      {"source": "CSTO", "target": "y", "status": "enforced"}], "source",
                 [("term-enforced", "Csto"), ("term-kept", "Armenia")], id="each-form-its-own-case-rule"),
    pytest.param("the Collective Security Treaty Organization, not security",
                 [{"source": "Security", "target": "x", "status": "kept"},
                  {"source": "Collective Security Treaty Organization", "target": "y", "status": "enforced"}],
                 "source", [("term-enforced", "Collective Security Treaty Organization")],
                 id="form-inside-a-longer-one-is-still-as-written"),
    pytest.param("CSTO, CSTO", [{"source": "CSTO", "target": "ОДКБ", "status": "kept"},
                                {"source": "CSTO", "target": "ОДКБ", "status": "failed"}], "source",
                 [("term-kept", "CSTO"), ("term-kept", "CSTO")], id="first-entry-of-a-form-wins"),
]


@pytest.mark.parametrize(("text", "terms", "side", "marks"), HIGHLIGHTS)
def test_highlight_terms(text, terms, side, marks):
    fragment = lxml_html.fragment_fromstring(highlight_terms(text, terms, side), create_parent="div")
    assert fragment.text_content() == text  # highlighting never changes the text
    found = [(mark.get("class").split()[1], mark.text_content()) for mark in fragment.iter("mark")]
    assert found == marks


def _repeated(hits: int) -> tuple[str, list[dict[str, object]]]:
    return " ".join(["CSTO"] * hits), [{"source": "CSTO", "target": "ОДКБ", "status": "kept"}] * hits


def _distinct(hits: int) -> tuple[str, list[dict[str, object]]]:
    names = [f"Name{number}x" for number in range(hits)]
    return " ".join(names), [{"source": name, "target": name, "status": "kept"} for name in names]


def _other_case(hits: int) -> tuple[str, list[dict[str, object]]]:
    names = [f"Name{number}x" for number in range(hits)]
    return " ".join(name.upper() for name in names), [{"source": name, "target": name, "status": "kept"} for name in names]


@pytest.mark.parametrize("make", [pytest.param(_repeated, id="one-term-repeated"),
                                  pytest.param(_distinct, id="distinct-terms"),
                                  pytest.param(_other_case, id="distinct-terms-in-another-case")])
def test_highlighting_is_linear_in_hits(make):
    """The glossary stage lists a term once per occurrence, and a segment may hold many distinct
    terms: matching each entry (or each distinct form) against the whole text made hits × text
    work (1,512 hits: 24 s; 4,000 distinct terms: 53 s). Counted, not timed: the dictionary
    lookups grow with the text (4 × the hits, at most 4 × the lookups, and at most two per place
    a word starts and form length), where the quadratic versions did 16 ×."""
    probes = {}
    for hits in (1000, 4000):
        text, terms = make(hits)
        index = FormIndex(distinct_forms(terms, "source"))
        pieces = highlight_spans(text, terms, "source", index)
        assert "".join(piece.text for piece in pieces) == text
        assert sum(piece.term is not None for piece in pieces) == hits
        starts = text.count(" ") + 1
        assert index.probes <= 2 * starts * len(index.lengths)
        probes[hits] = index.probes
    assert probes[4000] <= 4.5 * probes[1000]


def test_report_page_marks_every_hit():
    hits = 2000
    text, terms = _repeated(hits)
    heavy = report([segment(1, 0, "body", text, ", ".join(["ОДКБ"] * hits), terms=terms)])
    tree = parse(render_article_report(heavy))
    assert len(tree.xpath("//td[contains(@class, 'source')]/mark[contains(@class, 'term-kept')]")) == hits
    assert len(tree.xpath("//td[contains(@class, 'target')]/mark[contains(@class, 'term-kept')]")) == hits


def test_file_names_terms_and_text_are_escaped_not_interpreted(tmp_path):
    """Autoescape: markup, quotes and ampersands in a file name, a term and the text come out as
    text, in element content and in attributes (a term's title), on both pages."""
    name = 'R&D "desk" <u>.txt'
    term = {"source": 'Say "CSTO"', "target": '«ОДКБ» & "co"', "status": "enforced"}
    source_text = 'They said <script>alert(1)</script> Say "CSTO" & left.'
    target_text = 'Они сказали «ОДКБ» & "co" <script>alert(2)</script>'
    output = tmp_path / "out" / 'R&D "desk"' / "a&b #1.hy.txt"
    article = report([segment(1, 0, "body", source_text, target_text, terms=[term])],
                     source=f"in/{name}", output=str(output))
    page = render_article_report(article)
    assert "<script" not in page and "<u>" not in page and "R&D" not in page
    tree = parse(page)
    no_active_content(tree)
    assert tree.xpath("string(//title)") == tree.xpath("string(//h1)") == f"QA report: {name} → hy"
    row = tree.xpath("//tr[contains(@class, 'segment')]")[0]
    assert row.xpath("string(td[contains(@class, 'source')])") == source_text
    assert row.xpath("string(td[contains(@class, 'target')])") == target_text
    title = 'glossary: Say "CSTO" → «ОДКБ» & "co" (enforced)'
    for side, form in (("source", 'Say "CSTO"'), ("target", '«ОДКБ» & "co"')):
        (mark,) = row.xpath(f"td[contains(@class, '{side}')]/mark")
        assert (mark.text_content(), mark.get("title")) == (form, title)

    outcome = {"input": f"in/{name}", "target": "hy", "status": "translated", "output": str(output),
               "findings": {}, "segments": 1}
    run_page = render_run_report({"outcomes": [outcome], "targets": ["hy"]}, [article], base=tmp_path / "out")
    assert "<u>" not in run_page and "R&D" not in run_page
    run_tree = parse(run_page)
    no_active_content(run_tree)
    assert run_tree.xpath("string(//td[@class='input'])") == f"in/{name}"
    href = run_tree.xpath("//a[@class='article-link']/@href")[0]
    assert (tmp_path / "out" / unquote(href)) == article_page_path(output)


def test_stylesheet_is_package_data_inlined_into_every_page():
    css = resources.files("translate.io.report").joinpath("static/report.css").read_text(encoding="utf-8")
    assert "mark.term-kept" in css and "</" not in css  # "</" would end the <style> element
    for page in (render_article_report(report([])), render_run_report({}, [])):
        tree = parse(page)
        assert [style.text.strip() for style in tree.xpath("//style")] == [css.strip()]
        assert not tree.xpath("//link[@rel='stylesheet']")


def test_article_page_groups_rows_by_block_kind_in_order():
    segments = [
        segment(1, 0, "title", "Pashinian Asks CSTO Allies", "[hy: title]"),
        segment(2, 0, "caption", "ARMENIA -- cabinet meeting", None),
        segment(4, 0, "body", "First sentence.", "[hy: first]", findings=[
            {"check": "numbers", "severity": "error", "message": "numbers missing: 600"}]),
        segment(4, 1, "body", "Second sentence.", "[hy: second]"),
    ]
    tree = parse(render_article_report(report(segments)))
    groups = tree.xpath("//table[@id='segments']/tbody")
    assert [g.xpath("string(tr[@class='group-head'])") for g in groups] == ["Title", "Caption", "Body"]
    assert [len(g.xpath("tr[contains(@class, 'segment')]")) for g in groups] == [1, 1, 2]
    assert tree.xpath("string(//td[contains(@class, 'target') and contains(@class, 'empty')])") == "not translated"
    error_row = tree.xpath("//tr[contains(@class, 'has-error')]")
    assert len(error_row) == 1
    assert error_row[0].xpath("string(.//span[contains(@class, 'sev-error')])") == "error"
    assert tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0].startswith("default-src 'none'")
    assert "abc123" in tree.xpath("string(//dl[@class='meta'])")
    assert "pseudo, not a translation" in tree.xpath("string(//p[@class='warning-banner'])")
    no_active_content(tree)


def test_article_page_lists_what_was_not_translated_and_loose_findings():
    dropped = [
        {"block": 0, "kind": "chrome", "text": "XS", "reason": "breakpoint indicator", "disposition": "drop"},
        {"block": 3, "kind": "duplicate", "text": "ARMENIA --", "reason": "repeats block 2", "disposition": "drop"},
    ]
    loose = [{"check": "ui-catalog", "severity": "warning", "message": "no hy string for 'Share'",
              "block": 7, "segment": None}]
    tree = parse(render_article_report(report([segment(1, 0, "body", "a", "b")], not_translated=dropped,
                                              loose_findings=loose)))
    rows = tree.xpath("//tr[contains(@class, 'not-translated')]")
    assert [row.xpath("string(td[5])") for row in rows] == ["breakpoint indicator", "repeats block 2"]
    assert [row.xpath("string(td[3])") for row in rows] == ["dropped", "dropped"]
    assert "no hy string for 'Share'" in tree.xpath("string(//h2[@id='other-findings']/following-sibling::ul[1])")


def test_article_page_separates_the_articles_of_a_multi_article_file():
    segments = [segment(1, 0, "title", "First", "1", article=0), segment(1, 0, "title", "Second", "2", article=1)]
    tree = parse(render_article_report(report(segments, articles=["feed.jsonl#1", "feed.jsonl#2"])))
    heads = [head.text_content() for head in tree.xpath("//tr[@class='article-head']")]
    assert heads == ["Article 1: feed.jsonl#1", "Article 2: feed.jsonl#2"]
    assert len({row.get("id") for row in tree.xpath("//tr[contains(@class, 'segment')]")}) == 2


def test_run_page_orders_outcomes_and_links_relative(tmp_path):
    out = tmp_path / "out"
    output = out / "desk #1" / "a b.hy.txt"
    outcomes = [
        {"input": "in/ok.txt", "target": "hy", "status": "skipped", "output": str(output), "findings": {"warning": 2},
         "segments": 3},
        {"input": "in/bad.bin", "target": "hy", "status": "failed", "output": None,
         "error": "in/bad.bin: not text (binary)\nsecond line", "findings": {}},
    ]
    manifest = {"translate": "0.1.0", "started": "2021-06-03T09:00:00+00:00", "finished": None, "targets": ["hy"],
                "source": "en", "summary": {"translated": 0, "flagged": 0, "skipped": 1, "failed": 1},
                "outcomes": outcomes, "settings": {"engine": "pseudo"}}
    article = report([segment(1, 0, "body", "a", "b", terms=[{"source": "a", "target": "b", "status": "kept"}])],
                     output=str(output))
    tree = parse(render_run_report(manifest, [article], base=out))
    rows = tree.xpath("//table[@id='outcomes']/tbody/tr")
    assert [row.xpath("string(td[3])") for row in rows] == ["failed", "skipped"]
    assert rows[0].xpath("string(td[8])") == "in/bad.bin: not text (binary)"
    assert not rows[0].xpath(".//a")
    href = rows[1].xpath(".//a[@class='article-link']/@href")[0]
    assert (out / unquote(href)) == article_page_path(output)
    assert rows[1].xpath("string(td[6])") == "1 kept"
    assert "not finished" in tree.xpath("string(//dl[@class='meta'])")
    no_active_content(tree)


@pytest.fixture
def desk(tmp_path, sample_article):
    """An input folder: the sample article, a sub-folder copy, and a file that cannot be read."""
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    shutil.copy(sample_article, inputs / sample_article.name)
    shutil.copy(sample_article, inputs / "sub" / "copy.txt")
    (inputs / "broken.txt").write_bytes(b"\x00\xff\xfe binary \x00")
    return inputs


def run_batch(inputs: Path, out: Path, *, force: bool = False):
    pipeline = Pipeline(load_config(), engine="pseudo")
    sources, missing = discover([inputs], out_dir=out)
    batch = Batch(pipeline, BatchOptions(["hy", "ru"], "en", out, force=force))
    return batch.run(sources, missing)


def test_batch_writes_article_pages_and_a_run_page(desk, tmp_path):
    out = tmp_path / "out"
    outcomes = run_batch(desk, out)
    written = [outcome for outcome in outcomes if outcome.output]
    assert len(written) == 4 and any(outcome.status == "failed" for outcome in outcomes)
    for outcome in written:
        page = parse(article_page_path(outcome.output).read_text(encoding="utf-8"))
        saved = json.loads(Path(outcome.output + ".report.json").read_text(encoding="utf-8"))
        assert len(page.xpath("//tr[contains(@class, 'segment')]")) == len(saved["segments"])
    run_page = parse((out / RUN_REPORT).read_text(encoding="utf-8"))
    rows = run_page.xpath("//table[@id='outcomes']/tbody/tr")
    assert len(rows) == len(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outcomes"]) == len(outcomes)
    for href in run_page.xpath("//a[@class='article-link']/@href"):
        assert (out / unquote(href)).is_file()
    assert len(run_page.xpath("//a[@class='article-link']")) == len(written)


def test_rerun_lists_skipped_outputs_and_restores_a_missing_page(desk, tmp_path):
    out = tmp_path / "out"
    first = run_batch(desk, out)
    lost = article_page_path(next(outcome.output for outcome in first if outcome.output))
    lost.unlink()
    second = run_batch(desk, out)
    assert {outcome.status for outcome in second if outcome.output} == {"skipped"}
    assert lost.is_file()
    run_page = parse((out / RUN_REPORT).read_text(encoding="utf-8"))
    statuses = [row.xpath("string(td[3])") for row in run_page.xpath("//table[@id='outcomes']/tbody/tr")]
    assert statuses.count("skipped") == 4
    assert len(run_page.xpath("//a[@class='article-link']")) == 4


def test_run_report_counts_same_language_outcomes_and_says_why():
    """An article already in the target language is copied, not translated: the run page counts
    it apart and shows the note the batch gave it (escaped like any text)."""
    outcomes = [
        {"input": "in/a.txt", "target": "hy", "status": "translated", "output": None},
        {"input": "in/b.txt", "target": "hy", "status": "same-language", "output": None,
         "note": "already in hy (identified from its text): copied, not translated <b>"},
    ]
    summary = {"translated": 1, "same-language": 1, "flagged": 0, "skipped": 0, "failed": 0}
    tree = parse(render_run_report({"outcomes": outcomes, "summary": summary, "targets": ["hy"]}, []))
    summary_text = " ".join(tree.xpath("string(//div[@id='summary'])").split())
    assert "same-language 1" in summary_text or "1 same-language" in summary_text, summary_text
    badge = tree.xpath("//span[contains(@class, 'status-same-language')]")
    assert [b.text for b in badge] == ["same-language"]
    assert tree.xpath("string(//span[@class='note'])") == "already in hy (identified from its text): copied, not translated <b>"
