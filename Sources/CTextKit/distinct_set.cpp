// The hash sets of distinct_set.h: their tables.
#include "distinct_set.h"
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

// The table, this thread's. A table past `largest_set` slots (a document of a million shingles)
// is let go at the next use. `set_mark` starts again at 1 when the table is made anew or the
// marks wrap; `set_use` counts every use, the ticket of ctk_distinct_set_current.
static thread_local std::vector<uint64_t> set_keys;
static thread_local std::vector<uint32_t> set_marks;
static thread_local uint32_t set_mark;
static thread_local uint64_t set_use;
static const size_t largest_set = (size_t)1 << 21;

// The slots of a table for n values: a power of two, at least 2n and 16.
static size_t slots_for(size_t n) {
    int bits = 4;
    while (((size_t)1 << bits) < 2 * n) bits++;
    return (size_t)1 << bits;
}

extern "C" void ctk_distinct_set_take(size_t n, ctk_distinct_set *set) {
    const size_t slots = slots_for(n);
    if (set_marks.size() > largest_set && slots <= largest_set) {
        std::vector<uint64_t>().swap(set_keys);
        std::vector<uint32_t>().swap(set_marks);
    }
    if (set_marks.size() < slots) {
        set_keys.resize(slots);
        set_marks.assign(slots, 0);
        set_mark = 0;
    }
    if (++set_mark == 0) {
        std::fill(set_marks.begin(), set_marks.end(), 0);
        set_mark = 1;
    }
    set->keys = set_keys.data();
    set->marks = set_marks.data();
    set->mark = set_mark;
    set->mask = slots - 1;
    set->use = ++set_use;
}

extern "C" int ctk_distinct_set_current(uint64_t use, size_t n, ctk_distinct_set *set) {
    const size_t slots = slots_for(n);
    if (use == 0 || use != set_use || set_marks.size() < slots) return 0;
    set->keys = set_keys.data();
    set->marks = set_marks.data();
    set->mark = set_mark;
    set->mask = slots - 1;
    set->use = use;
    return 1;
}

namespace {
// The bucket set's table, this thread's, 64-byte aligned (a bucket is one cache line), and the
// number of its last use; let go past `largest_set` slots as the other.
struct Table {
    uint64_t *keys = nullptr;
    size_t slots = 0;
    uint64_t use = 0;
    ~Table() { std::free(keys); }
};
thread_local Table table;
}

extern "C" void ctk_bucket_set_take(size_t n, ctk_bucket_set *set) {
    const size_t slots = slots_for(n);
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

extern "C" int ctk_bucket_set_current(uint64_t use, size_t n, ctk_bucket_set *set) {
    const size_t slots = slots_for(n);
    if (use == 0 || use != table.use || table.slots < slots) return 0;
    set->keys = table.keys;
    set->mask = slots / 8 - 1;
    set->use = use;
    return 1;
}
