"""``python -m dpugeni``: the dpugeni command line."""

from .cli import main

main()
