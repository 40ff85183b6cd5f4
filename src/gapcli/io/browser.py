"""PDF by printing the HTML brief with a headless Chromium or Chrome, when one is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from gapcli.errors import GapcliError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TIMEOUT = 120  # seconds for one print


def find_browser() -> str | None:
    """A headless-capable Chromium or Chrome: ``$GAPCLI_CHROMIUM``, else one on the PATH."""
    chosen = os.environ.get("GAPCLI_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def html_to_pdf(html: str) -> bytes:
    """The PDF Chromium prints from ``html`` (no network, no header or footer lines)."""
    browser = find_browser()
    if browser is None:
        raise GapcliError(
            "PDF needs Chromium or Chrome, and none was found; install one "
            "(Debian/Ubuntu: apt-get install chromium) or set GAPCLI_CHROMIUM to its path, "
            "or write HTML (-o brief.html) and print it to PDF from a browser"
        )
    with tempfile.TemporaryDirectory(prefix="gapcli-pdf-") as folder:
        page, out = Path(folder) / "brief.html", Path(folder) / "brief.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise GapcliError(f"{browser} did not print the PDF within {TIMEOUT} s") from None
        if not out.is_file() or out.stat().st_size == 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise GapcliError(
                f"{browser} could not print the PDF (exit {done.returncode}) {said[0]}"
            )
        return out.read_bytes()
