"""Fill translations/vi from a Python mapping file: `python translations/fill.py MAPPING.py`.

The .po file stays the source of truth; this only saves typing msgids by hand.
"""

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent / "vi" / "LC_MESSAGES" / "messages.po"

mapping = runpy.run_path(sys.argv[1])["VI"]
with PO.open("rb") as f:
    catalog = read_po(f, locale="vi")
for message in catalog:
    if message.id and message.id in mapping:
        message.string = mapping[message.id]
        message.flags.discard("fuzzy")
with PO.open("wb") as f:
    write_po(f, catalog, width=100)
left = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
print("untranslated:", left)
