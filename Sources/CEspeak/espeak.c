#include "CEspeak.h"

#include <dlfcn.h>
#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// eSpeak NG keeps global state (the voice, the callback): every call goes through this lock.
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int started = 0, rate_hz = -1;

// The library is opened at the first start, not linked: eSpeak NG brings its audio output and about thirty shared
// libraries with it (PulseAudio, D-Bus, X11, the sound codecs), which every kiosk start loaded and relocated for a
// key most sessions never press (issue #24: the dynamic loader was most of the kiosk's start). The prototypes come
// from the library's own header, so a changed signature still fails to compile.
static struct {
    __typeof__(&espeak_Initialize) Initialize;
    __typeof__(&espeak_SetSynthCallback) SetSynthCallback;
    __typeof__(&espeak_ListVoices) ListVoices;
    __typeof__(&espeak_SetVoiceByProperties) SetVoiceByProperties;
    __typeof__(&espeak_SetParameter) SetParameter;
    __typeof__(&espeak_Synth) Synth;
    __typeof__(&espeak_Synchronize) Synchronize;
    __typeof__(&espeak_Cancel) Cancel;
    __typeof__(&espeak_IsPlaying) IsPlaying;
} es;

// 0: not tried yet, 1: opened with every function, -1: missing (the start returns -1, as for missing data).
static int opened = 0;

// 1 when every function was found; under `lock`.
static int open_library(void) {
    void *library = dlopen("libespeak-ng.so.1", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return 0;
#define BIND(field) if ((*(void **)&es.field = dlsym(library, "espeak_" #field)) == NULL) return 0
    BIND(Initialize); BIND(SetSynthCallback); BIND(ListVoices); BIND(SetVoiceByProperties); BIND(SetParameter);
    BIND(Synth); BIND(Synchronize); BIND(Cancel); BIND(IsPlaying);
#undef BIND
    return 1;
}

// Where synthesis into memory collects samples.
static int16_t *collected = NULL;
static size_t collected_count = 0, collected_capacity = 0;
static int collect_failed = 0;
static struct timespec synth_started;
static int64_t first_chunk = -1;

static int64_t since(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)(now.tv_sec - start->tv_sec) * 1000000000 + (now.tv_nsec - start->tv_nsec);
}

static int collect(short *wave, int count, espeak_EVENT *events) {
    (void)events;
    if (wave == NULL || count <= 0) return 0;
    if (first_chunk < 0) first_chunk = since(&synth_started);
    if (collected_count + (size_t)count > collected_capacity) {
        size_t capacity = collected_capacity ? collected_capacity * 2 : 65536;
        while (capacity < collected_count + (size_t)count) capacity *= 2;
        int16_t *grown = realloc(collected, capacity * sizeof(int16_t));
        if (grown == NULL) {
            collect_failed = 1;
            return 1;  // stops the synthesis
        }
        collected = grown;
        collected_capacity = capacity;
    }
    memcpy(collected + collected_count, wave, (size_t)count * sizeof(int16_t));
    collected_count += (size_t)count;
    return 0;
}

int atelier_espeak_start(int playback) {
    pthread_mutex_lock(&lock);
    if (opened == 0) opened = open_library() ? 1 : -1;  // not installed: not tried again
    if (!started && opened == 1) {
        rate_hz = es.Initialize(playback ? AUDIO_OUTPUT_PLAYBACK : AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL,
                                    espeakINITIALIZE_DONT_EXIT);
        started = rate_hz > 0;
        if (started && !playback) es.SetSynthCallback(collect);
    }
    int result = rate_hz;
    pthread_mutex_unlock(&lock);
    return result;
}

// A voice whose own language list names exactly this language (or this language and a region: "fr-fr").
// The languages of every voice, each zero-terminated, read once: espeak_ListVoices reads every voice file again
// at each call (about a thousand files here), and the quiz host asked once per language before it listened, a
// third of its start-up (issue #24, strace). The voices installed do not change while the program runs.
static char *voice_languages = NULL;
static size_t voice_languages_length = 0;

