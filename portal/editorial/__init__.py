"""What the editors' features share: who may change a committee's content, the publish and
unpublish steps (audit, media, search index, one commit), and the staff pages' helpers (an item
or 404/403, a picture read from a form, the answer to a full disk)."""
