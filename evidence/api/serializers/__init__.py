"""Serializers of the evidence API: they shape JSON and check types; services do the rest."""
