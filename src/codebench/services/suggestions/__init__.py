"""Code suggestions as use cases: a model per project and coder, learned from that coder's
codings only, suggestions for the sentences they have not coded, accepting (a normal coding,
marked as coming from a suggestion, so undo works) and rejecting (remembered), the model's
evaluation, similar passages, and the model as a coder for agreement.

* :mod:`.reading`: sentence units and a coder's codings from the project;
* :mod:`.counting`: units read a few documents at a time and kept as counts;
* :mod:`.store`: the model file beside the project, trained again when the codings changed;
* :mod:`.suggesting`: suggestions for a document, accept, reject, the counts;
* :mod:`.evaluating`: cross-validation by document against the baselines;
* :mod:`.similar`: passages like a given one, across all documents;
* :mod:`.model_coder`: the model's codings as a virtual coder ``model:NAME``.
"""

MODEL_CODER = "model:"
"""The prefix that names a model as a coder: ``model:anna`` codes as anna's model would."""
