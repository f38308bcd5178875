"""The local server against other web sites and hostile requests, on a live `storyline
serve` bound to loopback: cross-site POSTs and a rebinding Host are refused, a chunked
upload is cut off at the limit without spooling more than the limit to disk, an overlong
search is a clear 400, and pages carry a Referrer-Policy.

The server runs as its own process (the CLI, as a user starts it) over a small store
built by hand; nothing here loads a model: no upload gets far enough to be analysed.
"""

from __future__ import annotations

import http.client
import json
import os
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from browser import free_port
from test_api import build_store

from storyline.web.security import allowed_hosts, host_name

MAX_BYTES = 400_000  # per file; the body limit is 4x this plus 100,000: 1.7 MB, so the
# multipart parser spools past its 1 MB in memory to disk before the cut
BODY_LIMIT = MAX_BYTES * 4 + 100_000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """(port, server process, spool folder) of a `storyline serve` on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("security")
    build_store(tmp / "s.sqlite").close()
    spool = tmp / "spool"
    spool.mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(spool), "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(tmp / "s.sqlite")]
    cmd += ["--port", str(port), "--max-bytes", str(MAX_BYTES), "--quiet"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"storyline serve did not start: {proc.stderr.read().decode()}")
            time.sleep(0.2)
    yield port, proc, spool
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def documents(port) -> int:
    status, _, body = request(port, "GET", "/api/documents")
    assert status == 200
    return len(json.loads(body))


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
PASTE = urlencode({"title": "Planted", "text": "A planted article " * 20}).encode()


@pytest.mark.parametrize("path", ["/add", "/api/documents"])
@pytest.mark.parametrize(
    "browser",
    [
        {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://evil.example"},  # an older browser: Origin only
        {"Origin": "null"},  # a sandboxed frame or a file: page
        {"Sec-Fetch-Site": "same-site"},  # a sibling site, e.g. another local port's name
    ],
)
def test_cross_site_posts_are_refused(live, path, browser):
    port, _, _ = live
    before = documents(port)
    status, _, body = request(port, "POST", path, PASTE, {**FORM, **browser})
    assert status == 403, body
    assert "refused" in json.loads(body)["detail"]
    assert documents(port) == before


def test_a_same_origin_post_gets_through(live):
    port, _, _ = live
    origin = {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"}
    empty = urlencode({"text": " "}).encode()
    status, _, body = request(port, "POST", "/api/documents", empty, {**FORM, **origin})
    assert status == 400 and "nothing to add" in json.loads(body)["detail"]  # the app's answer
    status, _, _ = request(port, "POST", "/api/documents", empty, FORM)  # curl, a script
    assert status == 400


def test_a_post_from_another_local_port_is_refused(live):
    port, _, _ = live
    other = {"Origin": f"http://127.0.0.1:{port + 1}"}
    status, _, _ = request(port, "POST", "/api/documents", PASTE, {**FORM, **other})
    assert status == 403


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{8000}", "127.0.0.1.nip.io"])
def test_a_rebinding_host_is_refused(live, host):
    port, _, _ = live
    status, _, body = request(port, "GET", "/api/analysis", headers={"Host": host})
    assert status == 400 and b"Ferry" not in body
    assert "is not served here" in json.loads(body)["detail"]


def test_loopback_hosts_are_served(live):
    port, _, _ = live
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        status, headers, body = request(port, "GET", "/api/analysis", headers={"Host": host})
        assert status == 200 and b"Ferry" in body
        assert headers["referrer-policy"] == "same-origin"


def _spooled_bytes(pid: int, spool: Path) -> int:
    """Bytes the server process holds in files under the spool folder right now (the
    multipart parser's temporary files are unlinked, so they are found by descriptor)."""
    total = 0
    fds = Path(f"/proc/{pid}/fd")
    for fd in fds.iterdir() if fds.exists() else ():
        try:
            if os.readlink(fd).startswith(str(spool)):
                total += os.stat(fd).st_size
        except OSError:
            continue
    return total


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_chunked_upload_is_cut_off_at_the_limit(live):
    """100 MB sent chunked (no Content-Length to check up front): the server answers 413
    after reading about the limit, and never spools more than the limit to disk."""
    port, proc, spool = live
    boundary = "b0undary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="huge.txt"\r\nContent-Type: text/plain\r\n\r\n'
    ).encode()
    chunk = b"All quiet in the harbour today. " * 2048  # 64 kB
    total, sent, spooled = 100_000_000, 0, 0
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + f"Content-Type: multipart/form-data; boundary={boundary}\r\n".encode()
        + b"Transfer-Encoding: chunked\r\n\r\n"
    )

    def send_chunk(data: bytes) -> None:
        sock.sendall(f"{len(data):x}\r\n".encode() + data + b"\r\n")

    answer = b""
    done = threading.Event()

    def watch() -> None:  # the spool's high-water mark, while the upload runs
        nonlocal spooled
        while not done.is_set():
            spooled = max(spooled, _spooled_bytes(proc.pid, spool))
            time.sleep(0.002)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        send_chunk(head)
        while sent < total:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            send_chunk(chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    sock.settimeout(30)
    try:
        while not answer.endswith(b"}"):
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    except (ConnectionResetError, TimeoutError):
        pass
    finally:
        sock.close()
        done.set()
        watcher.join()
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"limit" in answer
    assert sent < total / 10, f"the server kept reading: {sent:,} bytes sent"
    assert spooled <= BODY_LIMIT, f"{spooled:,} bytes spooled to disk"
    assert proc.poll() is None  # the server is still up


def test_a_declared_oversized_body_is_refused_unread(live):
    port, _, _ = live
    headers = {"Content-Type": "text/plain", "Content-Length": str(BODY_LIMIT + 1)}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.putrequest("POST", "/api/documents")
    for k, v in headers.items():
        conn.putheader(k, v)
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 413
    conn.close()


@pytest.mark.parametrize("path", ["/", "/api/stories", "/api/entities"])
def test_an_overlong_search_is_a_clear_400(live, path):
    port, _, _ = live
    status, _, body = request(port, "GET", f"{path}?q={'x' * 60_000}")
    assert status == 400
    assert "at most 1,000" in json.loads(body)["detail"]
    status, _, _ = request(port, "GET", f"{path}?q=ferry")
    assert status == 200


def test_host_names():
    assert host_name("127.0.0.1:8000") == "127.0.0.1"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("LocalHost") == "localhost"
    assert "news.lan" in allowed_hosts(["news.lan:8000"])
    assert allowed_hosts(["0.0.0.0"]) == allowed_hosts()
