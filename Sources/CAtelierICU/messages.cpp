// ICU MessageFormat with named arguments. The C umsg_* API is positional only and silently prints
// "{name}" for named arguments, so this one file uses ICU's C++ API behind the C interface.
#include "CAtelierICU.h"

#include <memory>
#include <vector>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

using icu::Formattable;
using icu::MessageFormat;
using icu::MessagePattern;
using icu::UnicodeString;

static UnicodeString string_from(const uint16_t *units, int32_t length) {
    return UnicodeString(reinterpret_cast<const char16_t *>(units), length);
}

extern "C" int32_t atelier_message_format(const char *locale, const uint16_t *pattern, int32_t pattern_length,
                                          int32_t argument_count, const uint16_t *const *names,
                                          const int32_t *name_lengths, const uint8_t *kinds, const double *numbers,
                                          const uint16_t *const *strings, const int32_t *string_lengths,
                                          uint16_t *out, int32_t capacity, int32_t *error_offset) {
    UErrorCode error = U_ZERO_ERROR;
    UParseError parse_error;
    *error_offset = -1;
    MessageFormat format(string_from(pattern, pattern_length), icu::Locale(locale), parse_error, error);
    if (U_FAILURE(error)) {
        *error_offset = parse_error.offset;
        return -error;
    }
    std::vector<UnicodeString> argument_names;
    std::vector<Formattable> arguments;
    argument_names.reserve(argument_count);
    arguments.reserve(argument_count);
    for (int32_t i = 0; i < argument_count; i++) {
        argument_names.push_back(string_from(names[i], name_lengths[i]));
        if (kinds[i] == ATELIER_ARG_NUMBER) {
            arguments.push_back(Formattable(numbers[i]));
        } else {
            arguments.push_back(Formattable(string_from(strings[i], string_lengths[i])));
        }
    }
    UnicodeString result;
    format.format(argument_names.data(), arguments.data(), argument_count, result, error);
    if (U_FAILURE(error)) return -error;
    return result.extract(reinterpret_cast<char16_t *>(out), capacity, error);
}

static void append(std::vector<char16_t> &list, const UnicodeString &item) {
    if (!list.empty()) list.push_back(u'\n');
    for (int32_t i = 0; i < item.length(); i++) list.push_back(item.charAt(i));
}

static int32_t copy_out(const std::vector<char16_t> &list, uint16_t *out, int32_t capacity) {
    int32_t n = static_cast<int32_t>(list.size());
    if (n <= capacity) {
        for (int32_t i = 0; i < n; i++) out[i] = list[i];
    }
    return n;
}

extern "C" int32_t atelier_message_check(const uint16_t *pattern, int32_t pattern_length, uint16_t *names,
                                         int32_t names_capacity, int32_t *names_length, uint16_t *plural_keywords,
                                         int32_t keywords_capacity, int32_t *keywords_length,
                                         int32_t *error_offset) {
    UErrorCode error = U_ZERO_ERROR;
    UParseError parse_error;
    *error_offset = -1;
    UnicodeString source = string_from(pattern, pattern_length);
    MessagePattern parsed(source, &parse_error, error);
    if (U_FAILURE(error)) {
        *error_offset = parse_error.offset;
        return -error;
    }
    std::vector<char16_t> found_names, found_keywords;
    std::vector<UMessagePatternArgType> open;  // the kinds of the arguments we are inside
    int32_t count = parsed.countParts();
    for (int32_t i = 0; i < count; i++) {
        const MessagePattern::Part &part = parsed.getPart(i);
        UMessagePatternPartType type = part.getType();
        if (type == UMSGPAT_PART_TYPE_ARG_START) {
            open.push_back(part.getArgType());
        } else if (type == UMSGPAT_PART_TYPE_ARG_LIMIT) {
            if (!open.empty()) open.pop_back();
        } else if (type == UMSGPAT_PART_TYPE_ARG_NAME || type == UMSGPAT_PART_TYPE_ARG_NUMBER) {
            append(found_names, parsed.getSubstring(part));
        } else if (type == UMSGPAT_PART_TYPE_ARG_SELECTOR && !open.empty() &&
                   (open.back() == UMSGPAT_ARG_TYPE_PLURAL || open.back() == UMSGPAT_ARG_TYPE_SELECTORDINAL)) {
            append(found_keywords, parsed.getSubstring(part));
        }
    }
    *names_length = copy_out(found_names, names, names_capacity);
    *keywords_length = copy_out(found_keywords, plural_keywords, keywords_capacity);
    return 0;
}
