"""``python -m frontwatch``."""

from frontwatch.cli import main

main()
