// The C bridge to the system ICU.
//
// Only <stdint.h> types cross this header: Foundation on Linux carries its own copy of ICU, and a Swift
// module that can see both sets of ICU headers does not compile. ICU's own headers are included by the .c
// and .cpp files of this target only. Text crosses as UTF-16 (ICU's native form).
//
// Conventions. Every buffer a function writes into comes with its capacity, counted in elements of that
// buffer, and nothing is ever written past it (a NULL buffer with capacity 0 only measures). Such a function
// returns the number of elements it needs, as ICU's preflighting does: when that is larger than `capacity`
// the output was cut short and is not to be used, and the caller retries with a buffer at least that large.
// Two shapes differ and say so below: a NUL-terminated `char` output fits only when the returned length is
// smaller than `capacity` (the NUL takes one more), and atelier_clusters returns a count and needs one entry
// more. Buffers a function only reads come with their length. A negative return value is an ICU error code,
// negated.
#ifndef CATELIER_ICU_H
#define CATELIER_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// "72.1" for ICU 72.1, NUL-terminated (cut to fit when `capacity` > 0). Returns the length without the NUL:
/// the version fits when that is smaller than `capacity`.
int32_t atelier_icu_version(char *out, int32_t capacity);

// MARK: - Grapheme clusters and width

/// Display width of one code point in a terminal: 0, 1 or 2.
int32_t atelier_codepoint_width(uint32_t codepoint);

/// Splits `text` into extended grapheme clusters. Writes the start offset of each cluster to `starts`
/// and its terminal width to `widths`, then `starts[count] = length`; `capacity` is the entry count of each
/// of the two buffers. Returns the number of clusters, `count`: they all fit when `count + 1 <= capacity`
/// (`length + 1` entries always suffice); otherwise only the first `capacity` entries were written.
int32_t atelier_clusters(const uint16_t *text, int32_t length, int32_t *starts, uint8_t *widths,
                         int32_t capacity);

/// Terminal width of `text`: the sum of its clusters' widths.
int32_t atelier_display_width(const uint16_t *text, int32_t length);

/// Line-break opportunities (UAX #14, ICU's UBRK_LINE rules). Writes each offset before which a line may
/// break (the end of text included, 0 excluded) to `positions` and 1 to `mandatory` where the break is
/// required (after a hard line break). `capacity` is the entry count of each of the two buffers (`length`
/// entries always suffice). Returns the number of opportunities; when larger than `capacity`, only the first
/// `capacity` were written.
int32_t atelier_line_breaks(const uint16_t *text, int32_t length, int32_t *positions, uint8_t *mandatory,
                            int32_t capacity);

/// Removes what must never reach a terminal: ESC and C1 sequences (CSI, OSC, DCS, ...) with their
/// parameters, other C0/C1 controls, DEL, bidi embeddings, overrides and isolates (U+202A-E, U+2066-9),
/// noncharacters and lone surrogates (as U+FFFD). Keeps "\n", turns CR LF, CR, U+2028 and U+2029 into "\n",
/// expands tabs to the next multiple of 8 columns, and keeps at most 16 combining marks (Mn, Mc, Me) in a row.
/// Returns the output length; when larger than `capacity` (units of `out`), the output was cut there.
/// `8 * length` units always suffice (a tab grows to at most 8 spaces, nothing else grows).
int32_t atelier_sanitize(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity);

/// 1 when the text holds a right-to-left character (or a bidi control), else 0.
int32_t atelier_has_rtl(const uint16_t *text, int32_t length);

/// Direction of the first strong character (UAX #9 P2-P3): 0 none, 1 left-to-right, 2 right-to-left.
int32_t atelier_first_strong(const uint16_t *text, int32_t length);

/// One line in visual order for a terminal that does no bidi: Arabic-script letters shaped into
/// presentation forms when `shape` is 1, runs reordered for a paragraph of direction `rtl` (0 or 1),
/// mirrored brackets, grapheme clusters kept whole, into `out` (`capacity` units; `2 * length + 8` always
/// suffice). Returns the output length (when larger than `capacity`, the length needed) or a negated error. `*width_change` receives the change in columns (-1 per lam-alef ligature), or
/// ATELIER_WIDTH_UNKNOWN when the line was unusual enough (emoji sequences, rare marks, bidi marks) that
/// the output must be measured.
int32_t atelier_visual_line(const uint16_t *text, int32_t length, int32_t rtl, int32_t shape, uint16_t *out,
                            int32_t capacity, int32_t *width_change);
enum { ATELIER_WIDTH_UNKNOWN = -1000000 };

/// Where the caret of a line being typed stands in that line's visual order (reordered as
/// atelier_visual_line does): the columns left of it. `logical` is the caret's UTF-16 offset; `*total`
/// receives the line's width in columns.
int32_t atelier_visual_caret(const uint16_t *text, int32_t length, int32_t rtl, int32_t shape, int32_t logical,
                             int32_t *total);

// MARK: - Matching keys

/// NFKC case folding (Turkic dotted/dotless i when `turkic` is 1), Arabic-script letter variants unified
/// (ي/ی/ى, ك/ک, ة/ه, أ/إ/آ/ا), tatweel and harakat removed, decimal digits of every script made ASCII, into
/// `out` (`capacity` units). Returns the length needed, or a negated error.
int32_t atelier_fold(const uint16_t *text, int32_t length, int32_t turkic, uint16_t *out, int32_t capacity);

/// ICU transliteration by id ("Traditional-Simplified"...) into `out` (`capacity` units). Returns the
/// length, a number larger than `capacity` to try again with when it did not fit, or -1 when the id is
/// unknown.
int32_t atelier_transliterate(const uint16_t *id, int32_t id_length, const uint16_t *text, int32_t length,
                              uint16_t *out, int32_t capacity);

/// The confusable skeleton of `text` (UTS #39, ICU's uspoof_getSkeleton): two strings that a reader could
/// take for one another ("Anna" with a Cyrillic А, and "Anna") have the same skeleton. Into `out` (`capacity`
/// units). Returns the length needed, or a negated error.
int32_t atelier_confusable_skeleton(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity);

typedef struct AtelierCollator AtelierCollator;

/// A collator for `locale` at primary strength with punctuation and spaces ignored (alternate=shifted).
/// NULL on failure.
AtelierCollator *atelier_collator_open(const char *locale);
void atelier_collator_close(AtelierCollator *collator);
/// The primary sort key of `text`, without its terminating zero, into `out` (`capacity` bytes). Returns the
/// key's length when it fit; otherwise a number larger than `capacity`, the capacity to try again with (ICU
/// needs room for the zero too). A negated error when `collator` is NULL.
int32_t atelier_collator_key(AtelierCollator *collator, const uint16_t *text, int32_t length, uint8_t *out,
                             int32_t capacity);

// MARK: - Locales, plurals, messages

/// Name of `locale` in `display_locale` ("دری" for fa_AF in fa_AF with dialect names), into `out` (`capacity`
/// units, not NUL-terminated). Returns the length needed, or a negated error.
int32_t atelier_locale_display_name(const char *locale, const char *display_locale, uint16_t *out,
                                    int32_t capacity);
/// 1 when the locale's script is written right to left.
int32_t atelier_locale_is_rtl(const char *locale);
/// 1 when ICU has locale data for `locale` (not only the root fallback).
int32_t atelier_locale_is_available(const char *locale);

/// The plural category ("one", "few", ...) of `number` in `locale`, NUL-terminated, into `out` (`capacity`
/// bytes). Returns its length without the NUL: it was written only when that is smaller than `capacity`.
int32_t atelier_plural_select(const char *locale, double number, char *out, int32_t capacity);
/// The plural categories of `locale`, separated by spaces, NUL-terminated, into `out` (`capacity` bytes).
/// Returns the length without the NUL: the whole list was written only when that is smaller than `capacity`.
int32_t atelier_plural_categories(const char *locale, char *out, int32_t capacity);

/// Argument kinds for atelier_message_format.
enum { ATELIER_ARG_NUMBER = 0, ATELIER_ARG_STRING = 1 };

/// Formats an ICU MessageFormat pattern with named arguments (C++ icu::MessageFormat underneath, since the
/// C umsg_* API is positional only), into `out` (`capacity` units). The `argument_count` names, kinds,
/// numbers and strings are read from arrays of that many entries. Returns the length needed. On a syntax
/// error returns a negated error code and writes the UTF-16 offset of the error to `error_offset` (or -1
/// when unknown).
int32_t atelier_message_format(const char *locale, const uint16_t *pattern, int32_t pattern_length,
                               int32_t argument_count, const uint16_t *const *names, const int32_t *name_lengths,
                               const uint8_t *kinds, const double *numbers, const uint16_t *const *strings,
                               const int32_t *string_lengths, uint16_t *out, int32_t capacity,
                               int32_t *error_offset);

