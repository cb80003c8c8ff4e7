"""The API of `translate serve`: LibreTranslate's request and response shapes (form and JSON
bodies, a string or a list, ``source=auto``, ``format`` text|html, its error messages and
statuses), our pipeline behind it (glossary enforced, page chrome kept away from the engine,
one model load per direction), ``/glossary/apply`` over the hand-checked post-editing cases,
and the batching queue (requests that arrive together share one pipeline call).

The engine is the pseudo engine — or one that errs like MT (a stand-in that gets a glossary
term wrong) — and, for the real loading path, a tiny Marian checkpoint."""

from __future__ import annotations

import asyncio
import tomllib
from pathlib import Path

import pytest
from serve_support import NEWSROOM

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install -e '.[serve]')")

from starlette.testclient import TestClient

from translate.engines.pseudo import PseudoEngine
from translate.serve.app import create_app
from translate.serve.batching import BatchingQueue
from translate.serve.settings import ServeSettings

APPLY_CASES = tomllib.loads((Path(__file__).parent / "glossary" / "data" / "apply_cases.toml")
                            .read_text(encoding="utf-8"))["case"]


class MisspellingEngine(PseudoEngine):
    """An engine that errs as MT does. For a sentence of the hand-checked post-editing table
    (in the table's direction) it answers the table's engine output: variant spellings,
    transliterations, a Latin or Cyrillic term copied with an Armenian suffix. Anything else
    is pseudo-localised with the CSTO's Russian abbreviation in Latin letters (ODKB), as an
    engine that transliterates would: the glossary must put ОДКБ in."""

    loads = 0

    @classmethod
    def load(cls, spec):
        cls.loads += 1
        return cls(spec.source, spec.target)

    def translate(self, texts):
        scripted = {case["source"]: case["engine"] for case in APPLY_CASES
                    if (case["from"], case["to"]) == (self.source, self.target)}
        pseudo = super().translate(texts)
        return [scripted.get(text) or output.replace("ÇŠŤÓ", "ÓĐĶƁ") for text, output in zip(texts, pseudo)]


def table_case(case_id: str) -> dict:
    (case,) = [case for case in APPLY_CASES if case["id"] == case_id]
    assert all(term["status"] != "failed" for term in case["terms"])  # one round: the engine's text, post-edited
    return case


@pytest.fixture
def client(monkeypatch):
    MisspellingEngine.loads = 0
    monkeypatch.setattr("translate.pipeline.chain.load_engine", lambda name, spec: MisspellingEngine.load(spec))
    app = create_app(ServeSettings(engine="pseudo", memory=False, glossary_paths=(NEWSROOM,)))
    with TestClient(app, base_url="http://127.0.0.1:8080") as test_client:
        yield test_client


LIBRETRANSLATE_SHAPES = [
    pytest.param("data", {"q": "The CSTO met.", "source": "en", "target": "ru", "format": "text"}, id="form"),
    pytest.param("json", {"q": "The CSTO met.", "source": "en", "target": "ru", "format": "text"}, id="json"),
    pytest.param("json", {"q": "The CSTO met.", "source": "en", "target": "ru", "api_key": ""}, id="json-empty-key"),
    pytest.param("params", {"q": "The CSTO met.", "source": "en", "target": "ru"}, id="query-string"),
]


@pytest.mark.parametrize("how, body", LIBRETRANSLATE_SHAPES)
def test_a_libretranslate_request_works_unchanged(client, how, body):
    response = client.post("/translate", **{how: body})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert list(response.json()) == ["translatedText"]
    text = response.json()["translatedText"]
    assert "ОДКБ" in text and "ÓĐĶƁ" not in text  # the glossary's form, not the engine's
    assert text.startswith("[ru: ")  # the engine translated it


