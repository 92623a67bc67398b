"""The native engine: DPU programs translated to machine code with llvmlite.

A DPU program is static (all of IRAM is known when it runs), so it is translated once into LLVM
IR (:mod:`dpusim.translate`: the scheduler and every instruction of the program in one function)
and compiled to machine code, which runs a DPU until every tasklet has stopped.  The results are
the reference engine's, register for register and cycle for cycle: the translation follows
:mod:`dpusim.reference` category by category, and the differential tests run against it.

Compiling
---------
Code is compiled once per program and tier: the key is a hash of the IRAM words, the DPU model
and the translator's version.  A program starts on quick code (not optimised: 0.05 s for a small
kernel), and when it has run long enough on it (:func:`hot_seconds`), a child process compiles
its optimised code (2-3 times faster; 0.3-0.8 s for a small kernel, seconds for a large program),
which the runs move to at their next entry into native code: short runs (tests, small launches)
never pay for LLVM's optimiser, long runs pay it once and in the background.  Compiled code stays
in memory for the process (``NativeEngine`` shares one cache), and its object code is also
written to a disk cache (``$DPUSIM_CACHE``, else ``~/.cache/dpusim``; ``DPUSIM_CACHE=off``
disables it), from which a later process loads it without compiling, the optimised code when it
is there.  ``compile_stats`` says how long translating and compiling took, the tier and where
the code came from.  The functions every program calls (the runtime: the batch counter, DMA
copies, the speculation table's checks) are a module of their own, compiled (or read from the
disk cache) once per process when llvmlite is first initialised and linked to each program by
name, so a program's compile is of its own code only (``runtime_stats``).

Running
-------
Each DPU's state is copied into a :class:`dpusim.translate.Ctx` (registers, scheduler, counters,
pointers to its WRAM and atomic bits, and a page table over its lazily paged MRAM), the native
function runs it, and the state is copied back.  The tasklets are copied back as the context
holds them (:class:`_Packed`, see :class:`dpusim.state.DpuState`) unless someone holds tasklet
objects: a host that boots and runs DPUs never has the objects made, and the next run starts from
the copy as it is.  The function returns to Python only for what it
does not do itself (see :mod:`dpusim.translate`): a fault (the reference engine executes the
faulting instruction, so the :class:`FaultInfo` is the reference's), `ldmai` (then the new code
is compiled), an MRAM page to allocate, the cycle limit or the end.

Speculation (see :mod:`dpusim.translate`): when a program loads or stores WRAM, those
instructions run ahead too.  :meth:`NativeEngine._drive` checkpoints the DPU (context, WRAM,
atomic bits; an undo log for MRAM) every :data:`SEGMENT` cycles, after a drain in which no new
access runs ahead until the ones ahead have issued; a conflict, a fault or the cycle limit while
speculating goes back to the checkpoint and runs exactly to past that point, for longer after
each abort in a row.  Results are the reference's either way; ``NativeEngine(speculate=False)``
never speculates.

The native function does not hold the GIL, so :meth:`NativeEngine.run_many` runs DPUs in a pool
of threads, one per core, kept for the process: several DPUs run at once.  Each thread takes a few
batches of DPUs, and one native call enters the code of every DPU of a batch in turn: a thread
that comes back from native code waits for the GIL, so the fewer times, the better.  Like the
vectorized engine, every DPU runs to its end or its fault, ``last_faults`` maps each faulted DPU
to its fault, and the lowest-index fault is raised.  With an observer (trace, profile, debugger)
the reference engine runs instead: every issue must be reported in order.
"""

from __future__ import annotations

import array
import atexit
import ctypes
import hashlib
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from .faults import CYCLE_LIMIT, DpuFault, FaultInfo
from .reference import Observer, ReferenceEngine
from .state import DpuState, Tasklet, TaskletState
from . import translate as X

_RUNNING = TaskletState.RUNNING
_STOPPED = TaskletState.STOPPED
_ENTRY = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p)


class NativeUnavailable(RuntimeError):
    """llvmlite is missing or cannot compile for this machine."""


def available() -> bool:
    try:
        _llvm()
    except NativeUnavailable:
        return False
    return True


# --------------------------------------------------------------------------------------------
# Compiling
# --------------------------------------------------------------------------------------------

_llvm_lock = threading.Lock()
_llvm_state: dict = {}


def _llvm():
    """llvmlite's binding, initialised once, and the host's target machine.  The runtime (see
    :data:`dpusim.translate.RUNTIME_FUNCTIONS`) is loaded then too: its functions are linked to
    programs by name."""
    with _llvm_lock:
        if "tm" not in _llvm_state:
            if sys.byteorder != "little":
                raise NativeUnavailable("the native engine needs a little-endian host")
            try:
                import llvmlite.binding as llvm
            except ImportError as e:  # pragma: no cover - llvmlite is a dependency
                raise NativeUnavailable(f"llvmlite is not installed: {e}") from None
            llvm.initialize_native_target()
            llvm.initialize_native_asmprinter()
            tm = _target_machine(llvm)
            _load_runtime(llvm, tm)
            _llvm_state["llvm"] = llvm
            _llvm_state["tm"] = tm
        return _llvm_state["llvm"], _llvm_state["tm"]


def _load_runtime(llvm, tm) -> None:
    """The runtime and ``dpu_batch``, compiled (or read from the disk cache), their functions
    made known to the dynamic linker under their names."""
    t0 = time.perf_counter()
    source = X.runtime_ir() + _BATCH_IR
    key = hashlib.sha256(f"dpusim-runtime {X.TRANSLATOR_VERSION} {_host(llvm, tm)}\n{source}"
                         .encode()).hexdigest()
    directory = cache_dir()
    path = directory / f"runtime-{key[:40]}.o" if directory is not None else None
    obj = _read_cached(path, key) if path is not None else None
    engine = None
    if obj is not None:
        try:
            engine = _object_engine(llvm, tm, obj)
        except Exception:  # noqa: BLE001 - a cache file LLVM refuses is compiled again
            engine = None
    origin = "disk"
    if engine is None:
        module = llvm.parse_assembly(source)
        module.triple = tm.triple
        module.data_layout = str(tm.target_data)
        module.verify()
        _optimise(llvm, tm, module, 2)
        obj = tm.emit_object(module)
        engine = _object_engine(llvm, tm, obj)
        origin = "compiled"
        if path is not None:
            _write_cached(path, key, obj)
    for name in X.RUNTIME_FUNCTIONS:
        address = engine.get_function_address(name)
        if not address:
            raise NativeUnavailable(f"the runtime has no {name}")
        llvm.add_symbol(name, address)
    _llvm_state["runtime"] = (engine, origin, time.perf_counter() - t0)
    _llvm_state["batch"] = _BATCH(engine.get_function_address("dpu_batch"))
    # (a Python function type: the GIL stays held, see _clear)
    _llvm_state["table_clear"] = ctypes.PYFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int64)(
        engine.get_function_address("dpusim_table_clear"))


def runtime_stats() -> tuple[str, float]:
    """Where this process's runtime came from ("compiled" or "disk") and the seconds it took."""
    _llvm()
    _, origin, seconds = _llvm_state["runtime"]
    return origin, seconds