/// Checks a MessageFormat pattern. Returns 0 when it parses, else a negated error code with the offset in
/// `error_offset`. On success writes the top-level and nested argument names, separated by "\n", into `names`
/// (UTF-16) and the plural/selectordinal keywords used (e.g. "one\nother") into `plural_keywords`, each
/// written only when it fits its capacity. `*names_length` and `*keywords_length` receive the lengths
/// needed: a list whose length is larger than its capacity was not written.
int32_t atelier_message_check(const uint16_t *pattern, int32_t pattern_length, uint16_t *names,
                              int32_t names_capacity, int32_t *names_length, uint16_t *plural_keywords,
                              int32_t keywords_capacity, int32_t *keywords_length, int32_t *error_offset);

/// ICU's name for an error code ("U_PATTERN_SYNTAX_ERROR").
const char *atelier_error_name(int32_t code);

// MARK: - Benchmark floor

/// Greedy wrapping of one paragraph (or window of one) to `width` columns at line-break opportunities,
/// splitting a word longer than the line between grapheme clusters. Writes each row's UTF-16 range to
/// `row_starts`/`row_ends` (trailing spaces included), its width without them to `row_widths`, and to
/// `row_flags` ATELIER_ROW_OVERWIDE for a single cluster wider than the line (to be shown as one U+FFFD),
/// ATELIER_ROW_RTL when the row holds right-to-left text (it needs the bidi algorithm). When `final` is 0 the
/// unfinished last row is not written: `*consumed` is where it starts. `capacity` is the entry count of each
/// of the four row buffers (`length + 1` always suffice: rows are disjoint and not empty, but the one row of
/// an empty text). Returns the number of rows; when larger than `capacity`, only the first `capacity` rows
/// were written (`*consumed` is right either way).
int32_t atelier_wrap(const uint16_t *text, int32_t length, int32_t width, int32_t final, int32_t *row_starts,
                     int32_t *row_ends, int32_t *row_widths, uint8_t *row_flags, int32_t capacity,
                     int32_t *consumed);
enum { ATELIER_ROW_OVERWIDE = 1, ATELIER_ROW_RTL = 2 };

/// Offset of the first byte that is not part of well-formed UTF-8 (no overlongs, surrogates or values
/// above U+10FFFF), or -1 when all of it is.
int64_t atelier_utf8_invalid_offset(const uint8_t *bytes, int64_t length);

/// Decodes UTF-8 to UTF-16 into `out` (`capacity` units; `length` units always suffice) while checking it
/// as above. Returns the number of units needed (when larger than `capacity`, the output was cut there), or
/// -1 with the offset of the first bad byte in `*invalid_offset` (else -1 there).
int64_t atelier_utf8_decode_checked(const uint8_t *bytes, int64_t length, uint16_t *out, int64_t capacity,
                                    int64_t *invalid_offset);

/// UTF-16 to UTF-8 (lone surrogates become U+FFFD) into `out` (`capacity` bytes, not NUL-terminated).
/// Returns the length needed, at most `3 * length`.
int32_t atelier_utf16_to_utf8(const uint16_t *units, int32_t length, uint8_t *out, int32_t capacity);

/// Counts line-break opportunities with a bare ICU iterator: the floor our layout is measured against.
int32_t atelier_bare_line_break_count(const uint16_t *text, int32_t length);
/// The same over UTF-8 through ICU's UText, without converting to UTF-16 first.
int32_t atelier_bare_line_break_count_utf8(const uint8_t *text, int32_t length);
/// ICU's own work for right-to-left rows, bare: each row [starts[k], ends[k]) of `text` shaped (u_shapeArabic,
/// as the layout shapes) and put in visual order (one ubidi_setPara and ubidi_writeReordered, no mirroring and
/// none of the layout's checks). With the line-break count, the floor of what the layout asks of ICU.
/// Returns the units written in all, negative on an ICU error.
int64_t atelier_bare_shape_and_reorder(const uint16_t *text, const int32_t *starts, const int32_t *ends, int32_t rows);

#ifdef __cplusplus
}
#endif

#endif
