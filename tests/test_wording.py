"""The wording residents read is one voice: a short English word that means different things in two
features carries a message context (pgettext), and the large-text control has one name everywhere."""

import re
from collections import defaultdict
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tests.conftest import PROJECT_ROOT
from tests.test_translations import KEYWORDS

# Short msgids found in several features that mean the same thing in each (checked by reading every use
# and its Vietnamese). Anything else used by two features needs pgettext("context", …) in each of them.
SAME_EVERYWHERE = {
    "Actions", "Add", "All", "Check again", "All committees", "Answered", "Atom feed", "Bulletins", "Code", "Committee",
    "Committee code", "Date", "Digital-skills lessons", "Draft", "E-mail", "Lessons taught", "Library",
    "Larger text", "Log out", "Name",
    "News sources", "Next page", "Overdue", "Pages", "Petitions inbox", "Place", "Preview",
    "Previous page", "Publish", "Published", "Published.", "Received", "Related documents", "Residents",
    "Role", "Save", "Saved.", "Search", "Show", "Social welfare", "Staff accounts", "Staff area", "State",
    "Statistics", "Subject", "Text", "Title", "Unpublish",
}


def _feature(filename: str) -> str:
    """templates/petitions/manage/x.html and portal/petitions/x.py are one feature: petitions."""
    parts = Path(filename).parts
    return parts[1] if len(parts) > 2 else "base"


def short_msgids_by_feature() -> dict[str, set[str]]:
    with open(PROJECT_ROOT / "translations" / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    uses: dict[str, set[str]] = defaultdict(set)
    for filename, _line, message, _comments, context in extract_from_dir(
        str(PROJECT_ROOT), method_map, options_map, keywords=KEYWORDS,
        directory_filter=lambda d: not any(part.startswith(".") or part == "__pycache__"
                                           for part in d.replace("\\", "/").split("/")),
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if context is None and len(msgid.split()) <= 2:
            uses[msgid].add(_feature(filename))
    return uses


def test_short_words_shared_by_features_mean_the_same_or_carry_a_context():
    shared = {m: sorted(f) for m, f in short_msgids_by_feature().items() if len(f) > 1}
    unexplained = {m: f for m, f in shared.items() if m not in SAME_EVERYWHERE}
    assert not unexplained, (
        "short words used by several features without a context: give each use pgettext(\"context\", …) "
        f"or, if it means the same everywhere, add it to SAME_EVERYWHERE: {unexplained}")
    assert shared, "the scan found no shared word at all: the extraction is broken"


def _catalog():
    with open(PROJECT_ROOT / "translations" / "vi" / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale="vi")


def test_continue_is_not_continue_studying_on_the_petition_form():
    catalog = _catalog()
    assert catalog.get("Continue", context="petition form").string == "Tiếp tục"
    assert catalog.get("Continue", context="lesson").string == "Học tiếp"
    # No context-free "Continue" left for a new page to pick up "Học tiếp" by accident.
    assert catalog.get("Continue") is None


def test_one_name_for_the_large_text_control():
    """Lessons and help texts tell residents to press the footer link by its own Vietnamese name."""
    footer = _catalog().get("Larger text").string
    assert footer == "Chữ to hơn"
    quoted = re.compile(r"[“\"](Chữ [^”\"]{1,12} hơn)[”\"]")
    wrong = []
    for path in list((PROJECT_ROOT / "portal").rglob("*")) + list((PROJECT_ROOT / "templates").rglob("*.html")):
        if path.is_file() and path.suffix in {".txt", ".md", ".py", ".html"}:
            for name in quoted.findall(path.read_text(encoding="utf-8")):
                if name != footer:
                    wrong.append((str(path.relative_to(PROJECT_ROOT)), name))
    for message in _catalog():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for s in strings:
            wrong += [("messages.po", n) for n in quoted.findall(s or "") if n != footer]
    assert not wrong, f"the large-text control is called “{footer}” in the footer: {wrong}"


def test_committee_chooser_button_says_continue_not_continue_studying(client):
    html = client.get("/phan-anh/gui").get_data(as_text=True)
    button = re.search(r'<button type="submit" class="primary">([^<]+)</button>', html).group(1)
    assert button == "Tiếp tục"
    assert "Học tiếp" not in html
    client.set_cookie("lang", "en")
    assert ">Continue</button>" in client.get("/phan-anh/gui").get_data(as_text=True)
