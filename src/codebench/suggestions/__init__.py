"""Local code suggestions: a model that learns from one coder's codings and suggests codes for
the sentences they have not coded yet, on this machine, with its accuracy measured.

Pure domain code, no database: the services read units and codings and hand them here.

* :mod:`.units`: sentence units as examples, and the codes a coder's codings give them;
* :mod:`.tokens`: words and lemmas (spaCy's offline lookup tables);
* :mod:`.counts`: sentences' raw term counts, counted once and fitted on any rows;
* :mod:`.features`: TF-IDF on lemma n-grams (with the neighbouring sentences) and character
  n-grams, in a vocabulary stored as plain arrays;
* :mod:`.model`: one linear classifier per code (one-vs-rest), calibrated confidences, the
  threshold at which the model "codes";
* :mod:`.codec`: a model as bytes and back, without pickle (a model file beside a project
  someone else sent must not be able to run code);
* :mod:`.baselines`, :mod:`.metrics`, :mod:`.evaluation`: cross-validation by document (a
  fixed number of folds, each trained as the coder's model is) against a most-frequent-code
  and a keyword baseline, with a learning curve;
* :mod:`.similar`: passages like a given one, by cosine similarity on the same features.

Nothing here is imported at start-up: scikit-learn, SciPy and spaCy load only when a suggest
command (or the workbench's suggestions) asks for them.
"""
