# The two entry points of the README: `make run` (the main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BUILD  := build

.PHONY: run example test venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# The main job: the seed's character counter (samples/charcount), configured with dpukconfig,
# compiled with dpucc, bound with dpugeni, driven by Kelonia: 4 simulated DPUs x 16 tasklets
# count a character in 1 MiB of generated text, 64 KiB blocks at a time, a thread per DPU.
run: $(STAMP)
	$(MAKE) -C samples/charcount BIN=$(abspath $(BIN))
	$(BIN)/python samples/charcount/run.py --dpus 4 --size 1M --block-size 64K

# The ISA.md example, assembled, linked, disassembled with its source lines and run.
example: $(STAMP)
	mkdir -p $(BUILD)
	$(BIN)/dpuasm -g -o $(BUILD)/hello.o examples/hello.s
	$(BIN)/dpuld -o $(BUILD)/hello -Map $(BUILD)/hello.map $(BUILD)/hello.o
	$(BIN)/dpuobjdump -S $(BUILD)/hello
	$(BIN)/dpusim --profile $(BUILD)/hello

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

clean:
	rm -rf $(BUILD) $(VENV) samples/*/build
