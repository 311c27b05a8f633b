// GNU readline for the kiosk's typed answers, and the shims Swift 6 needs: readline's configuration lives
// in C globals (rl_catch_signals, rl_catch_sigwinch, ...) that Swift cannot assign.
#ifndef CATELIER_READLINE_H
#define CATELIER_READLINE_H

#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Makes sure typed UTF-8 survives: readline resets LC_CTYPE from the environment on first use, and with
/// LC_ALL=C it garbles "é中". When no UTF-8 locale is set, sets LC_ALL=C.UTF-8 (built into glibc).
/// Returns 1 when it had to change the locale.
int atelier_readline_prepare_locale(void);

/// Turns off readline's own signal handling (the kiosk installs its own) and its history.
void atelier_readline_configure_for_kiosk(void);

/// What the participant has typed so far on the current line (readline's rl_line_buffer).
const char *atelier_readline_buffer(void);

/// Clears readline's end-of-file state after Ctrl-D on an empty line (see shims.c).
void atelier_readline_reset_after_eof(void);

/// Binds the kiosk's keys: Space (on an empty line), the arrows, Page Up and Page Down turn pages; Ctrl-R and
/// Ctrl-S (history search, English prompts) do nothing.
void atelier_readline_bind_kiosk_keys(void);

/// +1 (next page), -1 (previous page) or 0, and forgets it.
int atelier_readline_take_page_request(void);

/// Forgets every line typed so far: called between participants.
void atelier_readline_forget_history(void);

/// Draws the line being typed with `redisplay` instead of readline's own drawing (NULL: readline's again).
void atelier_readline_use_redisplay(void (*redisplay)(void));

/// Draws the line being typed with whichever function is in use.
void atelier_readline_redisplay(void);

/// The caret: a byte offset into atelier_readline_buffer().
int atelier_readline_point(void);

/// On a crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT), writes `message` to the terminal with write(2)
/// only and exits with status 70: a participant sees a sentence, never a stack trace.
void atelier_install_crash_screen(const char *message);

#endif
