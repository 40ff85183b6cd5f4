"""Regenerate the pictures of the brief in docs/: the HTML brief at 1280 px (Chromium) and the
first page of the Word brief (LibreOffice, then poppler's pdftoppm).

    python scripts/brief_pictures.py            # writes docs/brief-html.png, docs/brief-word.png
    python scripts/brief_pictures.py --out DIR  # somewhere else

Needs chromium, soffice and pdftoppm on the PATH (Debian: chromium libreoffice-writer
poppler-utils). The brief is dated by SOURCE_DATE_EPOCH as the docs' examples are.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1732838400"  # 29 November 2024, as in docgen.py
OPTIONS = ["--for", "Participants, round 2", "--marking", "Chatham House Rule"]


def gapcli(*args: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    subprocess.run(["gapcli", *args], check=True, env=env, cwd=REPO)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    out = parser.parse_args().out
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        gapcli("export", *OPTIONS, "-o", str(work / "brief.html"))
        gapcli("export", *OPTIONS, "-o", str(work / "brief.docx"))
        shot = [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            f"--user-data-dir={work / 'profile'}", f"--screenshot={out / 'brief-html.png'}",
            "--window-size=1280,1100", (work / "brief.html").as_uri(),
        ]  # fmt: skip
        subprocess.run(shot, check=True, capture_output=True)
        profile = f"-env:UserInstallation=file://{work / 'office'}"
        convert = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", tmp]
        subprocess.run([*convert, str(work / "brief.docx")], check=True, capture_output=True)
        page = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*page, str(work / "brief.pdf"), str(out / "brief-word")], check=True)


if __name__ == "__main__":
    main()
