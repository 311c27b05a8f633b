#!/usr/bin/env python3
"""Drives the real kiosk through a pseudo-terminal, as a participant would (called by KioskPTYTests).

usage: kiosk_pty.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
Exits 0 when every expectation held; otherwise prints what was on screen and exits 1.
"""
import os
import re
import sys
import time

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_common import expect, leave, new_profile, set_facilitator_pin, start, to_profile_menu  # noqa: E402

binary, data, root = sys.argv[1:4]


# A new participant answers two steps, then goes back to the menu and leaves.
kiosk = start(binary, root, ["--data", data, "--idle-timeout", "12"])
to_profile_menu(kiosk)
new_profile(kiosk, "Amina", "2580")
# Ctrl-C, Ctrl-Z and Ctrl-\ do not leave the kiosk.
for key in ["\x03", "\x1a", "\x1c"]:
    kiosk.send(key)
    time.sleep(0.3)
    if not kiosk.isalive():
        print(f"FAILED: the kiosk ended on {key!r}")
        sys.exit(1)
kiosk.send("\r")
expect(kiosk, "Les modules", "the catalogue again")
kiosk.send("2\r")
expect(kiosk, "Étape 1 sur", "the first step")
kiosk.send("\r")
expect(kiosk, "Étape 2 sur", "the second step")
kiosk.send("\r")
expect(kiosk, "Étape 3 sur", "the third step (a question)")
kiosk.send("1\r")
expect(kiosk, "Entrée pour continuer|Essayez encore", "the feedback")
kiosk.send("0\r")
expect(kiosk, "Les modules", "the catalogue after the menu key")
kiosk.send("0\r")
expect(kiosk, "1-14", "the welcome screen after logging out")
# No facilitator PIN is set yet: 0 does not leave, the kiosk says how to set one.
kiosk.send("0\r")
expect(kiosk, "Pour quitter le kiosque", "how to set the facilitator PIN")
time.sleep(0.5)
if not kiosk.isalive():
    print("FAILED: the kiosk ended without a facilitator PIN")
    sys.exit(1)
set_facilitator_pin(binary, data, "1357")
leave(kiosk, "1357")
kiosk.close()

# Later: the same participant continues with their PIN and resumes where they were.
kiosk = start(binary, root, ["--data", data, "--idle-timeout", "12"])
to_profile_menu(kiosk)
kiosk.send("2\r")
expect(kiosk, "Amina", "the list of pseudonyms")
kiosk.send("1\r")
expect(kiosk, "Votre code", "the PIN question")
kiosk.send("0000\r")
expect(kiosk, "Code faux", "a wrong PIN refused")
kiosk.send("2580\r")
expect(kiosk, "Bonjour Amina", "the catalogue after the right PIN")
kiosk.send("2\r")
expect(kiosk, "Étape 3 sur", "the step where the participant left")
# Nobody types anything: a countdown, then the welcome screen, logged out.
expect(kiosk, "Retour à l'accueil", "the idle countdown")
expect(kiosk, "1-14", "the welcome screen after the idle timeout")
leave(kiosk, "1357")
# A crash (here: a segmentation fault sent from outside) shows a plain sentence, never a stack trace.
import signal
kiosk = start(binary, root, ["--data", data, "--idle-timeout", "12"])
expect(kiosk, "Français", "the language picker")
os.kill(kiosk.pid, signal.SIGSEGV)
expect(kiosk, "Out of order", "the out-of-order sentence after a crash")
kiosk.expect(pexpect.EOF)
if "Backtrace" in (kiosk.before or "") or "Fatal error" in (kiosk.before or ""):
    print("FAILED: a stack trace reached the screen")
    sys.exit(1)
print("kiosk through a pty: new participant, two steps, Ctrl-C/Z/\\ ignored, resume with PIN, idle timeout,"
      " no stack trace on a crash: ok")
