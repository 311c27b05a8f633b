#!/usr/bin/env python3
"""The read-aloud setting through a real terminal (issue #19; called by KioskPTYTests): reached from the catalogue
with "-", kept with a profile across sign-ins (and only its two columns in the data file), a guest's for their
visit only. This machine has no sound: a screen read aloud says so, which shows when the kiosk read one by
itself (each new screen, with the setting on) without the listen key.

usage: kiosk_reading.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
"""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_common import expect, leave, new_profile, set_facilitator_pin, start, to_profile_menu  # noqa: E402

binary, data, root = sys.argv[1:4]
NO_SOUND = "pas de son"


def catalogue_without_reading(child, what):
    """The catalogue drawn to its last row and the prompt, with no screen read by itself on the way."""
    expect(child, "L.écouter", what)  # the key and its word joined by a no-break space
    expect(child, "> ", what + " (the prompt)")
    if NO_SOUND in (child.before or ""):
        print(f"FAILED: {what}: a screen was read aloud by itself")
        sys.exit(1)


kiosk = start(binary, root, ["--data", data, "--idle-timeout", "120"])
to_profile_menu(kiosk)
new_profile(kiosk, "Selam")
catalogue_without_reading(kiosk, "the catalogue, its command bar with the setting's key")
kiosk.send("-\r")
expect(kiosk, "Lecture à voix haute", "the read-aloud setting")
expect(kiosk, "Lire chaque nouvel écran à voix haute : non", "reading each new screen: off at first")
expect(kiosk, r"Lire à vitesse normale \(choix actuel\)", "the kiosk's speed, as chosen")
kiosk.send("1\r")
expect(kiosk, "Lire chaque nouvel écran à voix haute : oui", "reading each new screen: on")
kiosk.send("2\r")
expect(kiosk, r"Lire lentement \(choix actuel\)", "the slow speed chosen")
kiosk.send("\r")
expect(kiosk, "Les modules", "the catalogue again")
expect(kiosk, NO_SOUND, "the catalogue read by itself (no sound here, and the screen says so)")
kiosk.send("1\r")
expect(kiosk, "Étape 1 sur", "a module's first step")
expect(kiosk, NO_SOUND, "the step read by itself")
kiosk.send("0\r")
kiosk.send("0\r")  # out of the profile: the welcome screen

# Kept with the profile: two columns in the data file, and the setting back at the next sign-in.
with sqlite3.connect(data) as db:
    row = db.execute("SELECT readAloud, speechRate FROM participant WHERE pseudonym = 'Selam'").fetchone()
if row != (1, "slow"):
    sys.exit(f"FAILED: the data file keeps {row!r} for the setting, not (1, 'slow')")
to_profile_menu(kiosk)
kiosk.send("2\r")
expect(kiosk, "Selam", "the list of pseudonyms")
kiosk.send("1\r")
expect(kiosk, "Bonjour Selam", "the catalogue after signing in")
expect(kiosk, NO_SOUND, "the catalogue read by itself: the profile's setting")
kiosk.send("-\r")
expect(kiosk, "Lire chaque nouvel écran à voix haute : oui", "the setting kept: on")
expect(kiosk, r"Lire lentement \(choix actuel\)", "the setting kept: slow")
kiosk.send("1\r")
expect(kiosk, "Lire chaque nouvel écran à voix haute : non", "reading each new screen: off again")
kiosk.send("\r")
catalogue_without_reading(kiosk, "the catalogue, not read by itself any more")
kiosk.send("0\r")  # out of the profile: the welcome screen

# A guest: the setting works for the visit, is said to end with it, and does.
to_profile_menu(kiosk)
kiosk.send("3\r")
catalogue_without_reading(kiosk, "the guest's catalogue")
kiosk.send("-\r")
expect(kiosk, "ce réglage dure jusqu'à votre départ", "the guest told the setting ends with the visit")
kiosk.send("1\r")
expect(kiosk, "à voix haute : oui", "the guest turned it on")
kiosk.send("\r")
expect(kiosk, NO_SOUND, "the guest's catalogue read by itself")
kiosk.send("0\r")  # the guest leaves: the welcome screen
to_profile_menu(kiosk)
kiosk.send("3\r")
catalogue_without_reading(kiosk, "the next guest's catalogue")
kiosk.send("-\r")
expect(kiosk, "à voix haute : non", "the next guest starts with the kiosk's setting")
kiosk.send("0\r")
kiosk.send("0\r")
expect(kiosk, "1-14", "the welcome screen")
set_facilitator_pin(binary, data, "2468")
leave(kiosk, "2468")
print("kiosk reading: the read-aloud setting from the catalogue, kept with the profile, a guest's for the visit: ok")
