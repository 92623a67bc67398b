"""Count the lines of a text on DPUs: the host side of a sample user project.

The DPU program and the binding ``linecount_app.linecount_interface`` are built into this
package when it is built (the ``dpu`` hatch hook of dpu-toolchain), from ``src/main/dpu``.
"""

from __future__ import annotations

from kelonia import (PYTHON, BasicDpuAssemblyLine, DpuBackend, DpuDeviceDescription,
                     DpuFoundry)
from kelonia.project import packaged_program

from . import linecount_interface as iface

BLOCK = 512


def device(stubbed: bool = False, interface=None) -> DpuDeviceDescription:
    """The line counter: the packaged DPU program, or a stubbed device for tests."""
    if stubbed:
        return DpuDeviceDescription(interface or iface.StubbedLinecount.instance(), None,
                                    DpuBackend.STUBBED)
    return DpuDeviceDescription(iface.Linecount.instance(),
                                packaged_program("linecount_app", "linecount"))


def count_lines(text: bytes, nr_dpus: int = 1, dev: DpuDeviceDescription | None = None) -> int:
    """The newlines of ``text``, counted by ``nr_dpus`` DPUs, one slice each."""
    dev = dev or device()
    share = -(-len(text) // nr_dpus) if text else 0
    share += -share % BLOCK
    total = 0
    line = BasicDpuAssemblyLine.using_dpus(nr_dpus, dev)
    with DpuFoundry.targeting(PYTHON).build(line) as assembly:
        for n in range(nr_dpus):
            part = text[n * share:(n + 1) * share]
            if not part:
                continue
            copy = assembly.get_worker(n, iface.Task.memory_copy)
            copy.copy_to_device(0, part + bytes(-len(part) % BLOCK))
            counts = assembly.get_worker(n, iface.Task.count_lines).count_lines(len(part))
            total += sum(counts)
    return total
