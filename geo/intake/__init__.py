"""Articles in: reading and decoding files, ingest into the store, curated rows, imports and their validation."""
