"""The edit history in words an editor reads: "Sửa: tiêu đề, chuyên mục", not "update (title, category_id)"."""

from __future__ import annotations

from flask_babel import gettext, lazy_pgettext

from .models import Revision

# Every action a revision records (service._revision) and every field whose change it lists.
ACTIONS = {
    "create": lazy_pgettext("library history", "Created"),
    "update": lazy_pgettext("library history", "Edited"),
    "publish": lazy_pgettext("library history", "Published"),
    "unpublish": lazy_pgettext("library history", "Unpublished"),
    "file.remove": lazy_pgettext("library history", "File removed"),
}
FIELDS = {
    "title": lazy_pgettext("library history", "title"),
    "kind": lazy_pgettext("library history", "kind of document"),
    "summary": lazy_pgettext("library history", "summary"),
    "issuer": lazy_pgettext("library history", "issuing body"),
    "issued_on": lazy_pgettext("library history", "date issued"),
    "unit_id": lazy_pgettext("library history", "committee"),
    "category_id": lazy_pgettext("library history", "library section"),
    "tags": lazy_pgettext("library history", "tags"),
    "files": lazy_pgettext("library history", "files added"),
}


def describe(revision: Revision) -> str:
    """One line of the history: the action, then what it changed (field names, or the removed file's name)."""
    action = str(ACTIONS.get(revision.action, revision.action))
    names = [n.strip() for n in (revision.changed or "").split(",") if n.strip()]
    if not names or revision.action == "create":  # a new document "changes" every field: nothing to say
        return action
    if revision.action == "file.remove":  # `changed` holds the file's own label here
        return gettext("%(action)s: %(what)s", action=action, what=", ".join(names))
    order = list(FIELDS)  # the form's order, not the alphabet of the English names
    names.sort(key=lambda n: order.index(n) if n in FIELDS else len(order))
    return gettext("%(action)s: %(what)s", action=action,
                   what=", ".join(str(FIELDS.get(n, n)) for n in names))
