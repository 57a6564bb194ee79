"""``python -m frontwatch.cli``."""

from frontwatch.cli.main import main

main()
