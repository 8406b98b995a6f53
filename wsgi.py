"""Entry point for gunicorn and `flask --app wsgi`."""

from portal import create_app
from portal.warm import warm

app = create_app()
warm(app)  # with --preload, in the master: the workers share what it loads
