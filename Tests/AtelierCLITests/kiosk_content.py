#!/usr/bin/env python3
"""A module with an error and a missing translation, through the real kiosk (called by KioskPTYTests): the
module with an error is never offered; the facilitator's screen (after the PIN) counts what was left out and
says where the log is; the log names the error at file:line:column and the missing file, and holds no
pseudonym; the module without a Tamil translation says "in French" in the Tamil catalogue.

usage: kiosk_content.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_common import expect, leave, new_profile, set_facilitator_pin, start, to_profile_menu  # noqa: E402

binary, data, root = sys.argv[1:4]
folder = os.path.dirname(data)
lessons, locales = os.path.join(folder, "Lessons"), os.path.join(folder, "Locales")
shutil.copytree(os.path.join(root, "Lessons"), lessons)
shutil.copytree(os.path.join(root, "Locales"), locales)
# An author's slip: an unknown prerequisite in coop-basics (a lint error), and no Tamil file for cae-status.
module = os.path.join(lessons, "coop-basics", "module.yaml")
text = open(module, encoding="utf-8").read()
line = next(i for i, l in enumerate(text.split("\n"), 1) if l.startswith("prerequisites:"))
text = text.replace(text.split("\n")[line - 1], "prerequisites: [cooperatives-101]", 1)
open(module, "w", encoding="utf-8").write(text)
os.remove(os.path.join(lessons, "cae-status", "ta.po"))
log = os.path.join(folder, "atelier-kiosk.log")

set_facilitator_pin(binary, data, "2580")
arguments = ["--data", data, "--lessons", lessons, "--locales", locales, "--idle-timeout", "120"]
kiosk = start(binary, root, arguments)
to_profile_menu(kiosk)
new_profile(kiosk, "Selam")
kiosk.send("0\r")
expect(kiosk, "1-14", "the welcome screen")
kiosk.send("0\r")
expect(kiosk, "Code de l'animateur", "the facilitator PIN question")
kiosk.send("2580\r")
expect(kiosk, "Modules proposés : 3", "the facilitator's screen: three modules offered")
expect(kiosk, "erreurs : 1", "one module left out")
expect(kiosk, "français\\) : 1", "one translation missing")
expect(kiosk, "journal : ", "where the log is")
expect(kiosk, "atelier-kiosk\\.log", "the log's name (its folder may wrap)")
expect(kiosk, "Quitter le kiosque", "the option to leave")
kiosk.send("\r")  # Enter: back to the first screen, the kiosk stays
expect(kiosk, "1-14", "the welcome screen after the facilitator's screen")

# In Tamil, the module without a Tamil file says it is in French.
kiosk.send("8\r")
kiosk.send("\r")
kiosk.send("3\r")  # a guest
expect(kiosk, "பிரெஞ்சில்", "the module shown in French, marked in the Tamil catalogue")
kiosk.send("0\r")
expect(kiosk, "1-14", "the welcome screen")
leave(kiosk, "2580", modules=3)

written = open(log, encoding="utf-8").read()
for needle, what in [("module left out: " + module + ":", "the refused module at file:line:column"),
                     ("unknown prerequisite module 'cooperatives-101'", "the reason"),
                     (os.path.join(lessons, "cae-status", "ta.po"), "the missing translation file")]:
    if needle not in written:
        print(f"FAILED: the log does not hold {what} ({needle!r}):\n{written}")
        sys.exit(1)
for secret in ["Selam", "2580"]:
    if secret in written:
        print(f"FAILED: the log holds {secret!r}")
        sys.exit(1)
print("kiosk content: a module with an error left out and counted, a missing translation marked and counted, the"
      " log at file:line:column without pseudonyms or PINs: ok")
