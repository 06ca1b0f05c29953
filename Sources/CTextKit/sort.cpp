// Sorting kernels over plain arrays, for Swift callers.
#include "ctextkit.h"
#include <algorithm>
#include <cstring>
#include <vector>

// Hashes are spread evenly over 64 bits, so one pass that scatters them by their top bits into
// buckets of a few elements each, then an insertion sort per bucket, sorts them in linear time
// (twice to four times faster than std::sort on the thousands of shingles of a document). A
// bucket that an uneven input fills is sorted by std::sort: the result is the same either way.
static void sort_hashes(uint64_t *values, size_t n) {
    if (n < 256) {
        std::sort(values, values + n);
        return;
    }
    int bits = 63 - __builtin_clzll((unsigned long long)n) - 1;
    if (bits > 16) bits = 16;
    const size_t buckets = (size_t)1 << bits;
    const int shift = 64 - bits;
    thread_local std::vector<uint64_t> scratch;
    thread_local std::vector<uint32_t> starts;
    if (scratch.size() < n) scratch.resize(n);
    starts.assign(buckets + 1, 0);
    uint32_t *start = starts.data();
    for (size_t i = 0; i < n; i++) start[(values[i] >> shift) + 1]++;
    for (size_t b = 0; b < buckets; b++) start[b + 1] += start[b];
    uint64_t *out = scratch.data();
    for (size_t i = 0; i < n; i++) out[start[values[i] >> shift]++] = values[i];
    // `start[b]` is now where bucket b ends.
    size_t from = 0;
    for (size_t b = 0; b < buckets; b++) {
        size_t to = start[b];
        if (to - from > 48) {
            std::sort(out + from, out + to);
        } else {
            for (size_t i = from + 1; i < to; i++) {
                uint64_t x = out[i];
                size_t j = i;
                while (j > from && out[j - 1] > x) { out[j] = out[j - 1]; j--; }
                out[j] = x;
            }
        }
        from = to;
    }
    std::memcpy(values, out, n * sizeof(uint64_t));
}

extern "C" size_t ctk_sort_unique_u64(uint64_t *values, size_t n) {
    sort_hashes(values, n);
    return (size_t)(std::unique(values, values + n) - values);
}

extern "C" void ctk_sort_u64(uint64_t *values, size_t n) {
    sort_hashes(values, n);
}
