"""The ``python`` target: a typed binding module for ``kelonia``.

The module carries the IR as data and delegates the work to :mod:`kelonia.interface`; what it
adds is names and types: ``Task`` (one member per function, and ``memory_copy``), one worker
class per function with one typed method, one proxy class per actor with a blocking and an
asynchronous method per message, the interface class and its stubbed twin.
"""

from __future__ import annotations

import json

from .. import names
from ..ir import Actor, Function, Interface, Message, Param, Type
from . import header_line, register

_INDENT = "    "


def _docstring(text: str, indent: str) -> str:
    """A triple-quoted docstring of ``text`` at ``indent`` (escaped, never broken by quotes or
    backslashes in the DIDL comments)."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = text.split("\n")
    if len(lines) == 1:
        if lines[0].endswith('"'):
            lines[0] = lines[0][:-1] + '\\"'
        return f'{indent}"""{lines[0]}"""'
    body = "\n".join((indent + line) if line.strip() else "" for line in lines[1:])
    return f'{indent}"""{lines[0]}\n{body}\n{indent}"""'


_SPREAD = {"functions", "actors", "messages", "params", "bindings"}


def _literal(data, depth: int = 0, spread: bool = True) -> str:
    """``data`` (JSON-compatible) as a Python literal: the interface, its functions and their
    lists spread over lines, each parameter and binding on one line (JSON's escapes are
    Python's)."""
    pad = _INDENT * (depth + 1)
    if spread and isinstance(data, dict):
        items = [f"{pad}{json.dumps(k)}: "
                 f"{_literal(v, depth + 1, k in _SPREAD)},"
                 for k, v in data.items()]
        return "{\n" + "\n".join(items) + "\n" + _INDENT * depth + "}"
    if spread and isinstance(data, list) and data:
        items = [f"{pad}{_literal(v, depth + 1, isinstance(v, dict) and bool(_SPREAD & set(v)))},"
                 for v in data]
        return "[\n" + "\n".join(items) + "\n" + _INDENT * depth + "]"
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


def _element(t: Type) -> str:
    return "float" if t.is_float else "int"


def _in_annotation(t: Type) -> str:
    return f"Sequence[{_element(t)}]" if t.is_array else _element(t)


def _out_annotation(t: Type) -> str:
    return f"list[{_element(t)}]" if t.is_array else _element(t)


def _returns(f: Function | Message) -> str:
    outs = f.outputs
    if not outs:
        return "None"
    if len(outs) == 1:
        return _out_annotation(outs[0].type)
    return "tuple[" + ", ".join(_out_annotation(p.type) for p in outs) + "]"


def _indented(text: str, indent: str) -> list[str]:
    return [indent + line if line.strip() else "" for line in text.split("\n")]


def _param_doc(f: Function, p: Param) -> str:
    b = f.binding(p.name)
    return f"``{p.name}: {p.direction} {p.type}`` <- ``{b.describe()}``."


def _value_words(t: Type) -> str:
    if t.is_array:
        return f"a list of {t.length} {_element(t)}s"
    return f"an {_element(t)}" if t.kind != "f" else "a float"


def _method(f: Function) -> list[str]:
    method = names.python_name(f.name)
    args = ["self"] + [f"{names.python_name(p.name)}: {_in_annotation(p.type)}" for p in f.inputs]
    i2 = _INDENT * 2
    i3 = _INDENT * 3
    doc: list[str] = []
    outs = f.outputs
    summary = f"Run ``{f.name}`` on the DPU"
    if outs:
        summary += " and return " + ", ".join(f"``{p.name}``" for p in outs)
    doc.append(summary + ".")
    if f.doc:
        doc += [""] + f.doc.split("\n")
    if f.inputs:
        doc += ["", "Args:"]
        for p in f.inputs:
            doc.append(f"{_INDENT}{names.python_name(p.name)}: {_param_doc(f, p)}")
            for text in (p.doc, f.binding(p.name).doc):
                if text:
                    doc += _indented(text, i2)
    if outs:
        doc += ["", "Returns:"]
        if len(outs) > 1:
            doc.append(f"{_INDENT}A tuple of {len(outs)} values, in this order:")
        for p in outs:
            doc.append(f"{_INDENT}{names.python_name(p.name)} ({_value_words(p.type)}): "
                       f"{_param_doc(f, p)}")
            for text in (p.doc, f.binding(p.name).doc):
                if text:
                    doc += _indented(text, i2)
    head = f"{_INDENT}def {method}({', '.join(args)}) -> {_returns(f)}:"
    if len(head) <= 99:
        lines = [head]
    else:  # one argument a line
        lines = [f"{_INDENT}def {method}("] + [f"{i3}{a}," for a in args]
        lines += [f"{_INDENT}) -> {_returns(f)}:"]
    lines.append(_docstring("\n".join(doc), i2))
    call = ", ".join(names.python_name(p.name) for p in f.inputs)
    lines.append(f"{i2}return self._call({call})")
    return lines


def _worker(index: int, f: Function) -> list[str]:
    cls = names.worker_class(f.name)
    doc = f"Calls ``{f.name}`` on one DPU: ``{cls}(dpu).{names.python_name(f.name)}(...)``."
    if f.doc:
        doc += "\n\n" + f.doc
    return [f"class {cls}(_kelonia.FunctionWorker):",
            _docstring(doc, _INDENT), "",
            f"{_INDENT}FUNCTION = IR.functions[{index}]", "",
            *_method(f)]


def _words_doc(m: Message, p: Param) -> str:
    """Where a message parameter travels: ``word 1``, ``reply words 1..2``, ..."""
    out = []
    n = p.type.words

    def words(first: int) -> str:
        return f"word {first}" if n == 1 else f"words {first}..{first + n - 1}"

    if p.is_input:
        out.append(words(m.input_word(p.name)))
    if p.is_output:
        out.append("reply " + words(m.output_word(p.name)))
    return f"``{p.name}: {p.direction} {p.type}``, {' and '.join(out)}."


def _message_doc(m: Message, summary: str, note: str = "") -> list[str]:
    doc = [summary]
    if m.doc:
        doc += [""] + m.doc.split("\n")
    if note:
        doc += ["", note]
    if m.inputs:
        doc += ["", "Args:"]
        for p in m.inputs:
            doc.append(f"{_INDENT}{names.python_name(p.name)}: {_words_doc(m, p)}")
            if p.doc:
                doc += _indented(p.doc, _INDENT * 2)
    return doc


def _outputs_doc(m: Message) -> list[str]:
    outs = m.outputs
    doc = []
    if len(outs) > 1:
        doc.append(f"{_INDENT}A tuple of {len(outs)} values, in this order:")
    for p in outs:
        doc.append(f"{_INDENT}{names.python_name(p.name)} ({_value_words(p.type)}): "
                   f"{_words_doc(m, p)}")
        if p.doc:
            doc += _indented(p.doc, _INDENT * 2)
    return doc


def _def(name: str, args: list[str], returns: str) -> list[str]:
    head = f"{_INDENT}def {name}({', '.join(args)}) -> {returns}:"
    if len(head) <= 99:
        return [head]
    return ([f"{_INDENT}def {name}("] + [f"{_INDENT * 3}{a}," for a in args]
            + [f"{_INDENT}) -> {returns}:"])


def _message_methods(m: Message) -> list[str]:
    method = names.python_name(m.name)
    asynchronous = names.async_method(m.name)
    args = ["self"] + [f"{names.python_name(p.name)}: {_in_annotation(p.type)}" for p in m.inputs]
    call = ", ".join([f'"{m.name}"'] + [names.python_name(p.name) for p in m.inputs])
    i2 = _INDENT * 2
    outs = m.outputs
    what = ", ".join(f"``{p.name}``" for p in outs)
    doc = _message_doc(m, f"Send ``{m.name}`` (selector {m.selector}) and wait for the reply"
                          + (f": {what}." if outs else "."))
    if outs:
        doc += ["", "Returns:"] + _outputs_doc(m)
    lines = _def(method, args, _returns(m))
    lines.append(_docstring("\n".join(doc), i2))
    lines.append(f"{i2}return self._call({call})")
    lines.append("")
    doc = _message_doc(m, f"Send ``{m.name}`` (selector {m.selector}); a Future of what "
                          f":meth:`{method}` returns.",
                       "The arguments are checked before sending: TypeError and ValueError are "
                       "raised here.")
    if outs:
        doc += ["", "Returns:", f"{_INDENT}A Future of:"] + _indented("\n".join(_outputs_doc(m)),
                                                                    _INDENT)
    lines += _def(asynchronous, args, f"Future[{_returns(m)}]")
    lines.append(_docstring("\n".join(doc), i2))
    lines.append(f"{i2}return self._send({call})")
    return lines


def _actor_class(index: int, a: Actor) -> list[str]:
    cls = names.actor_class(a.name)
    served = (f"``tasklet`` is {a.first_tasklet}" if a.first_tasklet == a.last_tasklet else
              f"``tasklet`` in {a.first_tasklet}..{a.last_tasklet}")
    doc = (f"The actor ``{a.name}`` on one tasklet of one DPU: ``{cls}(dpu, tasklet)``,\n"
           f"{served}.")
    if a.doc:
        doc += "\n\n" + a.doc
    methods = ", ".join(f"``{names.python_name(m.name)}``" for m in a.messages)
    if methods:
        doc += (f"\n\nMessages: {methods}; each also as ``..._async``, which returns a\n"
                "``concurrent.futures.Future`` instead of waiting.")
    out = [f"class {cls}(_kelonia.ActorProxy):",
           _docstring(doc, _INDENT), "",
           f"{_INDENT}ACTOR = IR.actors[{index}]"]
    for m in a.messages:
        out += [""] + _message_methods(m)
    return out


@register("python", "_interface.py", "a typed host binding module for kelonia")
def emit_python(interface: Interface) -> str:
    cls = names.interface_class(interface.name)
    stubbed = "Stubbed" + cls
    workers = [names.worker_class(f.name) for f in interface.functions]
    tasks = [(names.python_name(f.name), f.name, w) for f, w in zip(interface.functions, workers)]
    tasks.append(("memory_copy", "memoryCopy", "MemoryCopyWorker"))
    actors = [names.actor_class(a.name) for a in interface.actors]
    uses_sequence = any(p.type.is_array for f in interface.functions for p in f.inputs) or \
        any(p.type.is_array for a in interface.actors for m in a.messages for p in m.inputs)

    task_list = "\n".join(f"* ``Task.{t}``: :class:`{w}`" for t, _, w in tasks)
    about = (f"Host binding of the DPU interface ``{interface.name}`` (from "
             f"{interface.source}).\n\nTasks and their workers:\n\n{task_list}\n\n")
    if actors:
        actor_list = "\n".join(f"* :class:`{c}`: ``{a.name}``" for c, a in
                               zip(actors, interface.actors))
        about += f"Actors and their proxies:\n\n{actor_list}\n\n"
        about += (f"``{cls}.instance()`` is the interface for kelonia; subclass ``{stubbed}`` and "
                  "override\n``worker_factories()`` (and ``actor_factories()``, or use "
                  "``with_actor``) to replace the DPUs\nwith mocks.")
    else:
        about += (f"``{cls}.instance()`` is the interface for kelonia; subclass "
                  f"``{stubbed}`` and override\n``worker_factories()`` to replace the DPUs "
                  "with mocks.")
    out = [f"# {header_line(interface)}",
           _docstring(about, ""),
           "",
           "from __future__ import annotations",
           "",
           "import enum"]
    if uses_sequence:
        out.append("from collections.abc import Sequence")
    if actors:
        out.append("from concurrent.futures import Future")
    all_names = ["Task", *workers, "MemoryCopyWorker", *actors, "WorkerFactoryBuilder", cls,
                 stubbed, "IR"]
    out += ["",
            "from kelonia import interface as _kelonia",
            "from kelonia.interface import MemoryCopyWorker",
            "",
            "__all__ = [",
            *[f'{_INDENT}"{n}",' for n in all_names],
            "]",
            "",
            "# The interface IR (dpugeni.ir.Interface), as the json target writes it.",
            "IR = _kelonia.load_interface(",
            *_indented(_literal(interface.to_dict()), _INDENT),
            ")",
            "",
            "",
            "class Task(enum.Enum):",
            _docstring(f"The tasks of ``{interface.name}``: one per DIDL function, and the "
                       "memory copy.", _INDENT),
            ""]
    out += [f'{_INDENT}{t} = "{didl}"' for t, didl, _ in tasks]
    for i, f in enumerate(interface.functions):
        out += ["", ""] + _worker(i, f)
    for i, a in enumerate(interface.actors):
        out += ["", ""] + _actor_class(i, a)
    actor_tuple = "(" + ", ".join(actors) + ("," if len(actors) == 1 else "") + ")"  # () if none
    out += ["", "",
            "class WorkerFactoryBuilder(_kelonia.WorkerFactoryBuilder):",
            _docstring(f"Builds ``{{Task: factory}}`` maps for ``{stubbed}.worker_factories()``"
                       + (" (with\n``with_actor(factory, ActorClass)``, their ``actors`` serve "
                          "``actor_factories()``)." if actors else "."), _INDENT),
            "",
            f"{_INDENT}TASKS = Task",
            f"{_INDENT}ACTORS = {actor_tuple}",
            "",
            "",
            f"class {cls}(_kelonia.DpuInterface):",
            _docstring(f"The DPU interface ``{interface.name}``; ``{cls}.instance()`` is its "
                       "single instance.", _INDENT),
            "",
            f"{_INDENT}IR = IR",
            f"{_INDENT}Task = Task",
            f"{_INDENT}WORKERS = {{"]
    out += [f"{_INDENT * 2}Task.{t}: {w}," for t, _, w in tasks]
    out += [f"{_INDENT}}}",
            *([f"{_INDENT}ACTORS = {actor_tuple}"] if actors else []),
            f"{_INDENT}WorkerFactoryBuilder = WorkerFactoryBuilder",
            "",
            "",
            f"class {stubbed}(_kelonia.StubbedInterface, {cls}):"]
    if actors:
        out.append(_docstring(
            f"``{cls}`` without DPUs: override ``worker_factories()`` to return\n"
            f"``{stubbed}.WorkerFactoryBuilder().with_worker(factory, Task...)\n"
            f".with_actor(factory, {actors[0]})...build()``; ``actor_factories()`` then "
            "serves the\nactors' factories (or override it too).", _INDENT))
    else:
        out.append(_docstring(f"``{cls}`` without DPUs: override ``worker_factories()`` to "
                              f"return\n``{stubbed}.WorkerFactoryBuilder().with_worker(factory, "
                              "Task...)...build()``.", _INDENT))
    out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
