"""The 3,356 Front committees in a tree (central → province → commune)."""
