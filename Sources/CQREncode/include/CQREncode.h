#ifndef ATELIER_CQRENCODE_H
#define ATELIER_CQRENCODE_H

#include <stdint.h>

/// Encodes `text` (UTF-8, NUL-terminated) as a QR code with medium error correction. Writes the modules
/// row by row into `modules` (1 = dark), at most `capacity` bytes, and returns the side length, or -1 when the
/// text does not fit or the library fails.
int32_t atelier_qr_encode(const char *text, uint8_t *modules, int32_t capacity);

#endif
