#define _GNU_SOURCE
#include "CBenchSupport.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int atelier_pty_first_output(char *const argv[], const char *marker, int timeout_ms, double *seconds, long *peak_kb) {
    struct winsize size = {.ws_row = 24, .ws_col = 80};
    int master = -1;
    double start = now();
    pid_t pid = forkpty(&master, NULL, NULL, &size);
    if (pid < 0) return -1;
    if (pid == 0) {
        setenv("TERM", "xterm", 1);
        execv(argv[0], argv);
        _exit(127);
    }
    char buffer[65536];
    size_t used = 0;
    int found = 0;
    while (!found && (now() - start) * 1000 < timeout_ms) {
        struct pollfd descriptor = {.fd = master, .events = POLLIN};
        if (poll(&descriptor, 1, 50) <= 0) continue;
        ssize_t n = read(master, buffer + used, sizeof buffer - 1 - used);
        if (n <= 0) break;
        used += (size_t)n;
        buffer[used] = 0;
        if (strstr(buffer, marker) != NULL) found = 1;
        if (used > sizeof buffer - 4096) used = 0;
    }
    *seconds = now() - start;
    kill(pid, SIGKILL);
    int status = 0;
    struct rusage usage;
    wait4(pid, &status, 0, &usage);
    *peak_kb = usage.ru_maxrss;
    close(master);
    return found ? 0 : -1;
}
