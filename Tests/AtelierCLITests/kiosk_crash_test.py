#!/usr/bin/env python3
"""Kills the real kiosk with SIGKILL at random moments while a participant answers, many times, and checks
after each restart that nothing acknowledged was lost.

usage: Tests/AtelierCLITests/kiosk_crash_test.py [ROUNDS] [ATELIER_BINARY]   (default: 100 rounds, .build/release/atelier)

Each round starts the kiosk on the same data file, continues as the same participant, resumes the module,
answers a few steps and is killed at a random moment. It checks:
  - the kiosk resumes at the last step it showed (or the next one, if the kill came after saving it);
  - every answer whose feedback was shown is in the data file (it was written before the screen);
  - PRAGMA integrity_check is ok.
Exit status 0 when every round held; the counts are printed either way.
"""
import os
import random
import re
import signal
import sqlite3
import sys
import tempfile
import time

import pexpect

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # Tests/AtelierCLITests/..
binary = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, ".build/release/atelier")
data = os.path.join(tempfile.mkdtemp(prefix="atelier-crash-"), "atelier.sqlite")
env = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8", NO_COLOR="1")
STEP = re.compile(r"Étape (\d+) sur")
FEEDBACK = re.compile(r"Bonne réponse|Ce n'est pas la bonne réponse|Merci")


def fail(message, child=None):
    screen = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", (child.before or ""))[-800:] if child is not None else ""
    print(f"FAILED: {message}\n{screen}")
    sys.exit(1)


def open_module(child, first):
    child.expect("Français")
    child.send("1\r")
    child.expect("Vos données")
    child.send("\r")
    child.expect("Qui êtes-vous")
    if first:
        child.send("1\r")
        child.expect("pseudonyme")
        child.send("Amina\r")
        child.expect("code de 4 chiffres")
        child.send("\r")
    else:
        child.send("2\r")
        child.expect("Amina")
        child.send("1\r")
    child.expect("Bonjour Amina")
    child.send("2\r")  # coop-basics
    child.expect(STEP)
    return int(child.match.group(1))


def latest_screen(child, quiet=0.4, limit=4.0):
    """The last screen the kiosk drew, once it has been quiet for `quiet` seconds."""
    text = ""
    end = time.time() + limit
    while time.time() < end:
        try:
            text += child.read_nonblocking(65536, timeout=quiet)
        except (pexpect.TIMEOUT, pexpect.EOF):
            break
    return text.split("\x1b[2J")[-1]


def stored_attempts():
    with sqlite3.connect(data) as db:
        (ok,) = db.execute("PRAGMA integrity_check").fetchone()
        (count,) = db.execute("SELECT COUNT(*) FROM attempt").fetchone()
    return ok, count


random.seed(int(os.environ.get("SEED", time.time())))
shown_feedback = 0
last_step = None
resumed_right = 0
completed = False
for round_number in range(rounds):
    child = pexpect.spawn(binary, ["kiosk", "--data", data, "--idle-timeout", "300"], cwd=root, env=env,
                          dimensions=(40, 100), encoding="utf-8", timeout=10)
    try:
        step = open_module(child, round_number == 0)
    except (pexpect.TIMEOUT, pexpect.EOF):
        fail(f"round {round_number}: the kiosk did not come back to the module", child)
    if last_step is not None:
        if step not in (last_step, last_step + 1) and not completed:
            fail(f"round {round_number}: resumed at step {step}, the last step shown was {last_step}", child)
        resumed_right += 1
    last_step = step
    # A question answered just before the kill comes back as its feedback (it is not asked again): go on.
    if FEEDBACK.search(latest_screen(child)):
        child.send("\r")
        steps = STEP.findall(latest_screen(child))
        if steps:
            last_step = int(steps[-1])
    # Answer a few steps, then die at a random moment, possibly in the middle of a write. What the kiosk shows
    # is read as whole screens (each starts by clearing the terminal): the last one drawn is what the
    # participant saw, whatever older screens are still in pexpect's buffer.
    for _ in range(random.randint(1, 4)):
        child.send("1\r")
        screen = latest_screen(child)
        steps = STEP.findall(screen)
        if steps:
            last_step = int(steps[-1])
        if "Module terminé" in screen or "Révision" in screen:
            completed = True
            break
        if FEEDBACK.search(screen):
            shown_feedback += 1
            child.send("\r")
            steps = STEP.findall(latest_screen(child))
            if steps:
                last_step = int(steps[-1])
    # Often, one more key and the kill right after it, while the kiosk is writing (not read: what it showed
    # then is unknown, so it counts for nothing; resuming one step further is allowed).
    if random.random() < 0.6 and not completed:
        child.send(random.choice(["1\r", "\r", "2\r"]))
        time.sleep(random.random() * 0.03)
    else:
        time.sleep(random.random() * 0.2)
    os.kill(child.pid, signal.SIGKILL)
    child.close(force=True)
    ok, count = stored_attempts()
    if ok != "ok":
        fail(f"round {round_number}: integrity_check says {ok}")
    if count < shown_feedback:
        fail(f"round {round_number}: {shown_feedback} answers acknowledged on screen, {count} in the data file")
    if completed:
        break

ok, count = stored_attempts()
print(f"kiosk SIGKILL test: {round_number + 1} kills, {resumed_right} resumes at the right step, "
      f"{shown_feedback} acknowledged answers all found ({count} stored), integrity_check {ok}")
