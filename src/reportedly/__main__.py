"""``python -m reportedly``: the command line."""
from .cli import main

main()
