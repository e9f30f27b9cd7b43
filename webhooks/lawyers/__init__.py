"""The lawyers' inbox at /abogados: handoff requests for the Cognito group ``abogados``."""
