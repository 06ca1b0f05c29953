// XXH64 (after Yann Collet's public algorithm description) and the MinHash kernel.
#include "ctextkit.h"
#include <string.h>

static const uint64_t P1 = 11400714785074694791ULL;
static const uint64_t P2 = 14029467366897019727ULL;
static const uint64_t P3 = 1609587929392839161ULL;
static const uint64_t P4 = 9650029242287828579ULL;
static const uint64_t P5 = 2870177450012600261ULL;

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t read64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint32_t read32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t round64(uint64_t acc, uint64_t input) {
    acc += input * P2;
    acc = rotl(acc, 31);
    return acc * P1;
}
static inline uint64_t merge64(uint64_t acc, uint64_t val) {
    acc ^= round64(0, val);
    return acc * P1 + P4;
}

uint64_t ctk_hash64(const void *data, size_t len, uint64_t seed) {
    const uint8_t *p = (const uint8_t *)data;
    const uint8_t *end = p + len;
    uint64_t h;
    if (len >= 32) {
        const uint8_t *limit = end - 32;
        uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
        do {
            v1 = round64(v1, read64(p)); p += 8;
            v2 = round64(v2, read64(p)); p += 8;
            v3 = round64(v3, read64(p)); p += 8;
            v4 = round64(v4, read64(p)); p += 8;
        } while (p <= limit);
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        h = merge64(h, v1); h = merge64(h, v2); h = merge64(h, v3); h = merge64(h, v4);
    } else {
        h = seed + P5;
    }
    h += (uint64_t)len;
    while (p + 8 <= end) {
        h ^= round64(0, read64(p));
        h = rotl(h, 27) * P1 + P4;
        p += 8;
    }
    if (p + 4 <= end) {
        h ^= (uint64_t)read32(p) * P1;
        h = rotl(h, 23) * P2 + P3;
        p += 4;
    }
    while (p < end) {
        h ^= (*p) * P5;
        h = rotl(h, 11) * P1;
        p++;
    }
    h ^= h >> 33; h *= P2;
    h ^= h >> 29; h *= P3;
    h ^= h >> 32;
    return h;
}

static inline uint64_t splitmix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

static inline uint32_t fast_range(uint32_t x, int32_t k) { return (uint32_t)(((uint64_t)x * (uint64_t)k) >> 32); }

void ctk_oph_signature(uint32_t *sig, int32_t k, const uint64_t *hashes, size_t n, uint64_t seed) {
    for (int32_t i = 0; i < k; i++) sig[i] = UINT32_MAX;
    if (n == 0 || k <= 0) return;
    // A bin is empty until a hash lands in it; UINT32_MAX is a possible value, so track it.
    uint8_t filled[k];
    memset(filled, 0, (size_t)k);
    const uint64_t salt = splitmix(seed);
    for (size_t j = 0; j < n; j++) {
        const uint64_t x = splitmix(hashes[j] ^ salt);
        const uint32_t bin = fast_range((uint32_t)(x >> 32), k);
        const uint32_t v = (uint32_t)x;
        if (v < sig[bin]) sig[bin] = v;
        filled[bin] = 1;
    }
    for (int32_t i = 0; i < k; i++) {
        if (filled[i]) continue;
        for (uint64_t attempt = 1;; attempt++) {
            const uint32_t j = fast_range((uint32_t)(splitmix(salt ^ ((uint64_t)i << 32 | attempt)) >> 32), k);
            if (filled[j]) { sig[i] = sig[j]; break; }
        }
    }
}
