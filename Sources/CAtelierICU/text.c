// Grapheme clusters, widths, line breaks, sanitising and bidi over ICU (see CAtelierICU.h).
#include "CAtelierICU.h"

#include <string.h>
#include <stdlib.h>
#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/ushape.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/uversion.h>

void atelier_icu_version(char *out, int32_t capacity) {
    UVersionInfo version;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(version);
    u_versionToString(version, text);
    strncpy(out, text, (size_t)capacity);
    if (capacity > 0) out[capacity - 1] = 0;
}

const char *atelier_error_name(int32_t code) { return u_errorName((UErrorCode)code); }

// Break iterators are expensive to open and cheap to reuse: one of each kind per thread.
static __thread UBreakIterator *character_iterator;
static __thread UBreakIterator *line_iterator;

static UBreakIterator *iterator(UBreakIterator **slot, UBreakIteratorType type) {
    if (*slot == NULL) {
        UErrorCode error = U_ZERO_ERROR;
        *slot = ubrk_open(type, "", NULL, 0, &error);
        if (U_FAILURE(error)) *slot = NULL;
    }
    return *slot;
}

// MARK: - Width

int32_t atelier_codepoint_width(uint32_t cp) {
    UChar32 c = (UChar32)cp;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
    if (c < 0x300) return c == 0xAD ? 0 : 1;
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return 0;
    int32_t hangul = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    if (hangul == U_HST_VOWEL_JAMO || hangul == U_HST_TRAILING_JAMO) return 0;
    int32_t east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) return 2;
    if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) return 2;
    return 1;
}

static int is_regional_indicator(UChar32 c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
static int is_emoji_modifier(UChar32 c) { return c >= 0x1F3FB && c <= 0x1F3FF; }

// A terminal draws an emoji sequence (VS16, flag, ZWJ, skin tone, keycap) in two cells; anything else
// takes the sum of its code points' widths (a base letter plus zero-width marks, or spacing marks).
static uint8_t cluster_width(const UChar *text, int32_t start, int32_t end) {
    UChar32 first;
    int32_t i = start;
    U16_NEXT(text, i, end, first);
    if (i == end) return (uint8_t)atelier_codepoint_width((uint32_t)first);
    int emoji_base = u_hasBinaryProperty(first, UCHAR_EMOJI);
    if (is_regional_indicator(first)) return 2;
    if (u_hasBinaryProperty(first, UCHAR_EMOJI_PRESENTATION)) return 2;
    int32_t width = atelier_codepoint_width((uint32_t)first);
    while (i < end) {
        UChar32 c;
        U16_NEXT(text, i, end, c);
        if (emoji_base && (c == 0xFE0F || c == 0x200D || is_emoji_modifier(c) || c == 0x20E3)) return 2;
        width += atelier_codepoint_width((uint32_t)c);
    }
    return (uint8_t)(width > 255 ? 255 : width);
}

// MARK: - Grapheme clusters

// Below U+0300 no character extends a cluster or prepends to one, so between two such code units there
// is always a boundary (but for CR LF): that path skips ICU for Latin text, which is most of the text.
static int trivial_boundary(const UChar *text, int32_t i) {
    return text[i - 1] < 0x300 && text[i] < 0x300 && !(text[i - 1] == 0x0D && text[i] == 0x0A);
}

int32_t atelier_clusters(const uint16_t *units, int32_t length, int32_t *starts, uint8_t *widths) {
    const UChar *text = (const UChar *)units;
    int32_t count = 0;
    int32_t i = 0;
    while (i < length) {
        if (text[i] < 0x300 && (i + 1 == length || trivial_boundary(text, i + 1))) {
            starts[count] = i;
            widths[count] = (uint8_t)atelier_codepoint_width(text[i]);
            count++;
            i++;
            continue;
        }
        int32_t end = i + 1;
        while (end < length && !trivial_boundary(text, end)) end++;
        UBreakIterator *bi = iterator(&character_iterator, UBRK_CHARACTER);
        UErrorCode error = U_ZERO_ERROR;
        if (bi) ubrk_setText(bi, text + i, end - i, &error);
        if (bi == NULL || U_FAILURE(error)) {
            // Without ICU data every code point stands alone: degraded, never wrong about memory.
            while (i < end) {
                int32_t s = i;
                UChar32 c;
                U16_NEXT(text, i, end, c);
                starts[count] = s;
                widths[count++] = (uint8_t)atelier_codepoint_width((uint32_t)c);
            }
            continue;
        }
        int32_t previous = 0;
        for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
            starts[count] = i + previous;
            widths[count++] = cluster_width(text, i + previous, i + b);
            previous = b;
        }
        i = end;
    }
    starts[count] = length;
    return count;
}

