"""The admin pages at /admin: broadcasts for users in the ``admins`` group (server-rendered)."""
