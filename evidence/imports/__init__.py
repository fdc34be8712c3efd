"""Importing incidents from a CSV in the GTD-like layout (see `parsing` and `incidents`)."""
