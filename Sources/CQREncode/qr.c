#include "CQREncode.h"
#include <qrencode.h>
#include <string.h>

int32_t atelier_qr_encode(const char *text, uint8_t *modules, int32_t capacity) {
    QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (code == NULL) return -1;
    int32_t side = code->width;
    if ((int64_t)side * side > capacity) { QRcode_free(code); return -1; }
    for (int32_t i = 0; i < side * side; i++) modules[i] = code->data[i] & 1;
    QRcode_free(code);
    return side;
}
