"""dpukconfig: describe a DPU program's runtime configuration with directives and save it as JSON.

The library is :class:`Session` (apply directives, validate, save); the interactive shell
(:mod:`dpukconfig.shell`) and the batch command line (:mod:`dpukconfig.cli`) are fronts over it.
"""

from .directives import DIRECTIVES, DirectiveError, Session

__all__ = ["DIRECTIVES", "DirectiveError", "Session"]
