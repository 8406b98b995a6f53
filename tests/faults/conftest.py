from pathlib import Path

import pytest


@pytest.fixture
def media_root(app) -> Path:
    root = Path(app.config["MEDIA_ROOT"])
    root.mkdir(parents=True, exist_ok=True)
    return root
