"""The runtime configuration (RTC) of a DPU program: its tasklets, stacks, mailboxes and
statically declared synchronisation objects.

One model serves both program styles:

* the seed's (2016): tasklets declared one by one (or as ranges) with an entry function, a stack
  class (``small``/``medium``/``large``) or a byte count, and a mailbox size in 32-bit words; a
  system mailbox; mutexes, semaphores and barriers declared by name;
* the modern one: every tasklet runs ``main``, their number comes from ``-DNR_TASKLETS=N`` and their
  stacks from ``STACK_SIZE_DEFAULT`` / ``STACK_SIZE_TASKLET_<n>`` (:func:`from_defines`).

A configuration is JSON with a stable key order, validated against ``schemas/rtc.schema.json``
whenever it is read or written; :meth:`Config.problems` adds the checks a schema cannot express
(overlaps, the DPU model's limits, the WRAM budget).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources

from . import memory

FORMAT = "dpu-rtc/1"
SECTION = ".dpu_rtc"  # the non-allocated ELF section holding a program's configuration (JSON)
DEFAULT_STACK_CLASSES = {"small": 256, "medium": 1024, "large": 2048}
DEFAULT_STACK_SIZE = 1024  # the modern style's STACK_SIZE_DEFAULT
MAX_MAILBOX_WORDS = 256
WORD = 4
SEMAPHORE_BYTES = 12  # sem_t of the runtime library's sem.h
BARRIER_BYTES = 8  # barrier_t of barrier.h


class ConfigError(ValueError):
    """A configuration that cannot be used; the message says why."""


@dataclass
class Tasklet:
    id: int
    entry: str
    stack: str | int  # a class name or a byte count
    mailbox_words: int = 0


@dataclass
class Semaphore:
    name: str
    count: int


@dataclass
class Barrier:
    name: str
    count: int


@dataclass
class Config:
    model: str = "v1A"
    stack_classes: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_STACK_CLASSES))
    tasklets: list[Tasklet] = field(default_factory=list)
    sysmbox_words: int = 0
    mutexes: list[str] = field(default_factory=list)
    semaphores: list[Semaphore] = field(default_factory=list)
    barriers: list[Barrier] = field(default_factory=list)

    # ------------------------------------------------------------------ derived facts

    @property
    def dpu_model(self) -> memory.DpuModel:
        return memory.model(self.model)

    def stack_bytes(self, t: Tasklet) -> int:
        """A tasklet's stack size in bytes (an unknown class raises ConfigError)."""
        if isinstance(t.stack, int):
            return t.stack
        try:
            return self.stack_classes[t.stack]
        except KeyError:
            raise ConfigError(f"tasklet {t.id}: unknown stack class '{t.stack}' (known: "
                              f"{', '.join(sorted(self.stack_classes))})") from None

    def tasklet(self, tid: int) -> Tasklet | None:
        for t in self.tasklets:
            if t.id == tid:
                return t
        return None

    def wram_budget(self) -> int:
        """WRAM bytes the stacks, mailboxes and sync objects need (what RT Studio allocates)."""
        total = self.sysmbox_words * WORD
        for t in self.tasklets:
            try:
                total += self.stack_bytes(t)
            except ConfigError:
                pass
            total += t.mailbox_words * WORD
        total += len(self.semaphores) * SEMAPHORE_BYTES + len(self.barriers) * BARRIER_BYTES
        return total

    def problems(self) -> list[str]:
        """Everything wrong with the configuration, in a stable order (empty when valid)."""
        out: list[str] = []
        try:
            model = self.dpu_model
        except ValueError as e:
            return [str(e)]
        seen: dict[int, int] = {}
        for i, t in enumerate(self.tasklets):
            if t.id in seen:
                out.append(f"tasklet {t.id} is declared twice")
            seen[t.id] = i
            if not 0 <= t.id < model.tasklets:
                out.append(f"tasklet {t.id}: a DPU {model.name} has tasklets 0..{model.tasklets - 1}")
            try:
                size = self.stack_bytes(t)
                if size < 0 or size % 8:
                    out.append(f"tasklet {t.id}: stack size {size} is not a multiple of 8")
            except ConfigError as e:
                out.append(str(e))
            if not 0 <= t.mailbox_words <= MAX_MAILBOX_WORDS:
                out.append(f"tasklet {t.id}: mailbox of {t.mailbox_words} words is out of range "
                           f"0..{MAX_MAILBOX_WORDS}")
            if not t.entry.isidentifier():
                out.append(f"tasklet {t.id}: entry '{t.entry}' is not a C identifier")
        for name, size in self.stack_classes.items():
            if size < 0 or size % 8:
                out.append(f"stack class '{name}': {size} bytes is not a multiple of 8")
        if not 0 <= self.sysmbox_words <= MAX_MAILBOX_WORDS:
            out.append(f"system mailbox of {self.sysmbox_words} words is out of range "
                       f"0..{MAX_MAILBOX_WORDS}")
        names: dict[str, str] = {}
        objects = ([("mutex", m) for m in self.mutexes]
                   + [("semaphore", s.name) for s in self.semaphores]
                   + [("barrier", b.name) for b in self.barriers])
        for kind, name in objects:
            if not name.isidentifier():
                out.append(f"{kind} '{name}': the name is not a C identifier")
            if name in names:
                out.append(f"{kind} '{name}': the name is already used by a {names[name]}")
            names[name] = kind
        if len(self.mutexes) > model.atomic_bits:
            out.append(f"{len(self.mutexes)} mutexes: a DPU {model.name} has "
                       f"{model.atomic_bits} atomic bits")
        for s in self.semaphores:
            if not 0 <= s.count <= 0x7FFFFFFF:
                out.append(f"semaphore '{s.name}': initial count {s.count} out of range")
        for b in self.barriers:
            if not 1 <= b.count <= model.tasklets:
                out.append(f"barrier '{b.name}': count {b.count} out of range 1..{model.tasklets}")
        budget = self.wram_budget()
        if budget > model.wram_bytes:
            out.append(f"stacks and mailboxes need {budget} bytes of WRAM: "
                       f"{budget - model.wram_bytes} more than the {model.wram_bytes} of a DPU "
                       f"{model.name}")
        return out

    def validate(self) -> None:
        problems = self.problems()
        if problems:
            raise ConfigError("; ".join(problems))

    # ------------------------------------------------------------------ JSON

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "model": self.model,
            "stack_classes": dict(sorted(self.stack_classes.items())),
            "tasklets": [{"id": t.id, "entry": t.entry, "stack": t.stack,
                          "mailbox_words": t.mailbox_words}
                         for t in sorted(self.tasklets, key=lambda t: t.id)],
            "sysmbox_words": self.sysmbox_words,
            "mutexes": list(self.mutexes),
            "semaphores": [{"name": s.name, "count": s.count} for s in self.semaphores],
            "barriers": [{"name": b.name, "count": b.count} for b in self.barriers],
        }

    def to_json(self) -> str:
        """Stable JSON text (validated against the schema first)."""
        data = self.to_dict()
        validate_schema(data)
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: dict) -> "Config":
        validate_schema(data)
        return cls(
            model=data["model"],
            stack_classes=dict(data["stack_classes"]),
            tasklets=[Tasklet(t["id"], t["entry"], t["stack"], t["mailbox_words"])
                      for t in data["tasklets"]],
            sysmbox_words=data["sysmbox_words"],
            mutexes=list(data["mutexes"]),
            semaphores=[Semaphore(s["name"], s["count"]) for s in data["semaphores"]],
            barriers=[Barrier(b["name"], b["count"]) for b in data["barriers"]],
        )

    @classmethod
    def from_json(cls, text: str) -> "Config":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ConfigError(f"not JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
        return cls.from_dict(data)


def _schema() -> dict:
    text = resources.files("dpucore").joinpath("schemas/rtc.schema.json").read_text("utf-8")
    return json.loads(text)


def validate_schema(data: object) -> None:
    """Raise ConfigError naming the first place where ``data`` breaks the schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.absolute_path) or "the top level"
        raise ConfigError(f"invalid configuration at {where}: {e.message}")


def from_defines(defines: dict[str, str], model: str = "v1A") -> Config:
    """The modern style: NR_TASKLETS tasklets entering ``main``, stacks from the -D macros."""

    def number(name: str, default: int) -> int:
        text = defines.get(name)
        if text is None:
            return default
        try:
            digits = str(text).strip().rstrip("uUlL")
            if len(digits) > 1 and digits[0] == "0" and digits[1] not in "xXbB":
                return int(digits, 8)  # a C macro: 010 is octal
            return int(digits, 0)
        except ValueError:
            raise ConfigError(f"-D{name}={text}: not a number") from None

    n = number("NR_TASKLETS", 1)
    default = number("STACK_SIZE_DEFAULT", DEFAULT_STACK_SIZE)
    config = Config(model=model)
    for tid in range(n):
        config.tasklets.append(Tasklet(tid, "main", number(f"STACK_SIZE_TASKLET_{tid}", default)))
    return config
