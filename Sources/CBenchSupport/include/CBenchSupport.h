// Whole-process measurements that need a terminal: the kiosk only draws in one.
#ifndef CBENCH_SUPPORT_H
#define CBENCH_SUPPORT_H
#include <stdint.h>

/// Starts `argv[0]` with `argv` in a new pseudo-terminal of 80x24, waits until its output contains `marker`
/// (at most `timeout_ms`), then kills it. Writes the time from start to the marker in seconds and the
/// process's peak resident memory in kilobytes. Returns 0, or -1 when the marker never came.
int atelier_pty_first_output(char *const argv[], const char *marker, int timeout_ms, double *seconds, long *peak_kb);

/// epoll for the benchmark's one-thread phones (LeanRoom): Swift's Glibc module has no <sys/epoll.h>, and its
/// event structure is packed. Each socket is registered with a token (the phone's number).
int atelier_epoll_create(void);
int atelier_epoll_add(int epoll, int fd, uint32_t token);
int atelier_epoll_remove(int epoll, int fd);
/// Waits at most `timeout_ms` for readable sockets; writes their tokens; returns how many (or -1).
int atelier_epoll_wait(int epoll, uint32_t *tokens, int capacity, int timeout_ms);

#endif
