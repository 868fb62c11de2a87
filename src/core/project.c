/* project.c: consultation files read and written with cJSON, every field checked on the way in. */
#define _POSIX_C_SOURCE 200809L
#include <cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "smp/project.h"

/* What a 0 in the file means for a style number: in smp_style, 0 is the default. */
typedef enum zero_meaning {
    ZERO_REFUSED, /* outside the range: a file asking for no dots, or dots of no size, is refused */
    ZERO_OFF,     /* none (SMP_OFF): no variation, no irregularity */
    ZERO_VALUE    /* a value like any other, which is also the default */
} zero_meaning;

/* The style's numbers, by the names the file and the command line use. */
typedef struct style_field {
    const char *name;
    size_t offset;
    zero_meaning zero;
} style_field;

static const style_field style_fields[] = {
    {"density", offsetof(smp_style, density), ZERO_REFUSED},
    {"dot_size", offsetof(smp_style, dot_size), ZERO_REFUSED},
    {"size_variation", offsetof(smp_style, size_variation), ZERO_OFF},
    {"shade", offsetof(smp_style, shade), ZERO_REFUSED},
    {"shade_variation", offsetof(smp_style, shade_variation), ZERO_OFF},
    {"feather_mm", offsetof(smp_style, feather_mm), ZERO_REFUSED},
    {"irregularity", offsetof(smp_style, irregularity), ZERO_OFF},
    {"hairline_offset_mm", offsetof(smp_style, hairline_offset_mm), ZERO_VALUE},
    {"blend_density", offsetof(smp_style, blend_density), ZERO_REFUSED},
    {"blend_shade", offsetof(smp_style, blend_shade), ZERO_REFUSED},
};
enum { STYLE_FIELDS = sizeof style_fields / sizeof style_fields[0] };

/* ---- reading ---- */

typedef struct reader {
    const char *file;
    char where[128]; /* the JSON path being read, for messages */
} reader;

static smp_status bad(const reader *r, const char *field, const char *what) {
    return smp_fail(SMP_ERR_FORMAT, "%s: %s%s%s: %s", r->file, r->where, *r->where && field ? "." : "",
                    field ? field : "", what);
}

static smp_status read_text(const reader *r, const cJSON *o, const char *field, int required, char **out) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, field);
    *out = NULL;
    if (!item) return required ? bad(r, field, "missing") : SMP_OK;
    if (!cJSON_IsString(item)) return bad(r, field, "not a string");
    if (strlen(item->valuestring) > SMP_PROJECT_TEXT_MAX) return bad(r, field, "longer than 4096 bytes");
    *out = strdup(item->valuestring);
    return *out ? SMP_OK : smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory", r->file);
}

/* An array of exactly `count` numbers (count 0: 1 to `most`, the number read into *got). */
static smp_status number_array(const reader *r, const cJSON *item, const char *field, int count, int most, double *out,
                               int *got) {
    int n = cJSON_IsArray(item) ? cJSON_GetArraySize(item) : -1;
    if (n < 0 || (count && n != count) || (!count && (n < 1 || n > most))) {
        char what[64];
        snprintf(what, sizeof what, count ? "not an array of %d numbers" : "not an array of 1 to %d numbers",
                 count ? count : most);
        return bad(r, field, what);
    }
    for (int i = 0; i < n; i++) {
        const cJSON *v = cJSON_GetArrayItem(item, i);
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) return bad(r, field, "holds something that is not a number");
        out[i] = v->valuedouble;
    }
    if (got) *got = n;
    return SMP_OK;
}

static smp_status read_numbers(const reader *r, const cJSON *o, const char *field, int count, int most, double *out,
                               int *got) {
    return number_array(r, cJSON_GetObjectItemCaseSensitive(o, field), field, count, most, out, got);
}

