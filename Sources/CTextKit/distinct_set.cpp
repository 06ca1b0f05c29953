// The hash set of distinct_set.h: its table.
#include "distinct_set.h"
#include <algorithm>
#include <vector>

// The table, this thread's. A table past `largest_set` slots (a document of a million shingles)
// is let go at the next use.
static thread_local std::vector<uint64_t> set_keys;
static thread_local std::vector<uint32_t> set_marks;
static thread_local uint32_t set_mark;
static const size_t largest_set = (size_t)1 << 21;

extern "C" void ctk_distinct_set_take(size_t n, ctk_distinct_set *set) {
    int bits = 4;
    while (((size_t)1 << bits) < 2 * n) bits++;
    const size_t slots = (size_t)1 << bits;
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
}
