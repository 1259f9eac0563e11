"""h7lint: finds the STM32H7 settings that lock the MCU up, before anyone flashes a board.

The package carries the h7lint executable (installed into the environment's scripts folder); this module only
finds it, for `python -m h7lint` and for tools that want its path.
"""
import os
import sys
import sysconfig


def find_h7lint_bin() -> str:
    """The path of the h7lint executable this package installed."""
    name = "h7lint"
    candidates = [os.path.join(sysconfig.get_path("scripts"), name)]
    user = sysconfig.get_path("scripts", f"{os.name}_user") if hasattr(sysconfig, "get_path") else None
    if user:
        candidates.append(os.path.join(user, name))
    candidates.append(os.path.join(os.path.dirname(sys.executable), name))
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FileNotFoundError(f"h7lint executable not found (looked in {', '.join(candidates)})")
