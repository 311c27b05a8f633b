#define _GNU_SOURCE
#include "CBenchSupport.h"

#include <poll.h>
#include <stdio.h>
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
    // The peak of the program itself (VmHWM of its own memory since exec): the rusage of a forked child
    // would also count this benchmark's pages, which the child shared until it exec'd.
    *peak_kb = -1;
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *status_file = fopen(path, "r");
    if (status_file) {
        while (fgets(line, sizeof line, status_file)) {
            if (strncmp(line, "VmHWM:", 6) == 0) *peak_kb = strtol(line + 6, NULL, 10);
        }
        fclose(status_file);
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(master);
    return found ? 0 : -1;
}
