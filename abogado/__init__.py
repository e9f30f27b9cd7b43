"""abogado: the entry point (CLI), the settings and the composition root.

Everything here wires the other packages together; no business logic lives here.
"""
