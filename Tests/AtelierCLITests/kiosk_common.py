"""What the kiosk's pty scripts share: starting the kiosk as a participant's terminal, and waiting for text
with a readable failure."""
import os
import re
import sys

import pexpect

ENV = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8", NO_COLOR="1")


def start(binary, root, arguments):
    return pexpect.spawn(binary, ["kiosk"] + arguments, cwd=root, env=ENV, dimensions=(24, 80), encoding="utf-8",
                         timeout=15)


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
