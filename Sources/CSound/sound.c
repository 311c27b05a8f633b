#include "CSound.h"

#include <dlfcn.h>
#include <pcaudiolib/audio.h>
#include <pthread.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Both libraries are opened at their first use, not linked: with what they bring (PulseAudio, D-Bus, X11, FLAC,
// Vorbis, Opus, MP3) they were about thirty of the kiosk's shared libraries, loaded and relocated at every start
// for a key most sessions never press (issue #24). The prototypes come from the libraries' own headers.
static struct {
    __typeof__(&sf_open) open;
    __typeof__(&sf_strerror) strerror;
    __typeof__(&sf_close) close;
    __typeof__(&sf_readf_short) readf_short;
    __typeof__(&sf_writef_short) writef_short;
    __typeof__(&sf_error) error;
} sf;

static struct {
    __typeof__(&create_audio_device_object) create;
    __typeof__(&audio_object_open) open;
    __typeof__(&audio_object_close) close;
    __typeof__(&audio_object_destroy) destroy;
    __typeof__(&audio_object_write) write;
    __typeof__(&audio_object_drain) drain;
    __typeof__(&audio_object_flush) flush;
} pc;

static pthread_once_t sf_once = PTHREAD_ONCE_INIT, pc_once = PTHREAD_ONCE_INIT;
static int sf_loaded = 0, pc_loaded = 0;

#define BIND(table, field, name) if ((*(void **)&table.field = dlsym(library, name)) == NULL) return

static void open_sndfile(void) {
    void *library = dlopen("libsndfile.so.1", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    BIND(sf, open, "sf_open"); BIND(sf, strerror, "sf_strerror"); BIND(sf, close, "sf_close");
    BIND(sf, readf_short, "sf_readf_short"); BIND(sf, writef_short, "sf_writef_short"); BIND(sf, error, "sf_error");
    sf_loaded = 1;
}

static void open_pcaudio(void) {
    void *library = dlopen("libpcaudio.so.0", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    BIND(pc, create, "create_audio_device_object"); BIND(pc, open, "audio_object_open");
    BIND(pc, close, "audio_object_close"); BIND(pc, destroy, "audio_object_destroy"); BIND(pc, write, "audio_object_write");
    BIND(pc, drain, "audio_object_drain"); BIND(pc, flush, "audio_object_flush");
    pc_loaded = 1;
}

#undef BIND

static int have_sndfile(void) {
    pthread_once(&sf_once, open_sndfile);
    return sf_loaded;
}

static const char missing_sndfile[] = "libsndfile (libsndfile.so.1) is not installed";

static void copy_error(const char *reason, char *error, int capacity) {
    if (error == NULL || capacity <= 0) return;
    snprintf(error, (size_t)capacity, "%s", reason ? reason : "unknown error");
}

int atelier_sound_decode(const char *path, int16_t **samples, size_t *count, int *rate, char *error, int capacity) {
    *samples = NULL;
    *count = 0;
    if (!have_sndfile()) {
        copy_error(missing_sndfile, error, capacity);
        return -1;
    }
    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *file = sf.open(path, SFM_READ, &info);
    if (file == NULL) {
        copy_error(sf.strerror(NULL), error, capacity);
        return -1;
    }
    // A recording of a sentence is seconds long; refuse what cannot be one (a damaged header claiming hours).
    if (info.channels <= 0 || info.channels > 8 || info.samplerate <= 0 || info.frames < 0 || info.frames > (sf_count_t)info.samplerate * 600) {
        copy_error("not a recording of at most ten minutes", error, capacity);
        sf.close(file);
        return -1;
    }
    size_t frames = (size_t)info.frames;
    short *interleaved = malloc((frames ? frames : 1) * (size_t)info.channels * sizeof(short));
    int16_t *mono = malloc((frames ? frames : 1) * sizeof(int16_t));
    if (interleaved == NULL || mono == NULL) {
        free(interleaved);
        free(mono);
        sf.close(file);
        copy_error("out of memory", error, capacity);
        return -1;
    }
    sf_count_t got = sf.readf_short(file, interleaved, (sf_count_t)frames);
    if (got < 0 || sf.error(file) != SF_ERR_NO_ERROR) {
        copy_error(sf.strerror(file), error, capacity);
        free(interleaved);
        free(mono);
        sf.close(file);
        return -1;
    }
    for (sf_count_t frame = 0; frame < got; frame++) {
        int sum = 0;
        for (int channel = 0; channel < info.channels; channel++) sum += interleaved[frame * info.channels + channel];
        mono[frame] = (int16_t)(sum / info.channels);
    }
    free(interleaved);
    sf.close(file);
    *samples = mono;
    *count = (size_t)got;
    *rate = info.samplerate;
    return 0;
}

int atelier_sound_write(const char *path, const int16_t *samples, size_t count, int rate, int opus, char *error,
                        int capacity) {
    if (!have_sndfile()) {
        copy_error(missing_sndfile, error, capacity);
        return -1;
    }
    SF_INFO info;
    memset(&info, 0, sizeof info);
    info.samplerate = rate;
    info.channels = 1;
    info.format = opus ? (SF_FORMAT_OGG | SF_FORMAT_OPUS) : (SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    SNDFILE *file = sf.open(path, SFM_WRITE, &info);
    if (file == NULL) {
        copy_error(sf.strerror(NULL), error, capacity);
        return -1;
    }
    sf_count_t written = sf.writef_short(file, samples, (sf_count_t)count);
    int failed = written != (sf_count_t)count;
    if (failed) copy_error(sf.strerror(file), error, capacity);
    if (sf.close(file) != 0 && !failed) {
        copy_error("could not finish the file", error, capacity);
        failed = 1;
    }
    return failed ? -1 : 0;
}

struct AtelierSoundOutput {
    struct audio_object *object;
};

AtelierSoundOutput *atelier_sound_open(int rate) {
    pthread_once(&pc_once, open_pcaudio);
    if (!pc_loaded) return NULL;
    struct audio_object *object = pc.create(NULL, "atelier", "read-aloud");
    if (object == NULL) return NULL;
    if (pc.open(object, AUDIO_OBJECT_FORMAT_S16LE, (uint32_t)rate, 1) != 0) {
        pc.destroy(object);
        return NULL;
    }
    AtelierSoundOutput *output = malloc(sizeof *output);
    if (output == NULL) {
        pc.close(object);
        pc.destroy(object);
        return NULL;
    }
    output->object = object;
    return output;
}

int atelier_sound_play(AtelierSoundOutput *output, const int16_t *samples, size_t count) {
    return pc.write(output->object, samples, count * sizeof(int16_t));
}

void atelier_sound_drain(AtelierSoundOutput *output) { pc.drain(output->object); }

void atelier_sound_flush(AtelierSoundOutput *output) { pc.flush(output->object); }

void atelier_sound_close(AtelierSoundOutput *output) {
    if (output == NULL) return;
    pc.close(output->object);
    pc.destroy(output->object);
    free(output);
}
