#ifndef BOXOFFICE_CQRENCODE_SHIM_H
#define BOXOFFICE_CQRENCODE_SHIM_H
// libqrencode needs only libc, so linking it costs the picker's start-up nothing worth measuring.
#include <qrencode.h>
#endif
