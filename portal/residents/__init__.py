"""Residents' optional sign-in (VNeID or a provincial citizen account) over OpenID Connect."""
