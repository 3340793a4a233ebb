"""The report's answers, one module per chapter question, and the summary that quotes them.

Each module here composes the general layers below (``datasets``, ``corpus``, ``analysis``,
``plots``) into the tables, sentences and figures one chapter notebook shows. This is the
only layer where the report's prose lives: ``analysis``, ``corpus`` and ``plots`` stay what a
user reuses in a new analysis, with nothing of this report's wording in them.

A chapter module exposes ``answer(...)``, returning one frozen dataclass: the computed
frames, the sentences (Markdown properties), the display tables (frames for
``tables.table``) and ``plot_*`` methods that hand the frames to ``plots`` (see
``approaches.answer`` and ``agreement.answer``). A notebook cell is one or two lines, and
every sentence is testable without a kernel. ``summary`` composes the home page's findings
from the answers' own headline sentences, so a headline and its chapter cannot disagree; it
is the only module that imports other chapters. Helpers two chapters share live in their own
modules (``_tables``, ``_caveats``, ``quantities``, ``composite_grades``); numbers are worded
by :mod:`smartresearch.wording`.

Modules are imported on demand (``from smartresearch.chapters import pledges``); importing
this package imports none of them.
"""
