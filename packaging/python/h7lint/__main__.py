"""`python -m h7lint ...` runs the h7lint executable with the same arguments."""
import os
import sys

from h7lint import find_h7lint_bin


def main() -> None:
    binary = find_h7lint_bin()
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
