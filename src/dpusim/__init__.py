"""dpusim: see README.md; this package is being built (see the project's issues)."""
