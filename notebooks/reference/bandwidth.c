/* Memory read bandwidth of this machine on one and on two cores: the best of 5 sums of an 800 MB array of doubles
 * (streamed from memory) and of a 10 MB one (from cache). The bound quoted for KMeans k=4 on 1e5 x 100 in README.md
 * and reports/performance/README.md ("Kernels at every shape").
 *   gcc -O3 -march=native -fopenmp -o /tmp/bandwidth notebooks/reference/bandwidth.c && /tmp/bandwidth */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static void measure(const double *a, size_t n, const char *what) {
    for (int threads = 1; threads <= 2; threads++) {
        double best = 1e9, check = 0;
        for (int r = 0; r < 5; r++) {
            double s = 0, t = now();
#pragma omp parallel for num_threads(threads) reduction(+ : s) schedule(static)
            for (size_t i = 0; i < n; i++) s += a[i];
            double e = now() - t;
            if (e < best) best = e;
            check += s;
        }
        printf("%d core(s): %.1f GB/s (%s)%s\n", threads, n * sizeof(double) / best / 1e9, what, check < 0 ? "" : "");
    }
}

int main(void) {
    size_t n = 100000000; /* 800 MB */
    double *a = malloc(n * sizeof(double));
    if (!a) return 1;
    for (size_t i = 0; i < n; i++) a[i] = i * 1e-9;
    measure(a, n, "800 MB sum, from memory");
    measure(a, 1250000, "10 MB sum, from cache");
    free(a);
    return 0;
}