static smp_status read_calibration(const reader *r, const cJSON *root, smp_calibration_settings *c) {
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, "calibration");
    *c = (smp_calibration_settings){0};
    if (!o) return SMP_OK; /* the default scale, as on the command line */
    if (!cJSON_IsObject(o)) return bad(r, "calibration", "not an object");
    reader in = *r;
    snprintf(in.where, sizeof in.where, "calibration");
    const cJSON *scale = cJSON_GetObjectItemCaseSensitive(o, "px_per_mm");
    if (scale) {
        if (!cJSON_IsNumber(scale)) return bad(&in, "px_per_mm", "not a number");
        c->px_per_mm = scale->valuedouble;
    }
    smp_status status = SMP_OK;
    if (cJSON_GetObjectItemCaseSensitive(o, "pupils")) {
        c->has_pupils = 1;
        status = read_numbers(&in, o, "pupils", 4, 0, c->pupils, NULL);
        const cJSON *ipd = cJSON_GetObjectItemCaseSensitive(o, "ipd_mm");
        if (status == SMP_OK && ipd) c->ipd_mm = cJSON_IsNumber(ipd) ? ipd->valuedouble : NAN;
    }
    if (status == SMP_OK && cJSON_GetObjectItemCaseSensitive(o, "ruler")) {
        double v[5];
        status = read_numbers(&in, o, "ruler", 5, 0, v, NULL);
        memcpy(c->ruler, v, sizeof c->ruler);
        c->ruler_mm = v[4], c->has_ruler = 1;
    }
    return status;
}

/* What is wrong with a stroke [x0, y0, x1, y1, radius, value], written to what; 0 when nothing is: the bounds
 * smp_mask_paint accepts, and a value of 0 to 1. */
static int stroke_problem(const double v[6], char *what, size_t size) {
    static const char *const names[4] = {"x0", "y0", "x1", "y1"};
    for (int i = 0; i < 4; i++)
        if (!(fabs(v[i]) <= SMP_STROKE_MAX_COORDINATE)) {
            snprintf(what, size, "%s %.10g is outside +-%.10g px", names[i], v[i], SMP_STROKE_MAX_COORDINATE);
            return 1;
        }
    if (!(v[4] > 0.0 && v[4] <= SMP_STROKE_MAX_RADIUS)) {
        snprintf(what, size, "radius %.10g is outside 0-%g px (a brush is wider than 0)", v[4], SMP_STROKE_MAX_RADIUS);
        return 1;
    }
    if (!(v[5] >= 0.0 && v[5] <= 1.0)) {
        snprintf(what, size, "value %.10g is outside 0-1 (1 paints, 0 erases)", v[5]);
        return 1;
    }
    return 0;
}

static smp_status read_strokes(const reader *in, const cJSON *list, smp_project_layer *layer) {
    int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : -1;
    if (n < 0 || n > SMP_PROJECT_MAX_STROKES) {
        char what[96];
        snprintf(what, sizeof what, "not an array of up to %d [x0, y0, x1, y1, radius, value] strokes",
                 SMP_PROJECT_MAX_STROKES);
        return bad(in, "strokes", what);
    }
    if (!n) return SMP_OK;
    if (!(layer->strokes = malloc((size_t)n * sizeof *layer->strokes)))
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory", in->file);
    layer->stroke_count = n;
    int i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, list) { /* not cJSON_GetArrayItem: that walks the list from its start each time */
        double v[6];
        char index[32], what[128];
        snprintf(index, sizeof index, "strokes[%d]", i);
        smp_status status = number_array(in, item, index, 6, 0, v, NULL);
        if (status != SMP_OK) return status;
        if (stroke_problem(v, what, sizeof what)) return bad(in, index, what);
        layer->strokes[i++] = (smp_stroke){v[0], v[1], v[2], v[3], v[4], (float)v[5]};
    }
    return SMP_OK;
}

