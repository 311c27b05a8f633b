#!/usr/bin/env python3
"""Typing in a right-to-left language through a real pseudo-terminal (called by KioskPTYTests): the line being
typed is drawn in visual order, shaped, right-aligned, with the caret after what was typed last. Before, the
kiosk let readline draw it in logical order: Arabic backwards and unjoined.

usage: kiosk_rtl.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_common import expect, start  # noqa: E402

binary, data, root = sys.argv[1:4]

for rows, columns in [(24, 80), (15, 40)]:
    kiosk = start(binary, root, ["--data", data, "--idle-timeout", "120"], dimensions=(rows, columns))
    expect(kiosk, "Français", "the language picker")
    kiosk.send("3\r")  # العربية
    kiosk.send("\r")  # past the privacy notice
    kiosk.send("1\r")  # a new profile: the pseudonym prompt
    time.sleep(1)
    kiosk.send("سلام 15")
    # Shaped and reordered: "15", a space, then سلام drawn right to left (meem, lam-alef, seen), at the right
    # end of the field, and the caret just after the 5.
    visual = "15 \uFEE1\uFEFC\uFEB3"
    expect(kiosk, visual + "\x1b\\[K\r\x1b\\[(\\d+)C", f"the typed Arabic in visual order at {columns}x{rows}")
    caret = int(kiosk.match.group(1))
    if caret != columns - 1 - 4:
        print(f"FAILED: at {columns}x{rows} the caret stood at column {caret}, not after the 5 ({columns - 5})")
        sys.exit(1)
    if "سلام 15" in (kiosk.before or ""):
        print("FAILED: the typed line was also drawn in logical order")
        sys.exit(1)
    # Backspace removes the last character typed (the 5), on the left of the line.
    kiosk.send("\x7f")
    expect(kiosk, "1 \uFEE1\uFEFC\uFEB3\x1b\\[K", "the line after a backspace")
    kiosk.terminate(force=True)
print("kiosk rtl: typed Arabic shown shaped, in visual order, caret after the last character, at 80x24 and 40x15: ok")
