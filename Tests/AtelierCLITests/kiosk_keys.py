#!/usr/bin/env python3
"""Keys a participant may press by mistake or on purpose, through a real pseudo-terminal (called by
KioskPTYTests): Ctrl-D is nothing (it used to print a new prompt every second, forever), PINs never show,
an answer typed right after a wrong one counts, a screen taller than the terminal pages, and leaving needs
the facilitator PIN.

usage: kiosk_keys.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
"""
import os
import re
import sys
import time

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_common import expect, leave, set_facilitator_pin, start, to_profile_menu  # noqa: E402

binary, data, root = sys.argv[1:4]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def quiet_output(child, seconds):
    """Everything the kiosk prints in `seconds` while nobody types."""
    try:
        child.expect("THIS-NEVER-APPEARS", timeout=seconds)
    except pexpect.TIMEOUT:
        pass
    return child.before or ""


kiosk = start(binary, root, ["--data", data, "--idle-timeout", "120"])
to_profile_menu(kiosk)

# Ctrl-D at a prompt: nothing happens, and nothing keeps happening.
kiosk.send("\x04")
printed = quiet_output(kiosk, 3.5)
if printed.count("\n> ") + printed.count("\n>") > 1:
    print(f"FAILED: Ctrl-D made the kiosk print prompts on new lines: {printed!r}")
    sys.exit(1)
# ...and leaves no stale prompt row: the screen is drawn again, once, with a single prompt.
redrawn = printed.split("\x1b[2J")[-1]
if printed.count("\x1b[2J") != 1 or "> " not in redrawn or "\n" in redrawn[redrawn.index("> "):]:
    print(f"FAILED: after Ctrl-D the screen was not drawn again with one prompt: {printed!r}")
    sys.exit(1)
kiosk.send("1\r")
expect(kiosk, "pseudonyme", "the pseudonym prompt, after Ctrl-D")

# The participant's PIN: one mask symbol per digit, never the digits.
kiosk.send("Yohannes\r")
expect(kiosk, "code de 4 chiffres", "the PIN prompt")
# F3 (ESC O R) and an arrow in application mode (ESC O D) in the middle add nothing (F3 once added a hidden
# character to the PIN, and spent a try).
kiosk.send("86\x1bOR\x1bOD42")
expect(kiosk, "••••", "four mask symbols")
kiosk.send("\r")
expect(kiosk, "Bonjour Yohannes", "the catalogue")
if "8642" in (kiosk.before or ""):
    print("FAILED: the participant's PIN was echoed")
    sys.exit(1)

# A wrong answer, then the right one typed at once: the second answer counts (it used to be taken for
# "continue" and lost).
kiosk.send("2\r")  # coop-basics
expect(kiosk, "Étape 1 sur", "the first step")
kiosk.send("\r")
expect(kiosk, "Étape 2 sur", "the second step")
kiosk.send("\r")
expect(kiosk, "À qui appartient", "the first question")
expect(kiosk, "Tapez le numéro|numéro de votre réponse|Entrée", "the answer prompt")
screen = ANSI.sub("", kiosk.before + (kiosk.after or ""))
time.sleep(0.5)
screen += ANSI.sub("", quiet_output(kiosk, 0.5))
right = re.search(r"(\d) \S À ses membres", screen)
wrong = re.search(r"(\d) \S À l'État", screen)
if not right or not wrong:
    print(f"FAILED: the options were not found on screen: {screen[-800:]!r}")
    sys.exit(1)
kiosk.send(wrong.group(1) + "\r")
expect(kiosk, "Essayez encore|Réessayez|pas la bonne", "the feedback of a wrong answer")
kiosk.send(right.group(1) + "\r")
expect(kiosk, "Les associés sont les propriétaires", "the feedback of the right answer typed at once")
kiosk.send("0\r")
expect(kiosk, "Les modules", "the catalogue")
# The listen key on a machine without sound (this one): the kiosk says so and goes on; a fullwidth Ｌ is the
# same key.
kiosk.send("L\r")
expect(kiosk, "pas de son", "the listen key on a kiosk without sound")
kiosk.send("Ｌ\r")
expect(kiosk, "pas de son", "the fullwidth listen key")
# Why there is no sound is in the kiosk's log (once), for whoever sets the kiosk up.
log_path = os.path.join(os.path.dirname(data), "atelier-kiosk.log")
with open(log_path, encoding="utf-8") as log_file:
    said = [line for line in log_file if "read-aloud: no sound: " in line]
if len(said) != 1:
    sys.exit(f"FAIL: the log should say once why there is no sound, it says: {said}")
kiosk.send("0\r")
expect(kiosk, "1-14", "the welcome screen")
set_facilitator_pin(binary, data, "1357")
# A wrong facilitator PIN does not leave, and does not show.
kiosk.send("0\r")
expect(kiosk, "Code de l'animateur", "the facilitator PIN question")
kiosk.send("9999\r")
expect(kiosk, "1-14", "the welcome screen after a wrong facilitator PIN")
if "9999" in (kiosk.before or ""):
    print("FAILED: the facilitator PIN was echoed")
    sys.exit(1)
leave(kiosk, "1357")

# Tigrinya at 40x15: the catalogue does not fit; it pages, with a "more" line, Space and the arrows.
kiosk = start(binary, root, ["--data", data, "--idle-timeout", "120"], dimensions=(15, 40))
expect(kiosk, "ትግርኛ", "the language picker")
kiosk.send("6\r")
expect(kiosk, "Enter", "the privacy notice in Tigrinya")
kiosk.send("\r")
expect(kiosk, "ጋሻ", "the profile menu in Tigrinya")
kiosk.send("3\r")  # a guest
expect(kiosk, "1/2", "the first page of the catalogue, with its more line")
kiosk.send(" ")
expect(kiosk, "2/2", "the second page, after Space")
kiosk.send("\x1b[A")
expect(kiosk, "1/2", "the first page again, after the up arrow")
kiosk.send("\x1b[6~")
expect(kiosk, "2/2", "the second page, after Page Down")
# Esc pressed before an arrow turns the page as the arrow alone does, and leaves nothing in the line ("^[[A"
# was typed into the answer); Ctrl-R shows no English search prompt.
kiosk.send("\x1b\x1b[A")
expect(kiosk, "1/2", "the first page again, after Esc and the up arrow")
kiosk.send("\x12")
kiosk.send("\x1b\x1b[B")
expect(kiosk, "2/2", "the second page, after Esc and the down arrow")
if "^[[" in kiosk.before or "reverse-i-search" in kiosk.before:
    print("FAILED: Esc and an arrow, or Ctrl-R, left text in the line")
    sys.exit(1)
# Esc before a number: readline took "Esc 3" as a numeric argument and the answer was lost. Esc then a
# number and Enter does what the number and Enter do (module 3 opens from page 2).
kiosk.send("\x1b3\r")
expect(kiosk, "ስጉምቲ 1", "the first step of module 3, in Tigrinya")
kiosk.send("0\r")
kiosk.send("0\r")
leave(kiosk, "1357")
print("kiosk keys: Ctrl-D is nothing, PINs masked, a retry right after a wrong answer counts, paging at 40x15 in"
      " Tigrinya, leaving needs the facilitator PIN: ok")
