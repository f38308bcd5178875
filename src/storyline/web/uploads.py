"""Adding articles: the upload form, the JSON upload endpoint and the jobs that run them.

Uploads are checked in the request (type, size, text) before a job is queued. The
allowed types are the readers' own (`ingest.readers.FILE_SUFFIXES`), so the app takes
every file the command line takes by its extension, and refuses the rest.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from storyline.ingest.decode import DecodeError, maybe_gunzip
from storyline.ingest.readers import FILE_SUFFIXES
from storyline.web.jobs import Upload
from storyline.web.state import Web, found

MAX_FILES = 50
ACCEPT = ",".join(FILE_SUFFIXES)  # the file input's `accept`: the same list

router = APIRouter()


class UploadError(ValueError):
    """A bad upload, with a message for the user."""


def safe_name(name: str | None, fallback: str) -> str:
    """A file name with no folders and only plain characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._ -]+", "_", base).strip(" .")[:100]
    return base or fallback


def check_upload(name: str, data: bytes, limit: int) -> Upload:
    """Reject what ingest could never use, with a clear reason naming the file."""
    if not name.lower().endswith(FILE_SUFFIXES):
        raise UploadError(f"{name}: unsupported file type (use {', '.join(FILE_SUFFIXES)})")
    if len(data) > limit:
        raise UploadError(f"{name}: {len(data)} bytes, over the {limit}-byte limit")
    try:
        content = maybe_gunzip(data, limit)  # a .gz is checked by what it holds
    except DecodeError as exc:
        raise UploadError(f"{name}: {exc.reason}") from None
    if not content.strip():
        raise UploadError(f"{name}: empty file")
    if b"\x00" in content[:8192] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadError(f"{name}: binary data, not a text, HTML, JSON, CSV or feed file")
    return Upload(name, data)


async def read_uploads(
    files: list[UploadFile | str], text: str, title: str, max_file: int
) -> list[Upload]:
    """The files chosen and the text pasted, checked; at least one of them."""
    uploads: list[Upload] = []
    if len(files) > MAX_FILES:
        raise UploadError(f"{len(files)} files: at most {MAX_FILES} per upload")
    for i, f in enumerate(files):
        if isinstance(f, str) or not f.filename:
            continue  # the browser sends an empty part when no file is chosen
        data = await f.read(max_file + 1)
        uploads.append(check_upload(safe_name(f.filename, f"file{i}.txt"), data, max_file))
    if text.strip():
        body = (title.strip() + "\n\n" if title.strip() else "") + text.strip() + "\n"
        name = safe_name(title, "pasted")[:60] + ".txt" if title.strip() else "pasted.txt"
        uploads.append(check_upload(name, body.encode("utf-8"), max_file))
    if not uploads:
        raise UploadError("nothing to add: choose files or paste an article")
    return uploads


def _form(web: Web, errors: list[str]) -> dict:
    return {"errors": errors, "max_file": web.settings.max_bytes, "accept": ACCEPT}


# A browser sends an empty part when no file is chosen, which may arrive as a string.
Files = Annotated[list[UploadFile | str], File()]
Text = Annotated[str, Form()]


@router.get("/add", response_class=HTMLResponse, include_in_schema=False)
def add_form(request: Request, web: Web):
    return web.page(request, "add.html", _form(web, []))


@router.post("/add", include_in_schema=False)
async def add_submit(
    request: Request,
    web: Web,
    files: Files = [],  # noqa: B006
    text: Text = "",
    title: Text = "",
):
    try:
        uploads = await read_uploads(files, text, title, web.settings.max_bytes)
    except UploadError as exc:
        return web.page(request, "add.html", _form(web, [str(exc)]), 400)
    job = web.jobs.submit(uploads)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(request: Request, web: Web, job_id: str):
    job = found(web.jobs.get(job_id), "job", job_id)
    return web.page(request, "job.html", {"job": job})


@router.post("/api/documents", status_code=202, tags=["add"])
async def api_add(web: Web, files: Files = [], text: Text = "", title: Text = ""):  # noqa: B006
    """Add articles (files and/or pasted text); returns the background job."""
    try:
        uploads = await read_uploads(files, text, title, web.settings.max_bytes)
    except UploadError as exc:
        raise HTTPException(400, str(exc)) from None
    return web.jobs.submit(uploads).as_dict()


@router.get("/api/jobs/{job_id}", tags=["add"])
def api_job(web: Web, job_id: str):
    """Progress of an add-articles job: state, phase, done/total, results."""
    job = found(web.jobs.get(job_id), "job", job_id)
    return job.as_dict()
