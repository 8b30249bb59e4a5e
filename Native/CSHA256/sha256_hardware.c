// SHA-256 block compression with the x86 SHA extensions.
//
// The round structure follows Intel's description of the SHA extensions ("Intel SHA Extensions",
// Gulley et al., 2013): the state is kept as two vectors ABEF and CDGH, each sha256rnds2 does two
// rounds, and sha256msg1/sha256msg2 extend the message schedule four words at a time. The code is
// compiled for the SHA target through a function attribute, so the rest of the package needs no
// special compiler flags and the function is only called after the CPUID check.
#include "CSHA256.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>

int csha256_hardware_available(void) {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
  if (__get_cpuid_max(0, 0) < 7) return 0;
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  int sha = (ebx >> 29) & 1;
  return ssse3 && sse41 && sha;
}

static const uint32_t K[64] __attribute__((aligned(16))) = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Four rounds (group j) with the message words in M: two sha256rnds2, each taking two words.
#define ROUNDS(j, M)                                                     \
  tmp = _mm_add_epi32((M), _mm_load_si128((const __m128i *)&K[4 * (j)])); \
  cdgh = _mm_sha256rnds2_epu32(cdgh, abef, tmp);                         \
  tmp = _mm_shuffle_epi32(tmp, 0x0E);                                    \
  abef = _mm_sha256rnds2_epu32(abef, cdgh, tmp)

// The next four schedule words, written over the oldest vector M4:
// W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16].
#define SCHEDULE(M4, M3, M2, M1) \
  M4 = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(M4, M3), _mm_alignr_epi8(M1, M2, 4)), M1)

__attribute__((target("sha,sse4.1,ssse3")))
void csha256_hardware_compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
  const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);
  __m128i cdgh = _mm_loadu_si128((const __m128i *)&state[4]);
  tmp = _mm_shuffle_epi32(tmp, 0xB1);           // CDAB
  cdgh = _mm_shuffle_epi32(cdgh, 0x1B);         // EFGH
  __m128i abef = _mm_alignr_epi8(tmp, cdgh, 8); // ABEF
  cdgh = _mm_blend_epi16(cdgh, tmp, 0xF0);      // CDGH

  for (; blocks > 0; blocks--, data += 64) {
    const __m128i abefStart = abef, cdghStart = cdgh;
    __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byteSwap);
    __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byteSwap);
    __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byteSwap);
    __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byteSwap);
    ROUNDS(0, m0);
    ROUNDS(1, m1);
    ROUNDS(2, m2);
    ROUNDS(3, m3);
    for (int j = 4; j < 16; j += 4) {
      SCHEDULE(m0, m1, m2, m3);
      ROUNDS(j, m0);
      SCHEDULE(m1, m2, m3, m0);
      ROUNDS(j + 1, m1);
      SCHEDULE(m2, m3, m0, m1);
      ROUNDS(j + 2, m2);
      SCHEDULE(m3, m0, m1, m2);
      ROUNDS(j + 3, m3);
    }
    abef = _mm_add_epi32(abef, abefStart);
    cdgh = _mm_add_epi32(cdgh, cdghStart);
  }

  tmp = _mm_shuffle_epi32(abef, 0x1B);      // FEBA
  cdgh = _mm_shuffle_epi32(cdgh, 0xB1);     // DCHG
  abef = _mm_blend_epi16(tmp, cdgh, 0xF0);  // DCBA
  cdgh = _mm_alignr_epi8(cdgh, tmp, 8);     // HGFE
  _mm_storeu_si128((__m128i *)&state[0], abef);
  _mm_storeu_si128((__m128i *)&state[4], cdgh);
}

#else

int csha256_hardware_available(void) { return 0; }

void csha256_hardware_compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
  (void)state;
  (void)data;
  (void)blocks;
}

#endif
