"""slidekit: research-update decks from eval result tables and a short YAML spec.

From Python: ``slidekit.build("week12.yaml", to=["pptx"])`` returns the paths
written (:func:`slidekit.api.build`); a problem with the spec or its data raises
:class:`slidekit.SlidekitError`. ``import slidekit`` stays light: the heavy
libraries load when a build runs.
"""

__version__ = "0.1.0"

from slidekit.api import build  # noqa: E402
from slidekit.errors import SlidekitError  # noqa: E402

__all__ = ["SlidekitError", "__version__", "build"]
