import pytest

from tests.search.backends import BACKENDS, scratch_backend


@pytest.fixture(params=BACKENDS)
def empty(request, app, tmp_path):
    """An empty index of its own, on each backend."""
    with scratch_backend(request.param, app, tmp_path) as backend:
        yield backend
