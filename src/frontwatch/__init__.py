"""frontwatch: war reporting turned into attributed, placed, dated claims and a control timeline."""

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.model import Claim, ControlPeriod, Document, Event, Mention, Place, PlaceRef

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "ControlPeriod",
    "Document",
    "Event",
    "FrontwatchError",
    "InputError",
    "Mention",
    "Place",
    "PlaceRef",
    "__version__",
]
