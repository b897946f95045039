"""Compile the project's .po catalogues to .mo, without GNU gettext.

    python -m benluc.compile_locale

`make install` runs it, so `make demo`, `make test` and `make serve` always use
catalogues built from the committed .po files (.mo files are not committed).
Django's `compilemessages` needs the `msgfmt` program, which a fresh machine may
lack; polib writes the same binary format in pure Python.
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_all(locale_dir=LOCALE_DIR):
    """Write a .mo beside every .po that is newer than its .mo; return the paths written."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        bad = [e.msgid for e in catalogue if e.msgstr == "" and not e.msgstr_plural and not e.obsolete]
        if bad:
            raise SystemExit(f"{po_path}: untranslated entries: {bad[:5]}")
        catalogue.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path.relative_to(LOCALE_DIR.parent)}", file=sys.stderr)
