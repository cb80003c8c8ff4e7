"""What every request passes before it reaches a page or the API (an ASGI middleware).

- **Host**: on a loopback address the Host header must name this machine (a web page
  that re-points its own domain at 127.0.0.1 — DNS rebinding — is refused).
- **Token**: with a token set (required off loopback), a request carries it in
  ``Authorization: Bearer …``, ``X-Translate-Token``, the cookie set by opening
  ``/?token=…`` once, or, on the LibreTranslate API, as ``api_key`` (checked by the API).
- **Origin**: a request that changes something (POST, PUT, PATCH, DELETE) on the pages
  must come from the pages themselves: its Origin (or Sec-Fetch-Site) says so, or it is
  refused (CSRF). The translation API changes nothing and takes calls from anywhere
  (browser extensions, CAT tools), as LibreTranslate does.
- **Size**: a body larger than the limit is refused with 413 before any parsing.
- **Headers**: every response forbids framing, sniffing, referrers, and any script or
  style not served by this server (Content-Security-Policy).
"""

from __future__ import annotations

import json
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

from translate.serve.settings import LOOPBACK_NAMES, ServeSettings

TOKEN_COOKIE = "translate_token"
# The LibreTranslate-compatible API: open to other origins; a token may come as api_key.
API_PATHS = frozenset({"/translate", "/languages", "/detect", "/glossary/apply"})
_CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                           "frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


async def _send_json(send, status: int, message: str, extra: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS, *extra]})
    await send({"type": "http.response.body", "body": body})


def _host_name(host: str) -> str:
    """``127.0.0.1:8080`` → ``127.0.0.1``; ``[::1]:8080`` → ``::1``."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    def __init__(self, app, settings: ServeSettings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        path, method = scope["path"], scope["method"]
        host = headers.get("host", "")
        if self.settings.loopback and _host_name(host) not in (*LOOPBACK_NAMES, self.settings.host):
            return await _send_json(send, 421, f"this server answers to localhost only, not to {host!r}")
        authorized, set_cookie = self._authorized(scope, headers)
        scope.setdefault("state", {})["authorized"] = authorized
        if not authorized and path not in API_PATHS:
            return await _send_json(send, 401, "a token is required: open /?token=TOKEN once, or send "
                                               "'Authorization: Bearer TOKEN'")
        if method in _CHANGES and path not in API_PATHS and not self._same_origin(headers, scope):
            return await _send_json(send, 403, "refused: this request did not come from this server's own pages "
                                               "(Origin missing or foreign)")
        if method in _CHANGES:
            body = await self._read_body(receive, headers)
            if body is None:
                return await _send_json(send, 413, f"request body too large (limit {self.settings.max_body_bytes} bytes)")
            receive = _replay(body, receive)
        extra = [(b"set-cookie", set_cookie.encode())] if set_cookie else []

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS, *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _authorized(self, scope, headers: dict[str, str]) -> tuple[bool, str | None]:
        token = self.settings.token
        if not token:
            return True, None
        offered = []
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            offered.append(authorization[7:].strip())
        offered.append(headers.get("x-translate-token", ""))
        cookie = SimpleCookie(headers.get("cookie", ""))
        if TOKEN_COOKIE in cookie:
            offered.append(cookie[TOKEN_COOKIE].value)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        if any(secrets.compare_digest(value.encode(), token.encode()) for value in offered if value):
            return True, None
        if any(secrets.compare_digest(value.encode(), token.encode()) for value in query):
            return True, f"{TOKEN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
        return False, None

    @staticmethod
    def _same_origin(headers: dict[str, str], scope) -> bool:
        origin = headers.get("origin")
        if origin and origin != "null":
            parts = urlsplit(origin)
            return parts.netloc == headers.get("host") and parts.scheme == scope.get("scheme", "http")
        return headers.get("sec-fetch-site") == "same-origin"

    async def _read_body(self, receive, headers: dict[str, str]) -> bytes | None:
        """The whole body, or None when it is over the limit (told by Content-Length, or counted)."""
        limit = self.settings.max_body_bytes
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            return None
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        return b"".join(chunks)


def _replay(body: bytes, original):
    """A ``receive`` that gives the body read already, then waits on the connection as before."""
    sent = False

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive
