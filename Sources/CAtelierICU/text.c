// Grapheme clusters, widths, line breaks, sanitising and bidi over ICU (see CAtelierICU.h).
#include "CAtelierICU.h"

#include <string.h>
#include <stdlib.h>
#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/ushape.h>
#include <unicode/utext.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/uversion.h>

int32_t atelier_icu_version(char *out, int32_t capacity) {
    UVersionInfo version;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(version);
    u_versionToString(version, text);
    int32_t length = (int32_t)strlen(text);
    if (capacity > 0) {
        int32_t n = length < capacity ? length : capacity - 1;
        memcpy(out, text, (size_t)n);
        out[n] = 0;
    }
    return length;
}

const char *atelier_error_name(int32_t code) { return u_errorName((UErrorCode)code); }

// Per-thread state, in the initial-exec TLS model: this code is always linked into the executable (the atelier
// binary, the test and fuzz binaries), never into a library opened later, so each access is one %fs-relative load
// instead of a call to __tls_get_addr (a fiftieth of the layout's time, per row and per paragraph).
#define THREAD_LOCAL __thread __attribute__((tls_model("initial-exec")))

// Break iterators are expensive to open and cheap to reuse: one of each kind per thread.
static THREAD_LOCAL UBreakIterator *character_iterator;
static THREAD_LOCAL UBreakIterator *line_iterator;

static UBreakIterator *iterator(UBreakIterator **slot, UBreakIteratorType type) {
    if (*slot == NULL) {
        UErrorCode error = U_ZERO_ERROR;
        *slot = ubrk_open(type, "", NULL, 0, &error);
        if (U_FAILURE(error)) *slot = NULL;
    }
    return *slot;
}

// MARK: - Width

static int32_t compute_codepoint_width(UChar32 c) {
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

// What the layout asks of a BMP code unit, looked up in ICU once and then kept: ICU's property lookups
// were a third of the layout's time. Bits: width (0-2), "simple" (Grapheme_Cluster_Break Other, Control,
// CR or LF: a cluster boundary is certain between two simple units but for CR LF), Emoji,
// Emoji_Presentation, combining mark (Mn, Mc, Me), "special" (the sanitiser must look at it), "known",
// right-to-left (R, AL, AN or an RTL control: the line needs the bidi algorithm), Bidi_Mirrored, and
// "space" (a space a line may end with, not drawn there). Races between threads only ever store the same value (relaxed atomics).
enum {
    W_MASK = 3, F_SIMPLE = 4, F_EMOJI = 8, F_EMOJI_PRESENTATION = 16, F_MARK = 32, F_SPECIAL = 64, F_KNOWN = 128,
    F_RTL = 256, F_MIRRORED = 512, F_SPACE = 1024
};
static uint16_t bmp_facts[0x10000];

static uint16_t compute_facts(UChar unit);
static int is_bidi_control(UChar32 c);
static int is_noncharacter(UChar32 c);

static int is_rtl_direction(UCharDirection d);

static inline uint16_t facts_of(UChar unit) {
    uint16_t facts = __atomic_load_n(&bmp_facts[unit], __ATOMIC_RELAXED);
    return (facts & F_KNOWN) ? facts : compute_facts(unit);
}

static __attribute__((noinline)) uint16_t compute_facts(UChar unit) {
    UChar32 c = unit;
    uint16_t facts = F_KNOWN;
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF || is_bidi_control(c) ||
        is_noncharacter(c) || U16_IS_SURROGATE(unit)) {
        facts |= F_SPECIAL;
    }
    if (!U16_IS_SURROGATE(unit)) {
        facts |= (uint8_t)compute_codepoint_width(c);
        int32_t gcb = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
        if (gcb == U_GCB_OTHER || gcb == U_GCB_CONTROL || gcb == U_GCB_CR || gcb == U_GCB_LF) facts |= F_SIMPLE;
        if (u_hasBinaryProperty(c, UCHAR_EMOJI)) facts |= F_EMOJI;
        if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) facts |= F_EMOJI_PRESENTATION;
        int8_t type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK) facts |= F_MARK;
        // An Extended_Pictographic unit may begin an emoji ZWJ sequence (GB11): never simple.
        if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) facts &= (uint16_t)~F_SIMPLE;
        if (is_rtl_direction(u_charDirection(c))) facts |= F_RTL;
        if (u_isMirrored(c)) facts |= F_MIRRORED;
        if (c == 0x20 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x1680) facts |= F_SPACE;
    }
    __atomic_store_n(&bmp_facts[unit], facts, __ATOMIC_RELAXED);
    return facts;
}

int32_t atelier_codepoint_width(uint32_t cp) {
    if (cp < 0x10000) return (int32_t)(facts_of((UChar)cp) & W_MASK);
    return compute_codepoint_width((UChar32)cp);
}

static int is_regional_indicator(UChar32 c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
static int is_emoji_modifier(UChar32 c) { return c >= 0x1F3FB && c <= 0x1F3FF; }

static int has_property(UChar32 c, UProperty property, uint16_t flag) {
    if (c < 0x10000) return (facts_of((UChar)c) & flag) != 0;
    return u_hasBinaryProperty(c, property);
}

// A terminal draws an emoji sequence (VS16, flag, ZWJ, skin tone, keycap) in two cells; anything else
// takes the sum of its code points' widths (a base letter plus zero-width marks, or spacing marks).
static uint8_t cluster_width(const UChar *text, int32_t start, int32_t end) {
    UChar32 first;
    int32_t i = start;
    U16_NEXT(text, i, end, first);
    if (i == end) return (uint8_t)atelier_codepoint_width((uint32_t)first);
    int emoji_base = has_property(first, UCHAR_EMOJI, F_EMOJI);
    if (is_regional_indicator(first)) return 2;
    if (has_property(first, UCHAR_EMOJI_PRESENTATION, F_EMOJI_PRESENTATION)) return 2;
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

// Between two "simple" code units there is always a cluster boundary (but for CR LF): that path skips
// ICU's iterator for most Latin, Arabic, Ethiopic and Han text, leaving it the marks and sequences.
static int trivial_boundary(const UChar *text, int32_t i) {
    UChar a = text[i - 1], b = text[i];
    if (a < 0x300 && b < 0x300) return !(a == 0x0D && b == 0x0A);
    return (facts_of(a) & F_SIMPLE) && (facts_of(b) & F_SIMPLE) && !(a == 0x0D && b == 0x0A);
}

// Walks grapheme clusters from `pos`: simple units one by one, runs of the rest through ICU's iterator.
typedef struct {
    const UChar *text;
    int32_t pos, limit;
    int32_t run_base, run_end;
    UBreakIterator *bi;
} ClusterCursor;

static int cursor_next(ClusterCursor *c, int32_t *end, int32_t *width) {
    const UChar *text = c->text;
    int32_t i = c->pos;
    if (i >= c->limit) return 0;
    if (i >= c->run_end) {
        if (i + 1 == c->limit ? (facts_of(text[i]) & F_SIMPLE) : trivial_boundary(text, i + 1)) {
            *end = i + 1;
            *width = facts_of(text[i]) & W_MASK;
            c->pos = i + 1;
            return 1;
        }
        int32_t e = i + 1;
        while (e < c->limit && !trivial_boundary(text, e)) e++;
        UErrorCode error = U_ZERO_ERROR;
        if (c->bi) ubrk_setText(c->bi, text + i, e - i, &error);
        if (c->bi == NULL || U_FAILURE(error)) {
            *end = e;  // one piece: width right, splitting coarser
            *width = cluster_width(text, i, e);
            c->pos = e;
            return 1;
        }
        c->run_base = i;
        c->run_end = e;
    }
    int32_t b = ubrk_following(c->bi, i - c->run_base);
    int32_t e = (b == UBRK_DONE) ? c->run_end : c->run_base + b;
    *end = e;
    *width = cluster_width(text, i, e);
    c->pos = e;
    return 1;
}

// The width of the cluster at `i` (a cluster boundary); its end goes to `*end`.
static inline __attribute__((always_inline)) int32_t cluster_at(ClusterCursor *c, int32_t i, int32_t *end) {
    const UChar *text = c->text;
    if (i >= c->run_end) {
        uint16_t f = facts_of(text[i]);
        if (f & F_SIMPLE) {
            if (i + 1 == c->limit) {
                *end = i + 1;
                return f & W_MASK;
            }
            UChar next = text[i + 1];
            if ((facts_of(next) & F_SIMPLE) && !(text[i] == 0x0D && next == 0x0A)) {
                *end = i + 1;
                return f & W_MASK;
            }
        }
    }
    int32_t w = 0;
    c->pos = i;
    if (!cursor_next(c, end, &w)) *end = c->limit;
    return w;
}

int32_t atelier_clusters(const uint16_t *units, int32_t length, int32_t *starts, uint8_t *widths,
                         int32_t capacity) {
    ClusterCursor cursor = {(const UChar *)units, 0, length, 0, 0, iterator(&character_iterator, UBRK_CHARACTER)};
    int32_t count = 0, i = 0, end;
    while (i < length) {
        int32_t width = cluster_at(&cursor, i, &end);
        if (count < capacity) {
            starts[count] = i;
            widths[count] = (uint8_t)width;
        }
        count++;
        i = end;
    }
    if (count < capacity) starts[count] = length;
    return count;
}

int32_t atelier_display_width(const uint16_t *units, int32_t length) {
    ClusterCursor cursor = {(const UChar *)units, 0, length, 0, 0, iterator(&character_iterator, UBRK_CHARACTER)};
    int32_t total = 0, i = 0, end;
    while (i < length) {
        total += cluster_at(&cursor, i, &end);
        i = end;
    }
    return total;
}

// MARK: - Wrapping

static inline int is_space_unit(UChar u) { return u == 0x20 || u == 0x3000 || (u >= 0x2000 && u <= 0x200A) || u == 0x1680; }

// Columns of [start, end) without its trailing spaces.
static int32_t visible_width(ClusterCursor *c, int32_t start, int32_t end) {
    int32_t total = 0, trailing = 0, i = start, next;
    c->run_end = start;
    while (i < end) {
        int32_t w = cluster_at(c, i, &next);
        trailing = (next - i == 1 && is_space_unit(c->text[i])) ? trailing + w : 0;
        total += w;
        i = next;
    }
    return total - trailing;
}

static THREAD_LOCAL UBreakIterator *split_iterator;
enum { ROW_OVERWIDE = ATELIER_ROW_OVERWIDE, ROW_RTL = ATELIER_ROW_RTL };

int32_t atelier_wrap(const uint16_t *units, int32_t length, int32_t width, int32_t final, int32_t *row_starts,
                     int32_t *row_ends, int32_t *row_widths, uint8_t *row_flags, int32_t capacity,
                     int32_t *consumed) {
    const UChar *text = (const UChar *)units;
    int32_t rows = 0;
    // Rows past `capacity` are counted, not written: the caller sees the count and grows its buffers.
#define EMIT(s, e, w, f)                                                                                  \
    do {                                                                                                  \
        if (rows < capacity) {                                                                            \
            row_starts[rows] = (s); row_ends[rows] = (e); row_widths[rows] = (w); row_flags[rows] = (f); \
        }                                                                                                 \
        rows++;                                                                                           \
    } while (0)
    if (length == 0) {
        if (final) EMIT(0, 0, 0, 0);
        *consumed = 0;
        return rows;
    }
    // Greedy over the segments between ICU's line-break opportunities, walked forward once (ICU's
    // iterator is fastest that way; random access with preceding() measured slower).
    UBreakIterator *lb = iterator(&line_iterator, UBRK_LINE);
    UErrorCode error = U_ZERO_ERROR;
    if (lb) ubrk_setText(lb, text, length, &error);
    if (U_FAILURE(error)) lb = NULL;
    ClusterCursor cursor = {text, 0, length, 0, 0, iterator(&character_iterator, UBRK_CHARACTER)};
    int32_t line_start = 0, line_width = 0, line_visible = 0, segment_start = 0, i = 0, end;
    uint8_t line_rtl = 0;
    for (int32_t b = lb ? ubrk_next(lb) : length; b != UBRK_DONE; b = lb ? ubrk_next(lb) : UBRK_DONE) {
        if (b <= i) {  // a cluster that crossed an opportunity was measured with the segment before
            segment_start = b > segment_start ? b : segment_start;
            continue;
        }
        int32_t segment_width = 0, trailing = 0;
        uint16_t seen = 0;  // facts of the segment's units, or-ed: does it need the bidi algorithm?
        // Sanitised text has no CR, so two simple units always have a boundary between them.
        uint16_t here = facts_of(text[i]);
        while (i < b) {
            uint16_t next = i + 1 < length ? facts_of(text[i + 1]) : F_SIMPLE;
            seen |= here;
            if (here & next & F_SIMPLE && i >= cursor.run_end) {
                int32_t w = here & W_MASK;
                trailing = (here & F_SPACE) ? trailing + w : 0;
                segment_width += w;
                here = next;
                i++;
                continue;
            }
            int32_t w = cluster_at(&cursor, i, &end);
            trailing = (end - i == 1 && is_space_unit(text[i])) ? trailing + w : 0;
            segment_width += w;
            for (int32_t k = i; k < end; k++) {
                seen |= U16_IS_SURROGATE(text[k]) ? F_RTL : facts_of(text[k]);  // astral: let bidi decide
            }
            i = end;
            if (i < length) here = facts_of(text[i]);
        }
        uint8_t segment_rtl = (seen & F_RTL) ? ROW_RTL : 0;
        int32_t visible = segment_width - trailing;
        if (line_start < segment_start && line_width + visible > width) {
            EMIT(line_start, segment_start, line_visible, line_rtl);
            line_start = segment_start;
            line_width = 0;
            line_visible = 0;
            line_rtl = 0;
        }
        line_rtl |= segment_rtl;
        if (line_start == segment_start && visible > width) {
            // A word longer than the line: split it between grapheme clusters.
            ClusterCursor split = {text, segment_start, i, 0, segment_start, iterator(&split_iterator, UBRK_CHARACTER)};
            int32_t x = 0, start = segment_start;
            while (start < i) {
                int32_t w = cluster_at(&split, start, &end);
                if (w > width) {
                    if (start > line_start) EMIT(line_start, start, x, line_rtl);
                    EMIT(start, end, 1, ROW_OVERWIDE);
                    line_start = end;
                    x = 0;
                } else {
                    int space = end - start == 1 && is_space_unit(text[start]);
                    if (x + w > width && !space && start > line_start) {
                        EMIT(line_start, start, x, line_rtl);
                        line_start = start;
                        x = 0;
                    }
                    x += w;
                }
                start = end;
            }
            line_width = x;
            line_visible = x - trailing;
        } else {
            line_visible = line_width + visible;
            line_width += segment_width;
        }
        segment_start = i;
    }
    if (final) {
        if (line_start < length) EMIT(line_start, length, line_visible, line_rtl);
        line_start = length;
    } else if (line_start == 0) {
        // Zero-width text filling a window: cut here.
        EMIT(0, length, visible_width(&cursor, 0, length), atelier_has_rtl(units, length) ? ROW_RTL : 0);
        line_start = length;
    }
    *consumed = line_start;
#undef EMIT
    return rows;
}

// MARK: - Line breaks

int32_t atelier_line_breaks(const uint16_t *units, int32_t length, int32_t *positions, uint8_t *mandatory,
                            int32_t capacity) {
    const UChar *text = (const UChar *)units;
    if (length == 0) return 0;
    UBreakIterator *bi = iterator(&line_iterator, UBRK_LINE);
    UErrorCode error = U_ZERO_ERROR;
    if (bi) ubrk_setText(bi, text, length, &error);
    if (bi == NULL || U_FAILURE(error)) {
        if (capacity > 0) {
            positions[0] = length;
            mandatory[0] = 0;
        }
        return 1;
    }
    int32_t count = 0;
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        if (count < capacity) {
            int32_t status = ubrk_getRuleStatus(bi);
            positions[count] = b;
            mandatory[count] = (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT) ? 1 : 0;
        }
        count++;
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

int32_t atelier_bare_line_break_count_utf8(const uint8_t *bytes, int32_t length) {
    UBreakIterator *bi = iterator(&line_iterator, UBRK_LINE);
    UErrorCode error = U_ZERO_ERROR;
    if (bi == NULL) return -1;
    UText *text = utext_openUTF8(NULL, (const char *)bytes, length, &error);
    ubrk_setUText(bi, text, &error);
    int32_t count = 0;
    if (U_SUCCESS(error)) {
        while (ubrk_next(bi) != UBRK_DONE) count++;
    }
    ubrk_setText(bi, u"", 0, &error);  // drop the UText before closing it
    utext_close(text);
    return U_FAILURE(error) ? -error : count;
}

int64_t atelier_bare_shape_and_reorder(const uint16_t *text, const int32_t *starts, const int32_t *ends, int32_t rows) {
    UErrorCode error = U_ZERO_ERROR;
    UBiDi *bidi = ubidi_open();
    int32_t capacity = 4096;
    UChar *shaped = malloc(sizeof(UChar) * (size_t)capacity), *visual = malloc(sizeof(UChar) * (size_t)capacity);
    int64_t total = 0;
    for (int32_t k = 0; k < rows && U_SUCCESS(error) && bidi && shaped && visual; k++) {
        int32_t length = ends[k] - starts[k];
        if (2 * length + 8 > capacity) {
            capacity = 2 * length + 8;
            free(shaped), free(visual);
            shaped = malloc(sizeof(UChar) * (size_t)capacity), visual = malloc(sizeof(UChar) * (size_t)capacity);
            if (!shaped || !visual) break;
        }
        int32_t n = u_shapeArabic((const UChar *)text + starts[k], length, shaped, capacity,
                                  U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL | U_SHAPE_LENGTH_GROW_SHRINK, &error);
        ubidi_setPara(bidi, shaped, n, UBIDI_RTL, NULL, &error);
        total += ubidi_writeReordered(bidi, visual, capacity, UBIDI_KEEP_BASE_COMBINING, &error);
    }
    if (!bidi || !shaped || !visual) error = U_MEMORY_ALLOCATION_ERROR;
    if (bidi) ubidi_close(bidi);
    free(shaped), free(visual);
    return U_FAILURE(error) ? -(int64_t)error : total;
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

// The sanitiser's loop, specialised twice by the compiler: `checked` is a constant at each call. Output grows
// only at tabs (one unit to at most 8 spaces; everything else writes at most the units it reads), so when
// `capacity` holds 8 units per input unit the checks cannot fail and that copy goes without them.
static inline __attribute__((always_inline)) int32_t sanitize_units(const UChar *text, int32_t length, UChar *out,
                                                                    int32_t capacity, int checked) {
    int32_t o = 0, i = 0, column = 0, marks = 0;
#define PUT(u)                                         \
    do {                                               \
        if (!checked || o < capacity) out[o] = (u);    \
        o++;                                           \
    } while (0)
    while (i < length) {
        UChar unit = text[i];
        if (unit >= 0x20 && unit < 0x7F) {  // the common cases first
            PUT(unit);
            i++;
            column++;
            marks = 0;
            continue;
        }
        uint16_t facts = facts_of(unit);
        if (!(facts & (F_SPECIAL | F_MARK))) {
            PUT(unit);
            i++;
            column += facts & W_MASK;
            marks = 0;
            continue;
        }
        UChar32 c;
        U16_NEXT(text, i, length, c);
        if (c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029) {
            if (c == 0x0D && i < length && text[i] == 0x0A) i++;
            PUT(0x0A);
            column = 0;
            marks = 0;
            continue;
        }
        if (c == 0x09) {
            do { PUT(0x20); } while (++column % 8 != 0);
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
        int is_mark;
        if (c < 0x10000) {
            is_mark = (facts_of((UChar)c) & F_MARK) != 0;
        } else {
            int8_t type = u_charType(c);
            is_mark = type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
        }
        if (is_mark) {
            if (++marks > 16) continue;  // "Zalgo" text: a pile of marks spills over other lines
        } else {
            marks = 0;
        }
        if (U16_LENGTH(c) == 1) {
            PUT((UChar)c);
        } else {
            PUT(U16_LEAD(c));
            PUT(U16_TRAIL(c));
        }
        column += atelier_codepoint_width((uint32_t)c);
    }
#undef PUT
    return o;
}

int32_t atelier_sanitize(const uint16_t *units, int32_t length, uint16_t *result, int32_t capacity) {
    if ((int64_t)capacity >= 8 * (int64_t)length) return sanitize_units((const UChar *)units, length, (UChar *)result, capacity, 0);
    return sanitize_units((const UChar *)units, length, (UChar *)result, capacity, 1);
}

// MARK: - Bidi

static int is_rtl_direction(UCharDirection d) {
    return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC || d == U_RIGHT_TO_LEFT_EMBEDDING ||
           d == U_RIGHT_TO_LEFT_OVERRIDE || d == U_RIGHT_TO_LEFT_ISOLATE || d == U_ARABIC_NUMBER;
}

int32_t atelier_has_rtl(const uint16_t *units, int32_t length) {
    const UChar *text = (const UChar *)units;
    for (int32_t i = 0; i < length; i++) {
        UChar u = text[i];
        if (u < 0x590) continue;
        if (U16_IS_LEAD(u) && i + 1 < length && U16_IS_TRAIL(text[i + 1])) {
            if (is_rtl_direction(u_charDirection(U16_GET_SUPPLEMENTARY(u, text[i + 1])))) return 1;
            i++;
            continue;
        }
        if (facts_of(u) & F_RTL) return 1;
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

static THREAD_LOCAL UBiDi *line_bidi;

static int32_t leading_orphans(const UChar *text, int32_t length) {
    if (length == 0) return 0;
    ClusterCursor cursor = {text, 0, length, 0, 0, iterator(&character_iterator, UBRK_CHARACTER)};
    int32_t end;
    return cluster_at(&cursor, 0, &end) == 0 ? end : 0;
}

// ICU's UBIDI_REMOVE_BIDI_CONTROLS also drops ZWJ and ZWNJ, which splits an emoji ZWJ sequence measured as one
// two-cell cluster into several (found by make fuzz). Only the invisible marks go.
static int is_bidi_mark(UChar c) {
    return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static int32_t drop_bidi_marks(UChar *text, int32_t length) {
    int32_t kept = 0;
    for (int32_t k = 0; k < length; k++) {
        if (!is_bidi_mark(text[k])) text[kept++] = text[k];
    }
    return kept;
}

// Visual order of whole grapheme clusters: each takes the level of its first character, and characters keep
// their logical order inside it, which is the order a terminal expects to draw a cluster in.
static int32_t reorder_by_clusters(UBiDi *bidi, const UChar *text, int32_t length, int mirror, UChar *out,
                                   int32_t capacity, UErrorCode *error) {
    const UBiDiLevel *levels = ubidi_getLevels(bidi, error);
    if (U_FAILURE(*error)) return 0;
    int32_t *starts = malloc(sizeof(int32_t) * (size_t)(2 * length + 2));
    uint8_t *scratch = malloc((size_t)length + 1);
    UBiDiLevel *clusterLevels = malloc((size_t)length + 1);
    if (starts == NULL || scratch == NULL || clusterLevels == NULL) {
        free(starts), free(scratch), free(clusterLevels);
        *error = U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
    int32_t count = atelier_clusters(text, length, starts, scratch, length + 1);
    int32_t *visual = starts + length + 1;
    for (int32_t k = 0; k < count; k++) clusterLevels[k] = levels[starts[k]];
    ubidi_reorderVisual(clusterLevels, count, visual);
    int32_t n = 0;
    for (int32_t v = 0; v < count; v++) {
        int32_t cluster = visual[v];
        int reversed = mirror && (clusterLevels[cluster] & 1);
        for (int32_t k = starts[cluster], end = starts[cluster + 1]; k < end;) {
            UChar32 c;
            U16_NEXT(text, k, end, c);
            if (reversed) c = u_charMirror(c);
            UChar units[2];
            int32_t width = 0;
            U16_APPEND_UNSAFE(units, width, c);
            for (int32_t u = 0; u < width; u++, n++) {
                if (n < capacity) out[n] = units[u];
            }
        }
    }
    free(starts), free(scratch), free(clusterLevels);
    if (n > capacity) *error = U_BUFFER_OVERFLOW_ERROR;
    return n;
}

// What atelier_visual_line must know of a row before shaping it, found in one pass (each of these was its own
// scan of every row). Shaping leaves all of them as they are: it only changes Arabic letters and harakat.
// - rare marks: Arabic marks other than the harakat U+064B-0652, whose shaped forms are mapped back; ICU's tables
//   turn U+065C-065F ("misshaped") into lam-alef ligatures.
// - mirrored: mirroring asks ICU for every character's mirror, so only when the row has a mirrored one (or an
//   astral character, not in the cached facts).
// - cluster order: ubidi reverses right-to-left runs code point by code point. KEEP_BASE_COMBINING repairs
//   combining marks, but a ZWJ (class BN) or a skin tone (class ON) inside an emoji sequence would still be turned
//   around, and a cluster whose parts have different bidi classes (an emoji followed by the Hangul tone mark
//   U+302E, class L) would be torn across two runs. Both found by make fuzz.
// - bidi marks: dropped from the reordered row (see is_bidi_mark); rows without one skip that pass.
enum { ROW_RARE_MARK = 1, ROW_MISSHAPED_MARK = 2, ROW_MIRRORED = 4, ROW_CLUSTER_ORDER = 8, ROW_BIDI_MARK = 16 };

static int row_needs(const UChar *text, int32_t length) {
    int needs = 0;
    for (int32_t k = 0; k < length; k++) {
        UChar c = text[k];
        if (c < 0x0600) {
            if (facts_of(c) & F_MIRRORED) needs |= ROW_MIRRORED;
            continue;
        }
        if (U16_IS_SURROGATE(c)) {
            needs |= ROW_MIRRORED | ROW_CLUSTER_ORDER;  // emoji, skin tones, marks beyond the BMP
            continue;
        }
        if ((c >= 0x0610 && c <= 0x061A) || (c >= 0x0653 && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED))
            needs |= ROW_RARE_MARK;
        if (c >= 0x065C && c <= 0x065F) needs |= ROW_MISSHAPED_MARK;
        if (c == 0x200D || c == 0x302E || c == 0x302F) needs |= ROW_CLUSTER_ORDER;
        if (is_bidi_mark(c)) needs |= ROW_BIDI_MARK;
        if (facts_of(c) & F_MIRRORED) needs |= ROW_MIRRORED;
    }
    return needs;
}

// The shaped copy of a row, kept from one row to the next (a malloc and a free per row were a tenth of the
// reordering's own time).
static THREAD_LOCAL UChar *shape_buffer;
static THREAD_LOCAL int32_t shape_capacity;

static UChar *shaping_scratch(int32_t length) {
    if (shape_capacity < length + 1) {
        int32_t capacity = length + 1 > 1024 ? length + 1 : 1024;
        UChar *grown = (UChar *)realloc(shape_buffer, sizeof(UChar) * (size_t)capacity);
        if (grown == NULL) return NULL;
        shape_buffer = grown;
        shape_capacity = capacity;
    }
    return shape_buffer;
}

int32_t atelier_visual_line(const uint16_t *units, int32_t length, int32_t rtl, int32_t shape, uint16_t *result,
                            int32_t capacity, int32_t *width_change) {
    UErrorCode error = U_ZERO_ERROR;
    const UChar *text = (const UChar *)units;
    // Known for ordinary lines only; the others are measured by the caller, which is cheaper than proving.
    int predictable = 1;
    int32_t change = 0;
    // Marks with no letter before them were measured as nothing; reordered, they would join whatever cluster
    // lands before them and could change its width (a ZWJ after a digit makes an emoji sequence).
    int32_t orphans = leading_orphans(text, length);
    if (orphans > 0) predictable = 0;
    text += orphans;
    length -= orphans;
    int needs = row_needs(text, length);
    if (shape) {
        UChar *shaped = shaping_scratch(length);
        if (shaped == NULL) return -U_MEMORY_ALLOCATION_ERROR;
        int32_t n = u_shapeArabic(text, length, shaped, length + 1,
                                  U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL |
                                      U_SHAPE_LENGTH_GROW_SHRINK,
                                  &error);
        if (U_FAILURE(error)) return -error;
        // ICU turns harakat into spacing presentation forms (U+FE70-FE7F, some drawn on a tatweel); terminals
        // draw the combining marks over the shaped letter, and the line was measured with them taking no cell.
        for (int32_t k = 0; k < n; k++) {
            UChar c = shaped[k];
            if (c < 0xFE70 || c > 0xFE7F || c == 0xFE73 || c == 0xFE75) continue;
            static const UChar base[16] = {0x064B, 0x064B, 0x064C, 0, 0x064D, 0, 0x064E, 0x064E,
                                           0x064F, 0x064F, 0x0650, 0x0650, 0x0651, 0x0651, 0x0652, 0x0652};
            shaped[k] = base[c - 0xFE70];
        }
        // ICU's tables turn U+065C-065F into lam-alef ligatures (alef + U+065D came out as two letters, found
        // by make fuzz); around other rare marks, shaping is kept only if it adds no column.
        int rare = needs & ROW_RARE_MARK;
        int keep = !rare || (!(needs & ROW_MISSHAPED_MARK) &&
                             atelier_display_width(shaped, n) <= atelier_display_width(text, length));
        if (rare) predictable = 0;
        if (keep) {
            change = n - length;  // lam + alef ligatures: one column fewer each
            text = shaped;
            length = n;
        }
        // else the row was measured unshaped, so that is what is drawn.
    }
    if (line_bidi == NULL) line_bidi = ubidi_open();
    if (line_bidi == NULL) return -U_MEMORY_ALLOCATION_ERROR;
    ubidi_setPara(line_bidi, text, length, rtl ? UBIDI_RTL : UBIDI_LTR, NULL, &error);
    int32_t n = 0;
    if (U_SUCCESS(error)) {
        // Mirroring asks ICU for every character's mirror: only when the line has a mirrored one.
        int mirror = (needs & ROW_MIRRORED) != 0;
        if (needs & ROW_CLUSTER_ORDER) {
            predictable = 0;
            n = reorder_by_clusters(line_bidi, text, length, mirror, (UChar *)result, capacity, &error);
        } else {
            uint16_t options = UBIDI_KEEP_BASE_COMBINING | (mirror ? UBIDI_DO_MIRRORING : 0);
            n = ubidi_writeReordered(line_bidi, (UChar *)result, capacity, options, &error);
        }
        if (U_SUCCESS(error) && n <= capacity && (needs & ROW_BIDI_MARK)) {
            int32_t kept = drop_bidi_marks((UChar *)result, n);
            if (kept != n) predictable = 0;  // a removed mark may have kept two clusters apart
            n = kept;
        }
    }
    // setPara keeps a pointer to the text: detach it, since the shaping buffer is reused and the caller's goes.
    UErrorCode ignored = U_ZERO_ERROR;
    ubidi_setPara(line_bidi, u"", 0, UBIDI_LTR, NULL, &ignored);
    *width_change = predictable ? change : ATELIER_WIDTH_UNKNOWN;
    if (error == U_BUFFER_OVERFLOW_ERROR) return n;
    return U_FAILURE(error) ? -error : n;
}

// MARK: - Transcoding

int32_t atelier_utf16_to_utf8(const uint16_t *units, int32_t length, uint8_t *out, int32_t capacity) {
    if ((int64_t)capacity < 3 * (int64_t)length) {  // the general path: ICU, which also reports the length needed
        UErrorCode error = U_ZERO_ERROR;
        int32_t n = 0;
        u_strToUTF8WithSub((char *)out, capacity, &n, (const UChar *)units, length, 0xFFFD, NULL, &error);
        if (error == U_BUFFER_OVERFLOW_ERROR || error == U_STRING_NOT_TERMINATED_WARNING || U_SUCCESS(error)) return n;
        return -error;
    }
    int32_t o = 0;
    for (int32_t i = 0; i < length; i++) {
        uint32_t c = units[i];
        if (c < 0x80) {
            out[o++] = (uint8_t)c;
            // A run of ASCII: four units at a time.
            while (i + 4 < length && (units[i + 1] | units[i + 2] | units[i + 3] | units[i + 4]) < 0x80) {
                out[o] = (uint8_t)units[i + 1];
                out[o + 1] = (uint8_t)units[i + 2];
                out[o + 2] = (uint8_t)units[i + 3];
                out[o + 3] = (uint8_t)units[i + 4];
                o += 4;
                i += 4;
            }
        } else if (c < 0x800) {
            out[o++] = (uint8_t)(0xC0 | (c >> 6));
            out[o++] = (uint8_t)(0x80 | (c & 0x3F));
        } else if (U16_IS_LEAD(c) && i + 1 < length && U16_IS_TRAIL(units[i + 1])) {
            c = U16_GET_SUPPLEMENTARY(c, units[i + 1]);
            i++;
            out[o++] = (uint8_t)(0xF0 | (c >> 18));
            out[o++] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
            out[o++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (uint8_t)(0x80 | (c & 0x3F));
        } else {
            if (U16_IS_SURROGATE(c)) c = 0xFFFD;
            out[o++] = (uint8_t)(0xE0 | (c >> 12));
            out[o++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (uint8_t)(0x80 | (c & 0x3F));
        }
    }
    return o;
}

// MARK: - UTF-8 validation

// Length of the well-formed UTF-8 sequence at `i` (no overlongs, surrogates or values above U+10FFFF), or 0.
static inline int utf8_sequence_length(const uint8_t *bytes, int64_t i, int64_t length) {
    uint8_t b0 = bytes[i];
    if (b0 < 0x80) return 1;
    int need;
    uint8_t low = 0x80, high = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) need = 1;
    else if (b0 == 0xE0) { need = 2; low = 0xA0; }
    else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) need = 2;
    else if (b0 == 0xED) { need = 2; high = 0x9F; }
    else if (b0 == 0xF0) { need = 3; low = 0x90; }
    else if (b0 >= 0xF1 && b0 <= 0xF3) need = 3;
    else if (b0 == 0xF4) { need = 3; high = 0x8F; }
    else return 0;
    if (i + need >= length) return 0;
    if (bytes[i + 1] < low || bytes[i + 1] > high) return 0;
    for (int k = 2; k <= need; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) return 0;
    }
    return need + 1;
}

static inline int ascii8(const uint8_t *bytes, int64_t i, int64_t length) {
    if (i + 8 > length) return 0;
    uint64_t chunk;
    memcpy(&chunk, bytes + i, 8);
    return !(chunk & 0x8080808080808080ULL);
}

int64_t atelier_utf8_invalid_offset(const uint8_t *bytes, int64_t length) {
    int64_t i = 0;
    while (i < length) {
        if (ascii8(bytes, i, length)) {
            i += 8;
            continue;
        }
        int n = utf8_sequence_length(bytes, i, length);
        if (n == 0) return i;
        i += n;
    }
    return -1;
}

// The decoder's loop, specialised like the sanitiser's: UTF-16 never takes more units than UTF-8 takes
// bytes, so with `capacity >= length` the unchecked copy runs.
static inline __attribute__((always_inline)) int64_t decode_utf8(const uint8_t *bytes, int64_t length, uint16_t *out,
                                                                 int64_t capacity, int64_t *invalid_offset,
                                                                 int checked) {
    int64_t i = 0, o = 0;
#define PUT(u)                                                \
    do {                                                      \
        if (!checked || o < capacity) out[o] = (uint16_t)(u); \
        o++;                                                  \
    } while (0)
    while (i < length) {
        if (ascii8(bytes, i, length)) {
            if (!checked || o + 8 <= capacity) {
                for (int k = 0; k < 8; k++) out[o + k] = bytes[i + k];
                o += 8;
            } else {
                for (int k = 0; k < 8; k++) PUT(bytes[i + k]);
            }
            i += 8;
            continue;
        }
        uint32_t b0 = bytes[i];
        // The common cases checked inline: a two-byte letter (Arabic, Cyrillic) and a three-byte one
        // outside the surrogates (Ethiopic, Indic, Han).
        if (b0 < 0x80) {
            PUT(b0);
            i++;
            continue;
        }
        if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < length && (bytes[i + 1] & 0xC0) == 0x80) {
            PUT(((b0 & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
            i += 2;
            continue;
        }
        if (b0 >= 0xE1 && b0 <= 0xEC && i + 2 < length && (bytes[i + 1] & 0xC0) == 0x80 &&
            (bytes[i + 2] & 0xC0) == 0x80) {
            PUT(((b0 & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
            i += 3;
            continue;
        }
        switch (utf8_sequence_length(bytes, i, length)) {
        case 1:
            PUT(b0);
            i += 1;
            break;
        case 2:
            PUT(((b0 & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
            i += 2;
            break;
        case 3:
            PUT(((b0 & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
            i += 3;
            break;
        case 4: {
            uint32_t c = ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) |
                         (bytes[i + 3] & 0x3F);
            PUT(U16_LEAD(c));
            PUT(U16_TRAIL(c));
            i += 4;
            break;
        }
        default:
            *invalid_offset = i;
            return -1;
        }
    }
#undef PUT
    return o;
}

int64_t atelier_utf8_decode_checked(const uint8_t *bytes, int64_t length, uint16_t *out, int64_t capacity,
                                    int64_t *invalid_offset) {
    *invalid_offset = -1;
    if (capacity >= length) return decode_utf8(bytes, length, out, capacity, invalid_offset, 0);
    return decode_utf8(bytes, length, out, capacity, invalid_offset, 1);
}

// MARK: - Transliteration

#include <unicode/utrans.h>

int32_t atelier_transliterate(const uint16_t *id, int32_t id_length, const uint16_t *text, int32_t length,
                              uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    UTransliterator *transliterator = utrans_openU((const UChar *)id, id_length, UTRANS_FORWARD, NULL, 0, &parse, &status);
    if (U_FAILURE(status)) return -1;
    // utrans works in place: the text goes into `out` first, and grows there up to `capacity`.
    if (length > capacity) {
        utrans_close(transliterator);
        return length <= (INT32_MAX - 16) / 2 ? length * 2 + 16 : -1;
    }
    if (length > 0) memcpy(out, text, (size_t)length * sizeof(uint16_t));
    int32_t text_length = length, limit = length;
    utrans_transUChars(transliterator, (UChar *)out, &text_length, capacity, 0, &limit, &status);
    utrans_close(transliterator);
    if (status == U_BUFFER_OVERFLOW_ERROR) return text_length + 16;
    if (U_FAILURE(status)) return -1;
    return text_length;
}

// The caret of a line being typed, for a terminal that does no bidi: readline draws the logical order and
// puts the caret after the logical position, which is wrong as soon as the line holds right-to-left text.
// Columns are counted per code point (combining marks take none); a lam followed by an alef counts once,
// since shaping draws them as one ligature.
static int32_t caret_width(const UChar *text, int32_t length, int32_t logical, int32_t shape) {
    UChar c = text[logical];
    if (U16_IS_TRAIL(c)) return 0;
    UChar32 point = c;
    if (U16_IS_LEAD(c) && logical + 1 < length && U16_IS_TRAIL(text[logical + 1]))
        point = U16_GET_SUPPLEMENTARY(c, text[logical + 1]);
    if (shape && logical > 0 && text[logical - 1] == 0x0644 &&
        (c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0627))
        return 0;
    int32_t width = atelier_codepoint_width((uint32_t)point);
    return width < 0 ? 0 : width;
}

int32_t atelier_visual_caret(const uint16_t *units, int32_t length, int32_t rtl, int32_t shape, int32_t logical,
                             int32_t *total) {
    const UChar *text = (const UChar *)units;
    *total = 0;
    if (length <= 0) return 0;
    if (logical < 0) logical = 0;
    if (logical > length) logical = length;
    UErrorCode error = U_ZERO_ERROR;
    if (line_bidi == NULL) line_bidi = ubidi_open();
    if (line_bidi == NULL) return 0;
    ubidi_setPara(line_bidi, text, length, rtl ? UBIDI_RTL : UBIDI_LTR, NULL, &error);
    if (U_FAILURE(error)) return 0;
    // The character the caret sits against, and on which side of it: after the last character it follows
    // that character's direction; elsewhere it stands before the character at `logical`.
    int32_t anchor = logical < length ? logical : length - 1;
    while (anchor > 0 && U16_IS_TRAIL(text[anchor])) anchor--;
    int anchor_rtl = (ubidi_getLevelAt(line_bidi, anchor) & 1) != 0;
    int after = logical == length;
    // In visual order, is the caret left of the anchor? Before an LTR character or after an RTL one.
    int left_of_anchor = after ? anchor_rtl : !anchor_rtl;
    int32_t anchor_visual = ubidi_getVisualIndex(line_bidi, anchor, &error);
    if (U_FAILURE(error)) return 0;
    int32_t caret = 0, columns = 0;
    for (int32_t v = 0; v < length; v++) {
        int32_t at = ubidi_getLogicalIndex(line_bidi, v, &error);
        if (U_FAILURE(error) || at < 0) break;
        int32_t width = caret_width(text, length, at, shape);
        if (v == anchor_visual && left_of_anchor) caret = columns;
        columns += width;
        if (v == anchor_visual && !left_of_anchor) caret = columns;
    }
    *total = columns;
    return caret;
}
