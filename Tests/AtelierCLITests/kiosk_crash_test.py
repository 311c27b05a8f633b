#!/usr/bin/env python3
"""Kills the real kiosk with SIGKILL while participants answer, many times, and checks after each kill that
every answer the kiosk acknowledged is in the data file and that the participant resumes where they were.

usage: Tests/AtelierCLITests/kiosk_crash_test.py [KILLS] [ATELIER_BINARY]   (default: 100 kills, .build/release/atelier)

Each run starts the kiosk on the same data file, signs in the current participant, opens the module they
were in and answers questions (random answers, so both right and wrong tries) with Enter through the text
pages, until 10 to 15 answers have been acknowledged; then it types one more answer and kills the kiosk at
a random moment while that answer is being handled (a delay drawn from the time the kiosk took to answer
the previous ones, so the kill lands before, during or after its write). A participant who finishes a
module goes on to the next one; one who has done them all leaves, and a new participant comes. (No module is
walked twice: a completed module opened again does not resume at the step it was left, it starts over or
turns into a review, so the resume check could not be exact there.)

An answer is acknowledged when the kiosk drew its feedback (right, wrong, try again, thank you: the kiosk
draws it only after the answer's transaction is committed). Whatever the kiosk wrote before it died counts
too: the terminal's output is read to the end after each kill. After each kill it checks:
  - PRAGMA integrity_check is ok;
  - the rows added to the `attempt` table since the last kill are exactly the answers acknowledged in this
    run, in order (participant, module, step, right or wrong), plus possibly the answer the kill
    interrupted; that answer must be there if the kiosk had begun drawing the next screen;
  - the restarted kiosk resumes in the same module at the step of that answer (the step the participant
    was answering), showing its feedback only if it was stored, and always if it was acknowledged as
    finished (a question answered is not asked again).
It fails when fewer than 10 answers per kill were acknowledged (1,000 for the default 100 kills).
Correctness never depends on time: it waits for whole screens (up to the prompt), and the 60-second limit
per screen only stops a kiosk that hangs. SEED=N draws the same answers and counts again (the kill moments,
being times, still vary).
"""
import glob
import os
import random
import re
import shutil
import signal
import sqlite3
import sys
import tempfile
import time

import pexpect

kills = int(sys.argv[1]) if len(sys.argv) > 1 else 100
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # Tests/AtelierCLITests/..
binary = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, ".build/release/atelier")
data = os.path.join(tempfile.mkdtemp(prefix="atelier-crash-"), "atelier.sqlite")
env = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8", NO_COLOR="1")
PER_KILL = 10  # acknowledged answers required per kill, on average
required = PER_KILL * kills
seed = int(os.environ.get("SEED", int(time.time() * 1000) % 1_000_000))
random.seed(seed)

# What the screens say, from the kiosk's own French strings (so rewording them does not break the test).
strings = {}
with open(os.path.join(root, "Locales/interface.yaml"), encoding="utf-8") as f:
    for line in f:
        m = re.match(r'^([a-z.-]+): "(.*)"$', line.rstrip("\n"))
        if m:
            strings[m.group(1)] = m.group(2).replace('\\"', '"')
ASKING = {  # the instruction under a question -> how to answer it
    strings["step.answer-number"]: "one",
    strings["step.answer-numbers"]: "some",
    strings["step.answer-text"]: "text",
    strings["step.answer-order"]: "permutation",
    strings["step.answer-match"]: "permutation",
    strings["step.answer-reflection"]: "reflection",
}
CONTINUE = strings["step.continue"]
TRY_AGAIN = strings["feedback.try-again"]
RIGHT, WRONG = strings["feedback.right"], strings["feedback.wrong"]
SUMMARY = strings["summary.title"]
STEP = re.compile(re.escape(strings["step.progress"]).replace(r"\{step\}", r"(\d+)").replace(r"\{total\}", r"(\d+)"))
KEYED = re.compile(r"^(\d+) \S (.*)$", re.M)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# A whole screen: the kiosk clears the terminal, draws every row, then readline prints the prompt.
# (readline's prompt may come with bracketed paste on; the PIN prompt, read without readline, with "\r ESC[K").
SCREEN = re.compile("\x1b\\[2J(?:\x1b\\[3J)?((?:(?!\x1b\\[2J).)*?)\n(?:\x1b\\[\\?2004h|\r|\x1b\\[K)*> ", re.S)