static smp_status read_layer(const reader *r, const cJSON *root, const char *name, int required,
                             smp_project_layer *layer) {
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, name);
    *layer = (smp_project_layer){0};
    if (!o) return required ? bad(r, name, "missing: a design needs its treatment area") : SMP_OK;
    if (!cJSON_IsObject(o)) return bad(r, name, "not an object");
    reader in = *r;
    snprintf(in.where, sizeof in.where, "%s", name);
    smp_status status = read_text(&in, o, "mask", 0, &layer->mask);
    const cJSON *outline = cJSON_GetObjectItemCaseSensitive(o, "outline");
    if (status == SMP_OK && outline) {
        int n = cJSON_IsArray(outline) ? cJSON_GetArraySize(outline) : -1;
        if (n < 3 || n > SMP_CURVE_MAX_POINTS) return bad(&in, "outline", "not an array of 3 to 4096 [x, y] points");
        if (!(layer->outline = malloc((size_t)n * sizeof *layer->outline)))
            return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory", r->file);
        layer->outline_count = n;
        for (int i = 0; i < n && status == SMP_OK; i++) {
            double xy[2];
            char index[32];
            snprintf(index, sizeof index, "outline[%d]", i);
            status = number_array(&in, cJSON_GetArrayItem(outline, i), index, 2, 0, xy, NULL);
            layer->outline[i] = (smp_point){xy[0], xy[1]};
        }
    }
    const cJSON *strokes = cJSON_GetObjectItemCaseSensitive(o, "strokes");
    if (status == SMP_OK && strokes) status = read_strokes(&in, strokes, layer);
    if (status == SMP_OK && required && !layer->mask && !layer->outline && !layer->stroke_count)
        return bad(&in, NULL, "no outline, no mask and no strokes: a design needs its treatment area");
    return status;
}

static smp_status read_style(const reader *r, const cJSON *o, smp_style *style) {
    *style = (smp_style){0};
    if (!cJSON_IsObject(o)) return bad(r, "style", "not an object");
    reader in = *r; /* its fields' messages name them as VARIANT.style.FIELD */
    strncat(in.where, ".style", sizeof in.where - strlen(in.where) - 1);
    for (int i = 0; i < STYLE_FIELDS; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, style_fields[i].name);
        if (!v) continue;
        if (!cJSON_IsNumber(v)) return bad(&in, style_fields[i].name, "not a number");
        if (v->valuedouble == 0.0 && style_fields[i].zero == ZERO_REFUSED)
            return bad(&in, style_fields[i].name, "0 is outside its range (leave it out for the default)");
        double value = v->valuedouble == 0.0 && style_fields[i].zero == ZERO_OFF ? SMP_OFF : v->valuedouble;
        memcpy((char *)style + style_fields[i].offset, &value, sizeof value);
    }
    const cJSON *hairline = cJSON_GetObjectItemCaseSensitive(o, "hairline");
    if (hairline) {
        const char *h = cJSON_GetStringValue(hairline);
        if (!h || (strcmp(h, "soft") && strcmp(h, "sharp"))) return bad(&in, "hairline", "not \"soft\" or \"sharp\"");
        style->hairline = strcmp(h, "soft") ? SMP_HAIRLINE_SHARP : SMP_HAIRLINE_SOFT;
    }
    const cJSON *sessions = cJSON_GetObjectItemCaseSensitive(o, "sessions");
    if (sessions) {
        double v = cJSON_IsNumber(sessions) ? sessions->valuedouble : NAN; /* its range is the style's to check */
        if (!(fabs(v) <= 1e6 && v == floor(v))) return bad(&in, "sessions", "not a whole number");
        style->sessions = (int)sessions->valuedouble;
    }
    smp_status status = SMP_OK;
    if (cJSON_GetObjectItemCaseSensitive(o, "session_share"))
        status = read_numbers(&in, o, "session_share", 0, SMP_MAX_SESSIONS, style->session_share, NULL);
    if (status == SMP_OK && cJSON_GetObjectItemCaseSensitive(o, "session_shade"))
        status = read_numbers(&in, o, "session_shade", 0, SMP_MAX_SESSIONS, style->session_shade, NULL);
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(o, "seed");
    if (status == SMP_OK && seed) { /* a string: JSON numbers cannot hold every 64-bit seed */
        const char *text = cJSON_GetStringValue(seed);
        char *end = NULL;
        errno = 0;
        unsigned long long v = text ? strtoull(text, &end, 10) : 0;
        if (!text || !*text || *end || errno || text[0] == '-') return bad(&in, "seed", "not a decimal string of a 64-bit seed");
        style->seed = v;
    }
    if (status != SMP_OK) return status;
    smp_style resolved;
    if (smp_style_resolve(style, &resolved) != SMP_OK) {
        char what[256];
        snprintf(what, sizeof what, "%s", smp_last_error());
        return bad(r, "style", what);
    }
    return SMP_OK;
}

