"""Shared building blocks below every feature: HTTP, i18n, htmx, errors, text."""
