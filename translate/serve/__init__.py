"""`translate serve`: the editors' workspace, a local web application.

Pages for terminology editors (the glossary: search, edit with lint on every change,
suggestions from articles) and for QA review of batch outputs, and an API compatible with
LibreTranslate's (``POST /translate``, ``GET /languages``, ``POST /detect``) plus
``POST /glossary/apply``, all over one pipeline (one model load per direction per server).

Modules: ``settings`` (what the command line sets), ``app`` (the application factory),
``security`` (loopback, token, Origin, Host and size checks), ``pages`` (templates: this
package's and the QA report's), ``glossary_workspace`` and ``glossary_routes`` (the glossary
pages), ``suggestions``, ``review`` and ``review_routes`` (QA review), ``translation`` (the
pipeline behind the API), ``batching`` (requests that arrive together are translated
together), ``api``. FastAPI, uvicorn and python-multipart are the optional extra ``serve``;
nothing here is imported by ``translate --help``.
"""