# The modules, from the lesson files: id, French title (as the catalogue shows it), steps in order.
modules = []
for path in sorted(glob.glob(os.path.join(root, "Lessons/*/module.yaml"))):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    title = re.search(r'^title: "?(.*?)"?$', text, re.M).group(1).replace('\\"', '"')
    prerequisites = re.search(r"^prerequisites: \[(.*)\]$", text, re.M)
    modules.append({"id": re.search(r"^id: (\S+)$", text, re.M).group(1), "title": title,
                    "steps": re.findall(r"^  - id: (\S+)$", text.split("\nsteps:\n", 1)[1], re.M),
                    "needs": [p.strip() for p in prerequisites.group(1).split(",") if p.strip()] if prerequisites else []})
NAMES = ["Amina", "Bilal", "Chen", "Dawit", "Elif", "Farah", "Goran", "Hawa", "Ivan", "Jamal", "Kofi", "Lina", "Mariam",
         "Nabil", "Oumar", "Parwin", "Qadir", "Rahel", "Samir", "Tenzin", "Umar", "Vera", "Walid", "Yasmin", "Zahra"]


def fail(message, screen=""):
    print(f"FAILED (SEED={seed}, data file {data}): {message}")
    if screen:
        print(screen[-1500:])
    sys.exit(1)


def clean(raw):
    return ANSI.sub("", raw).replace("\r", "")


def next_screen(child, what):
    """The next whole screen the kiosk draws, as text."""
    try:
        child.expect(SCREEN)
    except (pexpect.TIMEOUT, pexpect.EOF):
        fail(f"no {what} (the kiosk hung or ended)", clean(child.before or ""))
    return clean(child.match.group(1))


def key_of(screen, label):
    for number, text in KEYED.findall(screen):
        if text.strip() == label:
            return number
    fail(f"no key for {label!r} on screen", screen)


def collapsed(screen):
    return " ".join(screen.split())


