"""The user's own files: folders, atomic writes, the history database, the cache."""
