#include "CBenchSupport.h"

#include <stddef.h>
#include <sys/epoll.h>

int atelier_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int atelier_epoll_add(int epoll, int fd, uint32_t token) {
    struct epoll_event event = {.events = EPOLLIN, .data.u32 = token};
    return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

int atelier_epoll_remove(int epoll, int fd) { return epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL); }

int atelier_epoll_wait(int epoll, uint32_t *tokens, int capacity, int timeout_ms) {
    struct epoll_event events[256];
    if (capacity > 256) capacity = 256;
    int n = epoll_wait(epoll, events, capacity, timeout_ms);
    for (int i = 0; i < n; i++) tokens[i] = events[i].data.u32;
    return n;
}
