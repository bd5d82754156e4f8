"""Reports as use cases: the project read once into frames (:mod:`.data`), tables built and
written from it (:mod:`.build`). Which tables exist is the core registry's, not this package's.
"""
