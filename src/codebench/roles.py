"""Who a speaker is in an interview: the project stores one of these roles for every speaker.

A module of its own, free of any library, because importers, services and the command line's
choices all name the roles, and the command line must load without the database library.
"""

from __future__ import annotations

ROLES = ("interviewer", "respondent", "other")
