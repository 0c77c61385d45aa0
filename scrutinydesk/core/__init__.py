"""Pure-Python core: schema, ids, queries, notebook, indicators. Never imports Qt."""
