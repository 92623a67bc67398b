"""The generated C headers compile with the project's dpucc, together, and say what the DIDL
says: the slots are checked with _Static_assert, the accessors are used on real pointers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "didl" / "golden"
BIN = Path(sys.executable).parent

PROGRAM = r"""
#include <stdint.h>
#include <mbox.h>
#include "charcount_interface.h"
#include "kitchen_interface.h"
#include "roundtrip_interface.h"
#include "charcount_interface.h" /* include guards */

#define SAME_TYPE(a, b) _Generic((a)0, b: 1, default: 0)

/* charcount: the seed's contract */
_Static_assert(COUNTCHARACTERS_DOCUMENTLENGTH_SYSMBOX_WORD == 0, "documentLength word");
_Static_assert(COUNTCHARACTERS_REQUESTEDCHAR_SYSMBOX_WORD == 1, "requestedChar word");
_Static_assert(COUNTCHARACTERS_COUNTERS_MBOX_WORD == 0, "counters word");
_Static_assert(COUNTCHARACTERS_COUNTERS_FIRST_TASKLET == 0, "first tasklet");
_Static_assert(COUNTCHARACTERS_COUNTERS_LAST_TASKLET == 15, "last tasklet");
_Static_assert(COUNTCHARACTERS_COUNTERS_LENGTH == 16, "16 counters");
_Static_assert(COUNTCHARACTERS_COUNTERS_INPUT == 0 && COUNTCHARACTERS_COUNTERS_OUTPUT == 1, "out");
_Static_assert(SAME_TYPE(COUNTCHARACTERS_REQUESTEDCHAR_TYPE, uint8_t), "u8");
_Static_assert(CHARCOUNT_SYSMBOX_WORDS == 2 && CHARCOUNT_MBOX_WORDS == 1, "totals");
_Static_assert(CHARCOUNT_TASKLETS == 16, "tasklets");

/* kitchen: 64-bit words, floats, host symbols, MRAM */
_Static_assert(STORE_HOST_SYSMBOX_WORD == 1 && STORE_HOST_SYSMBOX_WORDS == 4, "f64[2]: 4 words");
_Static_assert(STORE_OUT_MBOX_WORD == 3 && STORE_OUT_MBOX_WORDS == 2, "i64 in a mailbox");
_Static_assert(STORE_FUNCTION_FIRST_TASKLET == 23 && STORE_FUNCTION_LAST_TASKLET == 23, "one");
_Static_assert(STORE_FUNCTION_INPUT == 1 && STORE_FUNCTION_OUTPUT == 1, "inout");
_Static_assert(SAME_TYPE(STORE_HOST_TYPE, double), "f64");
_Static_assert(SAME_TYPE(HTTPSTATS_SCALE_TYPE, float), "f32");
_Static_assert(HTTPSTATS_SCALE_MRAM_ADDRESS == 0 && HTTPSTATS_SCALE_BYTES == 8, "scale");
_Static_assert(HTTPSTATS_THRESHOLDS_MRAM_ADDRESS == 0x3FFFFFC, "thresholds");
_Static_assert(HTTPSTATS_MEAN_HOST_OFFSET == 8 && HTTPSTATS_MEAN_BYTES == 8, "mean");
_Static_assert(HTTPSTATS_COUNTS_LENGTH == 24, "counts");
_Static_assert(KITCHEN_SYSMBOX_WORDS == 256 && KITCHEN_MBOX_WORDS == 256, "totals");
_Static_assert(KITCHEN_TASKLETS == 24, "tasklets");
_Static_assert(ROUNDTRIP_SYSMBOX_WORDS == 7 && ROUNDTRIP_MBOX_WORDS == 3, "roundtrip totals");

/* the host symbols are names the program declares */
__host HTTPSTATS_FLAGS_TYPE HTTPSTATS_FLAGS_HOST_SYMBOL[2];
__host uint64_t HTTPSTATS_TOTAL_HOST_SYMBOL;

int use(void)
{
    const void *sys = sys_mbox_recv();
    void *mine = mbox_recv();
    uint32_t length = COUNTCHARACTERS_DOCUMENTLENGTH_GET(sys);
    uint8_t c = COUNTCHARACTERS_REQUESTEDCHAR_GET(sys);
    COUNTCHARACTERS_COUNTERS_PUT(mine, length + c);
    double h = STORE_HOST_GET(sys, 1);
    int64_t f = STORE_FUNCTION_GET(mine);
    STORE_FUNCTION_PUT(mine, f + (int64_t)h);
    STORE_OUT_PUT(mine, -1);
    ONE_TASKLET_Y_PUT(mine, ONE_TASKLET_X_GET(mine));
    float x = TRANSFORM_C_GET(sys);
    int16_t d2 = TRANSFORM_D_GET(sys, 2);
    HTTPSTATS_FLAGS_HOST_SYMBOL[0] = (uint16_t)d2;
    HTTPSTATS_TOTAL_HOST_SYMBOL = HTTPSTATS_BIAS_GET(sys);
    return (int)x;
}
"""


def test_the_headers_compile_with_dpucc_and_hold_the_contract(tmp_path):
    source = tmp_path / "use.c"
    source.write_text(PROGRAM)
    for header in GOLDEN.glob("*.h"):
        (tmp_path / header.name).write_bytes(header.read_bytes())
    r = subprocess.run([str(BIN / "dpucc"), "-O2", "-Wall", "-c", "-o", str(tmp_path / "use.o"),
                        str(source)], capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "use.o").stat().st_size > 0


def test_a_wrong_expectation_fails_to_compile(tmp_path):
    """The asserts above are not vacuous: a wrong slot stops the compiler."""
    (tmp_path / "charcount_interface.h").write_bytes((GOLDEN / "charcount_interface.h").read_bytes())
    source = tmp_path / "wrong.c"
    source.write_text('#include "charcount_interface.h"\n'
                      '_Static_assert(COUNTCHARACTERS_REQUESTEDCHAR_SYSMBOX_WORD == 0, "slot");\n')
    r = subprocess.run([str(BIN / "dpucc"), "-c", "-o", str(tmp_path / "wrong.o"), str(source)],
                       capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert r.returncode == 1 and "static assertion failed" in r.stderr