# Runs several DPUs' code one after the other in one call from Python (each entry with its
# context, each status stored): the threads of run_many then take the GIL once per batch, not
# twice per DPU (on a virtual machine, handing the GIL over costs as much as a small DPU's run).
# A run's first checkpoint (ck_save) is taken here too, without the GIL: clearing the
# speculation table and copying WRAM took a sixth of a streaming DPU's time in Python.
_BATCH_IR = """
define void @dpu_batch(ptr %entries, ptr %ctxs, ptr %out, i32 %n) {{
entry:
  %any = icmp sgt i32 %n, 0
  br i1 %any, label %loop, label %done
loop:
  %i = phi i32 [0, %entry], [%i1, %run]
  %k = zext i32 %i to i64
  %fp = getelementptr inbounds ptr, ptr %entries, i64 %k
  %f = load ptr, ptr %fp
  %cp = getelementptr inbounds ptr, ptr %ctxs, i64 %k
  %c = load ptr, ptr %cp
  %savep = getelementptr inbounds i8, ptr %c, i64 {ck_save}
  %save = load ptr, ptr %savep
  %ck = icmp ne ptr %save, null
  br i1 %ck, label %checkpoint, label %run
checkpoint:
  store ptr null, ptr %savep
  %tablep = getelementptr inbounds i8, ptr %c, i64 {table}
  %table = load ptr, ptr %tablep
  %ntp = getelementptr inbounds i8, ptr %c, i64 {ck_table}
  %nt = load i64, ptr %ntp
  call void @dpusim_table_clear(ptr %table, i64 %nt)
  call void @llvm.memcpy.p0.p0.i64(ptr %save, ptr %c, i64 {nctx}, i1 false)
  %wramp = getelementptr inbounds i8, ptr %c, i64 {wram}
  %wram = load ptr, ptr %wramp
  %nwp = getelementptr inbounds i8, ptr %c, i64 {ck_wram}
  %nw = load i64, ptr %nwp
  %sw = getelementptr inbounds i8, ptr %save, i64 {nctx}
  call void @llvm.memcpy.p0.p0.i64(ptr %sw, ptr %wram, i64 %nw, i1 false)
  %atomicp = getelementptr inbounds i8, ptr %c, i64 {atomic}
  %atomic = load ptr, ptr %atomicp
  %nap = getelementptr inbounds i8, ptr %c, i64 {ck_atomic}
  %na = load i64, ptr %nap
  %sa = getelementptr inbounds i8, ptr %sw, i64 %nw
  call void @llvm.memcpy.p0.p0.i64(ptr %sa, ptr %atomic, i64 %na, i1 false)
  br label %run
run:
  %s = call i32 %f(ptr %c)
  %sp = getelementptr inbounds i32, ptr %out, i64 %k
  store i32 %s, ptr %sp
  %i1 = add i32 %i, 1
  %more = icmp slt i32 %i1, %n
  br i1 %more, label %loop, label %done
done:
  ret void
}}
""".format(ck_save=X.Ctx.ck_save.offset, table=X.Ctx.table.offset, ck_table=X.Ctx.ck_table.offset,
           nctx=ctypes.sizeof(X.Ctx), wram=X.Ctx.wram.offset, ck_wram=X.Ctx.ck_wram.offset,
           atomic=X.Ctx.atomic.offset, ck_atomic=X.Ctx.ck_atomic.offset)
_BATCH = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32)


def _enter_batch(items: list[tuple["Compiled", "_Run"]]) -> list[int]:
    """Each run's code entered once, all in one native call (without the GIL): the statuses."""
    n = len(items)
    entries = (ctypes.c_void_p * n)(*[code.address for code, _ in items])
    ctxs = (ctypes.c_void_p * n)(*[ctypes.addressof(run.ctx) for _, run in items])
    out = (ctypes.c_int32 * n)()
    _llvm_state["batch"](entries, ctxs, out, n)
    return list(out)


def _target_machine(llvm, opt: int = 2):
    """The host's target machine.  An MCJIT engine owns (and frees) the one it is given, so
    each engine gets its own."""
    target = llvm.Target.from_default_triple()
    return target.create_target_machine(
        cpu=llvm.get_host_cpu_name(), features=llvm.get_host_cpu_features().flatten(),
        opt=opt, reloc="default", codemodel="jitdefault")


# Two tiers, as in a JIT.  Optimised code runs 2-3 times faster than unoptimised code, but LLVM's
# optimiser and code generator take 0.3-0.8 s on a small kernel (most of it on the scheduler
# every program has) and seconds on a large program (the code generator is superlinear in the size
# of the one function a program becomes: 3.5-5 s for 1200 DPU instructions, 16 s for 3400),
# against 0.05 s unoptimised for a small kernel.  Most runs are short (tests, a host's small
# launches), so a program starts on quick code (no optimisation), and the optimised code is
# compiled in the background once the program has run long enough on the quick code
# (:func:`hot_seconds`) for that to pay.  Runs in progress move to it at their next entry into
# native code (quick code returns at least every QUICK_SLICE cycles).  Small programs (the
# kernels that run longest for their size) get O2: its GVN forwards a register an instruction
# stored to the next one's load across the dispatch entry each instruction has, which O1 leaves
# in memory: the character counter runs 20-25 % faster, the streaming kernel 5-10 %, for 20-30 %
# more compile time.
QUICK = "quick"
OPTIMISED = "optimised"
QUICK_SLICE = 1 << 22  # cycles quick code runs before it returns to see whether it was replaced
# In every program's key: a cache file from before the tiers (whose code for programs over 1024
# instructions was not optimised) is never taken for optimised code.
TIERS = "tiers-1"


def optimisation_levels(slots: int, tier: str = OPTIMISED) -> tuple[int, int]:
    """(IR optimisation level, code generation level) of a tier for a program of ``slots``
    instructions."""
    if tier == QUICK:
        return 0, 0
    return (2, 2) if slots <= X.SMALL_PROGRAM else (1, 2)


def hot_seconds(slots: int) -> float:
    """Seconds of native time on quick code after which a program's optimised code is compiled:
    about a quarter of what compiling it takes (0.4-1.3 s for a small kernel, 10 s for 900
    instructions, on the CI machine), so a run that goes on that long is likely to go on long
    enough to win the compile back."""
    return 0.1 + 0.0025 * slots


def cache_dir() -> Path | None:
    where = os.environ.get("DPUSIM_CACHE")
    if where and where.lower() in ("off", "0", "none", "no"):
        return None
    if where:
        return Path(where)
    return Path(os.path.expanduser("~")) / ".cache" / "dpusim"


class Compiled:
    """A program's machine code: the entry point and the engine that owns the code.  Quick code
    (see :data:`QUICK`) keeps the program's words for its tier-up and, once that is compiled,
    points to the optimised code (``better``), which the runs using it move to."""

    def __init__(self, key: str, engine, address: int, source: str, translate_s: float,
                 compile_s: float, tier: str = OPTIMISED):
        self.key = key
        self.memory = False  # it loads or stores WRAM (speculating may pay)
        self.engine = engine  # keeps the code alive
        self.address = address
        self.entry = _ENTRY(address)
        self.source = source  # "compiled", "disk"
        self.translate_s = translate_s
        self.compile_s = compile_s
        self.tier = tier
        self.better: Compiled | None = None
        self.program: tuple | None = None  # quick code: (words up to the last non-zero one,
        #                                      model) to compile again
        self.busy_s = 0.0  # native time spent in this code (quick code: towards its tier-up)
        self.upgrade = ""  # quick code: "", "queued", "compiling", "done" or what failed

    def best(self) -> "Compiled":
        """This code, or the code that replaced it."""
        code = self
        while code.better is not None:
            code = code.better
        return code

    def stats(self) -> dict:
        return {"key": self.key, "tier": self.tier, "source": self.source,
                "translate_s": self.translate_s, "compile_s": self.compile_s}


