"""Search over sources, excerpts and facts (PostgreSQL full-text search or SQLite FTS5).

Each source, excerpt and fact has one `SearchDocument` (title + body), written by signal
receivers on every save and delete (`receivers`, connected in `EvidenceConfig.ready()`) and
rebuilt in bulk by `manage.py rebuild_search_index`. `selectors.search_evidence` ranks them,
expanding actor aliases (`aliases`).
"""
