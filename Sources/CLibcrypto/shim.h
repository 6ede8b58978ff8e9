// OpenSSL's libcrypto, for SHA-256 of API keys (the keys themselves are never stored) and SHA-1 naming the Lua
// scripts as Redis does (SHA1_Init and friends: deprecated in OpenSSL 3, but they need no provider loaded).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
