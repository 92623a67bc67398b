"""The dpucc driver with assembly inputs: gcc's command-line habits, the bootstrap linked in."""

from __future__ import annotations

from dpucore import elf, rtc
from dpusim.simulator import Simulator

MAIN = """
        .text
        .globl main
        .type main,@function
main:                               // counter[id] = id + 100; returns 5
        lsl r0, id, 2
        add r1, id, 100
        sw r0, counter, r1
        move r0, 5
        jump r23
        .data
        .p2align 3
        .globl counter
counter: .zero 96
"""


def test_modern_style_from_nr_tasklets(tool, tmp_path):
    (tmp_path / "main.s").write_text(MAIN)
    r = tool("dpucc", "-DNR_TASKLETS=4", "-o", "prog", "main.s", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    sim = Simulator()
    sim.load(str(tmp_path / "prog"))
    sim.launch()
    words = sim.read(0, "counter", 32)
    assert [int.from_bytes(words[4 * i:4 * i + 4], "little") for i in range(8)] == \
        [100, 101, 102, 103, 0, 0, 0, 0]
    assert sim.read(0, "__sys_exit_status", 4) == (5).to_bytes(4, "little")


def test_seed_form_with_a_configuration(tool, tmp_path):
    (tmp_path / "main.s").write_text(MAIN.replace("main", "task_main"))
    config = rtc.Config(tasklets=[rtc.Tasklet(i, "task_main", "small", 1) for i in range(16)],
                        sysmbox_words=1)
    (tmp_path / "config.json").write_text(config.to_json())
    r = tool("dpucc", "-b", "-C", "config.json", "-o", "charcount", "main.s", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    sim = Simulator()
    program = sim.load(str(tmp_path / "charcount"))
    assert program.config == config
    sim.launch()
    assert sim.read(0, "counter", 64)[60:64] == (115).to_bytes(4, "little")


def test_nr_tasklets_follows_the_configuration(tool, tmp_path):
    config = rtc.Config(tasklets=[rtc.Tasklet(i, "main", "small", 1) for i in (0, 1, 2, 5)])
    (tmp_path / "config.json").write_text(config.to_json())
    (tmp_path / "n.c").write_text("int n = NR_TASKLETS, m = NR_THREADS;\n")
    for extra, want in (([], "4"), (["-DNR_TASKLETS=9"], "9")):
        r = tool("dpucc", "-E", "-C", "config.json", *extra, "n.c", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert f"int n = {want}, m = {want};" in r.stdout.decode()
    r = tool("dpucc", "-E", "n.c", cwd=tmp_path)
    assert "int n = 1, m = 1;" in r.stdout.decode()


def test_compile_only_and_preprocessed_assembly(tool, tmp_path):
    (tmp_path / "a.S").write_text("#define VALUE 7\n.text\n.globl f\nf: move r0, VALUE\njump r23\n")
    r = tool("dpucc", "-c", "a.S", "-DX=1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    obj = elf.read_elf((tmp_path / "a.o").read_bytes())
    assert obj.kind == elf.ET_REL and obj.symbol("f") is not None
    r = tool("dpucc", "-c", "a.S", "-o", "other.o", cwd=tmp_path)
    assert r.returncode == 0 and (tmp_path / "other.o").exists()


def test_objects_and_archives_link(tool, tmp_path):
    (tmp_path / "main.s").write_text(MAIN)
    assert tool("dpucc", "-c", "main.s", cwd=tmp_path).returncode == 0
    from dpuasm.archive import write_archive
    (tmp_path / "libm.a").write_bytes(write_archive([("main.o", (tmp_path / "main.o").read_bytes())]))
    r = tool("dpucc", "-o", "prog", "libm.a", cwd=tmp_path)
    assert r.returncode == 0, r.stderr  # main comes from the archive: the bootstrap needs it


def test_emit_llvm_writes_the_optimised_ir(tool, tmp_path):
    (tmp_path / "k.c").write_text("int twice(int x) { int y = x; return y + y; }\n")
    r = tool("dpucc", "-S", "-emit-llvm", "-O2", "k.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    ir = (tmp_path / "k.ll").read_text()
    assert "define" in ir and "@twice" in ir and "alloca" not in ir  # mem2reg ran
    r = tool("dpucc", "-c", "-emit-llvm", "k.c", cwd=tmp_path)
    assert r.returncode == 2 and b"-emit-llvm needs -S" in r.stderr


def test_verbose_prints_each_stage_with_its_time(tool, tmp_path):
    (tmp_path / "main.s").write_text(MAIN)
    r = tool("dpucc", "-v", "-o", "prog", "main.s", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert "assembler" in err and "linker" in err and " ms)" in err


def test_command_line_errors(tool, tmp_path):
    r = tool("dpucc", "--frobnicate", "x.s", cwd=tmp_path)
    assert r.returncode == 2 and b"unrecognized command-line option '--frobnicate'" in r.stderr
    r = tool("dpucc", cwd=tmp_path)
    assert r.returncode == 2 and b"no input files" in r.stderr
    r = tool("dpucc", "notes.txt", cwd=tmp_path)
    assert r.returncode == 1 and b"unknown file type" in r.stderr
    r = tool("dpucc", "missing.s", cwd=tmp_path)
    assert r.returncode == 1 and b"missing.s: No such file" in r.stderr
    r = tool("dpucc", "-O7", "x.s", cwd=tmp_path)
    assert r.returncode == 2 and b"unrecognized optimization level" in r.stderr
    (tmp_path / "bad.s").write_text(".text\nfoo r0\n")
    r = tool("dpucc", "-c", "bad.s", cwd=tmp_path)
    assert r.returncode == 1 and b"bad.s:2:1: error: unknown instruction 'foo'" in r.stderr
    assert not (tmp_path / "bad.o").exists()
    (tmp_path / "nomain.s").write_text(".text\n.globl f\nf: jump r23\n")
    r = tool("dpucc", "-o", "prog", "nomain.s", cwd=tmp_path)
    assert r.returncode == 1 and b"undefined reference to 'main'" in r.stderr
    assert b"Traceback" not in r.stderr


def test_print_queries_answer_where_the_runtime_is(tool, tmp_path):
    r = tool("dpucc", "-print-search-dirs", cwd=tmp_path)
    assert r.returncode == 0
    lines = dict(line.split(": ", 1) for line in r.stdout.decode().splitlines())
    assert set(lines) == {"install", "programs", "libraries", "includes"}
    r = tool("dpucc", "-print-libgcc-file-name", cwd=tmp_path)
    path = r.stdout.decode().strip()
    assert r.returncode == 0 and path.endswith("libdpu.a")
    from dpuasm.archive import read_archive
    names = {m.name for m in read_archive(open(path, "rb").read())}
    assert {"intmath.o", "int64.o", "string.o"} <= names
    r = tool("dpucc", "-print-file-name=stdint.h", cwd=tmp_path)
    assert r.stdout.decode().strip().endswith("runtime/include/stdint.h")


def test_concurrent_first_builds_of_the_runtime_share_one_archive(tmp_path):
    """Two Makefile jobs building the library at once must not corrupt the cache."""
    import os
    import subprocess
    import sys
    env = {**os.environ, "DPUCC_CACHE": str(tmp_path / "cache")}
    exe = os.path.join(os.path.dirname(sys.executable), "dpucc")
    jobs = [subprocess.Popen([exe, "-print-libgcc-file-name"], env=env, stdout=subprocess.PIPE)
            for _ in range(3)]
    paths = {job.communicate()[0].decode().strip() for job in jobs}
    assert all(job.returncode == 0 for job in jobs) and len(paths) == 1
    from dpuasm.archive import read_archive
    assert len(read_archive(open(paths.pop(), "rb").read())) >= 4
    assert not [p for p in (tmp_path / "cache").rglob(".tmp-*")]


def test_wall_warns_about_unused_variables(tool, tmp_path):
    (tmp_path / "w.c").write_text("int main(void)\n{\n    int spare;\n    int used = 3;\n"
                                  "    return used;\n}\n")
    r = tool("dpucc", "-Wall", "-c", "w.c", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 0
    assert "w.c:3:9: warning: unused variable 'spare' [-Wunused-variable]" in err
    assert "used'" not in err.replace("'spare'", "")
    assert tool("dpucc", "-c", "w.c", cwd=tmp_path).stderr == b""  # only with -Wall
    r = tool("dpucc", "-Wall", "-Werror", "-c", "w.c", "-o", "x.o", cwd=tmp_path)
    assert r.returncode == 1 and r.stderr.decode().count("unused variable") == 1
    assert not (tmp_path / "x.o").exists()
    assert tool("dpucc", "-Wall", "-w", "-c", "w.c", cwd=tmp_path).stderr == b""


def test_pragma_unroll_is_accepted(tool, tmp_path):
    (tmp_path / "p.c").write_text("int f(int *a)\n{\n    int s = 0;\n#pragma unroll\n"
                                  "    for (int i = 0; i < 8; i++)\n        s += a[i];\n"
                                  "    return s;\n}\n")
    r = tool("dpucc", "-Wall", "-O2", "-c", "p.c", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr == b""


def test_md_dependency_files_for_objects_and_for_executables(tool, tmp_path):
    """-MD as gcc does it: ``-c -o x.o`` writes x.d; compiling and linking in one step writes
    ``<output without extension>.d`` for the executable, so a Makefile that builds a DPU program
    straight from its C sources rebuilds it when a header changes."""
    (tmp_path / "build").mkdir()
    (tmp_path / "p.h").write_text("#define X 3\n")
    (tmp_path / "p.c").write_text('#include "p.h"\nint main(void) { return X; }\n')
    (tmp_path / "q.c").write_text("int q(void) { return 1; }\n")
    r = tool("dpucc", "-c", "-MD", "-o", "build/p.o", "p.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "build/p.d").read_text() == "build/p.o: p.c p.h\n\np.h:\n"
    (tmp_path / "build/p.d").unlink()
    r = tool("dpucc", "-O2", "-MD", "-DNR_TASKLETS=2", "-o", "build/prog", "p.c", "q.c",
             cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "build/prog").exists() and not (tmp_path / "build/p.d").exists()
    assert (tmp_path / "build/prog.d").read_text() == "build/prog: p.c p.h q.c\n\np.h:\n"
    r = tool("dpucc", "-O2", "-DNR_TASKLETS=2", "-o", "build/other", "p.c", cwd=tmp_path)
    assert r.returncode == 0 and not (tmp_path / "build/other.d").exists()  # no -MD, no file
