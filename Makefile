# The two entry points of the README: `make run` (the main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BUILD  := build

.PHONY: run test venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# The main job, until the character-counting sample exists: the example program of ISA.md,
# assembled, linked, disassembled with its source lines, and run on a simulated DPU.
run: $(STAMP)
	mkdir -p $(BUILD)
	$(BIN)/dpuasm -g -o $(BUILD)/hello.o examples/hello.s
	$(BIN)/dpuld -o $(BUILD)/hello -Map $(BUILD)/hello.map $(BUILD)/hello.o
	$(BIN)/dpuobjdump -S $(BUILD)/hello
	$(BIN)/dpusim --profile $(BUILD)/hello

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

clean:
	rm -rf $(BUILD) $(VENV)
