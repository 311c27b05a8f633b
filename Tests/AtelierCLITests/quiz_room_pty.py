"""A full room through the projector's pseudo-terminal (issue #22): 60 phones join over real WebSockets in six
languages, and the facilitator's 120x40 projector is read back as a person sees it, through a terminal emulator
(pyte), at each step: the lobby keeps its address, code and QR code whatever the count, the question counts the
answers, the closed question hides the right answer, the reveal says how many got it right and what was
misunderstood (no ranking by default), and the end names nobody.

Usage: quiz_room_pty.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT [CAPTURE_FOLDER]
With CAPTURE_FOLDER, each screen is also written there as text (the facilitator's guide shows them).
"""
import base64
import json
import os
import re
import socket
import sqlite3
import sys
import time

import pexpect
import pyte

from kiosk_common import ENV

binary, data, root = sys.argv[1:4]
captures = sys.argv[4] if len(sys.argv) > 4 else None
COLUMNS, ROWS = 120, 40
PLAYERS = 60

with socket.socket() as probe:  # a free port on loopback
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
address = f"http://127.0.0.1:{port}"

screen = pyte.Screen(COLUMNS, ROWS)
stream = pyte.Stream(screen)


class Projector:
    """What the projector's terminal draws, fed to the emulator as it comes."""

    def write(self, text):
        stream.feed(text)

    def flush(self):
        pass


def shown():
    return [line.rstrip() for line in screen.display]


def capture(name):
    lines = shown()
    if captures:
        os.makedirs(captures, exist_ok=True)
        with open(os.path.join(captures, name + ".txt"), "w", encoding="utf-8") as file:
            file.write("\n".join(lines).rstrip("\n") + "\n")
    return lines


def fail(what, lines):
    print(f"FAILED: {what}; the projector showed:\n" + "\n".join(lines))
    sys.exit(1)


def check(condition, what, lines):
    if not condition:
        fail(what, lines)


def expect(child, pattern, what):
    """Waits for the pattern in what the host draws; on a failure, prints the projector as the emulator has it."""
    try:
        child.expect(pattern)
    except (pexpect.TIMEOUT, pexpect.EOF) as error:
        fail(f"waiting for {what!r} ({type(error).__name__})", shown())


def settled(child, pattern, what):
    """Waits for the pattern, then for the end of the frame it is in (the footer, the frame's last row), so that
    the emulator holds the whole frame and not half of one."""
    expect(child, pattern, what)
    expect(child, r"e :\s+fin|q : quitter", f"the end of the frame with {what!r}")


class Phone:
    """A phone's WebSocket, spoken by hand: the upgrade, then masked text frames (as a browser sends them)."""

    def __init__(self, number):
        # The projector may draw its lobby a moment before the listener is up: a phone retries, as the page does.
        for attempt in range(300):
            try:
                self.socket = socket.create_connection(("127.0.0.1", port), timeout=300)
                break
            except ConnectionRefusedError:
                time.sleep(1)
        else:
            raise RuntimeError("the host never listened")
        key = base64.b64encode(os.urandom(16)).decode()
        self.socket.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                             f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = self.socket.recv(4096)
            if not chunk:
                raise RuntimeError("the host closed the upgrade")
            reply += chunk
        if not reply.startswith(b"HTTP/1.1 101"):
            raise RuntimeError(reply.decode(errors="replace"))
        self.device = os.urandom(16).hex()
        self.number = number

    def send(self, message):
        payload = json.dumps(dict(v=1, **message), ensure_ascii=False).encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        header += bytes([0x80 | len(payload)]) if len(payload) < 126 else bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
        self.socket.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


# Names as a Paris workshop has them; a number keeps each one unique (the host refuses look-alikes).
NAMES = [("Amina", "fr"), ("أمينة", "ar"), ("ዮናስ", "ti"), ("小明", "zh"), ("லலித்", "ta"), ("فرید", "prs")]

host = pexpect.spawn(binary, ["quiz", "host", "coop-basics", "--questions", "who-owns,vote-rule", "--time", "300",
                              "--bind", "127.0.0.1", "--port", str(port), "--address", address, "--data", data],
                     cwd=root, env=ENV, dimensions=(ROWS, COLUMNS), encoding="utf-8", timeout=int(os.environ.get("PTY_TIMEOUT", "300")))
