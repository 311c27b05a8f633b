#include "CReadline.h"

#include <locale.h>
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
