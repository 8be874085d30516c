"""Imported by the forkserver of the library's analysis (see Session.analyse_library in session.py) before it forks the
workers: one short analysis here loads sumy, NLTK, numpy and their data once, and the workers forked from this
process share those pages instead of each loading its own (about 60 MB a worker). Frozen, so the collector
does not touch, and so copy, them in every worker.
"""

import gc

from .analysis import complete, outline
from .model import Document

SAMPLE = """Ministers Meet On Trade

“We will reach an agreement on trade before the summer,” the Foreign Minister, Anna Novak, told reporters.

Officials from both countries met in Berlin on Monday to discuss tariffs, energy prices and the new railway.
"""

complete(outline(Document(path="warm-up", text=SAMPLE, kind="text")))
gc.freeze()
