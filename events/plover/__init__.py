"""PLOVER beside CAMEO: the ontology (types, modes, contexts) and the default mapping from CAMEO codes.

See ontology.py for the values and the version of the manual they follow, and cameo_to_plover.tsv for
the mapping, its source and its format.
"""

from events.plover.mapping import NO_CODING, PloverCoding, plover_for_cameo
from events.plover.ontology import (
    MODES,
    PloverContext,
    PloverMode,
    PloverType,
    mode_fits,
    normalise_contexts,
)

__all__ = ["MODES", "NO_CODING", "PloverCoding", "PloverContext", "PloverMode", "PloverType", "mode_fits",
           "normalise_contexts", "plover_for_cameo"]
