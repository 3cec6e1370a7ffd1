// A persistent thread pool for jobs that share out work through their own
// atomic counters (every job in products.c does). A job is open from the moment
// the caller publishes it until the caller has finished its own share; workers
// that wake in time join it, a worker that is late (descheduled on a busy
// machine) finds it closed and never holds the caller up. The caller then waits
// only for the workers that joined. Workers spin briefly between jobs, then
// sleep on a futex, so an oversubscribed machine is not burnt by spinning.
#include "r1kernels.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <limits.h>
#include <sched.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { SPIN = 4000 };
#define CLOSED ((uint64_t)1 << 31)
#define ACTIVE_MASK (CLOSED - 1)

struct r1k_pool {
    int n;
    pthread_t *threads;
    _Atomic uint64_t state;   // job id << 32 | CLOSED | number of workers in the job
    _Atomic int wake;         // futex word, bumped with each job
    _Atomic int sleepers;
    _Atomic int stop;
    void (*fn)(void *, int32_t, int32_t);
    void *ctx;
};

typedef struct { r1k_pool *pool; int ith; } worker_arg;

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __asm__ __volatile__("pause");
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}
static void fwait(_Atomic int *addr, int val) { syscall(SYS_futex, (int *)addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0); }
static void fwake(_Atomic int *addr) { syscall(SYS_futex, (int *)addr, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0); }

static void *worker(void *p) {
    worker_arg *wa = (worker_arg *)p; r1k_pool *pool = wa->pool; int ith = wa->ith; free(wa);
    uint64_t seen = 0;
    for (;;) {
        int spins = 0;
        uint64_t s;
        for (;;) {
            int w = atomic_load(&pool->wake);
            if (atomic_load(&pool->stop)) return NULL;
            s = atomic_load(&pool->state);
            if ((s >> 32) != seen) break;
            if (++spins < SPIN) { cpu_relax(); continue; }
            atomic_fetch_add(&pool->sleepers, 1);
            if ((atomic_load(&pool->state) >> 32) == seen && !atomic_load(&pool->stop)) fwait(&pool->wake, w);
            atomic_fetch_sub(&pool->sleepers, 1);
            spins = 0;
        }
        seen = s >> 32;
        // Join the job unless the caller closed it already.
        while (!(s & CLOSED) && (s >> 32) == seen) {
            if (atomic_compare_exchange_weak(&pool->state, &s, s + 1)) {
                pool->fn(pool->ctx, ith, pool->n);
                atomic_fetch_sub(&pool->state, 1);
                break;
            }
        }
    }
}

r1k_pool *r1k_pool_new(int32_t n_threads) {
    if (n_threads < 1) n_threads = 1;
    r1k_pool *pool = calloc(1, sizeof *pool);
    if (!pool) return NULL;
    pool->n = n_threads;
    atomic_store(&pool->state, CLOSED);
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
    atomic_fetch_add(&pool->wake, 1);
    fwake(&pool->wake);
    for (int i = 1; i < pool->n; i++) pthread_join(pool->threads[i], NULL);
    free(pool->threads); free(pool);
}

int32_t r1k_pool_threads(const r1k_pool *pool) { return pool ? pool->n : 1; }

void r1k_pool_run(r1k_pool *pool, void (*fn)(void *, int32_t, int32_t), void *ctx) {
    if (!pool || pool->n == 1) { fn(ctx, 0, 1); return; }
    pool->fn = fn; pool->ctx = ctx;
    uint64_t job = (atomic_load(&pool->state) >> 32) + 1;
    atomic_store(&pool->state, job << 32);        // open, nobody joined yet
    atomic_fetch_add(&pool->wake, 1);
    if (atomic_load(&pool->sleepers) > 0) fwake(&pool->wake);
    fn(ctx, 0, pool->n);
    uint64_t s = atomic_fetch_or(&pool->state, CLOSED) | CLOSED;
    int spins = 0;
    while ((s & ACTIVE_MASK) != 0) {
        if (++spins < SPIN) cpu_relax(); else sched_yield();
        s = atomic_load(&pool->state);
    }
}

intptr_t r1k_test_fetch_add(intptr_t *p, intptr_t v) { return atomic_fetch_add((_Atomic intptr_t *)p, v); }
