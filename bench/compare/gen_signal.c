/*
 * gen_signal.c -- deterministic, programme-like test signal for the Perche loudness comparison bench.
 *
 *   gen_signal OUT.wav CHANNELS SECONDS [SEED]
 *
 * Writes a 48 kHz / 24-bit PCM WAVE_FORMAT_EXTENSIBLE file (mask 0x3 for stereo, 0x3F = L R C LFE Ls Rs
 * for six channels, 0x4 for mono, 0 otherwise). The content is a sequence of "scenes" chosen by a seeded
 * PRNG so that the same arguments always give the same bytes:
 *
 *   dialogue  syllable-gated voice-like buzz + band-limited pink noise (centre), over room ambience,
 *             sometimes with quiet music underneath
 *   music     chords of harmonic tones with a bass line (LFE in 5.1), tremolo, fade in / fade out
 *   action    pink-noise explosions with sharp attacks and long decays, LFE rumble, short white-noise
 *             "shots" (these give inter-sample peaks above the sample peak)
 *   quiet     low ambience only, or digital silence (exercises the absolute -70 LUFS gate)
 *
 * Scene levels vary by tens of dB so that the relative gate and the loudness range have real work to do.
 * GEN_ONLY=0..3 (env) forces one scene type, for calibrating levels.
 * Written for this bench; only public textbook formulas are used (Kellet's pink-noise filter, RBJ biquads).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000
#define MAXCH 8
#define TABLE 2048
#define BLOCK 4096

/* ---------------------------------------------------------------- PRNG (splitmix64) */
static uint64_t rng_state;
static uint64_t rnd_u64(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static double rnd01(void) { return (double)(rnd_u64() >> 11) * (1.0 / 9007199254740992.0); }
static double rnd_range(double a, double b) { return a + (b - a) * rnd01(); }
static double rnd_white(void) { return 2.0 * rnd01() - 1.0; }
static double db(double x) { return pow(10.0, x / 20.0); }

/* ---------------------------------------------------------------- pink noise (Kellet, economy version) */
typedef struct { double b0, b1, b2; } pink_t;
static double pink_next(pink_t *p)
{
    double w = rnd_white();
    p->b0 = 0.99765 * p->b0 + w * 0.0990460;
    p->b1 = 0.96300 * p->b1 + w * 0.2965164;
    p->b2 = 0.57000 * p->b2 + w * 1.0526913;
    return (p->b0 + p->b1 + p->b2 + w * 0.1848) * 0.25;
}

/* ---------------------------------------------------------------- biquad (RBJ cookbook) */
typedef struct { double b0, b1, b2, a1, a2, z1, z2; } biquad_t;
static void bq_set(biquad_t *f, int highpass, double fc, double q)
{
    double w = 2.0 * M_PI * fc / RATE, c = cos(w), alpha = sin(w) / (2.0 * q), a0 = 1.0 + alpha;
    if (highpass) { f->b0 = (1.0 + c) / 2.0; f->b1 = -(1.0 + c); }
    else          { f->b0 = (1.0 - c) / 2.0; f->b1 = 1.0 - c; }
    f->b2 = f->b0;
    f->b0 /= a0; f->b1 /= a0; f->b2 /= a0;
    f->a1 = -2.0 * c / a0; f->a2 = (1.0 - alpha) / a0;
    f->z1 = f->z2 = 0.0;
}
static double bq_run(biquad_t *f, double x) /* transposed direct form II */
{
    double y = f->b0 * x + f->z1;
    f->z1 = f->b1 * x - f->a1 * y + f->z2;
    f->z2 = f->b2 * x - f->a2 * y;
    return y;
}

/* ---------------------------------------------------------------- wavetables */
static double voice_table[TABLE], organ_table[TABLE], bass_table[TABLE];
static void make_table(double *t, int harmonics, double tilt)
{
    double peak = 0.0;
    for (int i = 0; i < TABLE; i++) {
        double s = 0.0;
        for (int k = 1; k <= harmonics; k++) s += sin(2.0 * M_PI * k * i / TABLE) / pow(k, tilt);
        t[i] = s;
        if (fabs(s) > peak) peak = fabs(s);
    }
    for (int i = 0; i < TABLE; i++) t[i] /= peak;
}
static double table_read(const double *t, double *phase, double freq)
{
    double p = *phase * TABLE;
    int i = (int)p;
    double fr = p - i, y = t[i] + fr * (t[(i + 1) & (TABLE - 1)] - t[i]);
    *phase += freq / RATE;
    if (*phase >= 1.0) *phase -= 1.0;
    return y;
}

/* ---------------------------------------------------------------- scene state */
enum { SC_DIALOGUE, SC_MUSIC, SC_ACTION, SC_QUIET };

typedef struct {
    int type;
    long long start, len;
    double dlg_gain, mus_gain, amb_gain, act_gain;
    double fade_in, fade_out;             /* seconds, music and scene envelope */
    double trem_rate, trem_depth;
    double tempo_samples;                 /* samples per chord */
    double root;
    int silent;
} scene_t;

static const int scale_semis[] = {0, 2, 3, 5, 7, 8, 10};

static void new_scene(scene_t *s, long long start)
{
    double r = rnd01();
    memset(s, 0, sizeof *s);
    s->start = start;
    s->type = r < 0.42 ? SC_DIALOGUE : r < 0.68 ? SC_MUSIC : r < 0.84 ? SC_ACTION : SC_QUIET;
    if (getenv("GEN_ONLY")) s->type = atoi(getenv("GEN_ONLY")); /* calibration aid */
    s->trem_rate = rnd_range(3.0, 7.0);
    s->trem_depth = rnd_range(0.0, 0.5);
    s->tempo_samples = RATE * 60.0 / rnd_range(70.0, 130.0) * 4.0;
    s->root = 110.0 * pow(2.0, (int)rnd_range(0, 12) / 12.0);
    switch (s->type) {
    case SC_DIALOGUE:
        s->len = (long long)(RATE * rnd_range(10.0, 60.0));
        s->dlg_gain = db(rnd_range(-9.0, 0.0));
        s->amb_gain = db(rnd_range(-26.0, -16.0));
        s->mus_gain = rnd01() < 0.3 ? db(rnd_range(-22.0, -14.0)) : 0.0;
        s->fade_in = s->fade_out = 0.3;
        break;
    case SC_MUSIC:
        s->len = (long long)(RATE * rnd_range(10.0, 45.0));
        s->mus_gain = db(rnd_range(-14.0, 0.0));
        s->amb_gain = db(rnd_range(-34.0, -24.0));
        s->fade_in = rnd_range(0.5, 4.0);
        s->fade_out = rnd_range(0.5, 5.0);
        break;
    case SC_ACTION:
        s->len = (long long)(RATE * rnd_range(5.0, 30.0));
        s->act_gain = db(rnd_range(-4.0, 0.0));
        s->amb_gain = db(rnd_range(-18.0, -10.0));
        s->mus_gain = rnd01() < 0.5 ? db(rnd_range(-8.0, -2.0)) : 0.0;
        s->fade_in = 0.05;
        s->fade_out = rnd_range(0.5, 3.0);
        break;
    default:
        s->len = (long long)(RATE * rnd_range(3.0, 20.0));
        s->silent = rnd01() < 0.35;
        s->amb_gain = s->silent ? 0.0 : db(rnd_range(-42.0, -28.0));
        s->fade_in = s->fade_out = 0.5;
        break;
    }
}

/* per-scene running state of the sources */
typedef struct {
    /* dialogue */
    long long syl_pos, syl_len, syl_gap, phrase_left, pause_left;
    double syl_amp, f0, voice_phase, intonation_phase;
    pink_t dlg_noise;
    biquad_t dlg_hp, dlg_lp, dlg_nhp, dlg_nlp;
    /* music */
    double note_phase[4], note_freq[4], bass_phase, bass_freq, chord_env;
    long long chord_pos;
    double trem_phase;
    /* action */
    double boom_env, boom_decay, shot_env, shot_decay;
    pink_t rumble_noise;
    biquad_t rumble_lp, rumble_lp2;
    /* ambience */
    pink_t amb_noise[MAXCH];
    biquad_t amb_lp[MAXCH];
    double amb_wobble_phase;
    /* smoothed gains */
    double g_dlg, g_mus, g_amb, g_act;
} voices_t;

static void new_chord(voices_t *v, const scene_t *s)
{
    int degree = (int)rnd_range(0, 7);
    for (int i = 0; i < 3; i++) {
        int d = degree + 2 * i;
        int semis = scale_semis[d % 7] + 12 * (d / 7);
        v->note_freq[i] = 2.0 * s->root * pow(2.0, semis / 12.0);
    }
    v->note_freq[3] = 4.0 * s->root * pow(2.0, scale_semis[(degree + 4) % 7] / 12.0);
    v->bass_freq = 0.5 * s->root * pow(2.0, scale_semis[degree] / 12.0);
    v->chord_env = 0.0;
    v->chord_pos = 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s OUT.wav CHANNELS SECONDS [SEED]\n", argv[0]);
        return 2;
    }
    const char *out = argv[1];
    int ch = atoi(argv[2]);
    double seconds = atof(argv[3]);
    rng_state = argc > 4 ? strtoull(argv[4], NULL, 10) : 1770;
    if (ch < 1 || ch > MAXCH || seconds <= 0) {
        fprintf(stderr, "bad channels (1..%d) or seconds\n", MAXCH);
        return 2;
    }
    long long frames = (long long)(seconds * RATE);
    uint64_t data_bytes = (uint64_t)frames * ch * 3;
    if (data_bytes + 68 > 0xFFFFFFFFull) {
        fprintf(stderr, "file would exceed 4 GiB (RIFF limit)\n");
        return 2;
    }
    uint32_t mask = ch == 1 ? 0x4 : ch == 2 ? 0x3 : ch == 6 ? 0x3F : 0;

    FILE *f = fopen(out, "wb");
    if (!f) { perror(out); return 1; }

    /* WAVE_FORMAT_EXTENSIBLE header, 68 bytes */
    unsigned char h[68];
    uint32_t riff = (uint32_t)(4 + 8 + 40 + 8 + data_bytes);
#define PUT16(o, v) do { h[o] = (unsigned char)(v); h[o + 1] = (unsigned char)((v) >> 8); } while (0)
#define PUT32(o, v) do { PUT16(o, (v) & 0xFFFF); PUT16(o + 2, ((uint32_t)(v)) >> 16); } while (0)
    memcpy(h, "RIFF", 4); PUT32(4, riff); memcpy(h + 8, "WAVEfmt ", 8);
    PUT32(16, 40); PUT16(20, 0xFFFE); PUT16(22, ch); PUT32(24, RATE); PUT32(28, RATE * ch * 3);
    PUT16(32, ch * 3); PUT16(34, 24); PUT16(36, 22); PUT16(38, 24); PUT32(40, mask);
    static const unsigned char pcm_guid[16] = {0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00,
                                               0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
    memcpy(h + 44, pcm_guid, 16); memcpy(h + 60, "data", 4); PUT32(64, (uint32_t)data_bytes);
    if (fwrite(h, 1, sizeof h, f) != sizeof h) { perror(out); return 1; }

    make_table(voice_table, 14, 1.0);
    make_table(organ_table, 6, 1.5);
    make_table(bass_table, 3, 1.0);

    /* channel roles */
    int six = ch == 6, idx_lfe = six ? 3 : -1, idx_c = six ? 2 : -1;

    voices_t v;
    memset(&v, 0, sizeof v);
    bq_set(&v.dlg_hp, 1, 140.0, 0.707); bq_set(&v.dlg_lp, 0, 3800.0, 0.707);
    bq_set(&v.dlg_nhp, 1, 300.0, 0.707); bq_set(&v.dlg_nlp, 0, 5000.0, 0.707);
    bq_set(&v.rumble_lp, 0, 90.0, 0.707); bq_set(&v.rumble_lp2, 0, 90.0, 0.707);
    for (int c = 0; c < ch; c++) bq_set(&v.amb_lp[c], 0, rnd_range(900.0, 2500.0), 0.707);

    scene_t sc;
    new_scene(&sc, 0);
    new_chord(&v, &sc);
    const double smooth = 1.0 - exp(-1.0 / (0.02 * RATE));
    const double chord_attack = 1.0 - exp(-1.0 / (0.03 * RATE));

    unsigned char *buf = malloc((size_t)BLOCK * ch * 3);
    double frame[MAXCH];
    long long clipped = 0, written = 0;
    double peak = 0.0;

    while (written < frames) {
        int n = frames - written < BLOCK ? (int)(frames - written) : BLOCK;
        unsigned char *p = buf;
        for (int i = 0; i < n; i++) {
            long long t = written + i;
            if (t - sc.start >= sc.len) { new_scene(&sc, t); new_chord(&v, &sc); }
            double ts = (double)(t - sc.start) / RATE, te = (double)(sc.start + sc.len - t) / RATE;
            double env = 1.0;
            if (ts < sc.fade_in) env = ts / sc.fade_in;
            if (te < sc.fade_out && te / sc.fade_out < env) env = te / sc.fade_out;

            v.g_dlg += smooth * (sc.dlg_gain * env - v.g_dlg);
            v.g_mus += smooth * (sc.mus_gain * env - v.g_mus);
            v.g_amb += smooth * (sc.amb_gain * (sc.type == SC_QUIET ? env : 1.0) - v.g_amb);
            v.g_act += smooth * (sc.act_gain * env - v.g_act);
            for (int c = 0; c < ch; c++) frame[c] = 0.0;

            /* dialogue: phrases of syllables */
            if (v.g_dlg > 1e-6 || sc.dlg_gain > 0.0) {
                double e = 0.0;
                if (v.pause_left > 0) {
                    v.pause_left--;
                } else {
                    if (v.phrase_left <= 0) {
                        v.phrase_left = (long long)(RATE * rnd_range(1.5, 4.0));
                        v.f0 = rnd_range(95.0, 230.0);
                        v.syl_pos = v.syl_len = 0;
                    }
                    if (v.syl_pos >= v.syl_len + v.syl_gap) {
                        v.syl_pos = 0;
                        v.syl_len = (long long)(RATE * rnd_range(0.08, 0.25));
                        v.syl_gap = (long long)(RATE * rnd_range(0.0, 0.06));
                        v.syl_amp = rnd_range(0.35, 1.0);
                    }
                    if (v.syl_pos < v.syl_len) {
                        double s = sin(M_PI * (double)v.syl_pos / (double)v.syl_len);
                        e = v.syl_amp * s * s;
                    }
                    v.syl_pos++;
                    if (--v.phrase_left <= 0) v.pause_left = (long long)(RATE * rnd_range(0.3, 1.2));
                }
                double pitch = v.f0 * (1.0 + 0.08 * sin(2.0 * M_PI * v.intonation_phase));
                v.intonation_phase += 0.6 / RATE;
                if (v.intonation_phase >= 1.0) v.intonation_phase -= 1.0;
                double buzz = bq_run(&v.dlg_lp, bq_run(&v.dlg_hp, table_read(voice_table, &v.voice_phase, pitch)));
                double hiss = bq_run(&v.dlg_nlp, bq_run(&v.dlg_nhp, pink_next(&v.dlg_noise)));
                double voice = (0.55 * buzz + 0.9 * hiss) * e * v.g_dlg * 0.44;
                if (six) { frame[idx_c] += voice; frame[0] += 0.12 * voice; frame[1] += 0.12 * voice; }
                else if (ch == 1) frame[0] += voice;
                else { frame[0] += 0.7071 * voice; frame[1] += 0.7071 * voice; }
            }

            /* music: chords + bass, tremolo */
            if (v.g_mus > 1e-6 || sc.mus_gain > 0.0) {
                if (++v.chord_pos >= (long long)sc.tempo_samples) new_chord(&v, &sc);
                v.chord_env += chord_attack * (1.0 - v.chord_env);
                double trem = 1.0 - sc.trem_depth * (0.5 + 0.5 * sin(2.0 * M_PI * v.trem_phase));
                v.trem_phase += sc.trem_rate / RATE;
                if (v.trem_phase >= 1.0) v.trem_phase -= 1.0;
                double g = v.g_mus * v.chord_env * trem * 0.12;
                double n0 = table_read(organ_table, &v.note_phase[0], v.note_freq[0]) * g;
                double n1 = table_read(organ_table, &v.note_phase[1], v.note_freq[1]) * g;
                double n2 = table_read(organ_table, &v.note_phase[2], v.note_freq[2]) * g;
                double n3 = table_read(organ_table, &v.note_phase[3], v.note_freq[3]) * g * 0.6;
                double bass = table_read(bass_table, &v.bass_phase, v.bass_freq) * g * 1.3;
                double left = n0 + 0.6 * n1 + 0.3 * n2 + 0.8 * n3 + 0.5 * bass;
                double right = 0.3 * n0 + 0.6 * n1 + n2 + 0.4 * n3 + 0.5 * bass;
                if (ch == 1) frame[0] += 0.5 * (left + right);
                else { frame[0] += left; frame[1] += right; }
                if (six) { frame[4] += 0.45 * left; frame[5] += 0.45 * right; frame[idx_lfe] += 0.8 * bass; frame[idx_c] += 0.2 * n1; }
            }

            /* action: booms, shots, rumble */
            if (v.g_act > 1e-6 || sc.act_gain > 0.0) {
                if (sc.act_gain > 0.0 && rnd01() < 1.2 / RATE) { /* ~1.2 booms per second */
                    v.boom_env = rnd_range(0.4, 1.0);
                    v.boom_decay = exp(-1.0 / (RATE * rnd_range(0.25, 1.5)));
                }
                if (sc.act_gain > 0.0 && rnd01() < 0.7 / RATE) { /* ~0.7 shots per second */
                    v.shot_env = rnd_range(0.5, 1.0);
                    v.shot_decay = exp(-1.0 / (RATE * rnd_range(0.002, 0.02)));
                }
                double rumble = bq_run(&v.rumble_lp2, bq_run(&v.rumble_lp, pink_next(&v.rumble_noise))) * 9.0;
                double boom = v.boom_env * v.g_act * 0.15, shot = v.shot_env * v.g_act * 0.15;
                v.boom_env *= v.boom_decay;
                v.shot_env *= v.shot_decay;
                for (int c = 0; c < ch; c++) {
                    if (c == idx_lfe) { frame[c] += rumble * (0.5 * boom + 0.012 * v.g_act); continue; }
                    double w = (c == 0 || c == 1) ? 1.0 : 0.6;
                    frame[c] += w * (pink_next(&v.amb_noise[c]) * 2.2 * boom + rnd_white() * 0.55 * shot
                                     + rumble * 0.25 * boom);
                }
            }

            /* ambience: decorrelated low-passed pink noise, slow wobble */
            if (v.g_amb > 1e-7 || sc.amb_gain > 0.0) {
                double wob = 1.0 + 0.3 * sin(2.0 * M_PI * v.amb_wobble_phase);
                v.amb_wobble_phase += 0.07 / RATE;
                if (v.amb_wobble_phase >= 1.0) v.amb_wobble_phase -= 1.0;
                for (int c = 0; c < ch; c++) {
                    if (c == idx_lfe) continue;
                    double w = c == idx_c ? 0.5 : 1.0;
                    frame[c] += bq_run(&v.amb_lp[c], pink_next(&v.amb_noise[c])) * v.g_amb * wob * w * 0.5;
                }
            }

            for (int c = 0; c < ch; c++) {
                double x = frame[c];
                if (fabs(x) > peak) peak = fabs(x);
                long q = lrint(x * 8388608.0);
                if (q > 8388607) { q = 8388607; clipped++; }
                if (q < -8388608) { q = -8388608; clipped++; }
                p[0] = (unsigned char)(q & 0xFF);
                p[1] = (unsigned char)((q >> 8) & 0xFF);
                p[2] = (unsigned char)((q >> 16) & 0xFF);
                p += 3;
            }
        }
        if (fwrite(buf, 3 * (size_t)ch, (size_t)n, f) != (size_t)n) { perror(out); return 1; }
        written += n;
    }
    if (fclose(f) != 0) { perror(out); return 1; }
    free(buf);
    fprintf(stderr, "%s: %d ch, %.1f s, sample peak %.2f dBFS, %lld clipped samples\n", out, ch,
            (double)frames / RATE, 20.0 * log10(peak > 0 ? peak : 1e-20), clipped);
    return 0;
}
