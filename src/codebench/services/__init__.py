"""Use cases: one function per user action, one unit of work each, for the CLI and the TUI.

Services are grouped by what they act on, so a newcomer finds a use case by its subject:

* :mod:`~codebench.services.documents`: the transcripts: importing, the overview of a project
  and a transcript, speakers and respondents, removing and re-importing a document, and where a
  passage falls among a document's turns and sentences;
* :mod:`~codebench.services.codebook`: the codes: finding them by name, the tree the screens
  show, a code's details, loading, exporting and editing the codebook;
* :mod:`~codebench.services.coding`: codings: the apply and remove actions, the same whether a
  key or a command asks, their by-name form, the workbench's views, the one place codings
  change (with their events), codings from a spreadsheet, and undo and redo;
* :mod:`~codebench.services.reports`: reading a project once for reports, and the report use
  cases;
* :mod:`~codebench.services.exchange`: REFI-QDA projects in and out.

Shared by every domain, at the top: the project and its unit of work (``project``), the event
log (``events``), who is looking and what blind coding hides (``viewer``), coders by name
(``coders``), memos (on the project, a document, a code), the column widths the store holds
(``columns``), and the demo study built through all of them (``demo``). Agreement and consensus
(``agreement``, ``consensus``, ``agreement_review``) compare coders across every domain.

Domains depend on the shared modules and on each other only through a module's public names;
nothing here imports the CLI or the TUI.
"""
