#include "CReadline.h"

#include <locale.h>
#include <signal.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static int names_utf8(const char *value) {
    return value != NULL && (strstr(value, "UTF-8") != NULL || strstr(value, "utf8") != NULL ||
                             strstr(value, "UTF8") != NULL || strstr(value, "utf-8") != NULL);
}

int atelier_readline_prepare_locale(void) {
    const char *all = getenv("LC_ALL"), *ctype = getenv("LC_CTYPE"), *lang = getenv("LANG");
    const char *effective = (all && *all) ? all : (ctype && *ctype) ? ctype : lang;
    if (names_utf8(effective) && setlocale(LC_ALL, "") != NULL) return 0;
    setenv("LC_ALL", "C.UTF-8", 1);
    setlocale(LC_ALL, "C.UTF-8");
    return 1;
}

void atelier_readline_configure_for_kiosk(void) {
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_readline_name = "atelier";
    rl_inhibit_completion = 1;
    using_history();
    stifle_history(0);
}

void atelier_readline_forget_history(void) {
    clear_history();
}

const char *atelier_readline_buffer(void) {
    return rl_line_buffer ? rl_line_buffer : "";
}

void atelier_readline_reset_after_eof(void) {
    // After Ctrl-D on an empty line, readline 8.2 keeps its "done, got EOF" state: every later prompt then
    // starts on a new line, and a kiosk that redraws its prompt each second scrolls forever. Clearing that
    // state makes the next prompt behave as after an ordinary Enter.
    RL_UNSETSTATE(RL_STATE_DONE | RL_STATE_EOF);
    rl_done = 0;
    rl_eof_found = 0;
}

// Paging: a screen taller than the terminal is cut into pages (Screen.Pages). Space on an empty line, the
// down arrow and Page Down turn to the next page; the up arrow and Page Up to the previous one. The bound
// function ends readline's line at once; the kiosk reads the request and keeps what was typed.
static int page_request = 0;

static int atelier_page_down(int count, int key) {
    (void)count; (void)key;
    page_request = 1;
    rl_done = 1;
    return 0;
}

static int atelier_page_up(int count, int key) {
    (void)count; (void)key;
    page_request = -1;
    rl_done = 1;
    return 0;
}

static int atelier_space(int count, int key) {
    if (rl_end == 0) return atelier_page_down(count, key);
    return rl_insert(count, key);
}

static int atelier_nothing(int count, int key) {
    (void)count; (void)key;
    return 0;
}

static int atelier_plain_key(int count, int key) {
    (void)count;
    return rl_insert(1, key);
}

void atelier_readline_bind_kiosk_keys(void) {
    const char *down[] = {"\\e[6~", "\\e[B", "\\eOB"};
    const char *up[] = {"\\e[5~", "\\e[A", "\\eOA"};
    for (unsigned i = 0; i < sizeof down / sizeof *down; i++) rl_bind_keyseq(down[i], atelier_page_down);
    for (unsigned i = 0; i < sizeof up / sizeof *up; i++) rl_bind_keyseq(up[i], atelier_page_up);
    rl_bind_key(' ', atelier_space);
    // Esc pressed before an arrow (a participant looking for a way back): readline took the Esc as a Meta
    // prefix and inserted the rest, "^[[A", into the answer. The same keys with an Esc before them do what
    // they do alone; the left and right arrows move in the line.
    const char *escaped_down[] = {"\\e\\e[6~", "\\e\\e[B", "\\e\\eOB"};
    const char *escaped_up[] = {"\\e\\e[5~", "\\e\\e[A", "\\e\\eOA"};
    for (unsigned i = 0; i < sizeof escaped_down / sizeof *escaped_down; i++) rl_bind_keyseq(escaped_down[i], atelier_page_down);
    for (unsigned i = 0; i < sizeof escaped_up / sizeof *escaped_up; i++) rl_bind_keyseq(escaped_up[i], atelier_page_up);
    rl_bind_keyseq("\\e\\e[C", rl_forward_char);
    rl_bind_keyseq("\\e\\eOC", rl_forward_char);
    rl_bind_keyseq("\\e\\e[D", rl_backward_char);
    rl_bind_keyseq("\\e\\eOD", rl_backward_char);
    rl_bind_keyseq("\\e\\e", atelier_nothing);
    // Esc before an ordinary key: readline read the pair as a Meta command, so the key vanished or did something
    // else (Esc then 2 began a numeric argument and the answer "2" was lost; Esc then L lowercased a word
    // instead of asking to listen; Esc then Backspace erased a whole word). The key does what it does alone.
    // '[' and 'O' stay prefixes: they begin the arrows' sequences.
    for (int key = 0x21; key < 0x7f; key++) {
        if (key == '[' || key == 'O') continue;
        rl_bind_key_in_map(key, atelier_plain_key, emacs_meta_keymap);
    }
    rl_bind_key_in_map(' ', atelier_space, emacs_meta_keymap);
    rl_bind_key_in_map('\r', rl_newline, emacs_meta_keymap);
    rl_bind_key_in_map('\n', rl_newline, emacs_meta_keymap);
    rl_bind_key_in_map(0x7f, rl_rubout, emacs_meta_keymap);
    rl_bind_key_in_map(CTRL('H'), rl_rubout, emacs_meta_keymap);
    // Reverse and forward history search print English prompts ("(reverse-i-search)") and search a history
    // the kiosk does not keep: they do nothing here.
    rl_bind_key(CTRL('R'), atelier_nothing);
    rl_bind_key(CTRL('S'), atelier_nothing);
}

int atelier_readline_take_page_request(void) {
    int request = page_request;
    page_request = 0;
    return request;
}

// Typed right-to-left text: the kiosk draws the line itself, in visual order (TerminalIO's visual typing).
void atelier_readline_use_redisplay(void (*redisplay)(void)) {
    rl_redisplay_function = redisplay ? redisplay : rl_redisplay;
}

void atelier_readline_redisplay(void) {
    (*rl_redisplay_function)();
}

int atelier_readline_point(void) {
    return rl_point;
}

// The out-of-order message for a crash, written by the signal handler with write(2) alone: nothing that is not
// async-signal-safe runs there (no allocation, no Swift runtime), so the handler cannot itself hang or crash.
static char crash_message[1024];
static size_t crash_length = 0;

static void on_fatal_signal(int signal_number) {
    (void)signal_number;
    ssize_t written = write(STDOUT_FILENO, crash_message, crash_length);
    (void)written;
    _exit(70);
}

void atelier_install_crash_screen(const char *message) {
    size_t length = strlen(message);
    if (length > sizeof crash_message) length = sizeof crash_message;
    memcpy(crash_message, message, length);
    crash_length = length;
    const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};
    for (unsigned i = 0; i < sizeof fatal / sizeof *fatal; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_fatal_signal;
        sigemptyset(&action.sa_mask);
        sigaction(fatal[i], &action, NULL);
    }
}
