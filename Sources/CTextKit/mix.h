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

// The finalizer of a shingle: its window of token hashes (splitmix64 outputs, rotated and
// XORed) is spread evenly already, so one multiply and a fold of the high half into the low
// half do (a bijection, as splitmix64 is: the shingles that collide are the windows that do).
// Shingler.shingleMix in Swift is the same function.
static inline uint64_t shingle_mix(uint64_t x) {
    x *= 0xD6E8FEB86659FD93ULL;
    return x ^ (x >> 32);
}
#endif
