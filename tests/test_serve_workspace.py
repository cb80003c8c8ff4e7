"""The workspace's pages and safety, through the app (no browser): saving checks lint and the
file's version, a save changes only its entry, every page escapes what editors wrote, review
marks go beside the outputs; the server refuses foreign hosts and origins, oversized bodies,
and, off loopback, requests without the token; and `translate serve` on the command line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from serve_support import NEWSROOM, batch_output, folder_bytes

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install -e '.[serve]')")

from starlette.testclient import TestClient

from translate.cli import main
from translate.errors import ExitCode
from translate.glossary.revisions import file_version
from translate.serve.app import create_app
from translate.serve.settings import ServeSettings

ORIGIN = "http://127.0.0.1:8080"
SAME_ORIGIN = {"origin": ORIGIN}


@pytest.fixture
def glossary(tmp_path):
    path = tmp_path / "newsroom.toml"
    shutil.copy(NEWSROOM, path)
    return path


def client_for(settings: ServeSettings) -> TestClient:
    return TestClient(create_app(settings), base_url=ORIGIN)


@pytest.fixture
def client(glossary):
    with client_for(ServeSettings(engine="pseudo", memory=False, glossary_paths=(glossary,))) as test_client:
        yield test_client


def entry_form(client, entry_id: str) -> dict[str, str]:
    """The entry page's form fields, as a browser would post them."""
    html = client.get(f"/glossary/entry/{entry_id}").text
    form = html[html.index('<form id="entry-form"'):html.index("</form>")]
    fields = {}
    for name, value in re.findall(r'<input type="(?:text|hidden)" name="([^"]+)"(?: id="[^"]*")? value="([^"]*)"', form):
        fields[name] = value
    for name, value in re.findall(r'<textarea name="([^"]+)" rows="\d+">([^<]*)</textarea>', form, re.DOTALL):
        fields[name] = value
    for name, options in re.findall(r'<select name="([^"]+)">(.*?)</select>', form, re.DOTALL):
        selected = re.search(r"<option(?: value=\"[^\"]*\")? selected>([^<]*)</option>", options)
        fields[name] = selected.group(1) if selected else ""
    import html as html_module

    return {name: html_module.unescape(value) for name, value in fields.items()}


def test_an_unchanged_form_saves_nothing_and_an_edit_changes_only_its_keys(client, glossary):
    before = glossary.read_text(encoding="utf-8")
    form = entry_form(client, "csto")
    preview = client.post("/glossary/entry/csto/check", data=form, headers=SAME_ORIGIN)
    assert "None." in preview.text and "diff" not in preview.text  # the form holds exactly what the file says
    form["ru.notes"] = "Indeclinable abbreviation."
    response = client.post("/glossary/entry/csto/save", data=form, headers={**SAME_ORIGIN, "hx-request": "true"})
    assert response.status_code == 200 and "saved" in response.text
    after = glossary.read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert removed == [line for line in before.splitlines() if line.startswith("notes = \"Only the head noun")]
    assert added == ['notes = "Indeclinable abbreviation."']


def test_a_lint_error_blocks_the_save(client, glossary):
    before = glossary.read_bytes()
    form = entry_form(client, "baku")
    form["hy.preferred"] = "Baku"  # Latin letters in an Armenian rendering
    check = client.post("/glossary/entry/baku/check", data=form, headers=SAME_ORIGIN).text
    assert "is not written in Armenian" in check and 'id="save"' in check and "disabled" in check
    response = client.post("/glossary/entry/baku/save", data=form, headers={**SAME_ORIGIN, "hx-request": "true"})
    assert response.status_code == 422 and "lint error" in response.text
    assert glossary.read_bytes() == before


def test_a_file_changed_since_the_page_loaded_is_a_conflict_never_a_lost_edit(client, glossary):
    form = entry_form(client, "moscow")
    assert form["version"] == file_version(glossary)
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("# Newsroom glossary", "# The glossary"),
                        encoding="utf-8")  # someone else saved meanwhile
    changed = glossary.read_bytes()
    form["notes"] = "My edit"
    assert "conflict-warning" in client.post("/glossary/entry/moscow/check", data=form, headers=SAME_ORIGIN).text
    response = client.post("/glossary/entry/moscow/save", data=form, headers=SAME_ORIGIN)  # no htmx: the whole page
    assert response.status_code == 409
    assert "changed since" in response.text and "My edit" in response.text  # the edit is still in the form
    assert glossary.read_bytes() == changed


