"""Accounts: the one-time login link, the OIDC client (Cognito or the local provider), PKCE."""
