"""The names both halves of the OpenID Connect code share (oidc.py, the cheap facade every worker
imports, and oidc_client.py, the relying party loaded only when a provider is configured)."""

STAFF = "staff"
RESIDENT = "resident"
# The settings' prefix of each client.
PREFIXES = {STAFF: "OIDC_", RESIDENT: "RESIDENT_OIDC_"}
ID_TOKEN = "sso_id_token"  # nosec B105 # noqa: S105 (the session key of the provider's ID token)
