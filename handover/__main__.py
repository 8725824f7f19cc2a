"""`python -m handover`: the same as the `handover` command."""

import sys

from handover.cli import main

sys.exit(main())
