/* batch_hash.h — the two hashes batch export uses: SHA-256 (FIPS 180-4) for output digests
 * and --skip-unchanged keys, and 64-bit FNV-1a for --shard (a stable hash of a profile id,
 * the same on every machine, byte order and run).
 *
 * SHA-256 is implemented here (about 100 lines, checked against the FIPS 180-2 vectors in
 * tests/test_batch_hash.c) rather than taken from libcrypto: it is not on a hot path (one
 * pass over each output file), and it keeps the core's dependencies at what a plugin host
 * needs. Nothing here allocates or prints.
 */
#ifndef DOSSIER_BATCH_HASH_H
#define DOSSIER_BATCH_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct batch_sha256 {
    uint32_t h[8];
    uint64_t length;      /* bytes hashed so far */
    unsigned char buf[64];
    size_t fill;
} batch_sha256;

#define BATCH_SHA256_HEX 65 /* 64 hex digits and the NUL */

void batch_sha256_init(batch_sha256 *c);
void batch_sha256_update(batch_sha256 *c, const void *data, size_t len);
void batch_sha256_final(batch_sha256 *c, unsigned char out[32]);
/* Lower-case hex of a digest into out[BATCH_SHA256_HEX]. */
void batch_sha256_hex(const unsigned char digest[32], char *out);
/* Digest of a whole file; false with errno set when it cannot be read. *size (optional)
 * receives its length in bytes. */
bool batch_sha256_file(const char *path, unsigned char out[32], long long *size);

/* 64-bit FNV-1a (offset basis 14695981039346656037, prime 1099511628211) of len bytes. */
uint64_t batch_fnv1a64(const void *data, size_t len);

#endif
