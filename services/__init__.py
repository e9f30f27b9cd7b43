"""The application services: the settings, a conversation turn over the database, answering
with a model budget, erasure. Below the shells (``webhooks``, ``abogado``), above ``db``, ``bot``
and ``rag``; they build nothing from settings themselves (``abogado.container`` does)."""