_cache: dict[str, Compiled] = {}
_cache_lock = threading.Lock()
_CACHE_MAX = 64


_keys: list[tuple] = []  # (model, words, key), the most recent first
_keys_lock = threading.Lock()


def program_key(iram: list[int], model) -> str:
    """The cache key of a program: a hash of its IRAM words (trailing zero words left out), the
    model, the translator's version and the host.  Hashing 4096 words costs milliseconds;
    comparing them with the words of a program seen, microseconds (DPUs loaded with one program
    share their word objects, which compare by identity): the recent keys are remembered with
    their words.  A DPU's :class:`~dpusim.state.Iram` keeps its key until its words change."""
    changes = getattr(iram, "changes", None)
    if changes is not None:
        memo = iram.memo
        if memo is not None and memo[0] == changes and memo[1] is model:
            return memo[2]
        key = iram.shared.get(("native key", model)) if changes == 0 and iram.shared else None
        if key is not None:  # as loaded: another DPU's key
            iram.memo = (0, model, key)
            return key
    size = model.iram_instructions
    words = iram if len(iram) == size else iram[:size]
    with _keys_lock:
        for i, (m, seen, key) in enumerate(_keys):
            if (m is model or m == model) and seen == words:
                if i:
                    _keys.insert(0, _keys.pop(i))
                break
        else:
            key = None
    if key is None:
        key = _hash_key(words, model)
        with _keys_lock:
            _keys.insert(0, (model, list(words), key))
            del _keys[_CACHE_MAX:]
    if changes is not None:
        iram.memo = (changes, model, key)
        if changes == 0 and iram.shared is not None:
            iram.shared[("native key", model)] = key
    return key


def _hash_key(words: list[int], model) -> str:
    """The SHA-256 of what a program's code depends on (see program_key)."""
    end = len(words)
    while end and words[end - 1] == 0:
        end -= 1
    h = hashlib.sha256()
    h.update(f"dpusim-native {X.TRANSLATOR_VERSION} {TIERS} {model!r} {_host_id()} "
             f"{_runtime_digest()}\n".encode())
    h.update(b"".join(w.to_bytes(8, "little") for w in words[:end]))
    return h.hexdigest()


@lru_cache(maxsize=1)
def _runtime_digest() -> str:
    """The runtime's source, in every program's key: code is never linked to a runtime other
    than the one it was compiled against, even if the translator's version was not bumped."""
    return hashlib.sha256(X.runtime_ir().encode()).hexdigest()


def is_compiled(iram: list[int], model) -> bool:
    """Whether a program's machine code is at hand, in memory or in the disk cache (running it
    natively then costs no compiling)."""
    try:
        key = program_key(iram, model)
    except NativeUnavailable:  # pragma: no cover - llvmlite is a dependency
        return False
    if key in _cache:
        return True
    return any(path is not None and path.is_file()
               for path in (_cache_path(key, OPTIMISED), _cache_path(key, QUICK)))


def _host_id() -> str:
    try:
        llvm, tm = _llvm()
    except NativeUnavailable:
        return "none"
    return _host(llvm, tm)


def _host(llvm, tm) -> str:
    return f"{tm.triple} {llvm.get_host_cpu_name()} {llvm.llvm_version_info}"


def _cache_path(key: str, tier: str) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    return directory / (f"native-{key[:40]}.o" if tier == OPTIMISED else
                        f"native-{key[:40]}-quick.o")


def compile_program(iram: list[int], model, tier: str = OPTIMISED) -> Compiled:
    """The machine code of a program, at least of ``tier``, from the memory cache, the disk cache
    or compiled (optimised code is taken whenever it is at hand)."""
    key = program_key(iram, model)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            cached = cached.best()
            if tier == QUICK or cached.tier == OPTIMISED:
                return cached
        llvm, tm = _llvm()
        code = None
        for t in (OPTIMISED,) if tier == OPTIMISED else (OPTIMISED, QUICK):
            path = _cache_path(key, t)
            obj = _read_cached(path, key) if path is not None else None
            if obj is not None:
                try:
                    code = _load_object(llvm, tm, key, obj, tier=t)
                    break
                except Exception:  # noqa: BLE001 - a cache file LLVM refuses is compiled again
                    code = None
        if code is None:
            t0 = time.perf_counter()
            tr = X.translate(iram, model)
            t1 = time.perf_counter()
            obj = _emit(llvm, tm, tr, tier)
            code = _load_object(llvm, tm, key, obj, "compiled", t1 - t0,
                                time.perf_counter() - t1, tier)
            path = _cache_path(key, tier)
            if path is not None:
                _write_cached(path, key, obj)
        code.memory = any(X.kind_of(w) == "memory" for w in iram[:model.iram_instructions])
        if code.tier == QUICK:
            words = list(iram[:model.iram_instructions])
            while words and words[-1] == 0:
                words.pop()
            code.program = (words, model)
        _install(key, code, cached)
        return code


def _install(key: str, code: Compiled, replaced: Compiled | None) -> None:
    """``code`` the program's code in the memory cache (``_cache_lock`` held); the runs on the
    quick code it replaces move to it."""
    if replaced is not None:
        replaced.better = code
    if key not in _cache and len(_cache) >= _CACHE_MAX:
        _cache.pop(next(iter(_cache)))
    _cache[key] = code


def _emit(llvm, tm, tr, tier: str, context=None) -> bytes:
    """The object code of a translation, compiled for ``tier``.  ``context``: an LLVM context of
    the caller's and target machines of its own (the tier-up thread), else the global context
    and the shared target machine."""
    module = llvm.parse_assembly(tr.ir, context=context)
    module.triple = tm.triple
    module.data_layout = str(tm.target_data)
    module.verify()
    opt, codegen = optimisation_levels(tr.slots, tier)
    if opt:
        _optimise(llvm, tm if context is None else _target_machine(llvm), module, opt)
    machine = tm if codegen == 2 and context is None else _target_machine(llvm, codegen)
    obj = machine.emit_object(module)
    module.close()
    return obj


# Tier-ups: quick code that has run long enough, compiled again optimised, one program at a time.
# A thread of their own waits for a child process that compiles: llvmlite takes a lock of its own
# around every LLVM call, and one call of an optimised compile (emitting the object) takes
# seconds for a large program, which a quick compile in this process would wait for; and a
# process that ends kills the child at once, where it would have to wait for a compile of its
# own to end (LLVM must not run while the process tears down).  The child costs a Python start
# (0.3-0.7 s), in the background.
_upgrades: list[Compiled] = []
_upgrade_lock = threading.Lock()
_upgrader: list[threading.Thread] = []
_children: set = set()  # the compiling child processes
_exiting: list[bool] = []  # set once the process ends: no code is loaded after that
_CHILD = "from dpusim.native import _compile_child; _compile_child()"


