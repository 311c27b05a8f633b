// Matching keys, collation, locale names and plural rules over ICU (see CAtelierICU.h).
#include "CAtelierICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/uldnames.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

// MARK: - Folding

// Letters that Arabic-script keyboards produce interchangeably (Arabic, Persian, Dari, Pashto layouts), and
// the hamza forms of alef that people often leave out.
static UChar32 unify_arabic(UChar32 c) {
    switch (c) {
    case 0x06CC: case 0x0649: return 0x064A;           // ی ى -> ي
    case 0x06A9: return 0x0643;                          // ک -> ك
    case 0x0629: case 0x06C0: return 0x0647;             // ة ۀ -> ه
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;  // أ إ آ ٱ -> ا
    default: return c;
    }
}

static int is_ignored_arabic_mark(UChar32 c) {
    return c == 0x0640 ||                   // tatweel
           (c >= 0x064B && c <= 0x065F) ||  // harakat
           c == 0x0670 ||                   // superscript alef
           (c >= 0x06D6 && c <= 0x06ED && c != 0x06DD && c != 0x06DE && c != 0x06E5 && c != 0x06E6 && c != 0x06E9);
}

int32_t atelier_fold(const uint16_t *units, int32_t length, int32_t turkic, uint16_t *result, int32_t capacity) {
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&error);
    if (U_FAILURE(error)) return -error;
    UChar *source = (UChar *)units;
    UChar *folded = NULL;
    if (turkic) {
        // Turkish and Azeri: I folds to dotless ı and İ to i, before NFKC_Casefold could make I an i.
        int32_t n = u_strFoldCase(NULL, 0, (const UChar *)units, length, U_FOLD_CASE_EXCLUDE_SPECIAL_I, &error);
        error = U_ZERO_ERROR;
        folded = (UChar *)malloc(sizeof(UChar) * (size_t)(n + 1));
        if (folded == NULL) return -U_MEMORY_ALLOCATION_ERROR;
        length = u_strFoldCase(folded, n + 1, (const UChar *)units, length, U_FOLD_CASE_EXCLUDE_SPECIAL_I, &error);
        if (U_FAILURE(error)) { free(folded); return -error; }
        source = folded;
    }
    int32_t needed = unorm2_normalize(nfkc_cf, source, length, NULL, 0, &error);
    error = U_ZERO_ERROR;
    UChar *normal = (UChar *)malloc(sizeof(UChar) * (size_t)(needed + 1));
    if (normal == NULL) { free(folded); return -U_MEMORY_ALLOCATION_ERROR; }
    needed = unorm2_normalize(nfkc_cf, source, length, normal, needed + 1, &error);
    free(folded);
    if (U_FAILURE(error)) { free(normal); return -error; }
    int32_t i = 0, o = 0;
    UBool overflow = 0;
    while (i < needed) {
        UChar32 c;
        U16_NEXT(normal, i, needed, c);
        if (is_ignored_arabic_mark(c)) continue;
        c = unify_arabic(c);
        if (c >= 0x80 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) c = '0' + u_charDigitValue(c);
        if (o + U16_LENGTH(c) > capacity) { overflow = 1; o += U16_LENGTH(c); continue; }
        U16_APPEND(result, o, capacity, c, overflow);
    }
    free(normal);
    return o;
}

// MARK: - Collation

struct AtelierCollator { UCollator *collator; };

AtelierCollator *atelier_collator_open(const char *locale) {
    UErrorCode error = U_ZERO_ERROR;
    UCollator *collator = ucol_open(locale, &error);
    if (U_FAILURE(error)) return NULL;
    ucol_setStrength(collator, UCOL_PRIMARY);
    ucol_setAttribute(collator, UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, &error);
    if (U_FAILURE(error)) { ucol_close(collator); return NULL; }
    AtelierCollator *box = (AtelierCollator *)malloc(sizeof(AtelierCollator));
    if (box == NULL) { ucol_close(collator); return NULL; }
    box->collator = collator;
    return box;
}

