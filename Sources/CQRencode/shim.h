#ifndef BOXOFFICE_CQRENCODE_SHIM_H
#define BOXOFFICE_CQRENCODE_SHIM_H
// libqrencode's types and constants come from its own header; its two functions are looked up at run time (see
// module.modulemap for why), each with the exact type of the header's declaration (__typeof__), so a wrong signature
// cannot be written by hand here.
#include <dlfcn.h>
#include <stddef.h>
#include <qrencode.h>

typedef struct {
    __typeof__(QRcode_encodeString) *encodeString;
    __typeof__(QRcode_free) *free;
} bo_qrencode_api;

// Fills `api` from libqrencode.so.4. Returns NULL on success, else what failed (dlerror's text or a missing name).
static inline const char *bo_qrencode_load(bo_qrencode_api *api) {
    void *lib = dlopen("libqrencode.so.4", RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) { const char *why = dlerror(); return why != NULL ? why : "libqrencode.so.4 could not be loaded"; }
    if ((api->encodeString = (__typeof__(QRcode_encodeString) *)dlsym(lib, "QRcode_encodeString")) == NULL)
        return "QRcode_encodeString is missing from libqrencode.so.4";
    if ((api->free = (__typeof__(QRcode_free) *)dlsym(lib, "QRcode_free")) == NULL)
        return "QRcode_free is missing from libqrencode.so.4";
    return NULL;
}
#endif
