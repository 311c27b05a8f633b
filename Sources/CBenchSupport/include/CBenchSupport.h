// Whole-process measurements that need a terminal: the kiosk only draws in one.
#ifndef CBENCH_SUPPORT_H
#define CBENCH_SUPPORT_H
#include <stdint.h>

/// Starts `argv[0]` with `argv` in a new pseudo-terminal of 80x24, waits until its output contains `marker`
/// (at most `timeout_ms`), then kills it. Writes the time from start to the marker in seconds and the
/// process's peak resident memory in kilobytes. Returns 0, or -1 when the marker never came.
int atelier_pty_first_output(char *const argv[], const char *marker, int timeout_ms, double *seconds, long *peak_kb);

#endif
