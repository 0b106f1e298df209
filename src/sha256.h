/* sha256.h -- SHA-256 (FIPS 180-4), written for stackc: function code directories
 * are hashed to build content-addressed S3 keys ("<function>-<sha256>.zip"). */
#ifndef STACKC_SHA256_H
#define STACKC_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint32_t h[8];       /* chaining state                  */
  uint64_t nbytes;     /* message length so far, in bytes */
  uint8_t block[64];   /* pending partial block           */
  size_t nblock;       /* bytes used in block             */
} Sha256;

void sha256_init(Sha256 *s);
void sha256_update(Sha256 *s, const void *data, size_t n);
void sha256_final(Sha256 *s, uint8_t out[32]);   /* s must be re-initialised to reuse */

/* One-shot digest of n bytes. */
void sha256(const void *data, size_t n, uint8_t out[32]);
/* Lower-case hex of a digest; hex[64] is set to '\0'. */
void sha256_hex(const uint8_t d[32], char hex[65]);

#endif
