// sseload: the load client of the web benchmarks, the same for every server.
// One thread, epoll, non-blocking sockets on 127.0.0.1; it counts Server-Sent
// Events by their "data: " fields and never parses more than that.
//
//   sseload stream PORT PATH STREAMS SECONDS
//       STREAMS connections read PATH as fast as they can for SECONDS (after a
//       half-second warm-up); meanwhile one probe connection every 10 ms
//       measures the time from its request to its first event. Prints
//       events=N wall_ns=T cpu_ns=C probes=K first_p50_ns=X first_p99_ns=Y
//   sseload hold PORT PATH STREAMS
//       opens STREAMS connections, waits for the first event on each, prints
//       "ready", then waits for a line on standard input; closes them all at
//       once, prints "closed NS" (CLOCK_MONOTONIC) and exits.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;
    int probe;           // a latency probe: closed at its first event
    int got_first;
    uint64_t sent_ns;    // when the request went out
    uint64_t events;     // "data: " fields seen
    int match;           // bytes of "data: " matched across reads
} conn;

static const char needle[] = "data: ";
static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}
static uint64_t cpu_ns(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return ((uint64_t)u.ru_utime.tv_sec + (uint64_t)u.ru_stime.tv_sec) * 1000000000ull +
           ((uint64_t)u.ru_utime.tv_usec + (uint64_t)u.ru_stime.tv_usec) * 1000ull;
}
static void die(const char *what) { perror(what); exit(1); }

static int port;
static const char *path;
static int ep;

static conn *open_conn(int probe) {
    conn *c = calloc(1, sizeof *c);
    c->probe = probe;
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c->fd < 0) die("socket");
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(c->fd, (struct sockaddr *)&a, sizeof a) < 0) die("connect");
    char req[512];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n", path);
    c->sent_ns = now_ns();
    if (write(c->fd, req, (size_t)n) != n) die("write");
    fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
    struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &e) < 0) die("epoll_ctl");
    return c;
}

static void close_conn(conn *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
}

// Reads what is there; counts events; returns 0 when the server closed.
static int pump(conn *c, uint64_t *first_latency) {
    static char buf[1 << 16];
    for (;;) {
        ssize_t n = read(c->fd, buf, sizeof buf);
        if (n == 0) return 0;
        if (n < 0) return (errno == EAGAIN || errno == EWOULDBLOCK) ? 1 : 0;
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == needle[c->match]) {
                if (++c->match == 6) {
                    c->match = 0;
                    c->events++;
                    if (!c->got_first) {
                        c->got_first = 1;
                        if (first_latency) *first_latency = now_ns() - c->sent_ns;
                    }
                }
            } else {
                c->match = buf[i] == 'd' ? 1 : 0;
            }
        }
    }
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: sseload stream PORT PATH STREAMS SECONDS | hold PORT PATH STREAMS\n");
        return 2;
    }
    port = atoi(argv[2]);
    path = argv[3];
    int streams = atoi(argv[4]);
    ep = epoll_create1(0);
    struct epoll_event events[1024];
    conn **conns = calloc((size_t)streams, sizeof *conns);

    if (strcmp(argv[1], "hold") == 0) {
        int ready = 0;
        for (int i = 0; i < streams; i++) conns[i] = open_conn(0);
        while (ready < streams) {
            int n = epoll_wait(ep, events, 1024, 10000);
            if (n <= 0) { fprintf(stderr, "sseload: only %d of %d streams got an event\n", ready, streams); return 1; }
            for (int i = 0; i < n; i++) {
                conn *c = events[i].data.ptr;
                int had = c->got_first;
                if (!pump(c, NULL)) { fprintf(stderr, "sseload: a stream ended early\n"); return 1; }
                if (!had && c->got_first) ready++;
            }
        }
        printf("ready\n");
        fflush(stdout);
        char line[64];
        if (!fgets(line, sizeof line, stdin)) return 0;
        uint64_t t = now_ns();
        for (int i = 0; i < streams; i++) close(conns[i]->fd);
        printf("closed %llu\n", (unsigned long long)t);
        return 0;
    }

    double seconds = argc > 5 ? atof(argv[5]) : 2;
    for (int i = 0; i < streams; i++) conns[i] = open_conn(0);
    uint64_t start = now_ns(), warm = start + 500000000ull;
    uint64_t end = warm + (uint64_t)(seconds * 1e9);
    uint64_t counted_from = 0, cpu_from = 0, next_probe = warm;
    size_t probes = 0, cap = 4096;
    uint64_t *latency = malloc(cap * sizeof *latency);
    int warmed = 0;
    for (;;) {
        uint64_t t = now_ns();
        if (!warmed && t >= warm) {
            warmed = 1;
            for (int i = 0; i < streams; i++) counted_from += conns[i]->events;
            cpu_from = cpu_ns();
        }
        if (t >= end) break;
        if (warmed && t >= next_probe) {
            open_conn(1);
            next_probe += 10000000ull;
        }
        int n = epoll_wait(ep, events, 1024, 5);
        for (int i = 0; i < n; i++) {
            conn *c = events[i].data.ptr;
            uint64_t first = 0;
            int alive = pump(c, c->probe ? &first : NULL);
            if (c->probe && (c->got_first || !alive)) {
                if (c->got_first && probes < cap) latency[probes++] = first;
                close_conn(c);
                free(c);
            } else if (!alive) {
                fprintf(stderr, "sseload: a stream ended early\n");
                return 1;
            }
        }
    }
    uint64_t total = 0;
    for (int i = 0; i < streams; i++) total += conns[i]->events;
    uint64_t wall = now_ns() - warm, cpu = cpu_ns() - cpu_from;
    qsort(latency, probes, sizeof *latency, cmp_u64);
    uint64_t p50 = probes ? latency[probes / 2] : 0;
    uint64_t p99 = probes ? latency[(probes * 99) / 100 < probes ? (probes * 99) / 100 : probes - 1] : 0;
    printf("events=%llu wall_ns=%llu cpu_ns=%llu probes=%zu first_p50_ns=%llu first_p99_ns=%llu\n",
           (unsigned long long)(total - counted_from), (unsigned long long)wall, (unsigned long long)cpu, probes,
           (unsigned long long)p50, (unsigned long long)p99);
    return 0;
}
