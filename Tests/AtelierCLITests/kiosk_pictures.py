#!/usr/bin/env python3
"""Profiles made and opened with three pictures instead of a typed pseudonym (issue #19), through a
pseudo-terminal as a participant would (called by KioskPTYTests).

usage: kiosk_pictures.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
Exits 0 when every expectation held; otherwise prints what was on screen and exits 1.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_common import expect, leave, set_facilitator_pin, start, to_profile_menu  # noqa: E402

binary, data, root = sys.argv[1:4]
SUN_MOON_KEY = "🌞 🌙 🔑"
FISH = "🐟 🐟 🐟"


def log_out(child):
    child.send("0\r")
    expect(child, "1-14", "the welcome screen after logging out")


def again(child):
    """From the welcome screen already shown: French, past the privacy notice, to the profile menu."""
    child.send("1\r")
    expect(child, "Vos données", "the privacy notice")
    child.send("\r")
    expect(child, "Qui êtes-vous", "the profile menu")


def new_with_pictures(child, lines):
    """From the profile menu: `*` on the pseudonym screen, then each line typed on the picture screen."""
    child.send("1\r")
    expect(child, "pseudonyme", "the pseudonym prompt")
    expect(child, "\\*\\simages", "the picture key in the command bar")
    child.send("*\r")
    expect(child, "Choisissez 3 images", "the picture screen")
    for line in lines:
        child.send(line + "\r")


kiosk = start(binary, root, ["--data", data])
to_profile_menu(kiosk)
# One by one, the third taken back (<) and another chosen, then Enter, then no PIN.
new_with_pictures(kiosk, ["1"])
expect(kiosk, "Images choisies : 1 sur 3", "one picture chosen")
kiosk.send("2\r")
kiosk.send("9\r")
expect(kiosk, "Images choisies : 3 sur 3", "three pictures chosen")
kiosk.send("<\r")
expect(kiosk, "Images choisies : 2 sur 3", "the last one taken back")
kiosk.send("6\r")
expect(kiosk, "Entrée pour valider", "asked to confirm")
kiosk.send("\r")
expect(kiosk, "code de 4 chiffres", "the optional PIN")
kiosk.send("\r")
expect(kiosk, "Bonjour " + SUN_MOON_KEY, "the catalogue, greeting the pictures")
log_out(kiosk)

# The same pictures again are taken; three fish with a PIN are not.
again(kiosk)
new_with_pictures(kiosk, ["1 2 6", ""])
expect(kiosk, "code de 4 chiffres", "the optional PIN")
kiosk.send("\r")
expect(kiosk, "Ces images sont déjà prises", "a taken sequence said")
kiosk.send("4 4 4\r")
kiosk.send("\r")
expect(kiosk, "code de 4 chiffres", "the optional PIN")
kiosk.send("2580\r")
expect(kiosk, "Bonjour " + FISH, "the catalogue for the second profile")
log_out(kiosk)

# Signing in with pictures: without a PIN, with one (a wrong one first), and an unknown sequence.
again(kiosk)
kiosk.send("2\r")
expect(kiosk, SUN_MOON_KEY, "the list shows a picture profile as its pictures")
kiosk.send("*\r")
expect(kiosk, "Vos 3 images", "the picture screen to sign in")
kiosk.send("1 2 6\r")
kiosk.send("\r")
expect(kiosk, "Bonjour " + SUN_MOON_KEY, "signed in with pictures, no PIN")
log_out(kiosk)
again(kiosk)
kiosk.send("2\r")
expect(kiosk, FISH, "the list")
kiosk.send("*\r")
expect(kiosk, "Vos 3 images", "the picture screen to sign in")
kiosk.send("7 7 7\r")
kiosk.send("\r")
expect(kiosk, "Personne n'a ces images", "an unknown sequence said")
kiosk.send("4 4 4\r")
kiosk.send("\r")
expect(kiosk, "Votre code", "the PIN of a picture profile")
kiosk.send("0000\r")
expect(kiosk, "Code faux", "a wrong PIN refused")
kiosk.send("2580\r")
expect(kiosk, "Bonjour " + FISH, "signed in with pictures and PIN")
log_out(kiosk)
set_facilitator_pin(binary, data, "1357")
leave(kiosk, "1357")
kiosk.close()

# The log never holds a sequence (a pseudonym), in either form.
log = os.path.join(os.path.dirname(data), "atelier-kiosk.log")
if not os.path.exists(log):
    print(f"FAILED: no kiosk log at {log}")
    sys.exit(1)
text = open(log, encoding="utf-8").read()
if "pictures:" in text or "🌞" in text or "🐟" in text:
    print("FAILED: a sequence of pictures reached the log")
    sys.exit(1)
print("kiosk through a pty: a profile made with pictures (one taken back, no PIN), a taken sequence, signing in"
      " with pictures with and without a PIN, an unknown sequence, nothing in the log: ok")
