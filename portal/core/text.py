"""Vietnamese text helpers: NFC normalisation and diacritic folding."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Phường Hồng Bàng" → "phuong hong bang" (đ → d)."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d")
    return _SPACES.sub(" ", text).strip()


def clean_line(text: str, limit: int | None = None) -> str:
    """One line of user text: NFC, control characters dropped, spaces folded."""
    text = nfc(text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t")
    text = _SPACES.sub(" ", text).strip()
    return text[:limit] if limit else text


def slugify(text: str, max_length: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-") or "muc"
