#!/usr/bin/env python3
"""The kiosk when its data file cannot be written: the out-of-order screen in the participant's language,
guests can still learn, and Enter tries again once the fault is gone (called by KioskPTYTests).

usage: kiosk_faults.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
"""
import os
import re
import stat
import sys

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_common import expect, leave, set_facilitator_pin, start  # noqa: E402

binary, data, root = sys.argv[1:4]


# The data file's folder is a regular file: nothing can be created there.
blocker = os.path.dirname(data)
open(blocker, "w").close()
# --bidi terminal: the screen keeps Arabic in logical order, so the test can look for its words.
kiosk = start(binary, root, ["--data", data, "--idle-timeout", "60", "--bidi", "terminal"])
expect(kiosk, "العربية", "the language picker")
kiosk.send("3\r")  # Arabic, third in the registry
expect(kiosk, "بياناتك", "the privacy notice in Arabic")
kiosk.send("\r")
kiosk.send("1\r")  # a new profile needs the data file
expect(kiosk, "معطّل", "the out-of-order screen in Arabic")
# The facilitator fixes the fault; Enter tries again.
os.remove(blocker)
os.makedirs(blocker)
kiosk.send("\r")
expect(kiosk, "من أنت", "the profile menu again, in Arabic")
kiosk.send("3\r")  # a guest
expect(kiosk, "1 ▲", "the catalogue for a guest")
kiosk.send("0\r")
set_facilitator_pin(binary, data, "2468")
leave(kiosk, "2468")
print("kiosk faults: out-of-order screen in Arabic when the data file cannot be created, recovery with Enter: ok")
