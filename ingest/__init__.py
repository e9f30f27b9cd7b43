"""Law text to articles (pure parser), chunks, and an idempotent index through rag's ports."""
