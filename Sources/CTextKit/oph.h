// One-permutation MinHash (ctk_oph_signature, hash.c) in its parts, for the kernels that make
// the hashes and their signature in one pass.
#ifndef CTK_OPH_H
#define CTK_OPH_H
#include <stdint.h>

static inline uint32_t ctk_fast_range(uint32_t x, int32_t k) { return (uint32_t)(((uint64_t)x * (uint64_t)k) >> 32); }

// The permuted hash of h: the hashes are shingle hashes, spread evenly already, so one multiply
// with the salt is the permutation (its upper half picks the bin, its lower half is the value).
static inline uint64_t ctk_oph_permute(uint64_t h, uint64_t salt) { return (h ^ salt) * 0x9E3779B97F4A7C15ULL; }

// Puts permuted hash x in its bin, if it is the bin's minimum; compiled for k a power of two (128
// by default: the bin is the product's top bits, what the fast range gives then) and for any k.
static inline __attribute__((always_inline)) void ctk_oph_put(uint32_t *sig, uint8_t *filled, int32_t k, uint64_t x,
                                                              int power_of_two) {
    const uint32_t bin = power_of_two ? (uint32_t)(x >> (64 - __builtin_ctz((unsigned)k))) : ctk_fast_range((uint32_t)(x >> 32), k);
    const uint32_t v = (uint32_t)x;
    // A conditional move, not a branch: whether a hash is its bin's new minimum is a coin toss
    // while the bins fill (the branch mispredicted for most of a short document's hashes).
    const uint32_t old = sig[bin];
    sig[bin] = v < old ? v : old;
    filled[bin] = 1;
}

// Puts hash h in its bin, if it is the bin's minimum.
static inline __attribute__((always_inline)) void ctk_oph_add(uint32_t *sig, uint8_t *filled, int32_t k, uint64_t h,
                                                              uint64_t salt, int power_of_two) {
    ctk_oph_put(sig, filled, k, ctk_oph_permute(h, salt), power_of_two);
}

// Empties the k bins (a bin is empty until a hash lands in it; UINT32_MAX is a possible value,
// so `filled` says which are taken) and returns the salt of `seed`.
uint64_t ctk_oph_begin(uint32_t *sig, uint8_t *filled, int32_t k, uint64_t seed);

// Fills each empty bin from the first filled bin that a hash sequence of (bin, attempt) reaches;
// at least one bin is filled.
void ctk_oph_densify(uint32_t *sig, const uint8_t *filled, int32_t k, uint64_t salt);
#endif
