"""A real QR reader for the QR tests: Debian's zbarimg (zbar-tools), installed by the Makefile."""

import shutil
import subprocess

import pytest


@pytest.fixture(scope="session")
def read_qr(tmp_path_factory):
    """Decodes every QR code in PNG bytes, as zbarimg reads them from a file."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbarimg is missing: run `make test-system-deps`")
    folder = tmp_path_factory.mktemp("qr")

    def read(png: bytes) -> list[str]:
        path = folder / "image.png"
        path.write_bytes(png)
        result = subprocess.run([zbarimg, "--raw", "-q", str(path)], capture_output=True,
                                text=True, timeout=30, check=False)
        return result.stdout.splitlines()

    return read