static smp_status read_variants(const reader *r, const cJSON *root, smp_project *p) {
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "variants");
    int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : -1;
    if (n < 1 || n > SMP_PROJECT_MAX_VARIANTS) return bad(r, "variants", "not an array of 1 to 8 variants");
    for (int i = 0; i < n; i++) {
        const cJSON *v = cJSON_GetArrayItem(list, i);
        reader in = *r;
        snprintf(in.where, sizeof in.where, "variants[%d]", i);
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "name"));
        if (!name || !*name || strlen(name) >= SMP_PROJECT_NAME_MAX) return bad(&in, "name", "not a name of 1 to 63 bytes");
        for (int j = 0; j < i; j++)
            if (!strcmp(p->variants[j].name, name)) return bad(&in, "name", "used twice");
        snprintf(p->variants[i].name, sizeof p->variants[i].name, "%s", name);
        smp_status status = read_style(&in, cJSON_GetObjectItemCaseSensitive(v, "style"), &p->variants[i].style);
        if (status != SMP_OK) return status;
    }
    p->variant_count = n;
    return SMP_OK;
}

static smp_status read_project(const reader *r, const cJSON *root, smp_project *p) {
    if (!cJSON_IsObject(root)) return bad(r, NULL, "not a JSON object");
    const char *format = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "format"));
    if (!format || strcmp(format, SMP_PROJECT_FORMAT)) return bad(r, "format", "not \"" SMP_PROJECT_FORMAT "\"");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (!cJSON_IsNumber(version) || version->valuedouble < 1 || version->valuedouble != floor(version->valuedouble))
        return bad(r, "version", "not a version number");
    if (version->valuedouble > SMP_PROJECT_VERSION) {
        char what[96];
        snprintf(what, sizeof what, "%g is newer than this program reads (version %d); update SMP Studio",
                 version->valuedouble, SMP_PROJECT_VERSION);
        return bad(r, "version", what);
    }
    smp_status status = read_text(r, root, "photo", 1, &p->photo);
    if (status == SMP_OK) status = read_text(r, root, "client", 0, &p->client);
    if (status == SMP_OK) status = read_text(r, root, "notes", 0, &p->notes);
    if (status == SMP_OK) status = read_calibration(r, root, &p->calibration);
    if (status == SMP_OK) status = read_layer(r, root, "treatment", 1, &p->treatment);
    if (status == SMP_OK) status = read_layer(r, root, "blend", 0, &p->blend);
    if (status == SMP_OK) status = read_layer(r, root, "scar", 0, &p->scar);
    if (status == SMP_OK) status = read_variants(r, root, p);
    return status;
}

