"""Turning transcript text into sentence units, and telling its language."""