void atelier_collator_close(AtelierCollator *box) {
    if (box == NULL) return;
    ucol_close(box->collator);
    free(box);
}

int32_t atelier_collator_key(AtelierCollator *box, const uint16_t *text, int32_t length, uint8_t *out,
                             int32_t capacity) {
    if (box == NULL) return -U_ILLEGAL_ARGUMENT_ERROR;
    int32_t n = ucol_getSortKey(box->collator, (const UChar *)text, length, out, capacity < 0 ? 0 : capacity);
    if (n > capacity) return n;  // ICU wrote nothing usable: `n` (the zero included) is the capacity to retry with
    return n > 0 ? n - 1 : 0;    // drop the terminating zero
}

// MARK: - Locales

int32_t atelier_locale_display_name(const char *locale, const char *display_locale, uint16_t *out, int32_t capacity) {
    UErrorCode error = U_ZERO_ERROR;
    // Dialect names ("دری" for fa_AF, not "فارسی (افغانستان)"), capitalised as in a menu ("Français").
    UDisplayContext contexts[] = {UDISPCTX_DIALECT_NAMES, UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU};
    ULocaleDisplayNames *names = uldn_openForContext(display_locale, contexts, 2, &error);
    if (U_FAILURE(error)) return -error;
    int32_t n = uldn_localeDisplayName(names, locale, (UChar *)out, capacity, &error);
    uldn_close(names);
    if (error == U_BUFFER_OVERFLOW_ERROR || error == U_STRING_NOT_TERMINATED_WARNING) return n;
    return U_FAILURE(error) ? -error : n;
}

int32_t atelier_locale_is_rtl(const char *locale) { return uloc_isRightToLeft(locale) ? 1 : 0; }

int32_t atelier_locale_is_available(const char *locale) {
    char language[ULOC_LANG_CAPACITY];
    UErrorCode error = U_ZERO_ERROR;
    uloc_getLanguage(locale, language, sizeof language, &error);
    if (U_FAILURE(error) || language[0] == 0) return 0;
    int32_t count = uloc_countAvailable();
    for (int32_t i = 0; i < count; i++) {
        char available[ULOC_LANG_CAPACITY];
        UErrorCode e = U_ZERO_ERROR;
        uloc_getLanguage(uloc_getAvailable(i), available, sizeof available, &e);
        if (U_SUCCESS(e) && strcmp(available, language) == 0) return 1;
    }
    return 0;
}

// MARK: - Plurals

int32_t atelier_plural_select(const char *locale, double number, char *out, int32_t capacity) {
    UErrorCode error = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &error);
    if (U_FAILURE(error)) return -error;
    UChar keyword[32];
    int32_t n = uplrules_select(rules, number, keyword, 32, &error);
    uplrules_close(rules);
    if (U_FAILURE(error)) return -error;
    if (n + 1 > capacity) return n;
    u_UCharsToChars(keyword, out, n);
    out[n] = 0;
    return n;
}

int32_t atelier_plural_categories(const char *locale, char *out, int32_t capacity) {
    UErrorCode error = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &error);
    if (U_FAILURE(error)) return -error;
    UEnumeration *keywords = uplrules_getKeywords(rules, &error);
    // `o` counts every keyword; one is written only when it and the NUL after it fit, so once one does not,
    // none after it does either and the returned length tells the caller.
    int32_t o = 0;
    const char *keyword;
    int32_t length;
    while (U_SUCCESS(error) && (keyword = uenum_next(keywords, &length, &error)) != NULL) {
        int32_t separator = o > 0 ? 1 : 0;
        if (o + separator + length < capacity) {
            if (separator) out[o] = ' ';
            memcpy(out + o + separator, keyword, (size_t)length);
        }
        o += separator + length;
    }
    if (o < capacity) out[o] = 0;
    uenum_close(keywords);
    uplrules_close(rules);
    return U_FAILURE(error) ? -error : o;
}
