// The random draws of the C++ kernels' self-checks.
#ifndef CTK_SEEDED_DRAWS_H
#define CTK_SEEDED_DRAWS_H
#include <cstdint>

// A small linear congruential generator for the checks: the same draws from a seed on every run.
struct SeededDraws {
    uint32_t state;
    uint32_t operator()() {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    }
};
#endif
