// A persistent thread pool: workers wait on a generation counter (spinning
// briefly, then sleeping on a condition variable), run the job, and count
// themselves done. The caller is thread 0 and waits for the rest.
#include "r1kernels.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sched.h>

struct r1k_pool {
    int n;
    pthread_t *threads;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    _Atomic int gen;
    _Atomic int done;
    _Atomic int stop;
    void (*fn)(void *, int32_t, int32_t);
    void *ctx;
};

typedef struct { r1k_pool *pool; int ith; } worker_arg;

static inline void cpu_relax(void) { __asm__ __volatile__("pause"); }

static void *worker(void *p) {
    worker_arg *wa = (worker_arg *)p; r1k_pool *pool = wa->pool; int ith = wa->ith; free(wa);
    int seen = 0;
    for (;;) {
        int spins = 0;
        while (atomic_load_explicit(&pool->gen, memory_order_acquire) == seen) {
            if (++spins < 20000) { cpu_relax(); continue; }
            pthread_mutex_lock(&pool->mu);
            while (atomic_load(&pool->gen) == seen && !atomic_load(&pool->stop)) pthread_cond_wait(&pool->cv, &pool->mu);
            pthread_mutex_unlock(&pool->mu);
            break;
        }
        if (atomic_load(&pool->stop)) return NULL;
        seen = atomic_load(&pool->gen);
        pool->fn(pool->ctx, ith, pool->n);
        atomic_fetch_add_explicit(&pool->done, 1, memory_order_release);
    }
}

r1k_pool *r1k_pool_new(int32_t n_threads) {
    if (n_threads < 1) n_threads = 1;
    r1k_pool *pool = calloc(1, sizeof *pool);
    if (!pool) return NULL;
    pool->n = n_threads;
    pthread_mutex_init(&pool->mu, NULL);
    pthread_cond_init(&pool->cv, NULL);
    pool->threads = calloc((size_t)n_threads, sizeof(pthread_t));
    for (int i = 1; i < n_threads; i++) {
        worker_arg *wa = malloc(sizeof *wa); wa->pool = pool; wa->ith = i;
        if (pthread_create(&pool->threads[i], NULL, worker, wa) != 0) { free(wa); pool->n = i; break; }
    }
    return pool;
}

void r1k_pool_free(r1k_pool *pool) {
    if (!pool) return;
    pthread_mutex_lock(&pool->mu);
    atomic_store(&pool->stop, 1);
    atomic_fetch_add(&pool->gen, 1);
    pthread_cond_broadcast(&pool->cv);
    pthread_mutex_unlock(&pool->mu);
    for (int i = 1; i < pool->n; i++) pthread_join(pool->threads[i], NULL);
    pthread_mutex_destroy(&pool->mu); pthread_cond_destroy(&pool->cv);
    free(pool->threads); free(pool);
}

int32_t r1k_pool_threads(const r1k_pool *pool) { return pool ? pool->n : 1; }

void r1k_pool_run(r1k_pool *pool, void (*fn)(void *, int32_t, int32_t), void *ctx) {
    if (!pool || pool->n == 1) { fn(ctx, 0, 1); return; }
    pool->fn = fn; pool->ctx = ctx;
    atomic_store(&pool->done, 0);
    pthread_mutex_lock(&pool->mu);
    atomic_fetch_add_explicit(&pool->gen, 1, memory_order_release);
    pthread_cond_broadcast(&pool->cv);
    pthread_mutex_unlock(&pool->mu);
    fn(ctx, 0, pool->n);
    int spins = 0;
    while (atomic_load_explicit(&pool->done, memory_order_acquire) < pool->n - 1) {
        if (++spins < 100000) cpu_relax(); else sched_yield();
    }
}
