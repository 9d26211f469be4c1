"""pmladder: a command-line career planner for project-management title ladders."""

__version__ = "0.1.0"
