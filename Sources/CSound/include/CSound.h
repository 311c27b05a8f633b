// Recorded voices for read-aloud: decoding with libsndfile (WAV, Ogg/Opus, FLAC; Debian libsndfile1-dev) and
// playback with pcaudiolib (the library eSpeak NG plays through; Debian libpcaudio-dev), so that a recording
// and a synthesised sentence reach the same output. Swift sees only these calls.
#ifndef CATELIER_SOUND_H
#define CATELIER_SOUND_H

#include <stddef.h>
#include <stdint.h>

/// Decodes a sound file into 16-bit mono samples (channels mixed down), which the caller frees with free().
/// `*rate` receives the file's sample rate. Returns 0, or -1 when the file cannot be opened or decoded (then
/// `error` receives libsndfile's reason, NUL-terminated, within `capacity` bytes).
int atelier_sound_decode(const char *path, int16_t **samples, size_t *count, int *rate, char *error, int capacity);

/// Writes 16-bit mono samples to a file: `opus` 1 for Ogg/Opus, 0 for WAV. Returns 0 or -1 (reason in `error`).
int atelier_sound_write(const char *path, const int16_t *samples, size_t count, int rate, int opus, char *error,
                        int capacity);

/// An open playback stream on the default output (ALSA, PulseAudio, PipeWire), or NULL when none opens.
typedef struct AtelierSoundOutput AtelierSoundOutput;
AtelierSoundOutput *atelier_sound_open(int rate);

/// Plays samples; blocks until the output took them. Returns 0 or an error code.
int atelier_sound_play(AtelierSoundOutput *output, const int16_t *samples, size_t count);

/// Waits until everything written was heard.
void atelier_sound_drain(AtelierSoundOutput *output);

/// Drops what is queued, at once (from another thread: the listen key pressed again).
void atelier_sound_flush(AtelierSoundOutput *output);

void atelier_sound_close(AtelierSoundOutput *output);

#endif
