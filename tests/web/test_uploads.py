"""Upload types: the form and the API take every file the readers read by its extension
(the readers' own list), refuse any other, and check a .gz by what it holds."""

from __future__ import annotations

import gzip
import json

import pytest
from fastapi.testclient import TestClient
from test_api import build_store

from storyline.config import Settings
from storyline.ingest.readers import FILE_SUFFIXES, read_sources
from storyline.models import RawInput
from storyline.web import create_app
from storyline.web.uploads import ACCEPT, UploadError, check_upload

LIMIT = 100_000
# Written for these tests.
TITLE = "Harbour crane repaired"
BODY = (
    "Engineers in the port town of Selby repaired the old harbour crane on Friday, "
    "the harbour master said, and ships were loading again by the evening."
)
ROW = {"title": TITLE, "text": BODY}
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Port news</title>'
    f"<item><title>{TITLE}</title><description>{BODY}</description></item>"
    "</channel></rss>"
)
SAMPLES = {
    "txt": f"{TITLE}\n\n{BODY}\n",
    "html": f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
    f"<p>{BODY}</p><p>{BODY}</p></article></body></html>",
    "jsonl": json.dumps(ROW) + "\n",
    "json": json.dumps([ROW]),
    "csv": f"title,text\n{TITLE},{BODY.replace(',', '')}\n",
    "tsv": f"title\ttext\n{TITLE}\t{BODY}\n",
    "feed": FEED,
}
KIND = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}  # fmt: skip


def sample(suffix: str) -> bytes:
    if suffix == ".gz":
        return gzip.compress(SAMPLES["txt"].encode())
    return SAMPLES[KIND[suffix]].encode()


def test_the_upload_list_is_the_readers_list():
    assert set(KIND) | {".gz"} == set(FILE_SUFFIXES)  # a new reader needs a sample here
    assert ACCEPT.split(",") == list(FILE_SUFFIXES)
    for suffix in (".md", ".json", ".ndjson", ".tsv", ".gz"):  # refused before
        assert suffix in FILE_SUFFIXES


@pytest.mark.parametrize("suffix", FILE_SUFFIXES)
def test_each_reader_suffix_is_accepted_and_read(suffix, tmp_path):
    upload = check_upload(f"article{suffix}", sample(suffix), LIMIT)
    path = tmp_path / upload.name
    path.write_bytes(upload.data)
    read = list(read_sources([str(path)], Settings()))
    assert read and all(isinstance(r, RawInput) for r in read), read
    assert BODY.split(",")[0] in read[0].body


@pytest.mark.parametrize("name", ["report.txt.gz", "wire.ndjson.gz", "feed.xml.gz"])
def test_gzipped_files_are_checked_by_what_they_hold(name):
    assert check_upload(name, gzip.compress(b"An article.\n"), LIMIT).name == name
    with pytest.raises(UploadError, match="empty file"):
        check_upload(name, gzip.compress(b"  \n"), LIMIT)
    with pytest.raises(UploadError, match="binary"):
        check_upload(name, gzip.compress(b"\x00\x01\x02" * 10), LIMIT)
    with pytest.raises(UploadError, match="gzip"):
        check_upload(name, gzip.compress(b"An article.\n")[:-6], LIMIT)
    with pytest.raises(UploadError, match="decompressed"):
        check_upload(name, gzip.compress(b"a" * (LIMIT + 1)), LIMIT)


@pytest.mark.parametrize("name", ["slides.pdf", "tool.exe", "letter.docx", "noext", "a.txt.zip"])
def test_an_unknown_type_is_refused(name):
    with pytest.raises(UploadError, match="unsupported file type"):
        check_upload(name, b"Some text.\n", LIMIT)


def test_the_form_offers_the_readers_list_and_refuses_others(tmp_path):
    store = build_store(tmp_path / "s.sqlite")
    with TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        form = client.get("/add").text
        assert f'accept="{ACCEPT}"' in form
        for name in ("notes.pdf", "notes.md.exe"):
            r = client.post("/api/documents", files={"files": (name, b"Text.\n", "text/plain")})
            assert r.status_code == 400 and f"{name}: unsupported file type" in r.json()["detail"]
            assert ".md" in r.json()["detail"] and ".gz" in r.json()["detail"]
    store.close()