def request_upgrade(code: Compiled) -> None:
    """Compile ``code``'s optimised tier in the background (once; quick code only)."""
    with _upgrade_lock:
        if code.tier != QUICK or code.upgrade or code.better is not None:
            return
        code.upgrade = "queued"
        _upgrades.append(code)
        if not _upgrader or not _upgrader[0].is_alive():
            thread = threading.Thread(target=_upgrade_loop, name="dpusim-tier-up",
                                      daemon=True)
            _upgrader[:] = [thread]
            thread.start()


def _upgrade_loop() -> None:
    while True:
        with _upgrade_lock:
            if not _upgrades or _exiting:
                for code in _upgrades:
                    code.upgrade = ""
                _upgrades.clear()
                _upgrader.clear()
                return
            code = _upgrades.pop(0)
            code.upgrade = "compiling"
        try:
            _upgrade(code)
            code.upgrade = "done"
        except Exception as e:  # noqa: BLE001 - the quick code goes on; the reason is kept
            code.upgrade = f"{type(e).__name__}: {e}"


def _upgrade(code: Compiled) -> None:
    llvm, tm = _llvm()
    words, model = code.program
    t0 = time.perf_counter()
    obj = _compile_elsewhere(words, model)
    t1 = time.perf_counter()
    with _cache_lock:
        if _exiting:
            return
        better = _load_object(llvm, tm, code.key, obj, "compiled", 0.0, t1 - t0, OPTIMISED)
        better.memory = code.memory
        current = _cache.get(code.key)
        if current is None or current is code:
            _install(code.key, better, code)
        else:
            code.better = current.best()  # (compiled meanwhile in the foreground)
    path = _cache_path(code.key, OPTIMISED)
    if path is not None:
        _write_cached(path, code.key, obj)


def _compile_elsewhere(words: list[int], model) -> bytes:
    """The optimised object code of a program, compiled by a child process (in this process's
    thread when there is no interpreter to start)."""
    if not sys.executable:  # pragma: no cover - an embedded interpreter
        llvm, tm = _llvm()
        return _emit(llvm, tm, X.translate(words, model), OPTIMISED, llvm.create_context())
    with _upgrade_lock:
        if _exiting:
            raise RuntimeError("the process is ending")
        child = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _children.add(child)
    try:
        obj, err = child.communicate(pickle.dumps((words, model)))
    finally:
        with _upgrade_lock:
            _children.discard(child)
    if child.returncode != 0:
        why = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise RuntimeError(f"the compiling process ended with status {child.returncode}"
                           f"{': ' + why[0] if why[0] else ''}")
    return obj


def _compile_child() -> None:
    """A tier-up's child process: the program's words and model, pickled, on standard input;
    the optimised object code on standard output."""
    words, model = pickle.load(sys.stdin.buffer)
    llvm, tm = _llvm()
    sys.stdout.buffer.write(_emit(llvm, tm, X.translate(words, model), OPTIMISED))
    sys.stdout.buffer.flush()


@atexit.register
def _stop_upgrades() -> None:
    """At exit: the compiling children killed, and no tier-up loads code any more (one that
    is loading finishes first)."""
    with _upgrade_lock:
        _exiting.append(True)
        for child in list(_children):
            child.kill()
    with _cache_lock:
        pass


def wait_for_upgrades(timeout: float | None = None) -> bool:
    """Wait until no tier-up is queued or compiling; whether none is."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        with _upgrade_lock:
            thread = _upgrader[0] if _upgrader else None
        if thread is None:
            return True
        thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            return False


_MAGIC = b"dpusim-native-object\n"


def _cache_header(key: str, obj: bytes) -> bytes:
    """What a cache file starts with: the key it was compiled for and the object's hash.  LLVM
    crashes the process on a damaged object file, so nothing unchecked reaches it."""
    return _MAGIC + key.encode() + b"\n" + hashlib.sha256(obj).digest()


def _write_cached(path: Path, key: str, obj: bytes) -> None:
    """A cache file written whole or not at all (a disk cache that cannot be written is none)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(_cache_header(key, obj) + obj)
        os.replace(tmp, path)
    except OSError:
        pass


def _read_cached(path: Path, key: str) -> bytes | None:
    """The object code in a cache file, or None when it is missing, damaged or another's."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    size = len(_cache_header(key, b""))
    obj = data[size:]
    if len(data) <= size or data[:size] != _cache_header(key, obj)[:size]:
        return None
    return obj


def _optimise(llvm, tm, module, level: int) -> None:
    pto = llvm.create_pipeline_tuning_options(speed_level=level)
    pto.loop_vectorization = False
    pto.slp_vectorization = False
    builder = llvm.create_pass_builder(tm, pto)
    builder.getModulePassManager().run(module, builder)


def _object_engine(llvm, tm, obj: bytes):
    """An engine that owns the code of an object file, its external names linked."""
    empty = llvm.parse_assembly("")
    empty.triple = tm.triple
    engine = llvm.create_mcjit_compiler(empty, _target_machine(llvm))
    engine.add_object_file(llvm.ObjectFileRef.from_data(obj))
    engine.finalize_object()
    return engine


def _load_object(llvm, tm, key: str, obj: bytes, source: str = "disk", translate_s: float = 0.0,
                 compile_s: float = 0.0, tier: str = OPTIMISED) -> Compiled:
    t0 = time.perf_counter()
    engine = _object_engine(llvm, tm, obj)
    address = engine.get_function_address("dpu_run")
    if not address:
        raise NativeUnavailable("compiled code has no dpu_run")
    if source == "disk":
        compile_s = time.perf_counter() - t0
    return Compiled(key, engine, address, source, translate_s, compile_s, tier)


# --------------------------------------------------------------------------------------------
# State in and out
# --------------------------------------------------------------------------------------------


_ARCH_PAD = [0] * (X.ARCH_WORDS - X.CF - 1)
_WAITING = {name: i for i, name in enumerate(X.WAITING)}


def _put(view: memoryview, name: str, fmt: str, values: list[int]) -> None:
    """Store ``values`` into the context's array ``name`` from its start (in bulk: element by
    element, ctypes takes tens of microseconds per DPU)."""
    offset = getattr(X.Ctx, name).offset
    data = array.array(fmt, values)
    view[offset:offset + len(data) * data.itemsize] = memoryview(data).cast("B")


def _get(view: memoryview, name: str, fmt: str, count: int, base: int = 0) -> list[int]:
    """The first ``count`` elements of the context's array ``name`` (``view`` starting at
    context offset ``base``)."""
    offset = getattr(X.Ctx, name).offset - base
    return view[offset:offset + count * struct.calcsize(fmt)].cast(fmt).tolist()


_ZEROS = memoryview(bytes(1 << 17))  # sliced without a copy


def _clear(buffer) -> None:
    """Zero a ctypes buffer.  Not with ``ctypes.memset``: every ctypes call releases the GIL
    and takes it again, and with another thread running Python, taking it back waits."""
    view = memoryview(buffer).cast("B")
    size = len(view)
    for at in range(0, size, len(_ZEROS)):
        n = min(len(_ZEROS), size - at)
        view[at:at + n] = _ZEROS[:n]


# The part of the context a DPU's tasklets are in (registers, flags and pc, ready cycles,
# counts, the cycles they started, what they wait on), kept between runs (_Packed).  The
# snapshots in between are not state, nor are the pending counts: no instruction is pending
# after a run (what ran ahead was rolled back), and a snapshot is read only while one is.
_PACK_START = X.Ctx.arch.offset
_PACK_END = X.Ctx.waiting.offset + X.Ctx.waiting.size
assert _PACK_START < X.Ctx.pending.offset < _PACK_END


_READY = X.Ctx.ready.offset
_STARTED = X.Ctx.started.offset
_ALL_STOPPED = struct.pack(f"<{X.MAX_TASKLETS}q", *[X.STOPPED] * X.MAX_TASKLETS)
_NONE_STARTED = struct.pack(f"<{X.MAX_TASKLETS}q", *[-1] * X.MAX_TASKLETS)
_pack_q = struct.Struct("<q").pack_into


@lru_cache(maxsize=16)
def _bytes_type(size: int):
    """ctypes' array type of ``size`` bytes (made once: a DPU's run maps several buffers)."""
    return ctypes.c_char * size


_ARCH_BYTES = 4 * X.ARCH_WORDS  # a tasklet's registers, pc and flags in the context
_ARRAYS = X.Ctx.ready.offset  # the tasklets' arrays, from their ready cycles to _PACK_END
assert X.Ctx.snap.offset < _ARRAYS and X.Ctx.arch.offset == _PACK_START


class _Packed:
    """A DPU's tasklets as the native engine left them after a run, in the context's layout
    (see DpuState.pack_tasklets): the next native run starts from it as it is, and tasklet
    objects are made from it only when asked for.  Only what is state is kept: the registers of
    the model's tasklets and the arrays after the snapshots (3 KB for 16 tasklets, not 7: a
    first run on many DPUs keeps one per DPU, in memory the process touches for the first
    time, which costs more than copying it)."""

    __slots__ = ("data", "n", "running")

    def __init__(self, view: memoryview, n: int, running: bool):
        """From the context's bytes (``view``)."""
        self.data = b"".join((view[_PACK_START:_PACK_START + n * _ARCH_BYTES],
                              view[_ARRAYS:_PACK_END]))
        self.n = n
        self.running = running  # (some tasklet runs)

    def put(self, view: memoryview, base: int = 0) -> None:
        """Into a context's bytes (``view``, starting at context offset ``base``); what is not
        kept is left as it is (zero in a new context)."""
        split = self.n * _ARCH_BYTES
        data = memoryview(self.data)
        view[_PACK_START - base:_PACK_START - base + split] = data[:split]
        view[_ARRAYS - base:_PACK_END - base] = data[split:]

    def unpack(self) -> list[Tasklet]:
        tasklets = [Tasklet(k) for k in range(self.n)]
        layout = bytearray(_PACK_END - _PACK_START)
        self.put(memoryview(layout), _PACK_START)
        _unpack(memoryview(layout), _PACK_START, tasklets)
        return tasklets


