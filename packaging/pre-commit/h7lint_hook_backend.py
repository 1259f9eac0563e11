"""The build backend of the repository's root `pyproject.toml`, for pre-commit's `language: python` hook.

pre-commit runs `pip install .` in its clone of this repository. Building h7lint here would need Swift, so this
backend makes a wheel with no code, `h7lint-hook`, whose one dependency is the h7lint wheel of the same version
(Ruff's pre-commit hook does the same with its PyPI wheel): pip fetches that wheel, binary included, from the
index or from `PIP_FIND_LINKS`, in seconds. Standard library only, so the build needs nothing from the network.
"""
import base64
import hashlib
import os
import zipfile

# The h7lint version this checkout builds (H7LintVersion.current in Sources/H7Model/Support/StableHash.swift;
# a test keeps the two equal).
VERSION = "0.1.0"
NAME = "h7lint_hook"
TAG = "py3-none-any"


def _metadata() -> str:
    return (
        "Metadata-Version: 2.1\n"
        "Name: h7lint-hook\n"
        f"Version: {VERSION}\n"
        "Summary: Installs the h7lint wheel for pre-commit's language: python hook.\n"
        "Requires-Python: >=3.8\n"
        f"Requires-Dist: h7lint=={VERSION}\n"
    )


def _dist_info() -> dict:
    info = f"{NAME}-{VERSION}.dist-info"
    return {
        f"{info}/METADATA": _metadata(),
        f"{info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: h7lint_hook_backend\nRoot-Is-Purelib: true\nTag: {TAG}\n",
        f"{info}/top_level.txt": "",
    }


def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    for path, text in _dist_info().items():
        target = os.path.join(metadata_directory, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
    return f"{NAME}-{VERSION}.dist-info"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = {path: text.encode() for path, text in _dist_info().items()}
    record_path = f"{NAME}-{VERSION}.dist-info/RECORD"
    lines = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{path},sha256={digest},{len(data)}")
    lines.append(f"{record_path},,")
    files[record_path] = ("\n".join(lines) + "\n").encode()
    name = f"{NAME}-{VERSION}-{TAG}.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(zipfile.ZipInfo(path, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return name


# pip asks for an editable build only with `pip install -e`; the same wheel serves.
build_editable = build_wheel
get_requires_for_build_editable = get_requires_for_build_wheel
prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel
