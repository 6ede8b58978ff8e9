// OpenSSL's libcrypto, for SHA-256 of API keys (the keys themselves are never stored).
#include <openssl/sha.h>
