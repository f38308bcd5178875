"""Storyline: one source-attributed, cross-checked account from many news articles.

>>> import storyline
>>> analysis = storyline.analyze(["examples/"])  # doctest: +SKIP
>>> analysis.stories[0].summary[0].sources  # doctest: +SKIP
"""

import storyline._thinc_without_torch  # noqa: F401  (first: before anything imports spaCy)
from storyline.config import VERSION as __version__
from storyline.config import Settings
from storyline.models import Analysis
from storyline.pipeline import analyze

__all__ = ["Analysis", "Settings", "__version__", "analyze"]
