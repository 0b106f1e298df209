/* test_sha256.c -- FIPS 180-4 / NIST example vectors for sha256.c, one-shot and
 * incremental (including odd chunk sizes across block boundaries). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "sha256.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>



static void check(const char *what, const void *data, size_t n, const char *want) {
  uint8_t d[32];
  char hex[65];
  sha256(data, n, d);
  sha256_hex(d, hex);
  if (strcmp(hex, want) != 0)
    fprintf(stderr, "%s: one-shot got %s want %s\n", what, hex, want);
  ASSERT(strcmp(hex, want) == 0);

  /* incremental, in chunks of 1, 3, 63, 64, 65 bytes */
  static const size_t chunks[] = {1, 3, 63, 64, 65};
  for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
    Sha256 s;
    sha256_init(&s);
    const unsigned char *p = data;
    size_t left = n;
    while (left) {
      size_t k = left < chunks[c] ? left : chunks[c];
      sha256_update(&s, p, k);
      p += k;
      left -= k;
    }
    sha256_final(&s, d);
    sha256_hex(d, hex);
    if (strcmp(hex, want) != 0)
      fprintf(stderr, "%s: chunk %zu got %s want %s\n", what, chunks[c], hex, want);
    ASSERT(strcmp(hex, want) == 0);
  }
}

int main(void) {
  check("empty", "", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  check("abc", "abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  check("448-bit", m448, strlen(m448),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                     "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
  check("896-bit", m896, strlen(m896),
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  size_t n = 1000000;
  char *a = malloc(n);
  ASSERT(a != NULL);
  if (a) {
    memset(a, 'a', n);
    check("million a", a, n, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
  }
  /* 55/56/64-byte messages exercise both padding branches */
  char buf[64];
  memset(buf, 'x', sizeof buf);
  uint8_t d1[32], d2[32];
  for (size_t len = 54; len <= 64; len++) {
    Sha256 s;
    sha256(buf, len, d1);
    sha256_init(&s);
    sha256_update(&s, buf, len / 2);
    sha256_update(&s, buf + len / 2, len - len / 2);
    sha256_final(&s, d2);
    ASSERT(memcmp(d1, d2, 32) == 0);
  }
  check("55 x", buf, 55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
  check("56 x", buf, 56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
  check("64 x", buf, 64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
  return test_summary();
}