smp_status smp_project_load_memory(const void *data, size_t size, const char *name, smp_project **out) {
    if (!data || !out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_project_load_memory: NULL argument");
    if (!name) name = "memory";
    if (size > SMP_PROJECT_MAX_BYTES)
        return smp_fail(SMP_ERR_TOO_LARGE, "%s: %zu bytes is over the %u bytes a consultation file may have", name, size,
                        SMP_PROJECT_MAX_BYTES);
    const char *text = data;
    const char *end = NULL; /* on failure, where parsing stopped (cJSON's global error pointer is not thread-safe) */
    cJSON *root = cJSON_ParseWithLengthOpts(text, size, &end, 0);
    ptrdiff_t error_at = !root && end ? end - text : 0;
    reader r = {name, ""};
    smp_project *p = calloc(1, sizeof *p);
    smp_status status = !p      ? smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory", name)
                        : root ? read_project(&r, root, p)
                               : smp_fail(SMP_ERR_FORMAT, "%s: not JSON (the error is near byte %td)", name, error_at);
    cJSON_Delete(root);
    if (status != SMP_OK) {
        smp_project_destroy(p);
        return status;
    }
    *out = p;
    return SMP_OK;
}

smp_status smp_project_load(const char *path, smp_project **out) {
    if (!path || !out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_project_load: NULL argument");
    uint8_t *data = NULL;
    size_t size = 0;
    smp_status status = smp_read_file(path, SMP_PROJECT_MAX_BYTES, &data, &size);
    if (status == SMP_OK) status = smp_project_load_memory(data, size, path, out);
    free(data);
    return status;
}

/* ---- writing ---- */

static cJSON *style_json(const smp_style *style) {
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < STYLE_FIELDS; i++) {
        double v;
        memcpy(&v, (const char *)style + style_fields[i].offset, sizeof v);
        cJSON_AddNumberToObject(o, style_fields[i].name, v);
    }
    cJSON_AddStringToObject(o, "hairline", style->hairline == SMP_HAIRLINE_SHARP ? "sharp" : "soft");
    cJSON_AddNumberToObject(o, "sessions", style->sessions);
    cJSON_AddItemToObject(o, "session_share", cJSON_CreateDoubleArray(style->session_share, style->sessions));
    cJSON_AddItemToObject(o, "session_shade", cJSON_CreateDoubleArray(style->session_shade, style->sessions));
    char seed[24];
    snprintf(seed, sizeof seed, "%" PRIu64, style->seed);
    cJSON_AddStringToObject(o, "seed", seed);
    return o;
}

static int has_anything(const smp_project_layer *layer) {
    return layer->mask || layer->outline || layer->stroke_count;
}

/* Whether the layer would load back: SMP_ERR_INVALID_ARGUMENT naming the field when it would not. */
static smp_status check_layer(const char *path, const char *name, const smp_project_layer *layer) {
    if (layer->outline) {
        if (layer->outline_count < 3 || layer->outline_count > SMP_CURVE_MAX_POINTS)
            return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: %s.outline: %d points; an outline has 3 to %d", path, name,
                            layer->outline_count, SMP_CURVE_MAX_POINTS);
        for (int i = 0; i < layer->outline_count; i++)
            if (!isfinite(layer->outline[i].x) || !isfinite(layer->outline[i].y))
                return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: %s.outline[%d]: (%g, %g) is not a point", path, name, i,
                                layer->outline[i].x, layer->outline[i].y);
    }
    int n = layer->stroke_count;
    if (n < 0 || n > SMP_PROJECT_MAX_STROKES || (n && !layer->strokes))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: %s.strokes: %d strokes%s; a layer has 0 to %d", path, name,
                        layer->stroke_count, layer->strokes ? "" : " and no array of them", SMP_PROJECT_MAX_STROKES);
    for (int i = 0; i < layer->stroke_count; i++) {
        const smp_stroke *s = &layer->strokes[i];
        double v[6] = {s->x0, s->y0, s->x1, s->y1, s->radius, s->value};
        char what[128];
        if (stroke_problem(v, what, sizeof what))
            return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: %s.strokes[%d]: %s", path, name, i, what);
    }
    return SMP_OK;
}

/* JSON text built up piece by piece, never over SMP_PROJECT_MAX_BYTES (status then SMP_ERR_TOO_LARGE). */
typedef struct json_text {
    char *data;
    size_t length, capacity;
    smp_status status;
} json_text;

static void append(json_text *t, const char *s) {
    size_t n = strlen(s), need = t->length + n + 1;
    if (t->status != SMP_OK) return;
    if (need > SMP_PROJECT_MAX_BYTES) {
        t->status = SMP_ERR_TOO_LARGE;
        return;
    }
    if (need > t->capacity) {
        size_t capacity = t->capacity ? t->capacity : 4096;
        while (capacity < need) capacity *= 2;
        char *grown = realloc(t->data, capacity);
        if (!grown) {
            t->status = SMP_ERR_OUT_OF_MEMORY;
            return;
        }
        t->data = grown, t->capacity = capacity;
    }
    memcpy(t->data + t->length, s, n + 1);
    t->length += n;
}

