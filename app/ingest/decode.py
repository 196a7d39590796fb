"""Bytes to text: UTF-8, else Windows-1252 with a warning; binary data is refused."""


class DecodeError(ValueError):
    """Bytes that are not text in an encoding we read."""


def decode_text(data: bytes) -> tuple[str, str | None]:
    """The text of `data` and a warning when it was not UTF-8.

    UTF-8 first (utf-8-sig drops a byte order mark that some editors write); failing that,
    Windows-1252, which reads Latin-1 text the same (its 0x80-0x9F are curly quotes and dashes
    where Latin-1 has unused control codes). NUL bytes mean a binary file (or UTF-16): reported.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(
            f"binary data, not text (NUL byte at offset {nul}); save the file as UTF-8 text"
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        byte = utf8_error.object[utf8_error.start : utf8_error.start + 1].hex()
        raise DecodeError(
            f"not UTF-8 text (byte 0x{byte} at offset {utf8_error.start}) nor Windows-1252; "
            "save the file as UTF-8"
        ) from None
    byte = utf8_error.object[utf8_error.start : utf8_error.start + 1].hex()
    return text, (
        f"not UTF-8 (byte 0x{byte} at offset {utf8_error.start}): read as Windows-1252/Latin-1"
    )