host.logfile_read = Projector()
expect(host, r"séance (quiz-[0-9a-f]+)[^0-9a-f]", "the session on the projector")
session = host.match.group(1)
expect(host, r"Code du jeu : (\d{4})", "the game code on the projector")
code = host.match.group(1)
expect(host, "0 joueur", "the empty lobby")

phones = []
for number in range(PLAYERS):
    name, language = NAMES[number % len(NAMES)]
    phone = Phone(number)
    phone.send({"type": "join", "code": code, "nickname": f"{name}{number + 1}", "language": language, "device": phone.device})
    phones.append((phone, language))
settled(host, f"{PLAYERS} joueurs", "every phone in the lobby")

# The lobby at 60: what a late arrival needs (address, code, QR code) is on the screen, not scrolled away.
lobby = capture("lobby-60")
check(any(address in line for line in lobby), "the join address on the lobby", lobby)
check(any(f"Code du jeu : {code}" in line for line in lobby), "the game code on the lobby", lobby)
# The QR code: rows that start with 30 or more half-block cells (its quiet zone and modules), 17 or more of them.
qr_rows = [line for line in lobby if re.match("[█▀▄ ]{30,}", line) and line.count("█") >= 8]
check(len(qr_rows) >= 17, f"the QR code drawn whole ({len(qr_rows)} rows)", lobby)
check(any(session in line for line in lobby[:2]), "the session id on the title row", lobby)
# Each name is numbered ("12. "); Arabic ones read right to left, so their own number comes first.
names_shown = len({int(n) for line in lobby for n in re.findall(r"(?:^|\s)(\d+)\. \S", line[30:])})
more = next((int(m.group(1)) for line in lobby for m in [re.search(r"\+(\d+) autres", line)] if m), 0)
check(names_shown > 0 and names_shown + more == PLAYERS, f"{names_shown} names shown and +{more} others, for {PLAYERS}", lobby)

host.send("\r")  # the first question
expect(host, "Question 1 sur 2", "the first question")
# Two in three answer right ("members"); the others choose the state or a single boss, in every language.
wrong = ["state", "boss"]
for phone, _ in phones:
    choice = "members" if phone.number % 3 else wrong[phone.number % 2]
    phone.send({"type": "answer", "question": 0, "choice": choice})
settled(host, f"Réponses : {PLAYERS} sur {PLAYERS}", "every answer counted on the projector")
question = capture("question-answered")
check(any("Question 1 sur 2" in line for line in question), "the question's number", question)
check(not any("Bonne réponse" in line for line in question), "no right answer while the question is open", question)

host.send("v")  # answers closed; the right answer waits for the facilitator
settled(host, "Réponses fermées", "the closed question")
closed = capture("question-closed")
check(not any("Bonne réponse" in line for line in closed), "no right answer before the reveal", closed)

host.send("\r")  # the reveal
settled(host, "Par langue", "the reveal, per language")
reveal = capture("reveal")
right = sum(1 for phone, _ in phones if phone.number % 3)
check(any(f"{right} sur {PLAYERS}" in line for line in reveal), f"{right} of {PLAYERS} right on the reveal", reveal)
check(not any(re.search(r"\b1(er|\.)\s", line) for line in reveal), "no ranking by default", reveal)
for line in reveal:
    check(len(line) <= COLUMNS, "a line wider than the projector", reveal)

host.send("e")
expect(host, "e encore une fois", "the end's confirmation")
host.send("e")
settled(host, "Le quiz est fini", "the end screen")
end = capture("end")
check(not any(re.search(r"Amina\d|ዮናስ\d|小明\d|லலித்\d|\dﺔﻨﻴﻣﺃ", line) for line in end), "no name on the end screen", end)
host.send("q")
host.expect(pexpect.EOF)
for phone, _ in phones:
    phone.socket.close()

database = sqlite3.connect(data)
rows = database.execute("SELECT correct, COUNT(*) FROM quizAnswer WHERE sessionID = ? GROUP BY correct", (session,)).fetchall()
assert sorted(rows) == [(0, PLAYERS - right), (1, right)], rows
print(f"a room of {PLAYERS} phones on a {COLUMNS}x{ROWS} projector: ok")