def _unpack(view: memoryview, base: int, tasklets: list[Tasklet],
            ready_in: list[int] | None = None, ninstr_in: list[int] | None = None) -> None:
    """Set the tasklet objects from the context's arrays (``view`` starting at context offset
    ``base``), leaving out those stopped throughout (same stopped ready cycle and count as
    ``ready_in`` and ``ninstr_in``, when given)."""
    n = len(tasklets)
    arch = _get(view, "arch", "I", n * X.ARCH_WORDS, base)
    ready, ninstr = _get(view, "ready", "q", n, base), _get(view, "ninstr", "q", n, base)
    tcycles, started = _get(view, "tcycles", "q", n, base), _get(view, "started", "q", n, base)
    waiting = _get(view, "waiting", "i", n, base)
    names = X.WAITING
    stopped = X.STOPPED
    skip = ready_in is not None
    for k, t in enumerate(tasklets):
        r, done = ready[k], ninstr[k]
        if skip and r == ready_in[k] >= stopped and done == ninstr_in[k]:
            continue  # stopped throughout: a boot would have changed its ready cycle
        at = k * X.ARCH_WORDS
        t.regs[:] = arch[at:at + 24]
        t.pc, t.zf, t.cf = arch[at + X.PC:at + X.CF + 1]
        if r >= stopped:
            t.state = _STOPPED
            t.ready_at = r - stopped
        else:
            t.state = _RUNNING
            t.ready_at = r
        t.instructions = done
        t.cycles = tcycles[k]
        since = started[k]
        t.started_at = None if since < 0 else since
        t.waiting = names[waiting[k]]


class _Scratch:
    """The buffers a thread's runs reuse (the page table, the speculation table, the undo
    log): allocating them for each DPU cost more than running some DPUs (fresh memory, paged
    in by the run)."""

    def __init__(self):
        self.pages = None
        self.pages_clean = False  # the run that used them unmapped its pages when released
        self.table = None
        self.fresh = None
        self.log = None
        self.saved = None  # a checkpoint's copy of the context, WRAM and atomic bits

    def save_area(self, size: int):
        """A buffer of ``size`` bytes for a checkpoint (kept: a new one per checkpoint costs
        page faults, which threads of one process take in turn)."""
        if self.saved is None or len(self.saved) != size:
            self.saved = ctypes.create_string_buffer(size)
        return self.saved


_SCRATCH_LOG_MAX = 1 << 22
_DIRTY_WORDS = X.DIRTY_BYTES // 8  # (the speculation table's dirty bytes, before its lines)
_scratch = threading.local()


def _thread_scratch(slot: int = 0) -> _Scratch:
    """This thread's buffers for the run in ``slot`` of a batch (see :func:`_enter_batch`)."""
    buffers = getattr(_scratch, "buffers", None)
    if buffers is None:
        buffers = _scratch.buffers = []
    while len(buffers) <= slot:
        buffers.append(_Scratch())
    return buffers[slot]


