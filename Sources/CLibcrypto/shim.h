#ifndef BOXOFFICE_CLIBCRYPTO_SHIM_H
#define BOXOFFICE_CLIBCRYPTO_SHIM_H
// OpenSSL's libcrypto, for SHA-256 of API keys (the keys themselves are never stored). Its types come from its own
// header; SHA256 is looked up at run time (see module.modulemap for why), with the exact type of the header's
// declaration (__typeof__), so a wrong signature cannot be written by hand here.
#include <dlfcn.h>
#include <stddef.h>
#include <openssl/sha.h>

typedef __typeof__(SHA256) bo_sha256_fn;

// SHA256 from libcrypto.so.3, or NULL with `*why` saying what failed (dlerror's text or the missing name).
static inline bo_sha256_fn *bo_crypto_load_sha256(const char **why) {
    void *lib = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) { const char *e = dlerror(); *why = e != NULL ? e : "libcrypto.so.3 could not be loaded"; return NULL; }
    bo_sha256_fn *f = (bo_sha256_fn *)dlsym(lib, "SHA256");
    if (f == NULL) *why = "SHA256 is missing from libcrypto.so.3";
    return f;
}
#endif
