"""printf, puts and putchar on the DPU print exactly what the host's C library prints for the
same calls (dpusim formats the DPU's log records on its standard output)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from dpusim.faults import DpuFault
from dpusim.simulator import Simulator

PROGRAM = r"""
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
int main(void)
{
    const char *names[] = { "alpha", "", "gamma-delta" };
    printf("hello %s, %d + %u = %x (%lld)\n", "dpu", -5, 7u, 255, -123456789012LL);
    printf("[%5d|%-5d|%05d|%+d|% d|%c|%%]\n", 42, 42, 42, 42, 42, 'Z');
    for (int i = 0; i < 3; i++)
        printf("%2d: '%-12s' '%.3s' %*d %-*u|\n", i, names[i], names[i], 6, i * 1000, 4, i);
    printf("%hhd %hd %ld %llu %#x %#o %X %lx\n", (signed char)200, (short)70000, -1L,
           18446744073709551615ULL, 3054, 8, 0xabcdefu, 0x123456789abcdefUL);
    printf("%s|%10.4s|%-10s|\n", "edge", "truncate", "left");
    printf("%i %o %5.3d %-+6d|\n", -2147483647 - 1, 4294967295u, 7, 9);
    printf("%zu %zd %hhu %hu %p %p %jd\n", (size_t)4000000000u, (size_t)-5, 300, 70000,
           (void *)0x1234, (void *)0, (intmax_t)-9000000000LL);
    volatile double third = 1.0 / 3.0, big = 1e300 * 10.0, tiny = 4.9406564584124654e-324;
    volatile float f = 2.5f, g = -0.1f;
    double zero = 0.0, inf = big * 10.0;
    const double values[] = { 0.0, -0.0, 1.0, -1.5, 0.1, 123456.789, 1e-5, 1e21, 2.5, 3.5,
                              0.125, 999999.5, 1e100, tiny, third, big, inf, -inf, zero / zero };
    for (int i = 0; i < (int)(sizeof values / sizeof values[0]); i++) {
        double v = values[i];
        printf("%f|%.0f|%.3f|%10.2f|%-10.1f|%+f|% f|%#.0f|%010.3f|%F\n", v, v, v, v, v, v, v,
               v, v, v);
        printf("%e|%.0e|%.2E|%12.4e|%+e|%#.0e|%013.3e\n", v, v, v, v, v, v, v);
        printf("%g|%.0g|%.3g|%10.4G|%#g|%+g|%-12g|%012g|%.17g\n", v, v, v, v, v, v, v, v, v);
        printf("%a|%.3a|%A|%+.0a|%#a|%20a\n", v, v, v, v, v, v);
    }
    printf("%f %e %g %.10f %*.*f|%-*.*e|\n", f, g, f * g, (double)g, 12, 4, third, 15, 3, f);
    puts("a line from puts");
    putchar('!');
    putchar('\n');
    return 0;
}
"""


def test_printf_matches_the_host(tool, tmp_path):
    (tmp_path / "p.c").write_text(PROGRAM)
    gcc = shutil.which("gcc")
    assert gcc, "gcc gives the expected output"
    subprocess.run([gcc, "-w", "-o", str(tmp_path / "host"), str(tmp_path / "p.c")], check=True)
    expected = subprocess.run([str(tmp_path / "host")], capture_output=True).stdout
    for opt in ("-O0", "-O2"):
        r = tool("dpucc", opt, "-o", "p", "p.c", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        r = tool("dpusim", "-q", "p", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert r.stdout == expected, opt


def test_tasklets_share_the_log_and_each_launch_starts_empty(tool, tmp_path):
    (tmp_path / "t.c").write_text(r"""
        #include <stdio.h>
        #include <defs.h>
        int main(void) { printf("tasklet %u\n", me()); return 0; }
    """)
    assert tool("dpucc", "-O2", "-DNR_TASKLETS=4", "-o", "t", "t.c", cwd=tmp_path).returncode == 0
    from dpusim.log import read_log
    sim = Simulator()
    sim.load(str(tmp_path / "t"))
    for _ in range(2):  # a second launch must not keep the first one's output
        sim.launch()
        lines = read_log(sim, 0).splitlines()
        assert sorted(lines) == [f"tasklet {i}" for i in range(4)]


def test_a_full_log_is_fault_5(tool, tmp_path):
    (tmp_path / "f.c").write_text(r"""
        #include <stdio.h>
        char line[1000];
        int main(void)
        {
            for (int i = 0; i < 999; i++)
                line[i] = 'a' + i % 26;
            for (;;)
                puts(line);        /* about 1 KiB a record: the 1 MiB buffer fills up */
        }
    """)
    r = tool("dpucc", "-O2", "-o", "f", "f.c", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    sim = Simulator(engine="native")  # (millions of instructions: the vectorized engine takes 25 s)
    sim.load(str(tmp_path / "f"))
    with pytest.raises(DpuFault) as exc:
        sim.launch(max_cycles=500_000_000)
    assert exc.value.code == 5
    from dpusim.log import read_log
    lines = read_log(sim, 0).splitlines()  # every complete record before the fault is there
    assert len(lines) > 1000 and set(lines) == {"".join(chr(97 + i % 26) for i in range(999))}
