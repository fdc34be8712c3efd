"""Writes to the evidence base. Every change goes through these services (STYLE.md rule 1)."""
