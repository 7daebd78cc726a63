/*
 * ebur128_driver.c -- reference measurement with libebur128 for the Perche comparison bench.
 *
 *   ebur128_driver FILE          prints {"integrated_lufs":..,"lra_lu":..,"true_peak_dbtp":..}
 *   ebur128_driver --version     prints the libebur128 and libsndfile versions
 *
 * Reads FILE with libsndfile in blocks of 65536 frames (float; exact for 16- and 24-bit PCM) and feeds
 * libebur128 in mode I | LRA | TRUE_PEAK. Six-channel files are mapped L R C LFE(unused) Ls Rs; other
 * channel counts use libebur128's default map. The true peak is the maximum over all channels (LFE
 * included, as in EBU Tech 3341). Values that are -inf (silence) are printed as null.
 */
#include <ebur128.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_FRAMES 65536

static void print_number(const char *key, double value, int last)
{
    if (isfinite(value)) printf("\"%s\":%.4f", key, value);
    else printf("\"%s\":null", key);
    fputs(last ? "}\n" : ",", stdout);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE | --version\n", argv[0]);
        return 2;
    }
    if (strcmp(argv[1], "--version") == 0) {
        int major, minor, patch;
        ebur128_get_version(&major, &minor, &patch);
        printf("libebur128 %d.%d.%d, %s\n", major, minor, patch, sf_version_string());
        return 0;
    }

    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *sf = sf_open(argv[1], SFM_READ, &info);
    if (!sf) {
        fprintf(stderr, "%s: %s\n", argv[1], sf_strerror(NULL));
        return 1;
    }

    ebur128_state *st = ebur128_init((unsigned)info.channels, (unsigned long)info.samplerate,
                                     EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK);
    if (!st) {
        fprintf(stderr, "ebur128_init failed (%d channels, %d Hz)\n", info.channels, info.samplerate);
        return 1;
    }
    if (info.channels == 6) {
        static const int map[6] = {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER,
                                   EBUR128_UNUSED, EBUR128_LEFT_SURROUND, EBUR128_RIGHT_SURROUND};
        for (unsigned c = 0; c < 6; c++) {
            if (ebur128_set_channel(st, c, map[c]) != EBUR128_SUCCESS) {
                fprintf(stderr, "ebur128_set_channel(%u) failed\n", c);
                return 1;
            }
        }
    }

    float *buf = malloc(sizeof(float) * BLOCK_FRAMES * (size_t)info.channels);
    if (!buf) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    sf_count_t n;
    while ((n = sf_readf_float(sf, buf, BLOCK_FRAMES)) > 0) {
        if (ebur128_add_frames_float(st, buf, (size_t)n) != EBUR128_SUCCESS) {
            fprintf(stderr, "ebur128_add_frames_float failed\n");
            return 1;
        }
    }
    if (sf_error(sf) != SF_ERR_NO_ERROR) {
        fprintf(stderr, "%s: %s\n", argv[1], sf_strerror(sf));
        return 1;
    }
    sf_close(sf);
    free(buf);

    double integrated = -INFINITY, lra = NAN, tp = 0.0;
    if (ebur128_loudness_global(st, &integrated) != EBUR128_SUCCESS) integrated = NAN;
    if (ebur128_loudness_range(st, &lra) != EBUR128_SUCCESS) lra = NAN;
    for (unsigned c = 0; c < (unsigned)info.channels; c++) {
        double p;
        if (ebur128_true_peak(st, c, &p) == EBUR128_SUCCESS && p > tp) tp = p;
    }
    ebur128_destroy(&st);

    putchar('{');
    print_number("integrated_lufs", integrated, 0);
    print_number("lra_lu", lra, 0);
    print_number("true_peak_dbtp", tp > 0.0 ? 20.0 * log10(tp) : -INFINITY, 1);
    return 0;
}
