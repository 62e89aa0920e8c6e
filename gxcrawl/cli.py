"""What the package's small command-line tools share."""

from __future__ import annotations

import sys
from typing import Callable, NoReturn


def run(main: Callable[[], int]) -> NoReturn:
    """Exit with ``main()``'s status; a reader that closed the pipe early (``| head``) has what it wanted."""
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.stdout = None
        sys.exit(1)
