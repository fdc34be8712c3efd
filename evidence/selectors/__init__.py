"""Reads from the evidence base."""
