"""The library's edit history speaks to editors in Vietnamese words: every action the service records
and every field whose change it lists has a wording; the page shows them, never "update (category_id)"."""

import ast
import re

from sqlalchemy import select

from portal.library import history
from portal.library.models import Item
from tests.conftest import PROJECT_ROOT

from .test_editor import FORM, _post

SERVICE = PROJECT_ROOT / "portal" / "library" / "service.py"


def _recorded_actions_and_fields() -> tuple[set[str], set[str]]:
    """Read the service's own source: the action literals given to _revision, and the fields it compares."""
    tree = ast.parse(SERVICE.read_text(encoding="utf-8"))
    actions, fields = set(), {"files"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_revision" and len(node.args) >= 4:
            actions |= {c.value for c in ast.walk(node.args[3]) if isinstance(c, ast.Constant)}
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "fields" for t in node.targets):
            fields |= {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant)}
    return actions, fields


def test_every_recorded_action_and_field_has_a_wording():
    actions, fields = _recorded_actions_and_fields()
    assert {"create", "update", "publish", "file.remove"} <= actions and "category_id" in fields
    assert actions <= set(history.ACTIONS), f"no wording for {actions - set(history.ACTIONS)}"
    assert fields <= set(history.FIELDS), f"no wording for {fields - set(history.FIELDS)}"


def test_history_page_in_vietnamese_words(client, editor, login, session):
    login("bientap@example.org")
    _post(client, "/quan-tri/thu-vien/moi", FORM)
    item = session.scalar(select(Item))
    _post(client, f"/quan-tri/thu-vien/{item.id}",
          {**FORM, "title": FORM["title"] + " (bản mới)", "tags": "bảo hiểm"})
    page = client.get(f"/quan-tri/thu-vien/{item.id}").get_data(as_text=True)
    lines = re.findall(r"<li>([^<]*)</li>", page[page.find('id="lich-su"'):])
    assert len(lines) == 2
    assert lines[0].endswith("Sửa: tiêu đề, từ khóa") and lines[1].endswith("Tạo mới")
    for raw in ("create", "update", "category_id", "title", "tags"):
        assert not re.search(rf"\b{raw}\b", " ".join(lines)), raw
    client.set_cookie("lang", "en")
    page = client.get(f"/quan-tri/thu-vien/{item.id}").get_data(as_text=True)
    assert "Edited: title, tags" in page
