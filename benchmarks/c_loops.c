/* The epochs of benchmarks/bench_epochs.py as a C programmer would write them, for a
 * floor to compare the trainer with: y = w*x^2 + b (two parameters), every epoch's
 * parameters, loss and gradient recorded as the trainer records them.
 *
 * Compiled at run time by bench_epochs.py (cc -O2 -shared -fPIC) and called through
 * ctypes; not part of QuadReg.
 *
 * full_batch: the full-batch gradient from the sufficient statistics (H, theta*,
 *   the least loss), as core/objective.py has them; optimizer 0 GD, 1 momentum,
 *   2 Nesterov, 3 AdaGrad, 4 RMSProp, 5 Adam, with optimizers.py's updates.
 * mini_batch: each epoch shuffles the points (Fisher-Yates, xorshift64*) and steps
 *   once per batch on the batch's gradient, summed over its points; the loss and
 *   gradient recorded are the full batch's at the epoch's start.  GD, momentum and
 *   Nesterov.
 */
#include <math.h>
#include <stdint.h>

static void step(int optimizer, double *t, double *g, double *s1, double *s2, long k,
                 double lr, double beta, double b1, double b2, double eps)
{
    for (int i = 0; i < 2; i++) {
        switch (optimizer) {
        case 0: t[i] -= lr * g[i]; break;
        case 1: s1[i] = beta * s1[i] + (1 - beta) * g[i]; t[i] -= lr * s1[i]; break;
        case 2:
            s1[i] = beta * s1[i] + (1 - beta) * g[i];
            t[i] -= lr * (beta * s1[i] + (1 - beta) * g[i]);
            break;
        case 3: s1[i] += g[i] * g[i]; t[i] -= lr * g[i] / (sqrt(s1[i]) + eps); break;
        case 4:
            s1[i] = b2 * s1[i] + (1 - b2) * g[i] * g[i];
            t[i] -= lr * g[i] / (sqrt(s1[i]) + eps);
            break;
        default: {
            double c1 = 1 - pow(b1, (double)(k + 1)), c2 = 1 - pow(b2, (double)(k + 1));
            s1[i] = b1 * s1[i] + (1 - b1) * g[i];
            s2[i] = b2 * s2[i] + (1 - b2) * g[i] * g[i];
            t[i] -= lr * (s1[i] / c1) / (sqrt(s2[i] / c2) + eps);
        }
        }
    }
}

static void record(const double *h, const double *star, double min_loss, const double *t,
                   double *g, double *loss)
{
    double d0 = t[0] - star[0], d1 = t[1] - star[1];
    g[0] = h[0] * d0 + h[1] * d1;
    g[1] = h[2] * d0 + h[3] * d1;
    *loss = min_loss + 0.5 * (d0 * g[0] + d1 * g[1]);
}

void full_batch(int optimizer, long epochs, const double *h, const double *star,
                double min_loss, double *t, double lr, double beta, double b1, double b2,
                double eps, double *params, double *losses, double *grads)
{
    double s1[2] = {0, 0}, s2[2] = {0, 0}, g[2];
    for (long k = 0; k < epochs; k++) {
        record(h, star, min_loss, t, g, &losses[k]);
        step(optimizer, t, g, s1, s2, k, lr, beta, b1, b2, eps);
        params[2 * k] = t[0], params[2 * k + 1] = t[1];
        grads[2 * k] = g[0], grads[2 * k + 1] = g[1];
    }
}

void mini_batch(int optimizer, long epochs, long n, long size, const double *x,
                const double *y, const double *h, const double *star, double min_loss,
                double *t, double lr, double beta, long *order, double *params,
                double *losses, double *grads)
{
    double s1[2] = {0, 0}, s2[2] = {0, 0}, g[2];
    uint64_t state = 88172645463325252ULL;
    for (long i = 0; i < n; i++) order[i] = i;
    for (long k = 0; k < epochs; k++) {
        record(h, star, min_loss, t, &grads[2 * k], &losses[k]);
        for (long i = n - 1; i > 0; i--) {
            state ^= state >> 12, state ^= state << 25, state ^= state >> 27;
            long j = (long)((state * 2685821657736338717ULL) % (uint64_t)(i + 1));
            long swap = order[i]; order[i] = order[j]; order[j] = swap;
        }
        for (long first = 0; first < n; first += size) {
            long last = first + size < n ? first + size : n;
            double a00 = 0, a01 = 0, a11 = 0, r0 = 0, r1 = 0;
            for (long p = first; p < last; p++) {
                double x2 = x[order[p]] * x[order[p]], yp = y[order[p]];
                a00 += x2 * x2, a01 += x2, a11 += 1, r0 += x2 * yp, r1 += yp;
            }
            g[0] = a00 * t[0] + a01 * t[1] - r0;
            g[1] = a01 * t[0] + a11 * t[1] - r1;
            step(optimizer, t, g, s1, s2, k, lr, beta, 0, 0, 0);
        }
        params[2 * k] = t[0], params[2 * k + 1] = t[1];
    }
}
