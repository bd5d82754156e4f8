"""Files in and out: reading what comes from outside without trusting it, writing privately.

Decoding text whatever encoding it was saved in (:mod:`.encoding`), only from a regular file
(:mod:`.regular`: a FIFO or a device is refused by its type before it is read), size limits
checked before anything is read or inflated and again on what really inflates (:mod:`.limits`),
and the many ways a damaged or hostile zip fails (:mod:`.archive`). Transcript importers,
codebook formats and the REFI-QDA reader all read untrusted files the same way; these helpers
sit below all of them, so none of those packages imports another's internals to get at them.
Writing goes the other way: every file codebench writes (exports, REFI-QDA projects and
codebooks) is written owner-only and atomically (:mod:`.private`).
"""