/* A finite number with the fewest digits (from 15, or 6 for a float) that read back as exactly x: cJSON's own
 * printing settles for 15 digits that come within a rounding error, which loses the last bit of a tenth of
 * the doubles a hand draws. The decimal point is '.' whatever the locale. */
static void append_number(json_text *t, double x, int is_float) {
    char number[32];
    for (int digits = is_float ? 6 : 15; digits <= 17; digits++) {
        snprintf(number, sizeof number, "%.*g", digits, x);
        double back = strtod(number, NULL);
        if (is_float ? (float)back == (float)x : back == x) break;
    }
    const char *point = localeconv()->decimal_point;
    char *at = point && point[0] && point[0] != '.' ? strchr(number, point[0]) : NULL;
    if (at) *at = '.';
    append(t, number);
}

/* The text as the raw JSON of o's field name. */
static void add_raw(cJSON *o, const char *name, json_text *t) {
    cJSON *raw = t->status == SMP_OK ? cJSON_CreateRaw(t->data) : NULL;
    if (t->status == SMP_OK && (!raw || !cJSON_AddItemToObject(o, name, raw))) {
        cJSON_Delete(raw);
        t->status = SMP_ERR_OUT_OF_MEMORY;
    }
}

/* A layer's points and strokes as raw JSON arrays ("[[x, y], ...]"), printed exactly; and its mask file. */
static smp_status add_layer(cJSON *root, const char *name, const smp_project_layer *layer, const char *path) {
    if (!has_anything(layer)) return SMP_OK;
    cJSON *o = cJSON_AddObjectToObject(root, name);
    json_text t = {0};
    if (layer->outline) {
        append(&t, "[");
        for (int i = 0; i < layer->outline_count; i++) {
            append(&t, i ? ", [" : "[");
            append_number(&t, layer->outline[i].x, 0);
            append(&t, ", ");
            append_number(&t, layer->outline[i].y, 0);
            append(&t, "]");
        }
        append(&t, "]");
        add_raw(o, "outline", &t);
    }
    if (layer->mask) cJSON_AddStringToObject(o, "mask", layer->mask);
    if (layer->stroke_count) {
        t.length = 0;
        append(&t, "[");
        for (int i = 0; i < layer->stroke_count; i++) {
            const smp_stroke *s = &layer->strokes[i];
            const double v[5] = {s->x0, s->y0, s->x1, s->y1, s->radius};
            append(&t, i ? ", [" : "[");
            for (int j = 0; j < 5; j++) {
                append_number(&t, v[j], 0);
                append(&t, ", ");
            }
            append_number(&t, s->value, 1);
            append(&t, "]");
        }
        append(&t, "]");
        add_raw(o, "strokes", &t);
    }
    free(t.data);
    if (t.status == SMP_ERR_TOO_LARGE)
        return smp_fail(t.status, "%s: %s: the strokes alone come to over %u bytes, the most a consultation file may be",
                        path, name, SMP_PROJECT_MAX_BYTES);
    return t.status == SMP_OK ? SMP_OK : smp_fail(t.status, "%s: out of memory", path);
}

static void add_calibration(cJSON *root, const smp_calibration_settings *c) {
    if (c->px_per_mm == 0 && !c->has_pupils && !c->has_ruler) return;
    cJSON *o = cJSON_AddObjectToObject(root, "calibration");
    if (c->px_per_mm != 0) cJSON_AddNumberToObject(o, "px_per_mm", c->px_per_mm);
    if (c->has_pupils) {
        cJSON_AddItemToObject(o, "pupils", cJSON_CreateDoubleArray(c->pupils, 4));
        if (c->ipd_mm != 0) cJSON_AddNumberToObject(o, "ipd_mm", c->ipd_mm);
    }
    if (c->has_ruler) {
        double v[5] = {c->ruler[0], c->ruler[1], c->ruler[2], c->ruler[3], c->ruler_mm};
        cJSON_AddItemToObject(o, "ruler", cJSON_CreateDoubleArray(v, 5));
    }
}

