"""Bytes to text: BOMs, declared UTF-8, then charset-normalizer for unknown encodings."""

from __future__ import annotations

import codecs

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, source: str, declared: str | None = None, *, prefix: bool = False) -> str:
    """Decode ``data`` or raise InputError("undecodable"). ``declared`` is a charset from HTTP or a meta tag.
    ``prefix=True`` says ``data`` is only the start of the input (for sniffing): a character cut at its end
    is replaced rather than refused."""
    errors = "replace" if prefix else "strict"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding, errors)
            except UnicodeDecodeError as exc:
                raise InputError(source, "undecodable", f"not valid {encoding} text after its byte-order mark ({exc.reason})") from None
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(source, "undecodable", "cannot decode the bytes as text in any known encoding")
    return str(best)