class _Run:
    """One DPU's context for the native code, and the buffers it points into."""

    def __init__(self, dpu: DpuState, limit: int, slot: int = 0):
        self.dpu = dpu
        ctx = self.ctx = X.Ctx()
        model = dpu.model
        n = model.tasklets
        if n > X.MAX_TASKLETS:
            raise NativeUnavailable(f"{n} tasklets")
        view = memoryview(ctx).cast("B")
        packed = dpu.packed_tasklets()
        boots = dpu.fresh_boots()
        self.ready_in = self.ninstr_in = None
        if packed is not None:  # as the last run left them
            packed.put(view)
            ready = _get(view, "ready", "q", n)
        elif boots is not None:  # reset, and some booted (the rest of the context is zero)
            ready = None
            view[_READY:_READY + 8 * n] = _ALL_STOPPED[:8 * n]
            view[_STARTED:_STARTED + 8 * n] = _NONE_STARTED[:8 * n]
            for k, cycle in boots.items():
                _pack_q(view, _READY + 8 * k, cycle)
                _pack_q(view, _STARTED + 8 * k, cycle)
            running = sorted(boots)
        else:
            ready = self._put_tasklets(view, dpu.tasklets)
        if ready is not None:
            running = [k for k, r in enumerate(ready) if r < X.STOPPED]
        nrun = len(running)
        span = running[-1] + 1 if running else 0  # past the highest running tasklet
        ctx.cycle = dpu.cycle
        ctx.instructions = dpu.instructions
        ctx.limit = limit
        ctx.dma_free = dpu.dma_free_at
        ctx.cbase = dpu.counter_base
        ctx.cfrozen = dpu.counter_frozen
        ctx.cmode = dpu.counter_mode
        ctx.last = dpu.last_issued
        ctx.nrun = nrun
        ctx.span = max(span, dpu.last_issued + 1, 1)
        self.wram = _bytes_type(len(dpu.wram)).from_buffer(dpu.wram)
        self.atomic = _bytes_type(len(dpu.atomic)).from_buffer(dpu.atomic)
        ctx.wram = ctypes.addressof(self.wram)
        ctx.atomic = ctypes.addressof(self.atomic)
        mram = dpu.mram
        npages = -(-mram.size // mram.PAGE)
        scratch = self.scratch = _thread_scratch(slot)
        if scratch.pages is None or len(scratch.pages) != npages:
            scratch.pages = (ctypes.c_void_p * npages)()
        elif not scratch.pages_clean:
            _clear(scratch.pages)
        scratch.pages_clean = False
        self.pages = scratch.pages
        if scratch.fresh is None or len(scratch.fresh) != npages:
            scratch.fresh = (ctypes.c_uint8 * npages)()
        self.fresh = scratch.fresh  # (all zero: each run leaves it so)
        self.made: list[int] = []  # the pages made since the checkpoint
        ctx.fresh = ctypes.addressof(self.fresh)
        self.views: dict[int, object] = {}
        for index, page in mram.pages.items():
            self._map(index, page)
        ctx.pages = ctypes.addressof(self.pages)
        lines = 2 * (model.wram_bytes >> X.LINE_BITS)
        if 8 * lines > X.DIRTY_BYTES * X.CHUNK_BYTES:
            raise NativeUnavailable(f"{model.wram_bytes} bytes of WRAM")
        if scratch.table is None or len(scratch.table) != lines + _DIRTY_WORDS:
            scratch.table = (ctypes.c_uint64 * (lines + _DIRTY_WORDS))()
        self.table = scratch.table  # cleared by each checkpoint (only speculation reads it)
        self.table_bytes = 8 * lines
        ctx.table = ctypes.addressof(self.table) + X.DIRTY_BYTES
        self.log = None
        self.saved = None

    def _put_tasklets(self, view: memoryview, tasklets: list[Tasklet]) -> list[int]:
        """The tasklet objects into the context; their ready cycles as there."""
        if len(tasklets) != self.dpu.model.tasklets:
            raise NativeUnavailable(f"{len(tasklets)} tasklets")
        arch = []
        pad = _ARCH_PAD
        ready = []
        for t in tasklets:
            pc = t.pc if 0 <= t.pc <= 0xFFFFFFFF else 0xFFFFFFFF
            arch += t.regs
            arch += (pc, t.zf, t.cf)
            arch += pad
            ready.append(t.ready_at if t.state is _RUNNING else t.ready_at | X.STOPPED)
        _put(view, "arch", "I", arch)
        _put(view, "ready", "q", ready)
        self.ready_in = ready
        self.ninstr_in = ninstr = [t.instructions for t in tasklets]
        _put(view, "ninstr", "q", ninstr)
        _put(view, "tcycles", "q", [t.cycles for t in tasklets])
        _put(view, "started", "q",
             [-1 if t.started_at is None else t.started_at for t in tasklets])
        _put(view, "waiting", "i", [_WAITING[t.waiting] for t in tasklets])
        return ready

    # ------------------------------------------------------------------ speculation

    def checkpoint(self, deferred: bool = False) -> None:
        """Remember the state to come back to if speculating goes wrong.  Taken where no tasklet
        has a WRAM access ahead, so the speculation table starts empty.  ``deferred``: the
        batch entering the code takes it (see _BATCH_IR), without the GIL."""
        ctx, dpu = self.ctx, self.dpu
        if self.log is None:
            if self.scratch.log is None:
                self.scratch.log = ctypes.create_string_buffer(1 << 16)
            self.log = self.scratch.log
            ctx.log = ctypes.addressof(self.log)
            ctx.log_cap = len(self.log)
        ctx.log_used = 0
        self._forget_made()
        nctx, nwram, natomic = ctypes.sizeof(ctx), len(dpu.wram), len(dpu.atomic)
        save = self.saved = self.scratch.save_area(nctx + nwram + natomic)
        if deferred:
            ctx.ck_wram, ctx.ck_atomic = nwram, natomic
            ctx.ck_table = self.table_bytes
            ctx.ck_save = ctypes.addressof(save)
            return
        _llvm_state["table_clear"](ctx.table, self.table_bytes)
        view = memoryview(save).cast("B")
        view[:nctx] = memoryview(ctx).cast("B")
        view[nctx:nctx + nwram] = dpu.wram
        view[nctx + nwram:] = dpu.atomic

    def restore(self) -> None:
        """Back to the checkpoint: MRAM from the undo log, the rest from the copies."""
        ctx, dpu = self.ctx, self.dpu
        log = ctypes.string_at(ctx.log, ctx.log_used)
        entries = []
        pos = 0
        while pos < len(log):
            addr = int.from_bytes(log[pos:pos + 8], "little")
            size = int.from_bytes(log[pos + 8:pos + 16], "little")
            entries.append((addr, pos + 16, size))
            pos += 16 + size
        for addr, at, size in reversed(entries):
            dpu.mram.write(addr, log[at:at + size])
        for index in self.made:  # (made after the checkpoint: what they hold was not logged)
            del dpu.mram.pages[index]
            del self.views[index]
            self.pages[index] = None
        self._forget_made()
        nctx, nwram = ctypes.sizeof(ctx), len(dpu.wram)
        view = memoryview(self.saved).cast("B")
        memoryview(ctx).cast("B")[:] = view[:nctx]
        dpu.wram[:] = view[nctx:nctx + nwram]
        dpu.atomic[:] = view[nctx + nwram:]
        _llvm_state["table_clear"](ctx.table, self.table_bytes)
        ctx.log = ctypes.addressof(self.log)
        ctx.log_cap = len(self.log)
        ctx.log_used = 0

    def grow_log(self) -> None:
        bigger = ctypes.create_string_buffer(2 * len(self.log))
        ctypes.memmove(bigger, self.log, self.ctx.log_used)
        self.log = self.scratch.log = bigger
        self.ctx.log = ctypes.addressof(bigger)
        self.ctx.log_cap = len(bigger)

    def clean(self) -> bool:
        """No tasklet has a WRAM access ahead (a checkpoint may be taken): none has
        instructions pending from a run that began while speculating (see Ctx.specmem)."""
        ctx = self.ctx
        view = memoryview(ctx).cast("B")
        n = self.dpu.model.tasklets
        return not any(p and m for p, m in zip(_get(view, "pending", "i", n),
                                               _get(view, "specmem", "i", n)))

    def _forget_made(self) -> None:
        for index in self.made:
            self.fresh[index] = 0
        self.made.clear()

    def _map(self, index: int, page: bytearray) -> None:
        view = _bytes_type(len(page)).from_buffer(page)
        self.views[index] = view
        self.pages[index] = ctypes.addressof(view)

    def allocate_pages(self) -> None:
        mram = self.dpu.mram
        for index in range(self.ctx.page_lo, self.ctx.page_hi + 1):
            if self.pages[index] is None:
                page = mram.pages.get(index)
                if page is None:
                    page = mram.pages[index] = bytearray(mram.PAGE)
                    if self.log is not None:  # (a checkpoint was taken: going back drops it)
                        self.fresh[index] = 1
                        self.made.append(index)
                self._map(index, page)

    def release(self) -> None:
        if self.log is not None and len(self.log) > _SCRATCH_LOG_MAX:
            self.scratch.log = None  # a rare run's large log is not kept
        self.ctx.wram = self.ctx.atomic = self.ctx.pages = None
        self._forget_made()
        self.ctx.table = self.ctx.log = self.ctx.fresh = None
        self.wram = self.atomic = self.saved = None
        for index in self.views:
            self.pages[index] = None
        self.scratch.pages_clean = True
        self.views.clear()

    def store(self) -> None:
        """Copy the context back into the DpuState (every tasklet exact: none ahead): into
        its tasklet objects if there are any, else in the compact form (:class:`_Packed`)."""
        ctx, dpu = self.ctx, self.dpu
        view = memoryview(ctx).cast("B")
        tasklets = dpu.tasklet_objects()
        if tasklets is None:
            dpu.pack_tasklets(_Packed(view, dpu.model.tasklets, ctx.nrun > 0))
        else:
            _unpack(view, 0, tasklets, self.ready_in, self.ninstr_in)
        dpu.cycle = ctx.cycle
        dpu.instructions = ctx.instructions
        dpu.dma_free_at = ctx.dma_free
        dpu.counter_base = ctx.cbase
        dpu.counter_frozen = ctx.cfrozen
        dpu.counter_mode = ctx.cmode
        dpu.last_issued = ctx.last


# --------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------

SEGMENT = 1 << 19  # cycles between checkpoints while speculating
BATCH_MAX = 16  # DPUs whose first runs one native call makes
DRAIN_STEP = 1 << 12  # cycles between checks that a drain is over


class _Plan:
    """Speculation across the native runs of one DPU: after an abort, the cycle before which
    loads and stores run exactly, and how many aborts in a row there were."""

    def __init__(self):
        self.exact_until = 0
        self.aborts = 0



_pools: dict[tuple[int, int], ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()
_in_pool = threading.local()


def _pool(threads: int) -> ThreadPoolExecutor | None:
    """A pool of ``threads`` threads, kept for the process (its threads keep their scratch
    buffers warm from one launch to the next), or None in one of its own threads (waiting there
    for the pool could wait forever).  A forked process gets pools of its own."""
    if getattr(_in_pool, "yes", False):
        return None
    key = (os.getpid(), threads)
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            pool = _pools[key] = ThreadPoolExecutor(
                threads, thread_name_prefix="dpusim-native", initializer=_mark_pool_thread)
        return pool


def _mark_pool_thread() -> None:
    _in_pool.yes = True


class NativeEngine:
    """Runs DPUs as machine code, with the reference engine's results, counts and cycles.

    ``run_many(dpus, max_cycles)`` runs every DPU to its end (in parallel threads) and raises the
    :class:`DpuFault` of the lowest-index DPU that faulted; ``last_faults`` maps every faulted
    DPU to its fault.  ``run(dpu, max_cycles)`` is ``run_many([dpu])``.  ``stats`` counts the
    replays (instructions the reference engine executed), page allocations and compilations;
    ``compile_stats`` lists the code of each program the engine used: its tier, where it came
    from and how long translating and compiling took.

    ``tier``: "auto" starts a program on quick code unless its optimised code is at hand, and
    compiles the optimised code in the background once the program has run long enough (see
    :data:`QUICK`); "quick" never compiles optimised code; "optimised" compiles it before the
    first run.
    """

    name = "native"

    def __init__(self, observer: Observer | None = None, threads: int | None = None,
                 speculate: bool = True, tier: str = "auto"):
        if tier not in ("auto", QUICK, OPTIMISED):
            raise ValueError(f"unknown tier {tier!r}")
        _llvm()
        self.tier = tier
        self.observer = observer
        self.speculate = speculate
        self.reference = ReferenceEngine(observer)
        self.threads = threads or os.cpu_count() or 1
        self.stats = {"replays": 0, "pages": 0, "rollbacks": 0, "checkpoints": 0, "aborts": 0,
                      "tier_ups": 0}
        self.compile_stats: list[dict] = []
        self._recorded: set[tuple[str, str]] = set()  # (key, tier) of each compile_stats entry
        self.last_faults: dict[int, DpuFault] = {}
        self._lock = threading.Lock()

    def run(self, dpu: DpuState, max_cycles: int | None = None) -> None:
        self.run_many([dpu], max_cycles)

    def run_many(self, dpus: list[DpuState], max_cycles: int | None = None) -> None:
        faults: dict[int, DpuFault] = {}
        if self.observer is not None:
            faults = self.reference.run_each(dpus, max_cycles)
        else:
            work = [d for d in dpus if d.has_running()]
            # the first DPU's program compiled here; the threads look the others' up (by the
            # key their IRAM keeps: see program_key)
            known = {work[0].index: self._code(work[0])} if work else {}
            threads = min(self.threads, len(work))
            pool = _pool(threads) if threads > 1 else None
            if pool is not None:
                # a few batches per thread: big enough that the GIL changes hands seldom,
                # small enough that the threads finish together
                size = max(1, min(BATCH_MAX, -(-len(work) // (4 * threads))))
                batches = [work[i:i + size] for i in range(0, len(work), size)]
                results = [r for rs in pool.map(lambda b: self._run_batch(b, max_cycles, known),
                                                 batches) for r in rs]
            else:
                results = []
                for i in range(0, len(work), BATCH_MAX):
                    results += self._run_batch(work[i:i + BATCH_MAX], max_cycles, known)
            for d, fault in zip(work, results):
                if fault is not None:
                    faults[d.index] = fault
        self.last_faults = faults
        if faults:
            raise faults[min(faults)]

    def _code(self, dpu: DpuState) -> Compiled:
        code = compile_program(dpu.iram, dpu.model, OPTIMISED if self.tier == OPTIMISED else QUICK)
        self._record(code)
        return code

    def _record(self, code: Compiled) -> None:
        if (code.key, code.tier) in self._recorded:
            return  # (every DPU's run comes here: without the lock, most of them)
        with self._lock:
            self._recorded.add((code.key, code.tier))
            if any(s["key"] == code.key and s["tier"] == code.tier for s in self.compile_stats):
                return
            if any(s["key"] == code.key for s in self.compile_stats):
                self.stats["tier_ups"] += 1  # (the quick code's runs moved to this code)
            self.compile_stats.append(code.stats())

    def _enter(self, code: Compiled, address: int) -> tuple[int, Compiled]:
        """Run ``code`` on the context at ``address``: the status, and the code to go on with."""
        t0 = time.perf_counter()
        status = code.entry(address)
        return status, self._ran(code, time.perf_counter() - t0)

    def _ran(self, code: Compiled, seconds: float) -> Compiled:
        """Count native time on ``code`` (towards its tier-up); the code to go on with."""
        if code.better is not None:
            better = code.best()
            self._record(better)
            return better
        if code.tier == QUICK and self.tier == "auto":
            code.busy_s += seconds  # (a race may lose some: it is an estimate)
            if code.busy_s >= hot_seconds(len(code.program[0])) and not code.upgrade:
                request_upgrade(code)
        return code

    def _run_batch(self, dpus: list[DpuState], max_cycles: int | None,
                   known: dict[int, Compiled]) -> list[DpuFault | None]:
        """Run DPUs to their ends: every DPU's first stretch of native code in one native call
        (:func:`_enter_batch`), then each DPU on from there.  ``known``: DPU index -> the
        code already looked up."""
        limit = X.NO_LIMIT if max_cycles is None else min(max_cycles, X.NO_LIMIT)
        items = [(dpu, known.get(dpu.index) or self._code(dpu)) for dpu in dpus]
        starts = []
        try:
            for slot, (dpu, code) in enumerate(items):
                run = _Run(dpu, limit, slot)
                plan = _Plan()
                starts.append((run, plan, self._begin(run, code, limit, plan, deferred=True)))
            t0 = time.perf_counter()
            statuses = _enter_batch([(code, run) for (_, code), (run, _, _) in zip(items, starts)])
            share = (time.perf_counter() - t0) / len(items)
            items = [(dpu, self._ran(code, share)) for dpu, code in items]
        except BaseException:
            for run, _, _ in starts:
                run.release()
            raise
        return [self._run_dpu(dpu, code, max_cycles, slot, (run, plan, mode, status))
                for slot, ((dpu, code), (run, plan, mode), status)
                in enumerate(zip(items, starts, statuses))]

    def _run_dpu(self, dpu: DpuState, code: Compiled, max_cycles: int | None, slot: int = 0,
                 first: tuple | None = None) -> DpuFault | None:
        """Run one DPU to its end or its fault, ``first`` its first run already entered: the
        run, the plan, the mode and the status the native code returned."""
        limit = X.NO_LIMIT if max_cycles is None else min(max_cycles, X.NO_LIMIT)
        plan = _Plan() if first is None else first[1]
        while first is not None or dpu.has_running():
            if first is not None:
                run, _, mode, status = first
                first = None
            else:
                run = _Run(dpu, limit, slot)
                mode = self._begin(run, code, limit, plan)
                status, code = self._enter(code, ctypes.addressof(run.ctx))
            try:
                status, code = self._drive(run, code, limit, plan, mode, status)
                if status != X.DONE:  # (done: every tasklet stopped, none ahead)
                    self._rollback(run)
                run.store()
            finally:
                run.release()
            if status == X.DONE:
                return None
            if status == X.LIMIT:
                return DpuFault(FaultInfo(CYCLE_LIMIT, f"stopped after {max_cycles} cycles",
                                          dpu.index, None, None))
            if status != X.REPLAY:
                raise RuntimeError(f"native engine: unexpected status {status}")
            with self._lock:
                self.stats["replays"] += 1
            try:
                self.reference.step(dpu, max_cycles)
            except DpuFault as e:
                return e
            code = self._code(dpu)  # (`ldmai` changes the code)
        return None

    def _begin(self, run: _Run, code: Compiled, limit: int, plan: "_Plan",
               deferred: bool = False) -> int:
        """Prepare a run's first entry into the native code: its mode (speculating, with a
        checkpoint, unless the plan says to run exactly for now) and its cycle limit.
        ``deferred``: the code is entered by _enter_batch, which takes the checkpoint."""
        mode = X.EXACT
        if self.speculate and code.memory and run.ctx.cycle >= plan.exact_until:
            mode = X.SPECULATE
            run.checkpoint(deferred)
            self._count("checkpoints")
        self._set_limit(run, code, limit, plan, mode)
        return mode

    def _set_limit(self, run: _Run, code: Compiled, limit: int, plan: "_Plan",
                   mode: int) -> None:
        ctx = run.ctx
        if mode == X.SPECULATE:
            ctx.limit = min(limit, ctx.cycle + SEGMENT)
        elif mode == X.DRAIN:
            ctx.limit = min(limit, ctx.cycle + DRAIN_STEP)
        else:
            ctx.limit = min(limit, plan.exact_until) if self.speculate and code.memory \
                else limit
        if code.tier == QUICK:
            ctx.limit = min(ctx.limit, ctx.cycle + QUICK_SLICE)
        ctx.smode = mode

    def _drive(self, run: _Run, code: Compiled, limit: int, plan: "_Plan", mode: int,
               status: int) -> tuple[int, Compiled]:
        """Go on from ``status`` (what the native code returned in ``mode``) until the run
        ends, faults (REPLAY) or reaches ``limit``, with every tasklet's WRAM accesses exact
        when it returns (pending private instructions aside, which :meth:`_rollback`
        handles).

        While speculating, loads and stores run ahead with the private instructions; the state
        is checkpointed every :data:`SEGMENT` cycles (first draining: no new access ahead
        until the ones ahead have issued), and a conflict, a replay or the limit reached with
        accesses ahead goes back to the checkpoint and runs exactly (loads and stores at their
        turn) up to that point and beyond it, longer after each consecutive abort.  Returns the
        status and the code to go on with (optimised code may have replaced quick code)."""
        ctx = run.ctx
        address = ctypes.addressof(ctx)
        while True:
            if status == X.PAGE:
                run.allocate_pages()
                self._count("pages")
            elif status == X.LOGFULL:
                run.grow_log()
            elif mode == X.EXACT:
                if status != X.LIMIT or ctx.cycle >= limit:
                    return status, code
                if self.speculate and code.memory and ctx.cycle >= plan.exact_until:
                    mode = X.SPECULATE  # the exact stretch is over
                    run.checkpoint()
                    self._count("checkpoints")
                # (else a quick code's slice ended)
            elif status == X.DONE:
                return status, code
            elif status == X.LIMIT and ctx.cycle < limit:
                if mode == X.SPECULATE:
                    plan.aborts = 0
                    mode = X.DRAIN
                if run.clean():
                    run.checkpoint()
                    self._count("checkpoints")
                    mode = X.SPECULATE
            else:
                # ABORT, REPLAY, or the limit with accesses ahead: again, exactly
                event = ctx.cycle
                run.restore()
                self._count("aborts")
                plan.exact_until = event + (SEGMENT << min(plan.aborts, 6))
                plan.aborts += 1
                mode = X.EXACT
            self._set_limit(run, code, limit, plan, mode)
            status, code = self._enter(code, address)

    def _count(self, name: str) -> None:
        with self._lock:
            self.stats[name] += 1

    def _rollback(self, run: _Run) -> None:
        """Tasklets still ahead (pending instructions run but not issued) go back to their
        snapshot and execute again only what issued, with the reference engine."""
        ctx, dpu = run.ctx, run.dpu
        pendings = _get(memoryview(ctx).cast("B"), "pending", "i", dpu.model.tasklets)
        if not any(pendings):
            return  # (a run that ended: every tasklet stopped)
        for k, pending in enumerate(pendings):
            if not pending:
                continue
            issued = ctx.sn_base[k] + ctx.sn_pend[k] - pending
            base = k * X.ARCH_WORDS
            tmp = Tasklet(k)
            tmp.regs[:] = ctx.snap[base:base + 24]
            tmp.pc = ctx.snap[base + X.PC]
            tmp.zf = ctx.snap[base + X.ZF]
            tmp.cf = ctx.snap[base + X.CF]
            for _ in range(issued):
                self.reference.execute(dpu, tmp)
            ctx.arch[base:base + 24] = tmp.regs
            ctx.arch[base + X.PC] = tmp.pc
            ctx.arch[base + X.ZF] = tmp.zf
            ctx.arch[base + X.CF] = tmp.cf
            ctx.ninstr[k] -= pending
            ctx.pending[k] = 0
            with self._lock:
                self.stats["rollbacks"] += 1


__all__ = ["NativeEngine", "NativeUnavailable", "OPTIMISED", "QUICK", "available", "cache_dir",
           "compile_program", "hot_seconds", "is_compiled", "request_upgrade", "wait_for_upgrades"]
