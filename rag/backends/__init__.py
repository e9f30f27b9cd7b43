"""Adapters behind rag's ports, one file each; ``registry`` builds them and imports SDKs lazily."""
