"""Fetching one URL over HTTP(S) with the standard library: redirects followed, size capped.

Every failure is one InputError line: "unreachable" (DNS, refused, timeout, TLS, HTTP status >= 400),
"too-large" (over ``max_bytes``), or "unsupported" (a scheme other than http/https).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ..errors import InputError
from .draft import RawInput

ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,*/*;q=0.8"
)
_CHUNK = 1 << 16


def fetch(url: str, *, timeout: float, user_agent: str, max_bytes: int) -> RawInput:
    """The body of ``url`` as a RawInput (source: the URL asked for; url: the final URL after redirects)."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise InputError(url, "unsupported", "only http:// and https:// URLs can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            final_url = response.geturl()
            content_type = response.headers.get("Content-Type")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(
                    url, "too-large", f"the page is {_size(int(length))}, over the {_size(max_bytes)} limit"
                )
            data = _read_capped(response, url, max_bytes)
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        raise InputError(url, "unreachable", f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(url, "unreachable", f"cannot connect ({_reason(exc.reason)})") from None
    except TimeoutError:
        raise InputError(url, "unreachable", f"no answer within {timeout:g} s") from None
    except (http.client.HTTPException, ssl.SSLError, OSError, ValueError) as exc:
        raise InputError(url, "unreachable", f"the transfer failed ({_reason(exc)})") from None
    return RawInput(source=url, data=data, content_type=content_type, url=final_url)


def _read_capped(response: http.client.HTTPResponse, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, "too-large", f"the page is over the {_size(max_bytes)} limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    text = str(getattr(reason, "strerror", None) or reason)
    return " ".join(text.split())[:160] or type(reason).__name__


def _size(n: int) -> str:
    return (
        f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"
    )


__all__ = ["fetch"]