static void read_voice_languages(void) {
    const espeak_VOICE **voices = es.ListVoices(NULL);
    size_t capacity = 4096, length = 0;
    char *names = malloc(capacity);
    if (names == NULL) return;
    for (int i = 0; voices && voices[i]; i++) {
        const char *entry = voices[i]->languages;
        while (entry && *entry) {
            const char *name = entry + 1;  // each entry: a priority byte, then the language, then a zero byte
            size_t size = strlen(name) + 1;
            if (length + size > capacity) {
                while (length + size > capacity) capacity *= 2;
                char *grown = realloc(names, capacity);
                if (grown == NULL) { free(names); return; }
                names = grown;
            }
            memcpy(names + length, name, size);
            length += size;
            entry = name + size;
        }
    }
    voice_languages = names;
    voice_languages_length = length;
}

static int voice_exists(const char *language) {
    if (voice_languages == NULL) read_voice_languages();
    size_t length = strlen(language);
    for (size_t at = 0; voice_languages && at < voice_languages_length; at += strlen(voice_languages + at) + 1) {
        const char *name = voice_languages + at;
        if (strncmp(name, language, length) == 0 && (name[length] == 0 || name[length] == '-')) return 1;
    }
    return 0;
}

int atelier_espeak_has_voice(const char *language) {
    pthread_mutex_lock(&lock);
    int found = started && voice_exists(language);
    pthread_mutex_unlock(&lock);
    return found;
}

static int choose(const char *language, int rate) {
    espeak_VOICE spec;
    memset(&spec, 0, sizeof spec);
    spec.languages = language;
    if (es.SetVoiceByProperties(&spec) != EE_OK) return EE_NOT_FOUND;
    es.SetParameter(espeakRATE, rate, 0);
    return EE_OK;
}

int atelier_espeak_synthesize(const char *ssml, const char *language, int rate, int16_t **samples, size_t *count,
                              int64_t *first_chunk_ns) {
    *samples = NULL;
    *count = 0;
    pthread_mutex_lock(&lock);
    // The latency counts from here: choosing the voice is part of what a key press waits for.
    clock_gettime(CLOCK_MONOTONIC, &synth_started);
    first_chunk = -1;
    int error = started ? choose(language, rate) : EE_INTERNAL_ERROR;
    if (error == EE_OK) {
        collected = NULL;
        collected_count = collected_capacity = 0;
        collect_failed = 0;
        error = es.Synth(ssml, strlen(ssml) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 | espeakSSML, NULL, NULL);
        if (error == EE_OK) error = es.Synchronize();
        if (collect_failed && error == EE_OK) error = EE_BUFFER_FULL;
        if (error == EE_OK) {
            *samples = collected;
            *count = collected_count;
            if (first_chunk_ns) *first_chunk_ns = first_chunk;
        } else {
            free(collected);
        }
        collected = NULL;
        collected_count = collected_capacity = 0;
    }
    pthread_mutex_unlock(&lock);
    return error;
}

int atelier_espeak_play(const char *ssml, const char *language, int rate) {
    pthread_mutex_lock(&lock);
    int error = started ? choose(language, rate) : EE_INTERNAL_ERROR;
    if (error == EE_OK) {
        es.Cancel();
        error = es.Synth(ssml, strlen(ssml) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 | espeakSSML, NULL, NULL);
    }
    pthread_mutex_unlock(&lock);
    return error;
}

void atelier_espeak_stop(void) {
    pthread_mutex_lock(&lock);
    if (started) es.Cancel();
    pthread_mutex_unlock(&lock);
}

int atelier_espeak_is_playing(void) {
    pthread_mutex_lock(&lock);
    int playing = started && es.IsPlaying();
    pthread_mutex_unlock(&lock);
    return playing;
}
