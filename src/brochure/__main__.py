"""Allow `python -m brochure`."""

import sys

from brochure.cli import main

sys.exit(main())
