"""``python -m josephson.cli``: the same as the ``josephson`` command."""

import sys

from . import main

sys.exit(main())
