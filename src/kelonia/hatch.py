"""A hatchling build hook: the DPU program and its bindings built with the user's package.

In the user project's ``pyproject.toml``::

    [build-system]
    requires = ["hatchling", "dpu-toolchain"]
    build-backend = "hatchling.build"

    [tool.hatch.build.hooks.dpu]
    package = "charcount_app"      # the package that receives the outputs (required)
    source = "src/main/dpu"        # the DPU sources (this is the default)
    # program = "charcount"        # the program's name (default: the .rte file's, or the
    #                              # first C source's)
    # cflags = ["-O2"]             # dpucc's flags (e.g. -DNR_TASKLETS=16 for the modern style)

Building the wheel runs :func:`kelonia.project.build` into ``build/dpu`` (again only when an
input changed) and ships ``<package>/dpu/<program>`` (load it with
:func:`kelonia.project.packaged_program`), the configuration ``<package>/dpu/<program>.json``,
and each interface's binding ``<package>/<name>_interface.py`` (with its C header in
``<package>/dpu/``).  The source distribution carries the sources; nothing generated.
"""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.plugin import hookimpl

from .project import ProjectError, build


class DpuBuildHook(BuildHookInterface):
    PLUGIN_NAME = "dpu"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        config = self.config
        package = config.get("package")
        if not isinstance(package, str) or not package:
            raise ValueError("[tool.hatch.build.hooks.dpu] needs 'package': the Python package "
                             "that receives the DPU program and bindings")
        root = Path(self.root)
        source = root / config.get("source", "src/main/dpu")
        out = root / config.get("output", "build/dpu")
        try:
            result = build(source, out, config.get("program"), config.get("cflags"))
        except ProjectError as e:
            raise RuntimeError(f"building the DPU side of the package failed:\n{e}") from None
        self.app.display_info(f"dpu: {'built' if result.rebuilt else 'up to date'}: "
                              f"{result.program.relative_to(root)}")
        target = package.replace(".", "/")
        include = build_data["force_include"]
        include[str(result.program)] = f"{target}/dpu/{result.program.name}"
        if result.config is not None:
            include[str(result.config)] = f"{target}/dpu/{result.config.name}"
        for py in result.bindings:
            include[str(py)] = f"{target}/{py.name}"
        for header in result.headers:
            include[str(header)] = f"{target}/dpu/{header.name}"


@hookimpl
def hatch_register_build_hook():
    return DpuBuildHook
