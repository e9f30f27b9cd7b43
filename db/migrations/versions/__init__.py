"""Revision files, one per schema change, chained on the previous head."""
