// The 64-bit finalizer shared by the C kernels (splitmix64's): every input bit affects every
// output bit. Shingler.mix in Swift is the same function.
#ifndef CTK_MIX_H
#define CTK_MIX_H
#include <stdint.h>

static inline uint64_t splitmix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}
#endif
