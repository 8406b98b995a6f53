"""Staff accounts, roles, login and the audit log."""
