"""Draws a view's result (terminal, Markdown); computes nothing."""
