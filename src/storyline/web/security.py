"""Protections of the local web app against other web sites and oversized requests.

The app listens on loopback, but any page the user visits can make the browser send
requests to it. One ASGI middleware, installed by `install_security`, refuses:

- a `Host` header outside the allow-list (loopback names, plus `--allow-host`): a DNS
  rebinding page reaches 127.0.0.1 under its own name, and would otherwise read the
  store through `/api/analysis`;
- a state-changing request (POST, PUT, PATCH, DELETE) a browser marks as cross-site
  (`Sec-Fetch-Site`) or whose `Origin` is not this server: a form or script on another
  site cannot add documents. Requests with neither header come from non-browser clients
  (curl, scripts), which no web page can forge;
- a request body over the limit, counted while it streams in, whatever the transfer
  encoding (a chunked upload has no Content-Length to check up front): reading stops at
  the limit and the answer is 413;
- a query-string value longer than `MAX_QUERY_VALUE` (a search string): 400, before it
  reaches the store's LIKE patterns.

It also sets `Referrer-Policy: same-origin`, so links out of a document page do not tell
other sites what the user was reading.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
WILDCARD_BINDS = ("", "0.0.0.0", "::")
STATE_CHANGING = frozenset(("POST", "PUT", "PATCH", "DELETE"))
SAME_SITE_FETCHES = frozenset(("same-origin", "none"))  # 'none': typed in the address bar
MAX_QUERY_VALUE = 1_000  # characters in one query-string value (a search)
REFERRER_POLICY = "same-origin"  # not "no-referrer": Chromium then posts forms with Origin: null


class BodyTooLarge(Exception):
    """The request body passed the limit while streaming in."""


def host_name(host: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1', '[::1]:8000' -> '::1', lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        return host.split(":", 1)[0]
    return host


def allowed_hosts(extra: Iterable[str] = ()) -> frozenset[str]:
    """Loopback names and the names the user allows (`--allow-host`, the bound address);
    a wildcard bind address ('0.0.0.0') names no host and allows none."""
    names = {host_name(h) for h in extra if h.strip() not in WILDCARD_BINDS}
    return frozenset({*LOOPBACK_HOSTS, *names})


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, *, max_body: int, hosts: frozenset[str]) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        refusal = self.refusal(scope, headers)
        if refusal is not None:
            status, message = refusal
            await _answer(send, status, message, scope)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self._guarded(scope, receive, send)

    def refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        """(status, message) for a request refused before the app sees it, else None."""
        host = host_name(headers.get("host", ""))
        if host not in self.hosts:
            return 400, f"host {host!r} is not served here (start with --allow-host to add it)"
        if scope.get("method", "GET") in STATE_CHANGING:
            site = headers.get("sec-fetch-site")
            if site is not None and site.lower() not in SAME_SITE_FETCHES:
                return 403, f"cross-site request refused (Sec-Fetch-Site: {site})"
            origin = headers.get("origin")
            same_site = site is not None and site.lower() == "same-origin"
            if (
                not same_site
                and origin is not None
                and not self._same_origin(origin, headers.get("host", ""))
            ):
                return 403, f"cross-origin request refused (Origin: {origin})"
        for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1")):
            if len(value) > MAX_QUERY_VALUE:
                return 400, (
                    f"{key!r} is {len(value):,} characters long: at most {MAX_QUERY_VALUE:,}"
                )
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            return 413, f"request of {int(length):,} bytes, over the {self.max_body:,}-byte limit"
        return None

    def _same_origin(self, origin: str, host: str) -> bool:
        """The Origin names this server as the browser reached it (same host and port)."""
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False  # 'null' (sandboxed frames, file: pages) and other schemes
        return parts.netloc.lower() == host.strip().lower() and (
            host_name(parts.netloc) in self.hosts
        )

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        received = 0
        over = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, over
            if over:
                raise BodyTooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    over = True  # stop here: nothing past the limit reaches the app
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return  # the app's own answer to a cut-off body (often a 400): ours instead
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"referrer-policy" for k, _ in headers):
                    headers.append((b"referrer-policy", REFERRER_POLICY.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except BodyTooLarge:
            pass
        except Exception:
            if not over:
                raise
        if over and not started:
            limit = f"request body over the {self.max_body:,}-byte limit"
            await _answer(send, 413, limit, scope)


async def _answer(send: Send, status: int, message: str, scope: Scope) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = json.dumps({"detail": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"referrer-policy", REFERRER_POLICY.encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def install_security(app, *, max_body: int, allow_hosts: Iterable[str] = ()) -> None:
    """Add the protections to a Starlette/FastAPI app (outermost, so they run first)."""
    app.add_middleware(SecurityMiddleware, max_body=max_body, hosts=allowed_hosts(allow_hosts))
