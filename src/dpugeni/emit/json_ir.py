"""The ``json`` target: the IR as JSON (``schemas/didl-ir.schema.json``), for tools in other
languages.  A ``$comment`` member comes first, as the header every generated file carries."""

from __future__ import annotations

import json

from .. import __version__
from ..ir import Interface
from . import GENERATOR, header_line, register


@register("json", "_interface.json", "the interface IR as JSON (schemas/didl-ir.schema.json)")
def emit_json(interface: Interface) -> str:
    data = {"$comment": header_line(interface),
            "generator": {"name": GENERATOR, "version": __version__}}
    data.update(interface.to_dict())
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