// MARK: - Line breaks

int32_t atelier_line_breaks(const uint16_t *units, int32_t length, int32_t *positions, uint8_t *mandatory) {
    const UChar *text = (const UChar *)units;
    if (length == 0) return 0;
    UBreakIterator *bi = iterator(&line_iterator, UBRK_LINE);
    UErrorCode error = U_ZERO_ERROR;
    if (bi) ubrk_setText(bi, text, length, &error);
    if (bi == NULL || U_FAILURE(error)) {
        positions[0] = length;
        mandatory[0] = 0;
        return 1;
    }
    int32_t count = 0;
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        int32_t status = ubrk_getRuleStatus(bi);
        positions[count] = b;
        mandatory[count++] = (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT) ? 1 : 0;
    }
    return count;
}

int32_t atelier_bare_line_break_count(const uint16_t *units, int32_t length) {
    UBreakIterator *bi = iterator(&line_iterator, UBRK_LINE);
    UErrorCode error = U_ZERO_ERROR;
    if (bi == NULL) return -1;
    ubrk_setText(bi, (const UChar *)units, length, &error);
    if (U_FAILURE(error)) return -error;
    int32_t count = 0;
    while (ubrk_next(bi) != UBRK_DONE) count++;
    return count;
}

// MARK: - Sanitising

static int is_bidi_control(UChar32 c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

static int is_noncharacter(UChar32 c) { return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE; }

// Skips an escape or control sequence that begins at `i` (just after ESC or a C1 introducer). `kind` is the
// introducer: '[' for CSI, ']' 'P' 'X' '^' '_' for the string commands, 0 for a plain ESC sequence.
static int32_t skip_sequence(const UChar *text, int32_t i, int32_t length, UChar kind) {
    if (kind == '[') {
        while (i < length && text[i] >= 0x20 && text[i] <= 0x3F) i++;  // parameters and intermediates
        if (i < length && text[i] >= 0x40 && text[i] <= 0x7E) i++;      // final byte
        return i;
    }
    if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
        // A string ends at BEL, ST (ESC \ or U+009C); we also stop at a line end so that an unterminated
        // string cannot swallow the rest of a lesson.
        while (i < length) {
            UChar c = text[i];
            if (c == 0x07 || c == 0x9C) return i + 1;
            if (c == 0x1B && i + 1 < length && text[i + 1] == '\\') return i + 2;
            if (c == 0x0A || c == 0x0D) return i;
            i++;
        }
        return i;
    }
    while (i < length && text[i] >= 0x20 && text[i] <= 0x2F) i++;  // intermediates, as in ESC ( B
    if (i < length && text[i] >= 0x30 && text[i] <= 0x7E) i++;
    return i;
}

