import pytest

from tests.search.backends import BACKENDS, scratch_backend


@pytest.fixture(params=BACKENDS)
def empty(request, app, tmp_path):
    """An empty index of its own, on each backend."""
    with scratch_backend(request.param, app, tmp_path) as backend:
        yield backend


SLOW_JOBS = ("render", "audio")  # speech and EPUB files are not needed to search the demo


@pytest.fixture(scope="session")
def demo_documents(app):
    """The demo content (portal/demo.py) as search documents, seeded once for the session: every
    backend is then built from the same documents (seeding again found the library's files already
    stored and left their extracted text out of the second index)."""
    from portal import demo
    from portal.db import db
    from portal.jobs.queue import Task
    from portal.search.registry import registry

    original = Task.enqueue

    def enqueue(self, *args, **kwargs):
        if any(word in self.name for word in SLOW_JOBS):
            return None
        return original(self, *args, **kwargs)

    from sqlalchemy import select

    from portal.jobs.queue import jobs
    from portal.library.jobs import extract_file
    from portal.library.models import STATE_WAITING, ItemFile

    jobs.init_app(app)  # the suite's own queue, immediate, whatever an earlier test left bound
    Task.enqueue = enqueue
    try:
        with app.app_context():
            lines = list(demo.seed(db.session, "demo password for the search test"))
            # Every file's text read now (a queue left not immediate would have only queued it).
            waiting = db.session.scalars(select(ItemFile.id).where(ItemFile.extract_state == STATE_WAITING)).all()
            for file_id in waiting:
                extract_file.fn(file_id)
            db.session.expire_all()
            documents = list(registry.all_documents())
    finally:
        Task.enqueue = original
    assert lines and len(documents) > 50
    return documents  # the tables are emptied after the first test; the documents stay


@pytest.fixture(scope="module", params=BACKENDS)
def demo_index(request, app, tmp_path_factory, demo_documents):
    """The demo content indexed, on each backend (read only)."""
    from portal.search import index

    with scratch_backend(request.param, app, tmp_path_factory.mktemp("demo-index")) as backend:
        index.rebuild(backend, demo_documents)
        yield backend
