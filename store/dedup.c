/*
 * dedup.c - the text-similarity half of the store's de-duplication: MinHash signatures of
 * a story's word shingles and their LSH band keys, so that reprints of one wire story with
 * small edits land in one cluster.  Pure functions, no allocation.  (The one-a-day filter
 * is a query, see store.c.)
 */
#include <string.h>

#include "store.h"

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

uint64_t dedup_text_hash(const char *text, size_t len)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)text[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* splitmix64's finaliser: a good bijective mixer of 64-bit values. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

/* Hash of the next word at or after *pos (lowercased); 0 when there is none. */
static int next_word(const char *text, size_t len, size_t *pos, uint64_t *hash)
{
    size_t i = *pos;
    while (i < len && !is_word_byte((unsigned char)text[i]))
        i++;
    if (i >= len) {
        *pos = len;
        return 0;
    }
    uint64_t h = FNV_OFFSET;
    while (i < len && is_word_byte((unsigned char)text[i])) {
        unsigned char c = (unsigned char)text[i++];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h ^= c;
        h *= FNV_PRIME;
    }
    *pos = i;
    *hash = h;
    return 1;
}

static void sig_add(uint64_t sig[STORE_MINHASH_K], uint64_t shingle)
{
    for (int k = 0; k < STORE_MINHASH_K; k++) {
        /* hash function k: the mixer applied to the shingle xor a per-k constant */
        uint64_t v = mix64(shingle ^ mix64((uint64_t)k + 0x9e3779b97f4a7c15ULL));
        if (v < sig[k])
            sig[k] = v;
    }
}

void dedup_minhash(const char *text, size_t len, uint64_t sig[STORE_MINHASH_K])
{
    for (int k = 0; k < STORE_MINHASH_K; k++)
        sig[k] = UINT64_MAX;
    if (!text)
        return;
    /* a ring of the last STORE_SHINGLE_WORDS word hashes */
    uint64_t ring[STORE_SHINGLE_WORDS];
    size_t words = 0, pos = 0;
    uint64_t w;
    while (next_word(text, len, &pos, &w)) {
        ring[words % STORE_SHINGLE_WORDS] = w;
        words++;
        if (words >= STORE_SHINGLE_WORDS) {
            uint64_t sh = 0;
            for (size_t j = words - STORE_SHINGLE_WORDS; j < words; j++)
                sh = mix64(sh ^ ring[j % STORE_SHINGLE_WORDS]);
            sig_add(sig, sh);
        }
    }
    if (words > 0 && words < STORE_SHINGLE_WORDS) {
        uint64_t sh = 0;
        for (size_t j = 0; j < words; j++)
            sh = mix64(sh ^ ring[j]);
        sig_add(sig, sh);
    }
}

double dedup_similarity(const uint64_t *a, const uint64_t *b)
{
    int same = 0;
    for (int k = 0; k < STORE_MINHASH_K; k++)
        same += a[k] == b[k];
    return (double)same / STORE_MINHASH_K;
}

int64_t dedup_band_key(const uint64_t *sig, int band)
{
    const int rows = STORE_MINHASH_K / STORE_LSH_BANDS;
    uint64_t h = mix64((uint64_t)band + 1);
    for (int r = 0; r < rows; r++)
        h = mix64(h ^ sig[band * rows + r]);
    /* SQLite integers are signed 64-bit: keep the bit pattern */
    int64_t key;
    memcpy(&key, &h, sizeof key);
    return key;
}