int32_t atelier_sanitize(const uint16_t *units, int32_t length, uint16_t *result) {
    const UChar *text = (const UChar *)units;
    UChar *out = (UChar *)result;
    int32_t o = 0, i = 0, column = 0, marks = 0;
    while (i < length) {
        UChar32 c;
        U16_NEXT(text, i, length, c);
        if (c >= 0x20 && c < 0x7F) {  // the common case first
            out[o++] = (UChar)c;
            column++;
            marks = 0;
            continue;
        }
        if (c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029) {
            if (c == 0x0D && i < length && text[i] == 0x0A) i++;
            out[o++] = 0x0A;
            column = 0;
            marks = 0;
            continue;
        }
        if (c == 0x09) {
            do { out[o++] = 0x20; } while (++column % 8 != 0);
            continue;
        }
        if (c == 0x1B) {
            if (i < length && text[i] >= 0x20 && text[i] <= 0x7E) {
                UChar kind = text[i];
                if (kind == '[' || kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
                    i = skip_sequence(text, i + 1, length, kind);
                } else {
                    i = skip_sequence(text, i, length, 0);
                }
            }
            continue;
        }
        if (c >= 0x80 && c <= 0x9F) {
            if (c == 0x9B) i = skip_sequence(text, i, length, '[');
            else if (c == 0x9D) i = skip_sequence(text, i, length, ']');
            else if (c == 0x90 || c == 0x98 || c == 0x9E || c == 0x9F) i = skip_sequence(text, i, length, 'P');
            continue;
        }
        if (c < 0x20 || c == 0x7F || is_bidi_control(c) || c == 0xFEFF) continue;
        if (U_IS_SURROGATE(c) || is_noncharacter(c)) c = 0xFFFD;
        int8_t type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK) {
            if (++marks > 16) continue;  // "Zalgo" text: a pile of marks spills over other lines
        } else {
            marks = 0;
        }
        U16_APPEND_UNSAFE(out, o, c);
        column += atelier_codepoint_width((uint32_t)c);
    }
    return o;
}

// MARK: - Bidi

static int is_rtl_direction(UCharDirection d) {
    return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC || d == U_RIGHT_TO_LEFT_EMBEDDING ||
           d == U_RIGHT_TO_LEFT_OVERRIDE || d == U_RIGHT_TO_LEFT_ISOLATE || d == U_ARABIC_NUMBER;
}

int32_t atelier_has_rtl(const uint16_t *units, int32_t length) {
    const UChar *text = (const UChar *)units;
    int32_t i = 0;
    while (i < length) {
        if (text[i] < 0x590) {
            i++;
            continue;
        }
        UChar32 c;
        U16_NEXT(text, i, length, c);
        if (is_rtl_direction(u_charDirection(c))) return 1;
    }
    return 0;
}

int32_t atelier_first_strong(const uint16_t *units, int32_t length) {
    const UChar *text = (const UChar *)units;
    int32_t i = 0;
    while (i < length) {
        UChar32 c;
        U16_NEXT(text, i, length, c);
        UCharDirection d = u_charDirection(c);
        if (d == U_LEFT_TO_RIGHT) return 1;
        if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return 2;
    }
    return 0;
}

static __thread UBiDi *line_bidi;

int32_t atelier_visual_line(const uint16_t *units, int32_t length, int32_t rtl, int32_t shape, uint16_t *result,
                            int32_t capacity) {
    UErrorCode error = U_ZERO_ERROR;
    const UChar *text = (const UChar *)units;
    UChar *shaped = NULL;
    if (shape) {
        shaped = (UChar *)malloc(sizeof(UChar) * (size_t)(length + 1));
        if (shaped == NULL) return -U_MEMORY_ALLOCATION_ERROR;
        int32_t n = u_shapeArabic(text, length, shaped, length + 1,
                                  U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL |
                                      U_SHAPE_LENGTH_GROW_SHRINK,
                                  &error);
        if (U_FAILURE(error)) {
            free(shaped);
            return -error;
        }
        text = shaped;
        length = n;
    }
    if (line_bidi == NULL) line_bidi = ubidi_open();
    if (line_bidi == NULL) {
        free(shaped);
        return -U_MEMORY_ALLOCATION_ERROR;
    }
    ubidi_setPara(line_bidi, text, length, rtl ? UBIDI_RTL : UBIDI_LTR, NULL, &error);
    int32_t n = 0;
    if (U_SUCCESS(error)) {
        n = ubidi_writeReordered(line_bidi, (UChar *)result, capacity,
                                 UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &error);
    }
    // setPara keeps a pointer to the text: detach it before the buffer goes.
    UErrorCode ignored = U_ZERO_ERROR;
    ubidi_setPara(line_bidi, u"", 0, UBIDI_LTR, NULL, &ignored);
    free(shaped);
    if (error == U_BUFFER_OVERFLOW_ERROR) return n;
    return U_FAILURE(error) ? -error : n;
}