static smp_status produce_text(smp_sink *sink, const void *context) {
    const char *text = context;
    smp_sink_write(sink, text, strlen(text));
    smp_sink_write(sink, "\n", 1);
    return SMP_OK;
}

smp_status smp_project_save(const smp_project *p, const char *path) {
    if (!p || !path) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_project_save: NULL argument");
    if (!p->photo || p->variant_count < 1 || p->variant_count > SMP_PROJECT_MAX_VARIANTS ||
        !has_anything(&p->treatment))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: a consultation needs a photo, a treatment area and 1 to 8 variants",
                        path);
    if ((p->client && strlen(p->client) > SMP_PROJECT_TEXT_MAX) || (p->notes && strlen(p->notes) > SMP_PROJECT_TEXT_MAX))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: the client reference or the notes are over 4096 bytes", path);
    const smp_project_layer *layers[3] = {&p->treatment, &p->blend, &p->scar};
    static const char *const layer_names[3] = {"treatment", "blend", "scar"};
    int strokes = 0;
    for (int i = 0; i < 3; i++) {
        smp_status checked = check_layer(path, layer_names[i], layers[i]);
        if (checked != SMP_OK) return checked;
        strokes |= layers[i]->stroke_count > 0;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", SMP_PROJECT_FORMAT);
    cJSON_AddNumberToObject(root, "version", strokes ? SMP_PROJECT_VERSION : 1); /* see SMP_PROJECT_VERSION */
    if (p->client) cJSON_AddStringToObject(root, "client", p->client);
    if (p->notes) cJSON_AddStringToObject(root, "notes", p->notes);
    cJSON_AddStringToObject(root, "photo", p->photo);
    add_calibration(root, &p->calibration);
    smp_status status = SMP_OK;
    for (int i = 0; i < 3 && status == SMP_OK; i++) status = add_layer(root, layer_names[i], layers[i], path);
    if (status != SMP_OK) {
        cJSON_Delete(root);
        return status;
    }
    cJSON *variants = cJSON_AddArrayToObject(root, "variants");
    for (int i = 0; i < p->variant_count && status == SMP_OK; i++) {
        smp_style resolved;
        status = smp_style_resolve(&p->variants[i].style, &resolved);
        cJSON *v = cJSON_CreateObject();
        cJSON_AddStringToObject(v, "name", p->variants[i].name);
        cJSON_AddItemToObject(v, "style", style_json(&resolved));
        cJSON_AddItemToArray(variants, v);
    }
    char *text = status == SMP_OK ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (status != SMP_OK) return smp_fail(status, "%s: %s", path, "a variant's style is out of range");
    if (!text) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory", path);
    size_t bytes = strlen(text) + 1; /* and the newline */
    if (bytes > SMP_PROJECT_MAX_BYTES) {
        free(text);
        return smp_fail(SMP_ERR_TOO_LARGE, "%s: %zu bytes is over the limit of %u bytes of a consultation file", path,
                        bytes, SMP_PROJECT_MAX_BYTES);
    }
    status = smp_write_atomically(path, produce_text, text);
    free(text);
    return status;
}

static void free_layer(smp_project_layer *layer) {
    free(layer->outline);
    free(layer->mask);
    free(layer->strokes);
}

void smp_project_destroy(smp_project *p) {
    if (!p) return;
    free(p->photo), free(p->client), free(p->notes);
    free_layer(&p->treatment), free_layer(&p->blend), free_layer(&p->scar);
    free(p);
}

