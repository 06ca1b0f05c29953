// SSE2 byte classes shared by the C and C++ kernels (every x86-64 has SSE2).
#ifndef CTK_SSE_BYTES_H
#define CTK_SSE_BYTES_H
#if defined(__x86_64__)
#include <emmintrin.h>

// 0xFF for each byte of v in lo..<lo + count (unsigned, count <= 128), else 0: the value less
// lo below count, as a signed compare of it shifted by 0x80.
static inline __m128i ctk_bytes_in_range(__m128i v, int lo, int count) {
    __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo)));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8((char)(-128 + count)));
}

// 0xFF for each byte of v that is an ASCII letter (its value with bit 0x20 set lies in
// 'a'..'z'), else 0.
static inline __m128i ctk_ascii_letters(__m128i v) {
    return ctk_bytes_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);
}
#endif
#endif
