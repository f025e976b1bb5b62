"""The knowledge side: articles, ingestion, hybrid retrieval."""
