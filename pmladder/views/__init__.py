"""One result per command, computed once: the plan, where, progress, the team."""
