// The hash set of distinct_set.h: its table.
#include "distinct_set.h"
#include <cstdlib>
#include <cstring>

namespace {
// The table, this thread's, 64-byte aligned (a bucket is one cache line), and the number of its
// last use. A table past `largest_set` slots (a document of a million shingles) is let go at the
// next use.
struct Table {
    uint64_t *keys = nullptr;
    size_t slots = 0;
    uint64_t use = 0;
    ~Table() { std::free(keys); }
};
thread_local Table table;
const size_t largest_set = (size_t)1 << 21;
}

extern "C" void ctk_distinct_set_take(size_t n, ctk_distinct_set *set) {
    int bits = 4;
    while (((size_t)1 << bits) < 2 * n) bits++;
    const size_t slots = (size_t)1 << bits;
    if (table.slots < slots || (table.slots > largest_set && slots <= largest_set)) {
        std::free(table.keys);
        table.keys = static_cast<uint64_t *>(std::aligned_alloc(64, slots * sizeof(uint64_t)));
        if (table.keys == nullptr) std::abort();
        // Tags of use 0: every bucket empty for the uses from 1 on.
        std::memset(table.keys, 0, slots * sizeof(uint64_t));
        table.slots = slots;
    }
    set->keys = table.keys;
    set->mask = slots / 8 - 1;
    set->use = ++table.use;
}
