"""Every string in code and templates has a Vietnamese translation (NFC, not fuzzy), per message context."""

import unicodedata

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tests.conftest import PROJECT_ROOT

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3), "lazy_pgettext": ((1, "c"), 2)}


def _source_messages() -> set:
    with open(PROJECT_ROOT / "translations" / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PROJECT_ROOT), method_map, options_map, keywords={**KEYWORDS},
        directory_filter=lambda d: not any(part.startswith(".") or part == "__pycache__"
                                           for part in d.replace("\\", "/").split("/")),
    ):
        found.add((message[0] if isinstance(message, tuple) else message, context))
    return found


def test_vietnamese_catalog_is_complete():
    with open(PROJECT_ROOT / "translations" / "vi" / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f, locale="vi")
    missing, fuzzy, not_nfc = [], [], []
    for msgid, context in sorted(_source_messages(), key=lambda m: (m[0], m[1] or "")):
        message = catalog.get(msgid, context=context)
        if message is None:
            missing.append(msgid)
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(msgid)
        if message.fuzzy:
            fuzzy.append(msgid)
        if not all(unicodedata.is_normalized("NFC", s) for s in strings):
            not_nfc.append(msgid)
    assert len(_source_messages()) > 50
    assert not missing, f"untranslated (run `make messages`, then translate vi/): {missing}"
    assert not fuzzy, f"fuzzy translations: {fuzzy}"
    assert not not_nfc, f"translations not in NFC: {not_nfc}"
