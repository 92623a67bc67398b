"""The ``python`` target: a typed binding module for ``kelonia``.

The module carries the IR as data and delegates the work to :mod:`kelonia.interface`; what it
adds is names and types: ``Task`` (one member per function, and ``memory_copy``), one worker
class per function with one typed method, the interface class and its stubbed twin.
"""

from __future__ import annotations

import json

from .. import names
from ..ir import Function, Interface, Param, Type
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


def _literal(data, depth: int = 0, spread: bool = True) -> str:
    """``data`` (JSON-compatible) as a Python literal: the interface, its functions and their
    lists spread over lines, each parameter and binding on one line (JSON's escapes are
    Python's)."""
    pad = _INDENT * (depth + 1)
    if spread and isinstance(data, dict):
        items = [f"{pad}{json.dumps(k)}: "
                 f"{_literal(v, depth + 1, k in ('functions', 'params', 'bindings'))},"
                 for k, v in data.items()]
        return "{\n" + "\n".join(items) + "\n" + _INDENT * depth + "}"
    if spread and isinstance(data, list) and data:
        items = [f"{pad}{_literal(v, depth + 1, isinstance(v, dict) and 'params' in v)},"
                 for v in data]
        return "[\n" + "\n".join(items) + "\n" + _INDENT * depth + "]"
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


def _element(t: Type) -> str:
    return "float" if t.is_float else "int"


def _in_annotation(t: Type) -> str:
    return f"Sequence[{_element(t)}]" if t.is_array else _element(t)


def _out_annotation(t: Type) -> str:
    return f"list[{_element(t)}]" if t.is_array else _element(t)


def _returns(f: Function) -> str:
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


@register("python", "_interface.py", "a typed host binding module for kelonia")
def emit_python(interface: Interface) -> str:
    cls = names.interface_class(interface.name)
    stubbed = "Stubbed" + cls
    workers = [names.worker_class(f.name) for f in interface.functions]
    tasks = [(names.python_name(f.name), f.name, w) for f, w in zip(interface.functions, workers)]
    tasks.append(("memory_copy", "memoryCopy", "MemoryCopyWorker"))
    uses_sequence = any(p.type.is_array for f in interface.functions for p in f.inputs)

    task_list = "\n".join(f"* ``Task.{t}``: :class:`{w}`" for t, _, w in tasks)
    out = [f"# {header_line(interface)}",
           _docstring(f"Host binding of the DPU interface ``{interface.name}`` (from "
                      f"{interface.source}).\n\nTasks and their workers:\n\n{task_list}\n\n"
                      f"``{cls}.instance()`` is the interface for kelonia; subclass "
                      f"``{stubbed}`` and override\n``worker_factories()`` to replace the DPUs "
                      "with mocks.", ""),
           "",
           "from __future__ import annotations",
           "",
           "import enum"]
    if uses_sequence:
        out.append("from collections.abc import Sequence")
    all_names = ["Task", *workers, "MemoryCopyWorker", "WorkerFactoryBuilder", cls, stubbed, "IR"]
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
    out += ["", "",
            "class WorkerFactoryBuilder(_kelonia.WorkerFactoryBuilder):",
            _docstring(f"Builds ``{{Task: factory}}`` maps for "
                       f"``{stubbed}.worker_factories()``.", _INDENT),
            "",
            f"{_INDENT}TASKS = Task",
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
            f"{_INDENT}WorkerFactoryBuilder = WorkerFactoryBuilder",
            "",
            "",
            f"class {stubbed}(_kelonia.StubbedInterface, {cls}):",
            _docstring(f"``{cls}`` without DPUs: override ``worker_factories()`` to return\n"
                       f"``{stubbed}.WorkerFactoryBuilder().with_worker(factory, Task...)"
                       "...build()``.", _INDENT),
            ""]
    return "\n".join(out).rstrip("\n") + "\n"
