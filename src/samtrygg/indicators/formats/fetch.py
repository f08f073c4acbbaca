"""Reading a source: a local file or an http(s) URL (plain Python, no Django)."""

import socket
import ssl
import urllib.error
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from samtrygg.lib import http

from .base import FormatError

TIMEOUT_SECONDS = 60
MAX_BYTES = 100 * 1024 * 1024


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in {"http", "https"}


def user_agent() -> str:
    try:
        version = metadata.version("samtrygg")
    except metadata.PackageNotFoundError:  # pragma: no cover - a bare checkout
        version = "dev"
    return f"samtrygg/{version} (import-indicators; municipal)"


def read(source: str) -> bytes:
    """The bytes of an http(s) URL (redirects only to http(s), a timeout, our User-Agent) or of a local file;
    FormatError when they cannot be had or exceed MAX_BYTES."""
    scheme = urlsplit(source).scheme.lower()
    if is_url(source):
        try:
            data = http.get(source, headers={"User-Agent": user_agent(), "Accept": "application/json"},
                            timeout=TIMEOUT_SECONDS, limit=MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise FormatError(source, None, "", _("the server answered HTTP %(code)s %(reason)s.")
                              % {"code": exc.code, "reason": exc.reason}) from None
        except (urllib.error.URLError, OSError) as exc:
            raise FormatError(source, None, "", _fetch_reason(getattr(exc, "reason", exc))) from None
    elif len(scheme) > 1:  # ftp:, file: ... (a single letter is a Windows drive)
        raise FormatError(source, None, "", _("only http(s) URLs and local files can be read, not %(scheme)s:.")
                          % {"scheme": scheme})
    else:
        try:
            with Path(source).open("rb") as f:
                data = f.read(MAX_BYTES + 1)
        except OSError as exc:
            raise FormatError(source, None, "", _read_reason(exc)) from None
    if len(data) > MAX_BYTES:
        raise FormatError(source, None, "", _("holds more than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20})
    return data


def _fetch_reason(reason) -> str:
    """Why a URL could not be fetched, translated (the socket's own reasons are English)."""
    if isinstance(reason, TimeoutError | socket.timeout):
        return _("no answer within %(seconds)s seconds.") % {"seconds": TIMEOUT_SECONDS}
    if isinstance(reason, ConnectionRefusedError):
        return _("the server refused the connection.")
    if isinstance(reason, socket.gaierror):
        return _("the server's name cannot be found (no network, or a mistake in the address).")
    if isinstance(reason, ssl.SSLError):
        return _("the secure connection (TLS) to the server failed.")
    if isinstance(reason, ConnectionError):
        return _("the connection to the server was broken.")
    return _("cannot be fetched (%(kind)s).") % {"kind": type(reason).__name__ if isinstance(reason, BaseException)
                                                  else str(reason)[:80]}


def _read_reason(exc: OSError) -> str:
    """Why a local file could not be read, translated (the system's own reasons are English)."""
    if isinstance(exc, FileNotFoundError):
        return _("cannot be read: there is no such file.")
    if isinstance(exc, IsADirectoryError):
        return _("this is a folder, not a file.")
    if isinstance(exc, PermissionError):
        return _("samtrygg may not read this file (permission denied).")
    return _("cannot be read (error %(number)s).") % {"number": exc.errno or "?"}
