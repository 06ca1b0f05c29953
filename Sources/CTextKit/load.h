// Unaligned little-endian loads shared by the C kernels (the first byte lowest, whatever the
// host's byte order).
#ifndef CTK_LOAD_H
#define CTK_LOAD_H
#include <stdint.h>
#include <string.h>

static inline uint32_t ctk_load_le32(const uint8_t *p) {
    uint32_t w;
    memcpy(&w, p, 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap32(w);
#endif
    return w;
}

static inline uint64_t ctk_load_le64(const uint8_t *p) {
    uint64_t w;
    memcpy(&w, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}
#endif
