#!/usr/bin/env python3
"""An author's first module, through real terminals (called by ContentCommandTests): `atelier new` makes a
module that lint accepts, `atelier play` walks it as a participant would (a right answer picked by its text,
a scenario branch, the end of the module) without a profile and without writing any data file, from a chosen
step, in Tigrinya as well; Ctrl-D and Ctrl-C end the walk.

usage: play_pty.py ATELIER_BINARY SCRATCH_FOLDER PACKAGE_ROOT
"""
import os
import re
import shutil
import subprocess
import sys

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_common import ENV, expect  # noqa: E402

binary, scratch, root = sys.argv[1:4]
os.makedirs(scratch, exist_ok=True)
shutil.copytree(os.path.join(root, "Lessons"), os.path.join(scratch, "Lessons"))
shutil.copytree(os.path.join(root, "Locales"), os.path.join(scratch, "Locales"))



def lint():
    """`atelier lint` in the scratch folder: its output, and its counts (errors, warnings, modules) or None."""
    run = subprocess.run([binary, "lint"], cwd=scratch, capture_output=True, text=True)
    said = run.stdout + run.stderr
    counts = re.search(r"(\d+) errors?, (\d+) warnings? in (\d+) modules", said)
    return run.returncode, said, counts and counts.groups()


# The bundled content's own warnings (interface drafts marked fuzzy until a translator reviews them) are there
# before the new module; the new module adds none.
_, _, bundled = lint()
made = subprocess.run([binary, "new", "ouvrir-un-compte"], cwd=scratch, capture_output=True, text=True)
if made.returncode != 0 or "created" not in made.stdout:
    print(f"FAILED: atelier new: {made.stdout}{made.stderr}")
    sys.exit(1)
status, said, counts = lint()
if status != 0 or not bundled or counts != ("0", bundled[1], "5") or "ouvrir-un-compte" in said:
    print(f"FAILED: the new module is not lint-clean (before it: {bundled}):\n{said}")
    sys.exit(1)


def play(arguments, dimensions=(24, 80)):
    return pexpect.spawn(binary, ["play"] + arguments, cwd=scratch, env=ENV, dimensions=dimensions,
                         encoding="utf-8", timeout=15)


def ends_cleanly(walk, how):
    """The walk ends by itself, with status 0, after `how` (Ctrl-D, the module's end, Ctrl-C)."""
    walk.expect(pexpect.EOF)
    walk.close()
    if walk.exitstatus != 0:
        print(f"FAILED: {how} ended the walk with status {walk.exitstatus} (signal {walk.signalstatus})")
        sys.exit(1)


def number_of(child, text, what):
    """The number the screen gives to an option, found by the option's text."""
    expect(child, r"(\d+) \S+ " + re.escape(text), what)
    return child.match.group(1)


# From the start: the first screen, then the right answer found by its text, then Ctrl-D ends the walk.
walk = play(["ouvrir-un-compte"])
expect(walk, "Bienvenue", "the module's first screen")
expect(walk, "accusé de réception", "the words kept in French, without their marks")
walk.send("\r")
right = number_of(walk, "La bonne réponse", "the choice question")
walk.send(right + "\r")
expect(walk, "Oui. Dites pourquoi", "the feedback of the right answer")
walk.send("\x04")
ends_cleanly(walk, "Ctrl-D")

# From a chosen step, in Tigrinya (the module is not translated: French text, Tigrinya interface), to the end.
walk = play(["ouvrir-un-compte", "--lang", "ti", "--step", "situation"], dimensions=(15, 40))
expect(walk, "Une situation de la vie", "the chosen step")
wait = number_of(walk, "J'attends.", "the scenario's options")
walk.send(wait + "\r")
expect(walk, "Attention", "the option's feedback")
walk.send("\r")
expect(walk, "quand on attend", "the branch of the option chosen")
walk.send("\r")
expect(walk, "que ferez-vous", "the reflection")
walk.send("Je ferai la demande.\r")
walk.send("2\r")  # do not keep the answer
expect(walk, "የቐንየልና", "the thanks for the reflection")
walk.send("\r")
expect(walk, "ትምህርቲ ተወዲኡ", "the summary, in Tigrinya")
walk.send("\r")
ends_cleanly(walk, "the end of the module")

# Ctrl-C ends it too (an author's tool, not the kiosk).
walk = play(["coop-basics", "--lang", "ar"])
expect(walk, "Enter", "an Arabic screen")
walk.sendintr()
ends_cleanly(walk, "Ctrl-C")

# Nothing written: no data file anywhere in the scratch folder.
written = [f for _, _, files in os.walk(scratch) for f in files if f.endswith((".sqlite", ".sqlite-wal", ".log"))]
if written:
    print(f"FAILED: atelier play wrote {written}")
    sys.exit(1)
# A step that does not exist is refused with a suggestion.
wrong = subprocess.run([binary, "play", "ouvrir-un-compte", "--step", "situaton"], cwd=scratch, capture_output=True, text=True)
if wrong.returncode == 0 or "did you mean 'situation'" not in wrong.stderr:
    print(f"FAILED: an unknown step: {wrong.stderr}")
    sys.exit(1)
print("atelier new + play: a lint-clean module, walked from the start and from a step, in Tigrinya at 40x15, to its"
      " end; Ctrl-D and Ctrl-C end it; nothing written: ok")