def test_a_list_of_texts_and_auto_detection(client):
    english = table_case("en-hy-fixed-abl-csto-latin-with-suffix")  # CSTO-ից → ՀԱՊԿ-ից
    russian = table_case("ru-hy-fixed-gen-csto-cyrillic-with-suffix")  # ОДКБ-ի → ՀԱՊԿ-ի
    response = client.post("/translate", json={"q": [english["source"], russian["source"], "Լավ է։"],
                                               "source": "auto", "target": "hy"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [item["language"] for item in body["detectedLanguage"]] == ["en", "ru", "hy"]
    assert all(0 < item["confidence"] <= 100 for item in body["detectedLanguage"])
    first, second, third = body["translatedText"]
    # Each through its detected direction, the glossary's form put in (from Russian too).
    assert (first, second) == (english["expected"], russian["expected"])
    assert third == "Լավ է։"  # already Armenian: not sent to the engine
    single = client.post("/translate", data={"q": "The CSTO met.", "source": "auto", "target": "ru"}).json()
    assert single["detectedLanguage"] == {"confidence": 100.0, "language": "en"}


DETECTIONS = [
    pytest.param("This is a sentence written in English for testing purposes", "en", id="en"),
    pytest.param("Министр иностранных дел России провёл переговоры в Ереване", "ru", id="ru"),
    pytest.param("Міністр закордонних справ України провів переговори у понеділок", "uk", id="uk-not-ru"),
    pytest.param("Վարչապետը երկուշաբթի օրը հայտարարել է, որ բանակցությունները կշարունակվեն", "hy", id="hy"),
]


@pytest.mark.parametrize("text, language", DETECTIONS)
def test_auto_uses_the_language_identifier(client, text, language):
    """py3langid tells languages that share a script (Ukrainian is not Russian); its
    probability is the confidence."""
    (found,) = client.post("/detect", json={"q": text}).json()
    assert found["language"] == language and 50 < found["confidence"] <= 100


def test_an_identified_language_without_a_checkpoint_route_is_a_clear_400(client):
    body = {"q": DETECTIONS[2].values[0], "source": "auto", "target": "ru"}
    answer = client.post("/translate", json=body).json()  # the pseudo engine takes any direction
    assert answer["detectedLanguage"]["language"] == "uk" and answer["translatedText"].startswith("[ru: ")
    app = create_app(ServeSettings(engine="marian", memory=False, glossary_paths=(NEWSROOM,)))
    with TestClient(app, base_url="http://127.0.0.1:8080") as marian:  # refused before any model is loaded
        response = marian.post("/translate", json=body)
    assert response.status_code == 400 and "uk→ru is not supported" in response.json()["error"]


def test_html_keeps_the_markup_and_escapes_text(client):
    case = table_case("en-ru-fixed-csto-latin-indeclinable")  # Саммит CSTO → Саммит ОДКБ
    response = client.post("/translate", json={"q": [f'<p class="lead">{case["source"]}</p><ul><li>R&amp;D &amp; the CSTO</li></ul>',
                                                     "Just &lt;text&gt;"], "source": "en", "target": "ru",
                                               "format": "html"})
    assert response.status_code == 200, response.text
    fragment, text = response.json()["translatedText"]
    assert fragment.startswith(f'<p class="lead">{case["expected"]}</p><ul><li>[ru: ') and fragment.endswith("]</li></ul>")
    assert "&amp;Đ &amp; ťĥé ОДКБ]</li>" in fragment  # escaped as it came, the glossary's form put in
    assert text.startswith("[ru: ") and "&lt;" in text and "<" not in text.replace("&lt;", "")


def test_page_chrome_never_reaches_the_engine(client):
    texts = ["Share", "Print", "😀", "The CSTO met."]
    body = client.post("/translate", json={"q": texts, "source": "en", "target": "ru"}).json()
    assert body["translatedText"][:3] == texts[:3]  # UI strings of the page template, and no letters: as they were
    assert body["translatedText"][3].startswith("[ru: ")


LIBRETRANSLATE_ERRORS = [
    pytest.param({"source": "en", "target": "ru"}, 400, "Invalid request: missing q parameter", id="no-q"),
    pytest.param({"q": [], "source": "en", "target": "ru"}, 400, "Invalid request: missing q parameter", id="empty-q"),
    pytest.param({"q": "Hello", "target": "ru"}, 400, "Invalid request: missing source parameter", id="no-source"),
    pytest.param({"q": "Hello", "source": "en"}, 400, "Invalid request: missing target parameter", id="no-target"),
    pytest.param({"q": "Hello", "source": "en", "target": "zz"}, 400, "zz is not supported", id="unknown-target"),
    pytest.param({"q": "Hello", "source": "xx", "target": "ru"}, 400, "xx is not supported", id="unknown-source"),
    pytest.param({"q": "Hello", "source": "en", "target": "de"}, 400, "de is not supported", id="unconfigured"),
    pytest.param({"q": "Hello", "source": "en", "target": "ru", "format": "xml"}, 400, "xml format is not supported",
                 id="format"),
    pytest.param({"q": "Hello", "source": "en", "target": "ru", "alternatives": "abc"}, 400,
                 "Invalid request: alternatives parameter is not a number", id="alternatives"),
    pytest.param({"q": [1, 2], "source": "en", "target": "ru"}, 400,
                 "Invalid request: q must be a string or a list of strings", id="q-not-strings"),
]


@pytest.mark.parametrize("body, status, message", LIBRETRANSLATE_ERRORS)
def test_errors_are_libretranslate_json(client, body, status, message):
    response = client.post("/translate", json=body)
    assert (response.status_code, response.json()) == (status, {"error": message})


def test_a_json_body_that_is_not_an_object(client):
    response = client.post("/translate", json=["not", "a", "dict"])
    assert (response.status_code, response.json()) == (400, {"error": "Invalid JSON format"})
    response = client.post("/translate", content=b"{not json", headers={"content-type": "application/json"})
    assert (response.status_code, response.json()) == (400, {"error": "Invalid JSON format"})


def test_languages_and_detect(client):
    languages = client.get("/languages").json()
    assert {item["code"]: item["targets"] for item in languages} == {"en": ["hy", "ru"], "hy": ["en", "ru"],
                                                                      "ru": ["en", "hy"]}
    assert {item["name"] for item in languages} == {"English", "Armenian", "Russian"}
    assert client.post("/detect", data={"q": "Привет, мир"}).json() == [{"confidence": 100.0, "language": "ru"}]


def test_one_model_load_per_direction(client):
    for _ in range(3):
        assert client.post("/translate", json={"q": "Hello", "source": "en", "target": "ru"}).status_code == 200
    client.post("/translate", json={"q": "Hello", "source": "en", "target": "hy"})
    assert MisspellingEngine.loads == 2


def test_a_saved_glossary_edit_is_enforced_without_reloading_the_model(monkeypatch, tmp_path):
    import shutil

    glossary = tmp_path / "newsroom.toml"
    shutil.copy(NEWSROOM, glossary)
    MisspellingEngine.loads = 0
    monkeypatch.setattr("translate.pipeline.chain.load_engine", lambda name, spec: MisspellingEngine.load(spec))
    app = create_app(ServeSettings(engine="pseudo", memory=False, glossary_paths=(glossary,)))
    body = {"q": "The CSTO met.", "source": "en", "target": "ru"}
    with TestClient(app, base_url="http://127.0.0.1:8080") as client:
        assert "ОДКБ" in client.post("/translate", json=body).json()["translatedText"]
        workspace = app.state.glossary
        path, data, version = workspace.entry("csto")
        from translate.serve.glossary_workspace import values_from_data

        form = {**values_from_data(data), "ru.short": "ОДКБ-Альянс"}
        workspace.save("csto", form, path, version)
        text = client.post("/translate", json=body).json()["translatedText"]
        assert "ОДКБ-Альянс" in text
        glossary.write_text(glossary.read_text(encoding="utf-8") + "\n[term.broken]\nterm = \"\"\n", encoding="utf-8")
        assert "ОДКБ-Альянс" in client.post("/translate", json=body).json()["translatedText"]  # the last good one
    assert MisspellingEngine.loads == 1


@pytest.mark.parametrize("case", [pytest.param(case, id=case["id"]) for case in APPLY_CASES[:12]])
def test_glossary_apply_over_the_api(client, case):
    response = client.post("/glossary/apply", json={"q": case["source"], "translation": case["engine"],
                                                    "source": case["from"], "target": case["to"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["translatedText"] == case["expected"]
    assert [(term["term"], term["status"]) for term in body["terms"]] == [(term["term"], term["status"])
                                                                          for term in case["terms"]]


def test_glossary_apply_lists_and_mismatch(client):
    body = client.post("/glossary/apply", json={"q": ["Lavrov spoke.", "Baku said."],
                                                "translation": ["Lavrov выступил.", "Баку заявил."],
                                                "source": "en", "target": "ru"}).json()
    assert len(body["translatedText"]) == len(body["terms"]) == 2
    response = client.post("/glossary/apply", json={"q": ["a", "b"], "translation": ["a"], "source": "en",
                                                    "target": "ru"})
    assert response.status_code == 400 and "2 q but 1 translation" in response.json()["error"]


@pytest.mark.slow
def test_a_tiny_checkpoint_behind_the_api(tiny_checkpoint):
    """The real loading path: a Marian checkpoint (tiny, random weights) loaded once, translating."""
    app = create_app(ServeSettings(engine="marian", model=str(tiny_checkpoint), memory=False,
                                   glossary_paths=(NEWSROOM,)))
    with TestClient(app, base_url="http://127.0.0.1:8080") as client:
        texts = ["Prime Minister Nikol Pashinian said on Monday that talks would continue.", "Share"]
        body = client.post("/translate", data={"q": texts[0], "source": "en", "target": "hy"}).json()
        assert isinstance(body["translatedText"], str) and body["translatedText"] != texts[0]
        body = client.post("/translate", json={"q": texts, "source": "en", "target": "hy"}).json()
        assert len(body["translatedText"]) == 2 and body["translatedText"][1] == "Share"
        signature = app.state.service.pipeline.translator("en", "hy").signature()
        assert str(tiny_checkpoint) in str(signature)


def test_requests_that_arrive_together_share_one_pipeline_call():
    calls = []

    def work(source, target, fmt, requests):
        calls.append([list(texts) for texts in requests])
        return [ValueError("unreadable") if texts == ["bad"] else [f"{target}:{text}" for text in texts]
                for texts in requests]

    async def scenario():
        queue = BatchingQueue(work, wait=0.2, max_texts=100)
        await queue.start()
        try:
            jobs = [queue.translate("en", "ru", "text", [f"t{n}", f"u{n}"]) for n in range(20)]
            jobs.append(queue.translate("en", "ru", "text", ["bad"]))
            jobs.append(queue.translate("en", "hy", "text", ["other"]))
            return await asyncio.gather(*jobs, return_exceptions=True), queue.stats
        finally:
            await queue.stop()

    results, stats = asyncio.run(scenario())
    assert results[:20] == [[f"ru:t{n}", f"ru:u{n}"] for n in range(20)]  # each its own answer, in order
    assert isinstance(results[20], ValueError)  # its own error only
    assert results[21] == ["hy:other"]
    assert len(calls) == 2 and stats.calls == 2 and stats.requests == 22 and stats.largest == 21


def test_html_inline_markup_survives_the_api(client):
    """Inline tags travel through the engine as protected spans (the HTML format's markup
    handling), so a LibreTranslate client's <b> and <a> come back around their words."""
    fragment = '<p>Officials met in <a href="/a/1.html">the capital</a> on <b>Monday</b>.</p>'
    response = client.post("/translate", json={"q": fragment, "source": "en", "target": "ru", "format": "html"})
    assert response.status_code == 200, response.text
    translated = response.json()["translatedText"]
    assert '<a href="/a/1.html">' in translated and "</a>" in translated, translated
    assert "<b>" in translated and "</b>" in translated, translated
    assert translated.startswith("<p>[ru: "), translated
