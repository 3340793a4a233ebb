"""The report's answers, one module per chapter question, and the summary that quotes them.

Each module here composes the general layers below (``datasets``, ``corpus``, ``analysis``,
``plots``) into the tables, sentences and figures one chapter notebook shows. This is the
only layer where the report's prose lives: ``analysis``, ``corpus`` and ``plots`` stay what a
user reuses in a new analysis, with nothing of this report's wording in them. The summary
page calls the same functions as the chapters, so a headline and its chapter cannot disagree.

Modules are imported on demand (``from smartresearch.chapters import pledges``); importing
this package imports none of them.
"""
