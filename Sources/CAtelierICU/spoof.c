// Confusable skeletons over ICU's spoof checker (see CAtelierICU.h): UTS #39's data, not a table of our own.
#include "CAtelierICU.h"

#include <pthread.h>
#include <unicode/uspoof.h>

// One checker for the process: opening it loads the confusables data, and a configured checker is safe to
// use from several threads at once as long as nobody changes it (ICU's uspoof.h, "Thread Safety").
static USpoofChecker *spoof_checker = NULL;
static UErrorCode spoof_open_status = U_ZERO_ERROR;
static pthread_once_t spoof_once = PTHREAD_ONCE_INIT;

static void spoof_open(void) {
    spoof_checker = uspoof_open(&spoof_open_status);
    if (U_FAILURE(spoof_open_status)) spoof_checker = NULL;
}

int32_t atelier_confusable_skeleton(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity) {
    pthread_once(&spoof_once, spoof_open);
    if (spoof_checker == NULL) return U_FAILURE(spoof_open_status) ? -(int32_t)spoof_open_status : -(int32_t)U_INTERNAL_PROGRAM_ERROR;
    if (length < 0 || capacity < 0 || (out == NULL && capacity != 0)) return -(int32_t)U_ILLEGAL_ARGUMENT_ERROR;
    UErrorCode status = U_ZERO_ERROR;
    // The type argument is ignored since ICU 58 (one skeleton for every case).
    int32_t needed = uspoof_getSkeleton(spoof_checker, 0, (const UChar *)text, length, (UChar *)out, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -(int32_t)status;
    return needed;
}
