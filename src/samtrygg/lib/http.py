"""Fetching an http(s) URL for an import (plain Python, no Django): only http and https handlers, so a redirect to
file: or ftp: fails rather than being followed; a timeout; at most `limit` bytes read. urllib's errors (HTTPError,
URLError, OSError for timeouts and resets) reach the caller, which words them for its own report."""

import urllib.request

_HANDLERS = (urllib.request.HTTPHandler, urllib.request.HTTPSHandler, urllib.request.HTTPRedirectHandler,
             urllib.request.HTTPDefaultErrorHandler, urllib.request.HTTPErrorProcessor)


def get(url: str, *, headers: dict[str, str], timeout: float, limit: int) -> bytes:
    """The first `limit` bytes of the answer at an http(s) URL (the caller checked the scheme)."""
    opener = urllib.request.OpenerDirector()
    for handler in _HANDLERS:
        opener.add_handler(handler())
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http(s) only, checked by the caller
    with opener.open(request, timeout=timeout) as response:
        return response.read(limit)
