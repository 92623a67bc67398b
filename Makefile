# The two entry points of the README: `make run` (the main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BUILD  := build

.PHONY: run example test venv bytecode clean

venv: $(STAMP)

# The toolchain's bytecode, written once: the tools run as many short processes (a Makefile's
# dpucc per file, the tests' command lines and services, the simulator's compiling child), and
# with PYTHONDONTWRITEBYTECODE set (as it is on the machines we work on) each would compile
# every module of the editable install from source again (0.4-0.6 s a process).  Files that
# are up to date are skipped.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q src

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# The main job: the seed's character counter (samples/charcount), configured with dpukconfig,
# compiled with dpucc, bound with dpugeni, driven by Kelonia: 4 simulated DPUs x 16 tasklets
# count a character in 1 MiB of generated text, 64 KiB blocks at a time, a thread per DPU.
run: bytecode
	$(MAKE) -C samples/charcount BIN=$(abspath $(BIN))
	$(BIN)/python samples/charcount/run.py --dpus 4 --size 1M --block-size 64K

# The ISA.md example, assembled, linked, disassembled with its source lines and run.
example: bytecode
	mkdir -p $(BUILD)
	$(BIN)/dpuasm -g -o $(BUILD)/hello.o examples/hello.s
	$(BIN)/dpuld -o $(BUILD)/hello -Map $(BUILD)/hello.map $(BUILD)/hello.o
	$(BIN)/dpuobjdump -S $(BUILD)/hello
	$(BIN)/dpusim --profile $(BUILD)/hello

test: bytecode
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

clean:
	rm -rf $(BUILD) $(VENV) samples/*/build
