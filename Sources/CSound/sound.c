#include "CSound.h"

#include <pcaudiolib/audio.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_error(const char *reason, char *error, int capacity) {
    if (error == NULL || capacity <= 0) return;
    snprintf(error, (size_t)capacity, "%s", reason ? reason : "unknown error");
}

int atelier_sound_decode(const char *path, int16_t **samples, size_t *count, int *rate, char *error, int capacity) {
    *samples = NULL;
    *count = 0;
    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *file = sf_open(path, SFM_READ, &info);
    if (file == NULL) {
        copy_error(sf_strerror(NULL), error, capacity);
        return -1;
    }
    // A recording of a sentence is seconds long; refuse what cannot be one (a damaged header claiming hours).
    if (info.channels <= 0 || info.channels > 8 || info.samplerate <= 0 || info.frames < 0 || info.frames > (sf_count_t)info.samplerate * 600) {
        copy_error("not a recording of at most ten minutes", error, capacity);
        sf_close(file);
        return -1;
    }
    size_t frames = (size_t)info.frames;
    short *interleaved = malloc((frames ? frames : 1) * (size_t)info.channels * sizeof(short));
    int16_t *mono = malloc((frames ? frames : 1) * sizeof(int16_t));
    if (interleaved == NULL || mono == NULL) {
        free(interleaved);
        free(mono);
        sf_close(file);
        copy_error("out of memory", error, capacity);
        return -1;
    }
    sf_count_t got = sf_readf_short(file, interleaved, (sf_count_t)frames);
    if (got < 0 || sf_error(file) != SF_ERR_NO_ERROR) {
        copy_error(sf_strerror(file), error, capacity);
        free(interleaved);
        free(mono);
        sf_close(file);
        return -1;
    }
    for (sf_count_t frame = 0; frame < got; frame++) {
        int sum = 0;
        for (int channel = 0; channel < info.channels; channel++) sum += interleaved[frame * info.channels + channel];
        mono[frame] = (int16_t)(sum / info.channels);
    }
    free(interleaved);
    sf_close(file);
    *samples = mono;
    *count = (size_t)got;
    *rate = info.samplerate;
    return 0;
}

int atelier_sound_write(const char *path, const int16_t *samples, size_t count, int rate, int opus, char *error,
                        int capacity) {
    SF_INFO info;
    memset(&info, 0, sizeof info);
    info.samplerate = rate;
    info.channels = 1;
    info.format = opus ? (SF_FORMAT_OGG | SF_FORMAT_OPUS) : (SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    SNDFILE *file = sf_open(path, SFM_WRITE, &info);
    if (file == NULL) {
        copy_error(sf_strerror(NULL), error, capacity);
        return -1;
    }
    sf_count_t written = sf_writef_short(file, samples, (sf_count_t)count);
    int failed = written != (sf_count_t)count;
    if (failed) copy_error(sf_strerror(file), error, capacity);
    if (sf_close(file) != 0 && !failed) {
        copy_error("could not finish the file", error, capacity);
        failed = 1;
    }
    return failed ? -1 : 0;
}

struct AtelierSoundOutput {
    struct audio_object *object;
};

AtelierSoundOutput *atelier_sound_open(int rate) {
    struct audio_object *object = create_audio_device_object(NULL, "atelier", "read-aloud");
    if (object == NULL) return NULL;
    if (audio_object_open(object, AUDIO_OBJECT_FORMAT_S16LE, (uint32_t)rate, 1) != 0) {
        audio_object_destroy(object);
        return NULL;
    }
    AtelierSoundOutput *output = malloc(sizeof *output);
    if (output == NULL) {
        audio_object_close(object);
        audio_object_destroy(object);
        return NULL;
    }
    output->object = object;
    return output;
}

int atelier_sound_play(AtelierSoundOutput *output, const int16_t *samples, size_t count) {
    return audio_object_write(output->object, samples, count * sizeof(int16_t));
}

void atelier_sound_drain(AtelierSoundOutput *output) { audio_object_drain(output->object); }

void atelier_sound_flush(AtelierSoundOutput *output) { audio_object_flush(output->object); }

void atelier_sound_close(AtelierSoundOutput *output) {
    if (output == NULL) return;
    audio_object_close(output->object);
    audio_object_destroy(output->object);
    free(output);
}
