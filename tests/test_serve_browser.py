"""`translate serve` in a real headless browser (Debian's chromium, through chromedriver),
against the app on a loopback socket: what a terminology editor and a reviewer do.

- search the glossary, open an entry, edit a rendering: a lint error shows and blocks the
  save; fix it, save: the TOML on disk changed only in that entry, and kept its comments;
- two tabs edit one entry: the second save is a conflict, and its edit stays in its form;
- QA review: flagged segments side by side with their source, a glossary finding's link to
  the entry, a finding marked reviewed (kept beside the outputs, the outputs untouched);
- no console error on any page (the Content-Security-Policy lets htmx, and nothing else, run).

Screenshots of the glossary and review pages are taken; with TRANSLATE_SCREENSHOTS=DIR they
are also written there (docs/screenshots/ holds the README's). Skipped, with the reason, where
chromium, chromedriver, selenium or the serve extra is missing.
"""

from __future__ import annotations

import difflib
import os
import shutil
import time
from pathlib import Path

import pytest
from browser_support import NEEDS_CHROMIUM, chromium
from serve_support import NEWSROOM, SAMPLE, RunningServer, batch_output, folder_bytes

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install -e '.[serve]')")
pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The server over a copy of the newsroom glossary, a batch's output folder and the sample article."""
    from translate.serve.app import create_app
    from translate.serve.settings import ServeSettings

    root = tmp_path_factory.mktemp("serve")
    glossary = root / "newsroom.toml"
    shutil.copy(NEWSROOM, glossary)
    out, _ = batch_output(root)
    articles = root / "articles"
    articles.mkdir()
    shutil.copy(SAMPLE, articles / SAMPLE.name)
    app = create_app(ServeSettings(engine="pseudo", memory=False, glossary_paths=(glossary,), out_dirs=(out,),
                                   articles=(articles,)))
    server = RunningServer(app)
    try:
        yield server, glossary, out
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium-profile"), {"browser": "ALL"}) as driver:
        driver.set_window_size(1400, 1000)
        yield driver


def wait_for(condition, timeout: float = 15.0, what: str = "the page"):
    from selenium.common.exceptions import WebDriverException

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except WebDriverException:  # an element replaced by htmx while it was read: look again
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def replace_text(field, text: str) -> None:
    """Select the field's text and type over it (input events, as a person makes them)."""
    from selenium.webdriver.common.keys import Keys

    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(text)


def no_console_errors(browser, expected_status: int | None = None) -> None:
    """Nothing in the console (a script or style the CSP refused would be), beyond the answer
    with ``expected_status`` that the test asked for (chromium logs every 4xx answer)."""
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")
              and not (expected_status and entry["source"] == "network"
                       and f"status of {expected_status}" in entry["message"])]
    assert not errors, errors


