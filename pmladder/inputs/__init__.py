"""Untrusted files into engine types, with FILE:LINE:COL problems: YAML, ladders, profiles, teams."""
