"""Pure rules, no I/O: the runtime types, implications, placement and the roadmap."""
