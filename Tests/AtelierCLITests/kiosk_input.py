#!/usr/bin/env python3
"""Bad input through a real pseudo-terminal (called by KioskPTYTests): a pasted 10,000-character line, bytes
that are not UTF-8, resizes mid-step, and the terminal closed in the middle of a lesson (SIGHUP). Each leaves the kiosk on a
sensible screen, or ended, with every confirmed answer stored.

usage: kiosk_input.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
"""
import os
import sqlite3
import sys
import time

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_common import expect, new_profile, start, to_profile_menu  # noqa: E402

binary, data, root = sys.argv[1:4]

kiosk = start(binary, root, ["--data", data, "--idle-timeout", "120"])
to_profile_menu(kiosk)
new_profile(kiosk, "Selam")

# A pasted 10,000-character line where a module number is expected: a notice, the same screen.
kiosk.send("x" * 10_000 + "\r")
expect(kiosk, "Tapez un des numéros", "the notice after a pasted line")
# Bytes that are not UTF-8, then a right number: the kiosk reads the number.
kiosk.send(b"\xff\xfe\xc3(\r".decode("latin-1"))
time.sleep(0.5)
kiosk.send("2\r")
expect(kiosk, "Étape 1 sur", "the module after bytes that are not UTF-8")
kiosk.send("\r")
expect(kiosk, "Étape 2 sur", "the second step")
# Half a word typed, then the terminal is resized twice mid-step (SIGWINCH): the step is drawn again at each
# size, and the half-typed word is still there.
kiosk.send("ab")
kiosk.setwinsize(15, 40)
expect(kiosk, "Étape 2 sur", "the step drawn again at 40x15")
expect(kiosk, "> ab", "the half-typed word kept after a resize")
kiosk.setwinsize(24, 80)
expect(kiosk, "Étape 2 sur", "the step drawn again at 80x24")
expect(kiosk, "> ab", "the half-typed word kept after a second resize")
kiosk.send("\x7f\x7f\r")
expect(kiosk, "À qui appartient", "the first question")
kiosk.send("1\r")
expect(kiosk, "Bonne réponse|pas la bonne réponse", "the feedback: the answer is confirmed")

# The terminal goes away (SIGHUP): the kiosk ends, and the confirmed answer is in the data file.
kiosk.close(force=False)
deadline = time.time() + 30
while kiosk.isalive() and time.time() < deadline:
    time.sleep(0.2)
if kiosk.isalive():
    print("FAILED: the kiosk kept running without its terminal")
    sys.exit(1)
with sqlite3.connect(data) as db:
    (count,) = db.execute("SELECT COUNT(*) FROM attempt").fetchone()
    (ok,) = db.execute("PRAGMA integrity_check").fetchone()
if count < 1 or ok != "ok":
    print(f"FAILED: after SIGHUP, {count} attempts stored, integrity_check {ok}")
    sys.exit(1)
print("kiosk input: a pasted 10,000-character line, bytes that are not UTF-8, the terminal closed mid-lesson:"
      f" sensible screens, {count} confirmed answer stored: ok")
