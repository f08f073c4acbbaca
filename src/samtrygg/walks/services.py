"""Writes of the safety walks."""