def test_add_and_remove_an_entry(client, glossary):
    form = {"id": "zas", "file": glossary.name, "term": "Stanislav Zas", "type": "person",
            "hy.preferred": "Ստանիսլավ Զաս", "ru.preferred": "Станислав Зась"}
    response = client.post("/glossary/new", data=form, headers=SAME_ORIGIN, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/glossary/entry/zas"
    assert "[term.zas]" in glossary.read_text(encoding="utf-8")
    again = client.post("/glossary/new", data=form, headers=SAME_ORIGIN)
    assert again.status_code == 422 and "already an entry" in again.text
    bad = client.post("/glossary/new", data={**form, "id": "Bad Id"}, headers=SAME_ORIGIN)
    assert bad.status_code == 422 and "entry id" in bad.text
    version = entry_form(client, "zas")["version"]
    response = client.post("/glossary/entry/zas/remove", data={"version": version}, headers=SAME_ORIGIN,
                           follow_redirects=False)
    assert response.status_code == 303 and "[term.zas]" not in glossary.read_text(encoding="utf-8")
    assert glossary.read_text(encoding="utf-8") == NEWSROOM.read_text(encoding="utf-8")


SEARCHES = [
    pytest.param({"q": "лавров"}, ["lavrov"], id="rendering-any-letter-case"),
    pytest.param({"q": "CSTO"}, ["csto"], id="short-form"),
    pytest.param({"type": "person"}, ["lavrov", "putin", "pashinian"], id="type"),
    pytest.param({"type": "term", "language": "ru"}, ["foreign-minister", "prime-minister"], id="type-and-language"),
    pytest.param({"missing": "hy"}, [], id="missing-language"),
    pytest.param({"findings": "error"}, [], id="lint-errors"),
]


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_search_and_filters(client, query, expected):
    html = client.get("/glossary", params=query, headers={"hx-request": "true"}).text
    assert html.startswith('<div id="rows">')  # htmx gets the rows only
    assert re.findall(r'<tr class="entry" data-id="([^"]+)"', html) == expected


def test_filters_find_entries_with_findings_and_missing_languages(client, glossary):
    text = glossary.read_text(encoding="utf-8")
    start = text.index("[term.baku.hy]")
    glossary.write_text(text[:start] + text[text.index("[term.baku.ru]"):], encoding="utf-8")  # no Armenian
    assert re.findall(r'data-id="([^"]+)"', client.get("/glossary?missing=hy").text) == ["baku"]
    assert re.findall(r'data-id="([^"]+)"', client.get("/glossary?findings=error").text) == ["baku"]


def test_every_page_escapes_what_editors_wrote(client, glossary):
    script = "<script>alert(1)</script>"
    text = glossary.read_text(encoding="utf-8").replace(
        'notes = "Russian foreign minister since 2004."', f'notes = "{script}"')
    glossary.write_text(text, encoding="utf-8")
    html = client.get("/glossary/entry/lavrov").text
    assert script not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = client.get("/glossary?q=alert").text  # found by its note (the list does not show notes)
    assert script not in html and re.findall(r'data-id="([^"]+)"', html) == ["lavrov"]
    assert script not in client.get("/glossary/new", params={"term": script}).text


def test_review_marks_are_kept_beside_the_outputs(tmp_path):
    out, _ = batch_output(tmp_path)
    outputs = folder_bytes(out)
    with client_for(ServeSettings(engine="pseudo", memory=False, out_dirs=(out,))) as client:
        html = client.get("/review?category=glossary").text
        keys = re.findall(r'action="/review/0/([0-9a-f]+)"', html)
        assert len(keys) == 2  # Baku uncertain (copied in Latin letters), Nagorno-Karabakh failed
        assert 'href="/glossary/entry/baku"' in html and 'href="/glossary/entry/nagorno-karabakh"' in html
        assert "glossary.uncertain" in html and "glossary.failed" in html
        assert "quantities.lost" in client.get("/review?category=numbers").text
        response = client.post(f"/review/0/{keys[0]}", data={"reviewed": "1"}, headers={**SAME_ORIGIN, "hx-request": "true"})
        assert response.status_code == 200 and "reviewed" in response.text
        assert keys[0] in (out / "review.json").read_text(encoding="utf-8")
        assert keys[0] not in client.get("/review?category=glossary&hide_reviewed=1").text
        unknown = client.post("/review/0/0123456789abcdef", data={"reviewed": "1"}, headers=SAME_ORIGIN)
        assert unknown.status_code == 400 and "no flagged finding" in unknown.json()["error"]
    assert {name: data for name, data in folder_bytes(out).items() if name != "review.json"} == outputs


# --- safety --------------------------------------------------------------------------------


REFUSED = [
    pytest.param({"origin": "http://evil.example"}, 403, id="foreign-origin"),
    pytest.param({}, 403, id="no-origin"),
    pytest.param({"origin": "null"}, 403, id="null-origin"),
    pytest.param({"sec-fetch-site": "cross-site"}, 403, id="cross-site"),
    pytest.param({"origin": ORIGIN, "host": "attacker.example"}, 421, id="rebound-host"),
]


@pytest.mark.parametrize("headers, status", REFUSED)
def test_state_changing_requests_from_elsewhere_are_refused(client, glossary, headers, status):
    before = glossary.read_bytes()
    form = entry_form(client, "russia")
    form["notes"] = "changed"
    response = client.post("/glossary/entry/russia/save", data=form, headers=headers)
    assert response.status_code == status and "error" in response.json()
    assert glossary.read_bytes() == before


def test_the_api_takes_calls_from_anywhere_but_not_oversized_bodies(glossary):
    settings = ServeSettings(engine="pseudo", memory=False, glossary_paths=(glossary,), max_body_bytes=2000,
                             max_characters=500)
    with client_for(settings) as client:
        ok = client.post("/translate", json={"q": "Hello", "source": "en", "target": "ru"},
                         headers={"origin": "chrome-extension://abc"})
        assert ok.status_code == 200
        big = client.post("/translate", json={"q": "x" * 5000, "source": "en", "target": "ru"})
        assert big.status_code == 413 and "too large" in big.json()["error"]
        chunked = client.post("/translate", content=iter([b'{"q": "', b"x" * 3000, b'"}']),
                              headers={"content-type": "application/json"})
        assert chunked.status_code == 413
        long = client.post("/translate", json={"q": ["y" * 300, "z" * 300], "source": "en", "target": "ru"})
        assert long.status_code == 400 and "exceeds text limit (500)" in long.json()["error"]
    for header in ("content-security-policy", "x-content-type-options", "x-frame-options"):
        assert header in ok.headers
    assert "script-src 'self'" in ok.headers["content-security-policy"]


def test_off_loopback_every_request_needs_the_token(glossary):
    settings = ServeSettings(engine="pseudo", memory=False, glossary_paths=(glossary,), host="0.0.0.0", token="s3cret")
    with TestClient(create_app(settings), base_url="http://192.0.2.10:8080") as client:
        assert client.get("/glossary").status_code == 401
        assert client.get("/glossary", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/glossary", headers={"authorization": "Bearer s3cret"}).status_code == 200
        body = {"q": "Hello", "source": "en", "target": "ru"}
        assert client.post("/translate", json=body).status_code == 403
        assert client.post("/translate", json={**body, "api_key": "nope"}).json() == {"error": "Invalid API key"}
        assert client.post("/translate", json={**body, "api_key": "s3cret"}).status_code == 200
        assert client.post("/translate", data={**body, "api_key": "s3cret"}).status_code == 200
        first = client.get("/glossary?token=s3cret")  # a browser opens this once: a cookie from then on
        assert first.status_code == 200 and "HttpOnly" in first.headers["set-cookie"]
        assert client.get("/glossary/entry/csto").status_code == 200


def test_serve_refuses_an_open_host_without_a_token(monkeypatch):
    monkeypatch.delenv("TRANSLATE_SERVE_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--engine", "pseudo"])
    assert result.exit_code == ExitCode.USAGE and "--token" in result.output


def test_serve_without_the_web_extra_says_which_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "fastapi", None)  # as if it were not installed
    result = CliRunner().invoke(main, ["serve", "--engine", "pseudo"])
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert "newsroom-translate[serve]" in result.output and "fastapi" in result.output


def test_translate_help_does_not_import_the_web_stack():
    code = ("import sys; from click.testing import CliRunner; from translate.cli import main; "
            "CliRunner().invoke(main, ['--help']); CliRunner().invoke(main, ['serve', '--help']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'uvicorn', 'starlette') "
            "or m.startswith('translate.serve')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stderr
