// Sorting kernels over plain arrays, for Swift callers.
#include "ctextkit.h"
#include <algorithm>

extern "C" size_t ctk_sort_unique_u64(uint64_t *values, size_t n) {
    std::sort(values, values + n);
    return (size_t)(std::unique(values, values + n) - values);
}

extern "C" void ctk_sort_u64(uint64_t *values, size_t n) {
    std::sort(values, values + n);
}
