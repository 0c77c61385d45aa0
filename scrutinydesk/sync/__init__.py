"""Publish, pull, outbox and merge (SYNC.md). Plain Python: never imports Qt."""
