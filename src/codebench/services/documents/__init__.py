"""The transcripts: importing, overview, speakers and respondents, removal, and placing spans.

Everything here is about a document and who speaks in it, never about codings: the coding and
report services use these modules (where a passage falls, a document by name), not the other
way round.
"""
