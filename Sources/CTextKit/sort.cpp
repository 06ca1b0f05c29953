// Sorting kernels over plain arrays, for Swift callers.
#include "ctextkit.h"
#include <algorithm>
#include <cstring>
#include <vector>

// Hashes are spread evenly over 64 bits, so one pass that scatters them by their top bits into
// buckets of a few elements each, then an insertion sort per bucket, sorts them in linear time
// (twice to four times faster than std::sort on the thousands of shingles of a document). A
// bucket that an uneven input fills is sorted by std::sort: the result is the same either way.

// The scatter by the top bits (n >= 64 values): copies them into a scratch array of this
// thread's, bucket after bucket, and returns it; sets *ends (per bucket, where it ends in the
// scratch array), *buckets and *largest (the most values in one bucket).
static uint64_t *scatter(const uint64_t *values, size_t n, const uint32_t **ends, size_t *buckets, uint32_t *largest) {
    int bits = 63 - __builtin_clzll((unsigned long long)n) - 1;
    if (bits > 16) bits = 16;
    *buckets = (size_t)1 << bits;
    const int shift = 64 - bits;
    thread_local std::vector<uint64_t> scratch;
    thread_local std::vector<uint32_t> starts;
    if (scratch.size() < n) scratch.resize(n);
    starts.assign(*buckets + 1, 0);
    uint32_t *start = starts.data();
    for (size_t i = 0; i < n; i++) start[(values[i] >> shift) + 1]++;
    uint32_t most = 0;
    for (size_t b = 0; b < *buckets; b++) {
        most = start[b + 1] > most ? start[b + 1] : most;
        start[b + 1] += start[b];
    }
    uint64_t *out = scratch.data();
    for (size_t i = 0; i < n; i++) out[start[values[i] >> shift]++] = values[i];
    // `start[b]` is now where bucket b ends.
    *ends = start;
    *largest = most;
    return out;
}

static void sort_hashes(uint64_t *values, size_t n) {
    if (n < 256) {
        std::sort(values, values + n);
        return;
    }
    const uint32_t *ends;
    size_t buckets;
    uint32_t largest;
    uint64_t *out = scatter(values, n, &ends, &buckets, &largest);
    size_t from = 0;
    for (size_t b = 0; b < buckets; b++) {
        size_t to = ends[b];
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

// Inserts the values of `from` (in an order where each is at most a few places from where it
// belongs) into `to` by insertion sort, leaving out repeats; returns the count written.
static size_t insert_unique(const uint64_t *from, size_t n, uint64_t *to) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const uint64_t x = from[i];
        size_t j = m;
        while (j > 0 && to[j - 1] > x) { to[j] = to[j - 1]; j--; }
        if (j > 0 && to[j - 1] == x) {
            // A repeat (rare in hashes): put back what moved.
            for (size_t k = j; k < m; k++) to[k] = to[k + 1];
            continue;
        }
        to[j] = x;
        m++;
    }
    return m;
}

// Sorting and removing repeats in one: after the scatter the scratch copy is sorted but for
// neighbours within a bucket, and an insertion sort over the whole of it, back into `values`,
// puts them in order and drops the repeats. Should a bucket hold many values (an uneven
// input), the sort with std::sort per bucket does instead.
extern "C" size_t ctk_sort_unique_u64(uint64_t *values, size_t n) {
    if (n < 64) return insert_unique(values, n, values);
    const uint32_t *ends;
    size_t buckets;
    uint32_t largest;
    const uint64_t *out = scatter(values, n, &ends, &buckets, &largest);
    if (largest > 32) {
        sort_hashes(values, n);
        return (size_t)(std::unique(values, values + n) - values);
    }
    // The first non-empty bucket's values by insertion with bounds checks; every later one has a
    // smaller value before it (one of an earlier bucket), which stops its insertion.
    size_t b = 0;
    while (ends[b] == 0) b++;
    const size_t first = ends[b];
    size_t m = insert_unique(out, first, values);
    for (size_t i = first; i < n; i++) {
        const uint64_t x = out[i];
        size_t j = m;
        while (values[j - 1] > x) { values[j] = values[j - 1]; j--; }
        if (values[j - 1] == x) {
            for (size_t k = j; k < m; k++) values[k] = values[k + 1];
            continue;
        }
        values[j] = x;
        m++;
    }
    return m;
}

extern "C" void ctk_sort_u64(uint64_t *values, size_t n) {
    sort_hashes(values, n);
}
