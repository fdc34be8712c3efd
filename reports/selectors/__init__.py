"""Reads for the reports app: the only code in it that touches the ORM besides the services."""
