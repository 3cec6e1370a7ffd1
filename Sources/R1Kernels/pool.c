// A persistent thread pool. Workers wait on a generation counter: they spin
// briefly (a job usually follows within microseconds during decode), then sleep
// on a futex so an oversubscribed machine is not burnt by spinning. The caller
// is thread 0; it waits for the others the same way (spin, then futex).
#include "r1kernels.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { SPIN = 4000 };

struct r1k_pool {
    int n;
    pthread_t *threads;
    _Atomic int gen;        // bumped once per job (and at shutdown)
    _Atomic int done;       // workers finished with the current job
    _Atomic int sleepers;   // workers in futex_wait on gen
    _Atomic int caller_sleeping;
    _Atomic int stop;
    void (*fn)(void *, int32_t, int32_t);
    void *ctx;
};

typedef struct { r1k_pool *pool; int ith; } worker_arg;

static inline void cpu_relax(void) { __asm__ __volatile__("pause"); }
static void fwait(_Atomic int *addr, int val) { syscall(SYS_futex, (int *)addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0); }
static void fwake(_Atomic int *addr) { syscall(SYS_futex, (int *)addr, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0); }

static void *worker(void *p) {
    worker_arg *wa = (worker_arg *)p; r1k_pool *pool = wa->pool; int ith = wa->ith; free(wa);
    int seen = 0;
    for (;;) {
        int g, spins = 0;
        while ((g = atomic_load(&pool->gen)) == seen) {
            if (++spins < SPIN) { cpu_relax(); continue; }
            atomic_fetch_add(&pool->sleepers, 1);
            if (atomic_load(&pool->gen) == seen) fwait(&pool->gen, seen);
            atomic_fetch_sub(&pool->sleepers, 1);
            spins = 0;
        }
        seen = g;
        if (atomic_load(&pool->stop)) return NULL;
        pool->fn(pool->ctx, ith, pool->n);
        if (atomic_fetch_add(&pool->done, 1) == pool->n - 2 && atomic_load(&pool->caller_sleeping)) fwake(&pool->done);
    }
}

r1k_pool *r1k_pool_new(int32_t n_threads) {
    if (n_threads < 1) n_threads = 1;
    r1k_pool *pool = calloc(1, sizeof *pool);
    if (!pool) return NULL;
    pool->n = n_threads;
    pool->threads = calloc((size_t)n_threads, sizeof(pthread_t));
    for (int i = 1; i < n_threads; i++) {
        worker_arg *wa = malloc(sizeof *wa); wa->pool = pool; wa->ith = i;
        if (pthread_create(&pool->threads[i], NULL, worker, wa) != 0) { free(wa); pool->n = i; break; }
    }
    return pool;
}

void r1k_pool_free(r1k_pool *pool) {
    if (!pool) return;
    atomic_store(&pool->stop, 1);
    atomic_fetch_add(&pool->gen, 1);
    fwake(&pool->gen);
    for (int i = 1; i < pool->n; i++) pthread_join(pool->threads[i], NULL);
    free(pool->threads); free(pool);
}

int32_t r1k_pool_threads(const r1k_pool *pool) { return pool ? pool->n : 1; }

void r1k_pool_run(r1k_pool *pool, void (*fn)(void *, int32_t, int32_t), void *ctx) {
    if (!pool || pool->n == 1) { fn(ctx, 0, 1); return; }
    pool->fn = fn; pool->ctx = ctx;
    atomic_store(&pool->done, 0);
    atomic_fetch_add(&pool->gen, 1);              // seq_cst: ordered before the sleepers load
    if (atomic_load(&pool->sleepers) > 0) fwake(&pool->gen);
    fn(ctx, 0, pool->n);
    int d, spins = 0;
    while ((d = atomic_load(&pool->done)) < pool->n - 1) {
        if (++spins < SPIN) { cpu_relax(); continue; }
        atomic_store(&pool->caller_sleeping, 1);
        if ((d = atomic_load(&pool->done)) < pool->n - 1) fwait(&pool->done, d);
        atomic_store(&pool->caller_sleeping, 0);
        spins = 0;
    }
}