smp_status smp_project_path(const char *project_path, const char *relative, char *out, size_t size) {
    if (!project_path || !relative || !out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_project_path: NULL argument");
    const char *slash = strrchr(project_path, '/');
    int n = relative[0] == '/' || !slash ? snprintf(out, size, "%s", relative)
                                         : snprintf(out, size, "%.*s/%s", (int)(slash - project_path), project_path, relative);
    if (n < 0 || (size_t)n >= size) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: the path is too long", relative);
    return SMP_OK;
}

smp_status smp_project_layer_draw(const smp_project_layer *layer, smp_mask *mask) {
    if (!layer || !mask) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_project_layer_draw: NULL argument");
    smp_status status =
        layer->outline ? smp_mask_fill_curve(mask, layer->outline, layer->outline_count, 1.0f) : SMP_OK;
    return status == SMP_OK ? smp_mask_paint_strokes(mask, layer->strokes, layer->stroke_count) /* erasing both */
                            : status;
}

smp_status smp_project_layer_mask(const smp_project_layer *layer, const char *project_path, int photo_width,
                                  int photo_height, int cell, smp_mask **out) {
    if (!layer || !out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_project_layer_mask: NULL argument");
    *out = NULL;
    if (!has_anything(layer)) return SMP_OK;
    smp_mask *mask = NULL;
    char path[4096];
    smp_status status = layer->mask ? smp_project_path(project_path, layer->mask, path, sizeof path) : SMP_OK;
    if (status == SMP_OK)
        status = layer->mask ? smp_mask_load(path, photo_width, photo_height, cell, &mask)
                             : smp_mask_create(photo_width, photo_height, cell, 0.0f, &mask);
    if (status == SMP_OK) status = smp_project_layer_draw(layer, mask);
    if (status != SMP_OK) {
        smp_mask_destroy(mask);
        return status;
    }
    *out = mask;
    return SMP_OK;
}

int smp_project_find_variant(const smp_project *project, const char *name) {
    for (int v = 0; v < project->variant_count; v++)
        if (!name || !strcmp(project->variants[v].name, name)) return v;
    return -1;
}

smp_status smp_project_design(const smp_project *p, const char *project_path, int variant,
                              const smp_image_info *info, smp_design **out) {
    if (!p || !project_path || !info || !out || variant < 0 || variant >= p->variant_count)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_project_design: NULL argument or no such variant");
    smp_calibration scale;
    smp_status status = smp_calibrate(&p->calibration, info->width, info->height, &scale);
    if (status != SMP_OK) return status;
    int cell = smp_mask_cell_for_scale(scale.px_per_mm);
    const smp_project_layer *layers[3] = {&p->treatment, &p->blend, &p->scar};
    smp_mask *masks[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3 && status == SMP_OK; i++)
        status = smp_project_layer_mask(layers[i], project_path, info->width, info->height, cell, &masks[i]);
    smp_design_desc desc = {info->width, info->height, scale.px_per_mm, masks[0], masks[1], masks[2]};
    smp_design *design = NULL;
    if (status == SMP_OK) status = smp_design_create(&desc, &design);
    if (status == SMP_OK) status = smp_design_set_style(design, &p->variants[variant].style);
    for (int i = 0; i < 3; i++) smp_mask_destroy(masks[i]);
    if (status != SMP_OK) {
        smp_design_destroy(design);
        return status;
    }
    *out = design;
    return SMP_OK;
}

smp_status smp_project_open(const smp_project *project, const char *project_path, int variant, smp_image **photo,
                            smp_image_info *info, smp_design **design) {
    if (!project || !project_path || !photo || !design || variant < 0 || variant >= project->variant_count)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_project_open: NULL argument or no such variant");
    char path[4096];
    smp_status status = smp_project_path(project_path, project->photo, path, sizeof path);
    smp_image *image = NULL;
    smp_image_info image_info = {0};
    if (status == SMP_OK) status = smp_image_load(path, NULL, &image, &image_info);
    smp_design *made = NULL;
    if (status == SMP_OK) status = smp_project_design(project, project_path, variant, &image_info, &made);
    if (status != SMP_OK) {
        smp_image_destroy(image);
        return status;
    }
    *photo = image;
    if (info) *info = image_info;
    *design = made;
    return SMP_OK;
}
