"""What the kiosk's pty scripts share: starting the kiosk as a participant's terminal, and waiting for text
with a readable failure."""
import os
import re
import sys

import pexpect

ENV = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8", NO_COLOR="1")


def start(binary, root, arguments, dimensions=(24, 80)):
    return pexpect.spawn(binary, ["kiosk"] + arguments, cwd=root, env=ENV, dimensions=dimensions, encoding="utf-8",
                         timeout=15)


def set_facilitator_pin(binary, data, pin):
    """What a facilitator does once per kiosk: `atelier admin set-pin`, the PIN on standard input."""
    import subprocess
    subprocess.run([binary, "admin", "set-pin", "--data", data], input=pin, text=True, check=True,
                   capture_output=True)


def leave(child, pin, modules=None):
    """From the welcome screen: 0, then the facilitator PIN, then the facilitator's screen (how many modules
    are offered, and `modules` when given), then 1; the kiosk ends, and the PIN never showed."""
    child.send("0\r")
    expect(child, "Code de l'animateur", "the facilitator PIN question")
    child.send(pin + "\r")
    expect(child, "Modules proposés : " + (str(modules) if modules is not None else "\\d+"), "the facilitator's screen")
    shown = child.before or ""
    expect(child, "Quitter le kiosque", "the option to leave")
    child.send("1\r")
    child.expect(pexpect.EOF)
    if pin in shown + (child.before or ""):
        print("FAILED: the facilitator PIN was echoed on screen")
        sys.exit(1)


def expect(child, pattern, what):
    try:
        child.expect(pattern)
    except (pexpect.TIMEOUT, pexpect.EOF) as error:
        screen = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", (child.before or ""))[-1500:]
        print(f"FAILED waiting for {what!r} ({type(error).__name__}); screen was:\n{screen}")
        sys.exit(1)


def to_profile_menu(child):
    """From the first screen, in French, past the privacy notice."""
    expect(child, "Français", "the language picker")
    child.send("1\r")
    expect(child, "Vos données", "the privacy notice")
    child.send("\r")
    expect(child, "Qui êtes-vous", "the profile menu")


def new_profile(child, name, pin=""):
    """From the profile menu: a new profile with this pseudonym and PIN (none when empty), to the catalogue."""
    child.send("1\r")
    expect(child, "pseudonyme", "the pseudonym prompt")
    child.send(name + "\r")
    expect(child, "code de 4 chiffres", "the PIN prompt")
    child.send(pin + "\r")
    expect(child, "Bonjour " + name, "the catalogue")