class Walker:
    """One participant after another, each walking the modules in order; what the script knows of them."""

    def __init__(self):
        self.participant = None   # pseudonym
        self.created = False      # has a profile in the data file
        self.done = set()         # modules this participant finished
        self.used = 0

    def module(self):
        for module in modules:
            if module["id"] not in self.done and all(n in self.done for n in module["needs"]):
                return module
        for module in modules:
            if module["id"] not in self.done:
                return module
        return None

    def next_participant(self):
        self.participant = NAMES[self.used % len(NAMES)] + ("" if self.used < len(NAMES) else str(self.used // len(NAMES)))
        self.used += 1
        self.created = False
        self.done = set()


walker = Walker()
walker.next_participant()


def sign_in(child, screen):
    """From the language screen to the catalogue, as the current participant."""
    child.send(key_of(screen, "Français") + "\r")
    next_screen(child, "privacy notice")
    child.send("\r")
    screen = next_screen(child, "profile menu")
    if not walker.created:
        child.send("1\r")
        next_screen(child, "pseudonym prompt")
        child.send(walker.participant + "\r")
        next_screen(child, "PIN prompt")
        child.send("\r")
        walker.created = True
    else:
        child.send("2\r")
        screen = next_screen(child, "list of pseudonyms")
        child.send(key_of(screen, walker.participant) + "\r")
    screen = next_screen(child, "catalogue")
    if f"Bonjour {walker.participant}" not in screen:
        fail(f"the catalogue does not greet {walker.participant}", screen)
    return screen


def open_module(child, catalogue):
    module = walker.module()
    child.send(key_of(catalogue, module["title"]) + "\r")
    return module, next_screen(child, f"first screen of {module['id']}")


def answer_for(kind, screen):
    count = max([int(n) for n, _ in KEYED.findall(screen)] or [1])
    if kind == "one":
        return str(random.randint(1, count))
    if kind == "some":
        return " ".join(str(n) for n in sorted(random.sample(range(1, count + 1), random.randint(1, count))))
    if kind == "permutation":
        return " ".join(str(n) for n in random.sample(range(1, count + 1), count))
    if kind == "text":
        return random.choice(["préfecture", "je ne sais pas", "la mairie", "42", "SCOP"])
    return ""  # a reflection left empty: recorded, "Merci !"


def step_of(module, screen):
    found = STEP.search(screen)
    if not found:
        return None
    number = int(found.group(1))
    if int(found.group(2)) != len(module["steps"]):
        fail(f"{module['id']}: {found.group(2)} steps on screen, {len(module['steps'])} in the lesson file", screen)
    return number


def stored_since(last_id):
    with sqlite3.connect(data) as db:
        (ok,) = db.execute("PRAGMA integrity_check").fetchone()
        rows = db.execute("""SELECT a.id, p.pseudonym, a.moduleID, a.stepID, a.correct FROM attempt a
                             JOIN participant p ON p.id = a.participantID WHERE a.id > ? ORDER BY a.id""",
                          (last_id,)).fetchall()
        (total,) = db.execute("SELECT COUNT(*) FROM attempt").fetchone()
    db.close()
    return ok, rows, total


acknowledged = 0
interrupted_shown = interrupted_stored = interrupted_unstored = 0  # where the kills landed
resumed_right = 0
last_id = 0
rounds_total = 0
started = time.time()
# After a kill: (participant, module id, step number, whether the interrupted answer was stored, whether it was
# acknowledged as finished: then its feedback comes back, the question is not asked again).
expected_resume = None

for kill in range(kills):
    child = pexpect.spawn(binary, ["kiosk", "--data", data, "--idle-timeout", "600"], cwd=root, env=env,
                          dimensions=(100, 120), encoding="utf-8", timeout=60)
    child.delaybeforesend = None  # pexpect waits 50 ms before each key by default
    screen = next_screen(child, "language screen")
    catalogue = sign_in(child, screen)
    module, screen = open_module(child, catalogue)
    step = step_of(module, screen)
    if expected_resume is not None:
        participant, module_id, want, stored, finished = expected_resume
        if module_id != module["id"] or step != want:
            fail(f"kill {kill}: {participant} resumed {module['id']} at step {step}, was answering {module_id} step {want}",
                 screen)
        feedback = CONTINUE in collapsed(screen) and not any(i in collapsed(screen) for i in ASKING)
        if feedback and not stored:
            fail(f"kill {kill}: the resumed step shows a feedback for an answer that is not in the data file", screen)
        if finished and not feedback:
            fail(f"kill {kill}: the question was answered and acknowledged before the kill, it is asked again", screen)
        resumed_right += 1

    # This run's answers: (participant, module, step id, correct) for each acknowledged one, in order.
    answers = []
    target = random.randint(PER_KILL, PER_KILL + 5)
    latencies = []
    kind = None
    interrupted = None
    while interrupted is None:
        flat = collapsed(screen)
        if SUMMARY in screen:
            walker.done.add(module["id"])
            child.send("\r")
            catalogue = next_screen(child, "catalogue after a summary")
            if walker.module() is None:
                child.send("0\r")  # this participant is done: they leave, the next one comes
                screen = next_screen(child, "language screen after leaving")
                walker.next_participant()
                catalogue = sign_in(child, screen)
            module, screen = open_module(child, catalogue)
            continue
        step = step_of(module, screen)
        if step is None:
            fail(f"no step on screen in {module['id']}", screen)
        asking = next((k for text, k in ASKING.items() if text in flat), None)
        if asking:
            kind = asking
        elif TRY_AGAIN not in flat:
            if CONTINUE not in flat:
                fail("a lesson screen with neither a question nor Enter to continue", screen)
            child.send("\r")  # a text page, or the feedback of a finished question
            screen = next_screen(child, "next step")
            continue
        # A question, or another try: answer it.
        key = (walker.participant, module["id"], module["steps"][step - 1])
        typed = answer_for(kind, screen)
        if len(answers) >= target:
            # The kill, while this answer is handled: somewhere in the time the kiosk took for the last ones.
            window = sorted(latencies)[len(latencies) // 2] if latencies else 0.01
            child.send(typed + "\r")
            time.sleep(random.uniform(0, window))
            os.kill(child.pid, signal.SIGKILL)
            try:
                child.expect(pexpect.EOF)  # what it wrote before it died: the screen the participant saw
            except pexpect.TIMEOUT:
                fail("the killed kiosk's terminal did not close")
            rest = child.before or ""
            drawn = "\x1b[2J" in rest
            after = clean(rest.split("\x1b[2J", 1)[1]) if drawn else ""
            seen = collapsed(after)
            interrupted = {"key": key, "drawn": drawn, "step": step, "seen": seen,
                           "acknowledged": drawn and (CONTINUE in seen or TRY_AGAIN in seen)}
            if interrupted["acknowledged"]:
                answers.append(key + (1 if RIGHT in seen else 0 if WRONG in seen else None,))
            child.close(force=True)
            break
        sent = time.monotonic()
        child.send(typed + "\r")
        screen = next_screen(child, "feedback")
        latencies.append(time.monotonic() - sent)
        flat = collapsed(screen)
        if step_of(module, screen) != step or not (CONTINUE in flat or TRY_AGAIN in flat):
            fail(f"typed {typed!r} on step {step} of {module['id']}: no feedback", screen)
        answers.append(key + (1 if RIGHT in flat else 0 if WRONG in flat else None,))

    # The data file after the kill.
    ok, rows, total = stored_since(last_id)
    if ok != "ok":
        fail(f"kill {kill}: integrity_check says {ok}")
    found = [tuple(row[1:]) for row in rows]
    expected = list(answers)
    stored = len(found) == len(expected) + 1 and not interrupted["acknowledged"]
    if stored:
        expected.append(interrupted["key"] + (found[-1][3],))
    if found != expected:
        lost = [a for a in answers if a not in found]
        fail(f"kill {kill}: {len(answers)} answers acknowledged on screen, {len(found)} new rows in the data file\n"
             f"  acknowledged: {answers}\n  stored: {found}\n  not found: {lost}")
    if interrupted["drawn"] and not interrupted["acknowledged"] and not stored:
        fail(f"kill {kill}: the kiosk began drawing the next screen, but the answer it follows is not stored: {rows}")
    if interrupted["acknowledged"]:
        interrupted_shown += 1
    elif stored:
        interrupted_stored += 1
    else:
        interrupted_unstored += 1
    if rows:
        last_id = rows[-1][0]
    acknowledged += len(answers)
    expected_resume = (walker.participant, module["id"], interrupted["step"], stored or interrupted["acknowledged"],
                       interrupted["acknowledged"] and CONTINUE in interrupted["seen"])
    rounds_total += 1

elapsed = time.time() - started
ok, _, total = stored_since(last_id)
print(f"kiosk SIGKILL test: {rounds_total} kills while answering (the answer being handled: {interrupted_unstored} not "
      f"stored yet, {interrupted_stored} stored but its feedback not drawn, {interrupted_shown} acknowledged), "
      f"{resumed_right} resumes at the step being answered, {acknowledged} acknowledged answers all found in the data "
      f"file (at least {required} required), {walker.used} participants, {total} attempts stored, integrity_check {ok}, "
      f"{elapsed:.0f} s (SEED={seed})")
if acknowledged < required:
    fail(f"only {acknowledged} acknowledged answers over {kills} kills: at least {required} are needed")
shutil.rmtree(os.path.dirname(data))