def screenshot(browser, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    assert browser.save_screenshot(str(path))
    assert path.read_bytes().startswith(b"\x89PNG") and path.stat().st_size > 10_000
    if os.environ.get("TRANSLATE_SCREENSHOTS"):
        target = Path(os.environ["TRANSLATE_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / name)


def changed_lines(before: str, after: str) -> set[int]:
    """Line numbers (1-based) of ``before`` that the change from ``before`` to ``after`` touched."""
    lines: set[int] = set()
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, a0, a1, _, _ in matcher.get_opcodes():
        if tag != "equal":
            lines.update(range(a0 + 1, max(a1, a0 + 1) + 1))
    return lines


def test_search_edit_blocked_by_lint_then_saved(workspace, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from translate.glossary.store import parse_file, parse_text

    server, glossary, _ = workspace
    before = glossary.read_text(encoding="utf-8")
    browser.get(server.url + "/glossary")
    screenshot(browser, tmp_path, "glossary.png")
    browser.find_element(By.ID, "q").send_keys("Lavrov")
    wait_for(lambda: [row.get_attribute("data-id") for row in browser.find_elements(By.CSS_SELECTOR, "#entries tr.entry")]
             == ["lavrov"], what="the search to leave one entry")
    assert "q=Lavrov" in browser.current_url  # the search is in the address: a link to it works
    browser.find_element(By.LINK_TEXT, "lavrov").click()
    wait_for(lambda: browser.current_url.endswith("/glossary/entry/lavrov"), what="the entry page")

    field = browser.find_element(By.NAME, "ru.preferred")
    replace_text(field, "Сергей  Лавров")  # a doubled space: the form cannot match as written
    errors = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#check li.finding-error"), what="the lint error")
    assert "doubled spaces" in errors[0].text
    assert not browser.find_element(By.ID, "save").is_enabled()
    assert '+preferred = "Сергей  Лавров"' in browser.find_element(By.ID, "diff").text
    field.send_keys(Keys.ENTER)  # an implicit submit does not get past a disabled button either
    time.sleep(0.5)
    assert glossary.read_text(encoding="utf-8") == before

    replace_text(field, "Сергей Викторович Лавров")
    wait_for(lambda: browser.find_element(By.ID, "save").is_enabled()
             and not browser.find_elements(By.CSS_SELECTOR, "#check li.finding-error"), what="the error to clear")
    assert '+preferred = "Сергей Викторович Лавров"' in browser.find_element(By.ID, "diff").text
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: browser.find_element(By.ID, "result").text == "saved", what="the save")
    wait_for(lambda: "None." in browser.find_element(By.ID, "check").text, what="nothing unsaved")

    after = glossary.read_text(encoding="utf-8")
    first, last = parse_text(before, glossary).source_map.span("term", "lavrov")
    touched = changed_lines(before, after)
    assert touched and all(first <= line <= last for line in touched), (touched, first, last)
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after.splitlines() for line in comments)
    assert parse_file(glossary).glossary.entry("lavrov").rendering("ru").preferred == "Сергей Викторович Лавров"
    no_console_errors(browser)


def test_two_tabs_editing_one_entry_the_second_gets_a_conflict(workspace, browser):
    from selenium.webdriver.common.by import By

    server, glossary, _ = workspace
    browser.get(server.url + "/glossary/entry/pashinian")
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    browser.get(server.url + "/glossary/entry/pashinian")
    second = browser.current_window_handle

    browser.switch_to.window(first)
    replace_text(browser.find_element(By.NAME, "notes"), "Edited in the first tab")
    wait_for(lambda: "Edited in the first tab" in browser.find_element(By.ID, "diff").text, what="the diff")
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: browser.find_element(By.ID, "result").text == "saved", what="the first save")

    browser.switch_to.window(second)
    replace_text(browser.find_element(By.NAME, "notes"), "Edited in the second tab")
    wait_for(lambda: browser.find_elements(By.ID, "conflict-warning"), what="the conflict warning")
    browser.find_element(By.ID, "save").click()
    result = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#result.result-conflict"), what="the conflict")
    assert "changed since" in result[0].text and "nothing was written" in result[0].text
    assert browser.find_element(By.NAME, "notes").get_attribute("value") == "Edited in the second tab"  # not lost
    text = glossary.read_text(encoding="utf-8")
    assert "Edited in the first tab" in text and "Edited in the second tab" not in text
    no_console_errors(browser, expected_status=409)
    browser.close()
    browser.switch_to.window(first)


def test_review_side_by_side_entry_link_and_reviewed_mark(workspace, browser, tmp_path):
    from selenium.webdriver.common.by import By

    server, _, out = workspace
    outputs = folder_bytes(out)
    browser.get(server.url + "/review")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.review tr.segment")
    assert rows
    for row in rows[:5]:
        source, target = row.find_element(By.CSS_SELECTOR, "td.source"), row.find_element(By.CSS_SELECTOR, "td.target")
        assert source.location["y"] == target.location["y"] and source.location["x"] < target.location["x"]
        assert source.text and target.text
    checks = {item.text for item in browser.find_elements(By.CSS_SELECTOR, "li.finding .check")}
    assert {"glossary.failed", "glossary.uncertain", "quantities.lost", "untranslated"} <= checks
    screenshot(browser, tmp_path, "review.png")

    button = browser.find_element(By.CSS_SELECTOR, "li.finding form.review-mark button")
    form_id = button.find_element(By.XPATH, "./..").get_attribute("id")
    button.click()
    wait_for(lambda: browser.find_element(By.ID, form_id).find_elements(By.CSS_SELECTOR, ".badge"),
             what="the reviewed mark")
    assert (out / "review.json").is_file()
    assert {name: data for name, data in folder_bytes(out).items() if name != "review.json"} == outputs
    browser.refresh()
    assert browser.find_element(By.ID, form_id).find_element(By.CSS_SELECTOR, ".badge").text.lower() == "reviewed"

    browser.find_element(By.CSS_SELECTOR, "a.entry-link[href$='/nagorno-karabakh']").click()
    wait_for(lambda: browser.current_url.endswith("/glossary/entry/nagorno-karabakh"), what="the glossary entry")
    assert browser.find_element(By.NAME, "term").get_attribute("value") == "Nagorno-Karabakh"
    no_console_errors(browser)


def test_a_suggestion_accepted_in_two_clicks(workspace, browser):
    from selenium.webdriver.common.by import By

    server, glossary, _ = workspace
    browser.get(server.url + "/suggestions")
    rows = browser.find_elements(By.CSS_SELECTOR, "#candidates tr.candidate")
    assert rows
    candidate = next(row for row in rows if "Stanislav Zas" in row.text)
    assert "June 1" in candidate.text  # its context
    candidate.find_element(By.CSS_SELECTOR, "a.accept").click()  # one
    wait_for(lambda: "/glossary/new" in browser.current_url, what="the new-entry form")
    assert browser.find_element(By.NAME, "term").get_attribute("value") == "Stanislav Zas"
    assert browser.find_element(By.NAME, "id").get_attribute("value") == "stanislav-zas"
    for code, text in (("hy", "Ստանիսլավ Զաս"), ("ru", "Станислав Зась")):
        browser.find_element(By.NAME, f"{code}.preferred").send_keys(text)
    # The lint of the form as typed, both renderings in it, and no check still on its way (its
    # answer replaces the Save button: a click must not race it).
    wait_for(lambda: browser.find_element(By.ID, "save").is_enabled()
             and {"+[term.stanislav-zas]", "Станислав Зась"} <= set(_diff_parts(browser))
             and not browser.find_elements(By.CSS_SELECTOR, ".htmx-request"), what="the lint of the new entry")
    browser.find_element(By.ID, "save").click()  # two
    try:
        wait_for(lambda: browser.current_url.endswith("/glossary/entry/stanislav-zas"), what="the saved entry")
    except AssertionError as error:
        raise AssertionError(f"{error}; the page says: {browser.find_element(By.ID, 'result').text!r}") from None
    assert "[term.stanislav-zas]" in glossary.read_text(encoding="utf-8")
    no_console_errors(browser)


def _diff_parts(browser) -> list[str]:
    """The lines of the unsaved-changes diff and the quoted values in them."""
    from selenium.webdriver.common.by import By

    lines = browser.find_element(By.ID, "diff").text.splitlines()
    return lines + [part for line in lines for part in line.split('"')[1::2]]

