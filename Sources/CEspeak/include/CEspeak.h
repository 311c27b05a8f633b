// eSpeak NG (Debian libespeak-ng-dev) for read-aloud: a few calls around its global state, so that Swift never
// touches the library's callbacks or structures directly. One process uses one mode: synthesis into memory
// (`atelier speak`, the tests, the quiz host's WAV files) or playback through eSpeak NG's own audio output
// (the kiosk).
#ifndef CATELIER_ESPEAK_H
#define CATELIER_ESPEAK_H

#include <stddef.h>
#include <stdint.h>

/// Starts the library: `playback` 1 plays through eSpeak NG's audio output, 0 synthesises into memory.
/// Returns the sample rate (22050), or a negative value when the library or its data cannot be loaded.
int atelier_espeak_start(int playback);

/// 1 when eSpeak NG has a voice for this language code (its own codes: "ar", "fa", "cmn", "fr"...).
int atelier_espeak_has_voice(const char *language);

/// Synthesises SSML (UTF-8) with the voice of `language` at `rate` words per minute into a buffer of 16-bit
/// mono samples, which the caller frees with free(). `*first_chunk_ns` receives the nanoseconds from the call
/// to the first samples (the read-aloud key's latency). Returns 0, or an eSpeak NG error code.
int atelier_espeak_synthesize(const char *ssml, const char *language, int rate, int16_t **samples, size_t *count,
                              int64_t *first_chunk_ns);

/// Plays SSML through the audio output (playback mode); returns at once. Returns 0 or an error code.
int atelier_espeak_play(const char *ssml, const char *language, int rate);

/// Stops what is being played, at once.
void atelier_espeak_stop(void);

/// 1 while something is being played.
int atelier_espeak_is_playing(void);

#endif
