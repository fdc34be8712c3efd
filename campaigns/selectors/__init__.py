"""Reads for the campaigns app; every query a page or endpoint makes starts here."""
