"""A room without phones (`atelier quiz host --room 3`) through a pseudo-terminal: teams answer aloud, the
facilitator keys `b3`-style answers (one corrected, one for a team that does not exist, one number that is no
choice, one after the answers closed), reveals, ends with `e e`; the session's export then has the teams' last
answers under their names. Every step waits for the projector to show what the key did, never for a time.

Usage: quiz_teams_pty.py ATELIER_BINARY DATA_FILE PACKAGE_ROOT
"""
import io
import json
import subprocess
import sys

import pexpect

from kiosk_common import ENV, expect

binary, data, root = sys.argv[1:4]

# Bad values are refused before anything starts, saying why.
for arguments, message in [(["--room", "0"], "--room must be between 1 and 12 teams (A to L): got 0"),
                           (["--room", "13"], "--room must be between 1 and 12 teams (A to L): got 13"),
                           (["--room", "3", "--teams", "2", "--ranking"], "--room makes the teams itself")]:
    refused = subprocess.run([binary, "quiz", "host", "coop-basics", "--data", data] + arguments, cwd=root, env=ENV,
                             capture_output=True, text=True, timeout=300)
    assert refused.returncode != 0 and message in refused.stderr, (arguments, refused.returncode, refused.stderr)
print("bad --room values refused: ok")

# No --port, --bind nor --address: nothing listens, and a port another program holds would not matter.
host = pexpect.spawn(binary, ["quiz", "host", "coop-basics", "--room", "3", "--questions", "who-owns,vote-rule",
                              "--time", "300", "--data", data],
                     cwd=root, env=ENV, dimensions=(40, 120), encoding="utf-8", timeout=300)
projector = io.StringIO()
host.logfile_read = projector
expect(host, r"séance (quiz-[0-9a-f]+)[^0-9a-f]", "the session on the projector")
session = host.match.group(1)
expect(host, "Mode salle, sans téléphones : 3 équipes répondent", "the room-mode lobby")
expect(host, "C   Équipe C", "the teams in the lobby")
assert "Code du jeu" not in projector.getvalue() and "Wi-Fi" not in projector.getvalue()

host.send("b3")  # before the first question: nothing to answer
expect(host, "Pas de question ouverte : rien d'enregistré pour l'équipe B", "a team's answer in the lobby")
host.send("\r")
expect(host, "Question 1 sur 2", "the first question")
expect(host, r"Équipes : A ·   B ·   C ·", "no team has answered")

host.send("b")
expect(host, r"Équipe B : le numéro de sa réponse \(1 à 3\)", "the question for B's number")
host.send("3")  # B: "à un seul patron" (wrong)...
expect(host, "Équipe B : réponse notée", "B's answer noted")
expect(host, r"Équipes : A ·   B ✓   C ·", "B has answered")
host.send("b1")  # ...no, the facilitator misheard: "à ses membres" (right)
expect(host, "Équipe B : réponse corrigée, la précédente est remplacée", "B's answer replaced")
host.send("d2")  # there is no team D
expect(host, "Pas d'équipe « D » : les équipes vont de A à C", "the unknown team")
host.send("a9")  # there is no ninth choice
expect(host, r"Équipe A : pas de réponse de ce numéro \(1 à 3\)", "the unknown choice")
host.send("a1")
expect(host, "Équipe A : réponse notée", "A's answer noted")
host.send("x")  # a command of the phones' game: says why it does nothing here
expect(host, "rien à fermer", "x in room mode")
host.send("c2")  # "à l'État" (wrong)
expect(host, "Réponses : 3 sur 3", "every team has answered")
expect(host, r"Équipes : A ✓   B ✓   C ✓", "the marks")
assert "1 sur 3 ont" not in projector.getvalue() and "Réponses fausses" not in projector.getvalue()

host.send("v")
expect(host, "Réponses fermées", "the answers closed")
host.send("c1")  # too late to change
expect(host, "Réponses fermées : rien d'enregistré pour l'équipe C", "a team's answer after the close")
host.send("\r")
expect(host, "2 sur 3 ont trouvé la bonne réponse", "the reveal: X of Y")
expect(host, "Réponses fausses choisies", "the wrong answers chosen")
expect(host, "1 × 2", "C's wrong answer, counted")

host.send("\r")
expect(host, "Question 2 sur 2", "the second question")
host.send("a2")
expect(host, "Équipe A : réponse notée", "A's answer to the second question")
host.send("e")
expect(host, "e encore une fois", "the end's confirmation")
host.send("e")
expect(host, "Le quiz est fini", "the end")
# Who-owns: A and B right, C wrong; vote-rule: A's "faux" (choice 2), right.
expect(host, "La salle a donné 3 bonnes réponses sur 4", "the room's count, without ranking")
host.send("q")
host.expect(pexpect.EOF)
print("room mode through a pty: ok")

# The teams' answers, as the facilitator left them, under the teams' names.
exported = subprocess.run([binary, "progress", "export", "--data", data, "--session", session, "--format", "json"],
                          cwd=root, env=ENV, capture_output=True, text=True, check=True, timeout=300)
rows = [(row["pseudonym"], row["step"], row["response"], row["correct"]) for row in json.loads(exported.stdout)]
who = sorted(row for row in rows if row[1] == "who-owns")
assert who == [("Équipe A", "who-owns", "members", True), ("Équipe B", "who-owns", "members", True),
               ("Équipe C", "who-owns", "state", False)], rows
second = [row for row in rows if row[1] == "vote-rule"]
assert second == [("Équipe A", "vote-rule", "false", True)], rows  # keyed before `e e`: written at the end
print("export of the room's session: ok")
