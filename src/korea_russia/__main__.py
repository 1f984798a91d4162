"""Allow `python -m korea_russia`."""

from korea_russia.cli import main

raise SystemExit(main())
