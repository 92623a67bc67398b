"""How DIDL names become target-language names (one place, so the checks can refuse clashes
before any emitter runs).

* Python (PEP 8): functions, methods, parameters and enum members in ``snake_case``
  (``countCharacters`` → ``count_characters``), a keyword gets a trailing underscore
  (``class`` → ``class_``); classes in ``PascalCase`` (``CountCharactersWorker``,
  ``StoreActor``); a message's asynchronous method gets ``_async`` (``put_async``).
* C: macros in upper case without added underscores (``COUNTCHARACTERS_DOCUMENTLENGTH_...``).
"""

from __future__ import annotations

import keyword
import re

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")

# Python names a generated worker method cannot take as a parameter.
_RESERVED_PARAMS = {"self"}

# The public attributes of kelonia.interface.ActorProxy (what each is): a message method of that
# name would hide it.
ACTOR_PROXY_ATTRIBUTES = {"dpu": "DPU", "tasklet": "tasklet"}


def snake_case(name: str) -> str:
    """``countCharacters`` → ``count_characters``, ``HTTPServer`` → ``http_server``."""
    return _BOUNDARY.sub("_", name).lower()


def pascal_case(name: str) -> str:
    """``countCharacters`` / ``count_characters`` → ``CountCharacters``."""
    parts = [p for p in snake_case(name).split("_") if p]
    return "".join(p[:1].upper() + p[1:] for p in parts)


def python_name(name: str) -> str:
    """A DIDL name as a Python function, parameter or enum member."""
    out = snake_case(name)
    if keyword.iskeyword(out) or out in _RESERVED_PARAMS:
        out += "_"
    return out


def worker_class(function: str) -> str:
    return pascal_case(function) + "Worker"


def actor_class(actor: str) -> str:
    """The proxy class of an actor: ``Store`` → ``StoreActor``."""
    return pascal_case(actor) + "Actor"


def async_method(message: str) -> str:
    """The asynchronous method of a message: ``put`` → ``put_async``."""
    return snake_case(message) + "_async"


def interface_class(interface: str) -> str:
    return pascal_case(interface)


def c_macro(*parts: str) -> str:
    return "_".join(p.upper() for p in parts)
