"""`python -m handout` runs the command line."""

from handout.cli import main

raise SystemExit(main())
