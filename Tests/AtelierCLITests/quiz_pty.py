"""The group quiz through pseudo-terminals: the facilitator's host (its keys are the only controls), a kiosk
terminal joining as a player in Chinese, which first types a wrong game code, and one joining in Arabic, whose
language the projector then shows under the French question (`l`).

Usage: quiz_pty.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
"""
import io
import socket
import sqlite3
import sys

import pexpect

from kiosk_common import ENV, expect

binary, data, root = sys.argv[1:4]
with socket.socket() as probe:  # a free port on loopback
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]

host = pexpect.spawn(binary, ["quiz", "host", "coop-basics", "--questions", "who-owns,vote-rule", "--time", "60",
                              "--bind", "127.0.0.1", "--port", str(port), "--address", f"http://127.0.0.1:{port}",
                              "--data", data],
                     cwd=root, env=ENV, dimensions=(45, 100), encoding="utf-8", timeout=15)
projector = io.StringIO()
host.logfile_read = projector
expect(host, r"séance (quiz-[0-9a-f]+)[^0-9a-f]", "the session on the projector")
session = host.match.group(1)
expect(host, r"Code du jeu : (\d{4})", "the game code on the projector")
code = host.match.group(1)
expect(host, "0 joueur", "the empty lobby")

player = pexpect.spawn(binary, ["quiz", "join", f"http://127.0.0.1:{port}", "--lang", "zh", "--nickname", "小明\x1b[2J"],
                       cwd=root, env=ENV, dimensions=(24, 80), encoding="utf-8", timeout=15)
expect(player, "4", "the code prompt")
player.send("0000\r" if code != "0000" else "1111\r")
expect(player, "游戏号码不对", "the wrong-code message, in Chinese")
player.send(code + "\r")
expect(player, "您已经进入游戏", "the lobby, in Chinese")
expect(host, "1 joueur", "the player on the projector")
expect(host, "小明", "the nickname on the projector")
arabic = pexpect.spawn(binary, ["quiz", "join", f"http://127.0.0.1:{port}", "--lang", "ar", "--nickname", "عائشة"],
                       cwd=root, env=ENV, dimensions=(24, 80), encoding="utf-8", timeout=15)
expect(arabic, "4", "the code prompt, in Arabic")
arabic.send(code + "\r")
expect(host, "2 joueur", "the second player on the projector")

host.send("\r")  # start: the first question
expect(host, "Question 1 sur 2", "the question on the projector")
expect(player, "第 1 题，共 2 题", "the question, in Chinese")
expect(player, "1 ▲", "the keyed answers")
player.send("1\r")
expect(player, "答案已发送", "the acknowledgement")
expect(host, "Réponses : 1 sur 2", "the answer count on the projector")
# l: the room's languages under the French, Arabic first (Arabic and Chinese have one player each; Arabic comes
# first in the registry). The heading is the language's name, shaped and right to left as the kiosk lays it out
# (Arabic presentation forms), the question under it right-aligned: a run of spaces, then Arabic.
host.send("l")
expect(host, "Deuxième langue", "the second language's notice")
expect(host, "── [\ufe70-\ufeff ]+ ──", "the Arabic heading on the projector")
expect(host, " {20,}[^\r\n]*[\ufe70-\ufeff]{3,}", "the Arabic question, right-aligned")
host.send("a")  # read the question aloud, in Arabic: here, or without a sound card, the projector says there is no sound
expect(host, "Pas de son|Lecture de la question 1 en", "the read-aloud key's feedback")
host.send("z")  # a key the host does not use still shows something
expect(host, "pas d'action", "the unknown key's feedback")
host.send("x")  # lock the game: the projector says so
expect(host, "FERMÉ aux nouveaux joueurs", "the lock on the projector")
host.send("r")  # the roster on demand
expect(host, "Joueurs : 2", "the roster")
host.send("r")
host.send("v")  # answers locked, the right answer not shown yet
expect(host, "Réponses fermées", "the locked answers on the projector")
expect(player, "答案已锁定", "the locked answers, in Chinese")
host.send("\r")  # Enter reveals
expect(host, "Par langue", "the distribution per language")
expect(player, "答对了", "the right-answer feedback, in Chinese")
host.send("k")  # remove a player by name: the start of it (UTF-8 through the raw terminal), Tab completes
host.send("小")
host.send("\t")
expect(host, "Retirer \\(numéro ou nom\\) : 小明_", "the completed name in the footer")
host.send("\r")
expect(host, "est retiré du jeu", "the removal's feedback")
expect(player, "辅导员把您移出了游戏", "the removal, in Chinese")
player.expect(pexpect.EOF, timeout=10)
host.send("e")  # end: asked twice
expect(host, "e encore une fois", "the end's confirmation")
host.send("e")
expect(host, "Le quiz est fini", "the podium")
host.send("q")
host.expect(pexpect.EOF)
arabic.terminate(force=True)

# The nickname reached the projector without the escape sequence typed into it.
assert "小明\x1b[2J" not in projector.getvalue() and "小明" in projector.getvalue()
database = sqlite3.connect(data)
rows = database.execute("SELECT stepID, choice, correct, language FROM quizAnswer").fetchall()
assert rows == [("who-owns", "members", 1, "zh")], rows
assert database.execute("SELECT endedAt IS NOT NULL FROM quizSession").fetchone() == (1,)
# The session the projector showed is the one the answers are filed under (atelier progress export --session).
assert database.execute("SELECT DISTINCT sessionID FROM quizAnswer").fetchall() == [(session,)]
print("quiz through two ptys: ok")

# This game's answers, exported by the session the projector showed; another id exports nothing, and says so.
import subprocess
exported = subprocess.run([binary, "progress", "export", "--data", data, "--session", session, "--format", "json"],
                          cwd=root, env=ENV, capture_output=True, text=True, check=True)
assert '"language" : "zh"' in exported.stdout and exported.stdout.count('"source" : "quiz"') == 1, exported.stdout
other = subprocess.run([binary, "progress", "export", "--data", data, "--session", "quiz-0", "--format", "json"],
                       cwd=root, env=ENV, capture_output=True, text=True, check=True)
assert '"source"' not in other.stdout and "no quiz answer in session" in other.stderr, (other.stdout, other.stderr)
print("export of one session: ok")
