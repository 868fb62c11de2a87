/* make_sample_client.c: draws SMP Studio's bundled sample client (photo, masks, scale) from code. */

/*
 * Usage: make_sample_client OUT_DIR
 *
 * Writes photo.jpg, treatment_mask.png, blend_mask.png and client.json into
 * OUT_DIR. Nothing in the output comes from a real person: the photo is a small
 * ray tracer over a head-shaped distance field, seen by an orthographic camera
 * above and in front of the head, so one millimetre on a surface that faces the
 * camera is exactly PX_PER_MM pixels (the scale written to client.json).
 *
 * Every random choice comes from a counter-based hash of what it is for (a pixel,
 * a cell, a hair), never from a stream, so the output is the same for any number
 * of OpenMP threads and on every run.
 *
 * Coordinates: millimetres, origin inside the head at the level of its widest
 * part; x to the image right, y toward the face, z up.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stb_perlin.h> /* compiled into libsmp (src/core/stb_impl.c) */

#include "smp/image.h"

/* Rows are independent and every random number is keyed by position, so any
 * schedule gives the same image; without OpenMP the loops simply run serially. */
#ifdef _OPENMP
#define PARALLEL_ROWS _Pragma("omp parallel for schedule(dynamic, 8)")
#else
#define PARALLEL_ROWS
#endif

/* ---------------------------------------------------------------- frame */

#define IMG_W 2400
#define IMG_H 1800
#define PX_PER_MM 8.2f      /* true scale on the scalp facing the camera */
#define VIEW_TILT_DEG 28.0f /* camera direction, measured from straight above */
#define HEAD_TURN_DEG 4.0f  /* the head turned slightly, seen from the camera */
#define HEAD_ROLL_DEG -2.5f /* and the camera held slightly crooked */
#define FRAME_X0 0.0f       /* screen-plane mm at the image centre */
#define FRAME_Y0 11.5f
#define CAM_DIST 250.0f /* only sets where rays start: the projection is orthographic */
#define BOUND_R 150.0f  /* sphere around the head that every ray must enter */
#define SEED 0x5a17c0deu

/* ---------------------------------------------------------------- head */

#define HEAD_HALF_W 77.5f /* 155 mm across the parietal bulge */
#define HEAD_HALF_L 99.0f /* front to back, before the brow ridge */
#define HEAD_TOP 98.0f    /* vertex above the widest level */
#define BROW_Z (-10.0f)   /* height of the glabella */
#define HAIRLINE_MM 80.0f /* front centre of the design, on the skin above the glabella */
#define OVERLAP_MM 4.0f   /* how far the treatment reaches into the stubble */
#define STUBBLE_PER_MM2 1.5f
#define BROW_PER_MM2 1.4f

typedef struct {
    float x, y, z;
} vec3;

static vec3 v3(float x, float y, float z) {
    vec3 v = {x, y, z};
    return v;
}
static vec3 add(vec3 a, vec3 b) { return v3(a.x + b.x, a.y + b.y, a.z + b.z); }
static vec3 sub(vec3 a, vec3 b) { return v3(a.x - b.x, a.y - b.y, a.z - b.z); }
static vec3 mul(vec3 a, float s) { return v3(a.x * s, a.y * s, a.z * s); }
static vec3 vmul(vec3 a, vec3 b) { return v3(a.x * b.x, a.y * b.y, a.z * b.z); }
static float dot(vec3 a, vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static float len(vec3 a) { return sqrtf(dot(a, a)); }
static vec3 normalize(vec3 a) { return mul(a, 1.0f / (len(a) + 1e-20f)); }
static vec3 cross(vec3 a, vec3 b) {
    return v3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}
static float sq(float x) { return x * x; }
static float clampf(float x, float lo, float hi) { return x < lo ? lo : (x > hi ? hi : x); }
static float mixf(float a, float b, float t) { return a + (b - a) * t; }
static vec3 vmix(vec3 a, vec3 b, float t) { return add(a, mul(sub(b, a), t)); }
static float smoothstepf(float e0, float e1, float x) {
    float t = clampf((x - e0) / (e1 - e0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}
static float deg(float d) { return d * 0.017453293f; }

/* ---------------------------------------------------------------- randomness */

/* A 32-bit integer mixer (lowbias32): every output bit depends on every input bit. */
static uint32_t mix32(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

/* Counter-based random number: the same four keys always give the same value. */
static uint32_t hash4(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    return mix32(a ^ mix32(b ^ mix32(c ^ mix32(d ^ SEED))));
}

/* Uniform in [0, 1). */
static float u01(uint32_t h) { return (float)(h >> 8) * (1.0f / 16777216.0f); }

/* Roughly normal (mean 0, sd 1): the sum of four uniforms, cheap and bounded. */
static float gauss(uint32_t a, uint32_t b, uint32_t c) {
    float s = 0.0f;
    for (uint32_t i = 0; i < 4; i++) s += u01(hash4(a, b, c, 100u + i));
    return (s - 2.0f) * 1.7320508f;
}

/* Perlin noise of a point in mm at a feature size in mm; layers get their own
 * seed and offset so they do not line up. About [-1, 1]. */
static float noise(vec3 p, float size, int layer) {
    float o = 37.1f * (float)layer;
    return stb_perlin_noise3_seed(p.x / size + o, p.y / size - o, p.z / size + 0.5f * o, 0, 0, 0,
                                  layer);
}

/* Three octaves of noise, for natural, non-repeating variation. */
static float fbm(vec3 p, float size, int layer) {
    return 0.57f * noise(p, size, layer) + 0.29f * noise(p, size * 0.5f, layer + 1) +
           0.14f * noise(p, size * 0.25f, layer + 2);
}

/* ---------------------------------------------------------------- camera */

static vec3 cam_right, cam_up, cam_view; /* cam_view points from the head to the camera */

/* Rotates v about the z axis (turning the head) by angle a. */
static vec3 rotate_z(vec3 v, float a) {
    return v3(v.x * cosf(a) - v.y * sinf(a), v.x * sinf(a) + v.y * cosf(a), v.z);
}

static void camera_init(void) {
    float a = deg(VIEW_TILT_DEG);
    cam_right = v3(1.0f, 0.0f, 0.0f);
    cam_up = v3(0.0f, -cosf(a), sinf(a)); /* image up is the back of the head */
    cam_view = v3(0.0f, sinf(a), cosf(a));
    /* nobody holds a head perfectly square to the camera: turn it a little and
     * tilt the frame a little, so the picture is not mirror-symmetric */
    float roll = deg(HEAD_ROLL_DEG);
    vec3 r = add(mul(cam_right, cosf(roll)), mul(cam_up, sinf(roll)));
    vec3 u = sub(mul(cam_up, cosf(roll)), mul(cam_right, sinf(roll)));
    cam_right = rotate_z(r, deg(HEAD_TURN_DEG));
    cam_up = rotate_z(u, deg(HEAD_TURN_DEG));
    cam_view = rotate_z(cam_view, deg(HEAD_TURN_DEG));
}

/* Continuous pixel coordinates (pixel centres at +0.5) to the screen plane in mm. */
static void pixel_to_screen(float px, float py, float *sx, float *sy) {
    *sx = (px - (float)IMG_W * 0.5f) / PX_PER_MM + FRAME_X0;
    *sy = ((float)IMG_H * 0.5f - py) / PX_PER_MM + FRAME_Y0;
}

static void world_to_pixel(vec3 p, float *px, float *py) {
    *px = (dot(p, cam_right) - FRAME_X0) * PX_PER_MM + (float)IMG_W * 0.5f;
    *py = (float)IMG_H * 0.5f - (dot(p, cam_up) - FRAME_Y0) * PX_PER_MM;
}

static vec3 ray_point(float sx, float sy, float t) {
    return add(add(mul(cam_right, sx), mul(cam_up, sy)), mul(cam_view, CAM_DIST - t));
}

/* ---------------------------------------------------------------- head shape */

/* The superciliary arches: a soft horizontal bulge above the eyes. */
static float brow_ridge(vec3 p) {
    float ax = fabsf(p.x);
    float across = smoothstepf(60.0f, 34.0f, ax);
    float arch = 1.0f + 0.25f * expf(-sq((ax - 24.0f) / 10.0f));
    float height = expf(-sq((p.z - BROW_Z - 2.0f) / 9.0f));
    float facing = smoothstepf(40.0f, 85.0f, p.y);
    return 4.5f * across * arch * height * facing;
}

/* Signed distance estimate to the skin in mm (negative inside). The cranium is a
 * superellipsoid (exponent 2.5: flatter on top, straighter at the sides and
 * broader at the forehead than an ellipsoid, as a skull is),
 * narrower and centred lower at the front so the forehead slopes back, continued
 * downward as a tapering cylinder for the temples and face. The face below the
 * brows stays out of the frame. The estimate is the
 * implicit function over its gradient; the ray marcher bisects when it overshoots. */
static float head_sdf(vec3 p) {
    float front = smoothstepf(-30.0f, 80.0f, p.y);
    float z0 = -24.0f * front;
    float c = HEAD_TOP - z0;
    float a = HEAD_HALF_W * (1.0f - 0.10f * front);
    float b = HEAD_HALF_L;
    float zr = p.z - z0;
    float qz = 0.0f;
    if (zr > 0.0f) {
        qz = zr / c;
    } else {
        float low = smoothstepf(0.0f, 110.0f, -zr);
        a *= 1.0f - 0.22f * low;
        b *= 1.0f - 0.08f * low;
    }
    float qx = fabsf(p.x / a), qy = fabsf(p.y / b);
    float sx = sqrtf(qx), sy = sqrtf(qy), sz = sqrtf(qz);
    float f = powf(qx * qx * sx + qy * qy * sy + qz * qz * sz, 0.4f);
    float f15 = f * sqrtf(f) + 1e-12f;
    float gx = qx * sx / (f15 * a), gy = qy * sy / (f15 * b), gz = qz * sz / (f15 * c);
    float d = (f - 1.0f) / (sqrtf(gx * gx + gy * gy + gz * gz) + 1e-9f);
    d -= brow_ridge(p);
    return fmaxf(d, -100.0f - p.z); /* nothing below the neck */
}

static vec3 head_normal(vec3 p) {
    const float e = 0.03f;
    float a = head_sdf(v3(p.x + e, p.y - e, p.z - e));
    float b = head_sdf(v3(p.x - e, p.y - e, p.z + e));
    float c = head_sdf(v3(p.x - e, p.y + e, p.z - e));
    float d = head_sdf(v3(p.x + e, p.y + e, p.z + e));
    return normalize(v3(a - b - c + d, -a - b + c + d, -a + b - c + d));
}

/* Marches the ray through screen point (sx, sy) to the skin; returns 1 and the
 * ray distance on a hit. Overshoots (the estimate is not a true distance) are
 * caught by the sign change and refined by bisection. */
static int raycast(float sx, float sy, float *t_hit) {
    float r2 = sx * sx + sy * sy;
    if (r2 >= BOUND_R * BOUND_R) return 0;
    float half = sqrtf(BOUND_R * BOUND_R - r2);
    float t = CAM_DIST - half, t_end = CAM_DIST + half, t_prev = t;
    for (int i = 0; i < 1000 && t < t_end; i++) {
        float d = head_sdf(ray_point(sx, sy, t));
        if (d < 0.002f) {
            if (d < 0.0f) {
                float lo = t_prev, hi = t;
                for (int k = 0; k < 24; k++) {
                    float mid = 0.5f * (lo + hi);
                    if (head_sdf(ray_point(sx, sy, mid)) < 0.0f)
                        hi = mid;
                    else
                        lo = mid;
                }
                t = hi;
            }
            *t_hit = t;
            return 1;
        }
        t_prev = t;
        t += fmaxf(d * 0.8f, 0.04f); /* a floor on the step keeps grazing rays moving */
    }
    return 0;
}

/* The skin point in direction dir from the head's centre (dir need not be unit). */
static vec3 surface_along(vec3 dir) {
    float lo = 0.0f, hi = 200.0f;
    for (int k = 0; k < 40; k++) {
        float mid = 0.5f * (lo + hi);
        if (head_sdf(mul(dir, mid)) < 0.0f)
            lo = mid;
        else
            hi = mid;
    }
    return mul(dir, hi);
}

/* ---------------------------------------------------------------- the midline and the hairline */

/* The hairline is placed by skin distance from the glabella along the midline,
 * as a practitioner measures it with a tape. The midline profile is sampled
 * once: angle in the y-z plane -> arc length from the glabella. */
#define ARC_N 4096
#define ARC_MIN_DEG (-40.0f)
#define ARC_MAX_DEG 200.0f
static float arc_table[ARC_N];

static float arc_angle(int i) {
    return deg(ARC_MIN_DEG + (ARC_MAX_DEG - ARC_MIN_DEG) * (float)i / (float)(ARC_N - 1));
}

static void arc_init(void) {
    vec3 prev = surface_along(v3(0.0f, cosf(arc_angle(0)), sinf(arc_angle(0))));
    arc_table[0] = 0.0f;
    for (int i = 1; i < ARC_N; i++) {
        float a = arc_angle(i);
        vec3 p = surface_along(v3(0.0f, cosf(a), sinf(a)));
        arc_table[i] = arc_table[i - 1] + len(sub(p, prev));
        prev = p;
    }
    /* zero at the glabella, the most forward point of the brow at z = BROW_Z */
    vec3 g = surface_along(v3(0.0f, 1.0f, BROW_Z / 100.0f));
    float ga = atan2f(g.z, g.y);
    float gi = (ga - deg(ARC_MIN_DEG)) / (deg(ARC_MAX_DEG) - deg(ARC_MIN_DEG)) * (float)(ARC_N - 1);
    int i0 = (int)gi;
    float g_arc = mixf(arc_table[i0], arc_table[i0 + 1], gi - (float)i0);
    for (int i = 0; i < ARC_N; i++) arc_table[i] -= g_arc;
}

/* Smooth (Catmull-Rom) curve through (x, y) knots sorted by x; flat outside them. */
static float knots_eval(const float (*knot)[2], int n, float x) {
    if (x <= knot[0][0]) return knot[0][1];
    if (x >= knot[n - 1][0]) return knot[n - 1][1];
    int i = 1;
    while (x > knot[i][0]) i++;
    int i0 = i > 1 ? i - 2 : 0, i3 = i < n - 1 ? i + 1 : n - 1;
    float x1 = knot[i - 1][0], x2 = knot[i][0];
    float y0 = knot[i0][1], y1 = knot[i - 1][1], y2 = knot[i][1], y3 = knot[i3][1];
    /* tangents as slopes over the neighbouring knots, scaled to this span */
    float m1 = (y2 - y0) / (x2 - knot[i0][0]) * (x2 - x1);
    float m2 = (y3 - y1) / (knot[i3][0] - x1) * (x2 - x1);
    float t = (x - x1) / (x2 - x1), t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * y1 + (t3 - 2 * t2 + t) * m1 + (-2 * t3 + 3 * t2) * y2 + (t3 - t2) * m2;
}

static void head_angles(vec3 p, float *elev, float *azim);

/* Elevation of the designed hairline at its front centre (set by hairline_init). */
static float hairline_elev0;

/* The point on the midline HAIRLINE_MM of skin above the glabella fixes the
 * front centre of the design. */
static void hairline_init(void) {
    int i = 0;
    while (i < ARC_N - 1 && arc_table[i] < HAIRLINE_MM) i++;
    float a = arc_angle(i);
    vec3 p = surface_along(v3(0.0f, cosf(a), sinf(a)));
    float azim;
    head_angles(p, &hairline_elev0, &azim);
}

/* The designed hairline as an elevation (degrees, relative to the front
 * centre) for each azimuth around the head: a gentle curve across the
 * forehead, temple corners receded a little, then down the side of the head
 * to meet the sideburn stubble, so the bald temples are part of the design. */
static float hairline_elev_deg(float azim_deg) {
    static const float knot[][2] = {{0, 0}, {15, -0.6f}, {30, -2.0f}, {42, -2.6f}, {50, -1.6f}, {58, -8}, {66, -20}, {76, -45}};
    return knots_eval(knot, (int)(sizeof knot / sizeof knot[0]), azim_deg);
}

/* > 0 behind the designed hairline, in (approximately) mm of skin. */
static float front_field(vec3 p) {
    float elev, azim;
    head_angles(p, &elev, &azim);
    return (elev - hairline_elev0 - deg(hairline_elev_deg(azim / 0.017453293f))) * 88.0f;
}

/* ---------------------------------------------------------------- the stubble fringe */

/* Elevation above the widest level and azimuth from the front (0) to the back (pi). */
static void head_angles(vec3 p, float *elev, float *azim) {
    float qx = p.x / HEAD_HALF_W, qy = p.y / HEAD_HALF_L, qz = p.z / HEAD_TOP;
    *elev = atan2f(qz, sqrtf(qx * qx + qy * qy));
    *azim = atan2f(fabsf(qx), qy);
}

/* Top of the horseshoe (elevation, degrees) around the head: nothing at the
 * front, low at the temples, rising over the ears to a level band at the back. */
static float fringe_top_deg(float azim_deg) {
    static const float knot[][2] = {{0, -70}, {40, -60}, {47, -12}, {54, 6},  {62, 20},
                                    {70, 31}, {90, 40},  {120, 45}, {150, 47}, {180, 48}};
    return knots_eval(knot, (int)(sizeof knot / sizeof knot[0]), azim_deg);
}

/* > 0 on the bald side of the fringe's boundary, in (approximately) mm of skin.
 * Two scales of noise make the edge wander like real recession, never a line. */
static float fringe_field(vec3 p) {
    float elev, azim;
    head_angles(p, &elev, &azim);
    float top = deg(fringe_top_deg(azim / 0.017453293f));
    float wander = 12.0f * fbm(p, 50.0f, 11) + 8.0f * fbm(p, 16.0f, 14);
    return (elev - top) * 88.0f + wander;
}

/* Stubble density 0-1: full in the fringe, thinning out over about 10 mm. */
static float stubble_density(vec3 p) {
    float h = fringe_field(p) + 3.0f * noise(p, 4.0f, 17) + 1.2f * noise(p, 1.2f, 18);
    float d = 1.0f - smoothstepf(-10.0f, 12.0f, h);
    return d * d * (1.5f - 0.5f * d); /* a longer tail of scattered hairs */
}

/* Eyebrow coverage 0-1: an arched band on the brow ridge, thick at the middle
 * end and tapering toward the tail. */
static float eyebrow_density(vec3 p) {
    if (p.y < 60.0f) return 0.0f;
    float elev, azim;
    head_angles(p, &elev, &azim);
    if (azim > deg(40.0f)) return 0.0f;
    float ax = fabsf(p.x);
    float u = clampf((ax - 11.0f) / 38.0f, 0.0f, 1.0f);
    float zc = BROW_Z + 1.0f + 4.0f * sinf(u * 2.4f) - 3.0f * u;
    float half_w = mixf(5.0f, 2.0f, u) * (1.0f + 0.2f * noise(p, 4.0f, 91));
    float band = smoothstepf(half_w + 1.5f, half_w - 1.0f, fabsf(p.z - zc));
    return band * smoothstepf(8.0f, 13.0f, ax) * smoothstepf(52.0f, 45.0f, ax);
}

/* ---------------------------------------------------------------- skin marks */

typedef struct {
    vec3 p;
    float radius;  /* mm */
    vec3 tint;     /* albedo multiplier at the centre */
    float raised;  /* mm of bump (moles) */
} mark;

#define MARK_N 16
static mark marks[MARK_N];

/* A few sun spots (lentigines) and moles on the exposed top, in fixed random places. */
static void marks_init(void) {
    for (uint32_t i = 0; i < MARK_N; i++) {
        float azim = deg(170.0f * u01(hash4(7u, i, 0u, 0u)));
        if (u01(hash4(7u, i, 1u, 0u)) < 0.5f) azim = -azim;
        float elev = deg(30.0f + 55.0f * u01(hash4(7u, i, 2u, 0u)));
        vec3 dir = v3(HEAD_HALF_W * cosf(elev) * sinf(azim), HEAD_HALF_L * cosf(elev) * cosf(azim),
                      HEAD_TOP * sinf(elev));
        mark *m = &marks[i];
        m->p = surface_along(normalize(dir));
        float kind = u01(hash4(7u, i, 3u, 0u));
        if (i < 2) { /* moles: small, dark, slightly raised */
            m->radius = 0.9f + 0.8f * kind;
            m->tint = v3(0.60f, 0.45f, 0.36f);
            m->raised = 0.15f;
        } else if (i < 10) { /* lentigines: flat, light brown, irregular */
            m->radius = 1.0f + 2.5f * kind * kind;
            float depth = 0.5f + 0.5f * u01(hash4(7u, i, 4u, 0u));
            m->tint = vmix(v3(1, 1, 1), v3(0.86f, 0.76f, 0.66f), depth);
            m->raised = 0.0f;
        } else { /* small red spots (broken capillaries, a healed scratch) */
            m->radius = 1.5f + 2.0f * kind;
            m->tint = v3(0.99f, 0.90f, 0.90f);
            m->raised = 0.0f;
        }
    }
}

/* ---------------------------------------------------------------- skin shading */

/* Vellus follicles and pores: the nearest of jittered points in 3D cells around
 * the skin. Points at random depths give naturally varied sizes. Returns the
 * pore's strength 0-1 at p, blurred to the pixel footprint, and its gradient. */
static float pore(vec3 p, float footprint, vec3 *grad) {
    const float cell = 0.5f;
    float fx = floorf(p.x / cell), fy = floorf(p.y / cell), fz = floorf(p.z / cell);
    float best = 1e9f;
    vec3 best_d = v3(0, 0, 0);
    float best_s = 0.0f;
    for (int k = -1; k <= 1; k++)
        for (int j = -1; j <= 1; j++)
            for (int i = -1; i <= 1; i++) {
                int cx = (int)fx + i, cy = (int)fy + j, cz = (int)fz + k;
                uint32_t h = hash4((uint32_t)cx, (uint32_t)cy, (uint32_t)cz, 1u);
                vec3 f = v3(((float)cx + u01(h)) * cell, ((float)cy + u01(mix32(h + 1u))) * cell,
                            ((float)cz + u01(mix32(h + 2u))) * cell);
                vec3 d = sub(p, f);
                float d2 = dot(d, d);
                if (d2 < best) {
                    best = d2;
                    best_d = d;
                    best_s = u01(mix32(h + 3u));
                }
            }
    const float sigma2 = sq(0.07f);
    float s2 = sigma2 + sq(0.45f * footprint); /* wider and fainter when a pixel is big */
    float e = (sigma2 / s2) * expf(-best / s2) * (0.4f + 0.6f * best_s);
    *grad = mul(best_d, -2.0f * e / s2);
    return e;
}

/* Fine horizontal creases on the lower forehead: height in mm (negative in a crease). */
static float creases(vec3 p) {
    if (p.y < 55.0f) return 0.0f;
    float z = p.z - BROW_Z + 2.5f * noise(p, 20.0f, 31);
    float h = 0.0f;
    for (int i = 0; i < 3; i++) {
        float zc = 16.0f + 9.5f * (float)i;
        h -= 0.05f * expf(-sq((z - zc) / 0.8f)) * (0.6f + 0.4f * noise(p, 9.0f, 33 + i));
    }
    return h * smoothstepf(55.0f, 75.0f, p.y) * smoothstepf(55.0f, 25.0f, fabsf(p.x));
}

/* How much of a detail of the given size survives at this pixel footprint:
 * details smaller than about a pixel fade out instead of aliasing. */
static float lod(float size, float footprint) {
    return clampf(2.0f - 1.2f * footprint / size, 0.0f, 1.0f);
}

/* Skin lines: the zero crossings of a noise form a network of thin furrows,
 * like the criss-cross texture of real skin. 0-1, 1 in a furrow. */
static float furrows(vec3 p, float footprint) {
    float n = fabsf(noise(p, 1.1f, 24));
    float width = 0.06f + 0.25f * footprint; /* in noise units, wider when blurred */
    return smoothstepf(width, 0.0f, n) * lod(0.25f, footprint);
}

/* Height of the skin's relief, in mm, without the pores. */
static float relief(vec3 p, float footprint) {
    return 0.012f * lod(0.3f, footprint) * noise(p, 0.5f, 21) + 0.020f * noise(p, 1.6f, 22) +
           0.060f * noise(p, 7.0f, 23) + 0.6f * noise(p, 30.0f, 26) - 0.008f * furrows(p, footprint) +
           creases(p);
}

/* The shading normal: the surface normal tilted by the relief and the pores. */
static vec3 bumped_normal(vec3 p, vec3 n, float footprint, vec3 pore_grad) {
    const float e = 0.04f;
    float h0 = relief(p, footprint);
    vec3 g = v3((relief(v3(p.x + e, p.y, p.z), footprint) - h0) / e,
                (relief(v3(p.x, p.y + e, p.z), footprint) - h0) / e,
                (relief(v3(p.x, p.y, p.z + e), footprint) - h0) / e);
    g = sub(g, mul(pore_grad, 0.018f)); /* pores are pits */
    for (int i = 0; i < MARK_N; i++) {
        if (marks[i].raised <= 0.0f) continue;
        vec3 d = sub(p, marks[i].p);
        float r2 = sq(marks[i].radius);
        float e2 = expf(-dot(d, d) / r2);
        g = add(g, mul(d, -2.0f * marks[i].raised * e2 / r2));
    }
    g = sub(g, mul(n, dot(g, n)));
    return normalize(sub(n, g));
}

/* Skin colour (linear albedo) at p, including the hair under the skin in the fringe. */
static vec3 skin_albedo(vec3 p, float footprint, float stubble, float brow, float pore_e) {
    vec3 c = v3(0.53f, 0.345f, 0.275f);
    /* broad redness and smaller blotches: skin is never one colour */
    float red = fbm(p, 40.0f, 1);
    c = vmul(c, v3(1.0f + 0.10f * red, 1.0f - 0.09f * red, 1.0f - 0.09f * red));
    float blotch = smoothstepf(-0.15f, 0.6f, fbm(p, 9.0f, 4));
    c = vmul(c, vmix(v3(1, 1, 1), v3(1.02f, 0.93f, 0.93f), blotch));
    float mottle = fbm(p, 2.5f, 7);
    float grain = noise(p, 0.35f, 8) * lod(0.25f, footprint);
    c = mul(c, 1.0f + 0.035f * mottle + 0.05f * grain + 0.05f * fbm(p, 22.0f, 9));
    c = mul(c, 1.0f - 0.06f * furrows(p, footprint));
    /* the top sees the sun: a little darker and browner than the forehead */
    float top = smoothstepf(30.0f, 90.0f, p.z);
    c = vmul(c, vmix(v3(1, 1, 1), v3(0.95f, 0.90f, 0.87f), top));
    /* pinker skin over the brow */
    float browzone = smoothstepf(70.0f, 95.0f, p.y) * smoothstepf(25.0f, 0.0f, p.z - BROW_Z);
    c = vmul(c, vmix(v3(1, 1, 1), v3(1.03f, 0.94f, 0.94f), browzone));
    for (int i = 0; i < MARK_N; i++) {
        const mark *m = &marks[i];
        vec3 d = sub(p, m->p);
        float r = len(d);
        if (r > m->radius * 2.0f) continue;
        float edge = m->radius * (1.0f + 0.45f * noise(p, 0.7f * m->radius, 41 + i % 5));
        float w = smoothstepf(edge, edge * (m->raised > 0.0f ? 0.6f : 0.2f), r);
        c = vmul(c, vmix(v3(1, 1, 1), m->tint, w));
    }
    /* pores read slightly darker and cooler */
    c = vmul(c, vmix(v3(1, 1, 1), v3(0.48f, 0.45f, 0.47f), clampf(pore_e, 0.0f, 1.0f)));
    /* clippered hair still in the skin shows through as a blue-grey shadow:
     * it greys and cools the skin more than it darkens it (each follicle's
     * own smudge is drawn with the hairs) */
    c = vmul(c, vmix(v3(1, 1, 1), v3(0.80f, 1.00f, 1.12f), 0.35f * stubble));
    c = vmul(c, vmix(v3(1, 1, 1), v3(0.85f, 0.85f, 0.88f), brow));
    return c;
}

static vec3 key_light_dir(void) {
    return normalize(add(cam_view, v3(-0.25f, 0.10f, 0.60f)));
}

/* Oily sheen: where the scalp is shinier, and how sharp its highlight is. */
static float oiliness(vec3 p) {
    float o = 0.55f + 0.45f * fbm(p, 25.0f, 51);
    return clampf(o, 0.0f, 1.0f) * (0.45f + 0.55f * smoothstepf(0.0f, 60.0f, p.z));
}

/* Linear radiance of the skin at p with geometric normal n, seen from the camera. */
static vec3 shade_skin(vec3 p, vec3 n, float footprint, float stubble, float brow) {
    vec3 pore_grad;
    float pe = pore(p, footprint, &pore_grad);
    pe *= 1.0f - 0.6f * stubble; /* in the fringe the follicles are drawn as hairs */
    vec3 nb = bumped_normal(p, n, footprint, pore_grad);
    vec3 albedo = skin_albedo(p, footprint, stubble, brow, pe);
    vec3 l = key_light_dir();
    vec3 v = cam_view;

    /* wrapped diffuse, wider in red: light scattered under the skin softens the
     * terminator and warms it, as it does on real skin */
    float ndl = dot(nb, l);
    vec3 wrap = v3(0.32f, 0.18f, 0.13f);
    vec3 diff = v3(clampf((ndl + wrap.x) / (1 + wrap.x), 0, 1), clampf((ndl + wrap.y) / (1 + wrap.y), 0, 1),
                   clampf((ndl + wrap.z) / (1 + wrap.z), 0, 1));
    diff = vmul(diff, diff);
    float sky = 0.5f + 0.5f * nb.z; /* light from the ceiling and the room */
    vec3 ambient = v3(0.15f * sky + 0.05f, 0.15f * sky + 0.05f, 0.16f * sky + 0.055f);
    /* a cooler window light from the right side */
    float side = clampf((dot(nb, normalize(v3(0.9f, 0.3f, 0.4f))) + 0.2f) / 1.2f, 0.0f, 1.0f);
    ambient = add(ambient, mul(v3(0.10f, 0.11f, 0.13f), side * side));
    vec3 lit = vmul(albedo, add(mul(diff, 1.12f), ambient));

    /* specular: a broad sheen everywhere plus a tighter oily highlight */
    vec3 hv = normalize(add(l, v));
    float ndh = clampf(dot(nb, hv), 0.0f, 1.0f);
    float ndv = clampf(dot(nb, v), 0.0f, 1.0f);
    float fres = 0.028f + 0.972f * powf(1.0f - ndv, 5.0f);
    float oil = oiliness(p);
    float broad = 0.16f * powf(ndh, 10.0f);
    float tight = oil * 0.45f * powf(ndh, 45.0f);
    float spec = (broad + tight) * (0.3f + 0.7f * oil) * clampf(ndl, 0.0f, 1.0f);
    /* a fresh #0 cut is too short to dull the sheen much; brows do */
    spec *= (1.0f - 0.05f * stubble) * (1.0f - 0.8f * brow);
    /* the bright room seen in grazing skin; skin facing the floor reflects little */
    float rim = fres * 0.25f * (1.0f - 0.1f * stubble) * smoothstepf(-0.2f, 0.4f, nb.z);
    vec3 s = v3(spec + rim, spec + rim, spec * 0.98f + rim * 1.02f);
    return add(lit, s);
}

/* ---------------------------------------------------------------- background */

/* An out-of-focus clinic wall: warm grey, lit from the upper left, a soft
 * vertical edge of a door frame at the right and gentle blotches. Everything
 * is low frequency because it is far behind the focal plane. */
static vec3 background(float px, float py) {
    float x = px / (float)IMG_W, y = py / (float)IMG_H;
    vec3 c = v3(0.40f, 0.385f, 0.355f);
    float light = 1.12f - 0.22f * y - 0.12f * x + 0.05f * sinf(3.0f * x + 1.0f);
    vec3 q = v3(px * 0.05f, py * 0.05f, 3.0f);
    light *= 1.0f + 0.025f * fbm(q, 9.0f, 61);
    c = mul(c, light);
    float frame = smoothstepf(0.865f, 0.905f, x);
    c = vmul(c, vmix(v3(1, 1, 1), v3(0.86f, 0.84f, 0.80f), frame));
    float gap = expf(-sq((x - 0.885f) / 0.012f));
    c = mul(c, 1.0f - 0.06f * gap);
    return c;
}

/* ---------------------------------------------------------------- per-pixel pass */

typedef struct {
    vec3 rgb;     /* linear light */
    float cover;  /* fraction of the pixel on the head */
    float front;  /* front_field at the first head sample, mm */
    float fringe; /* fringe_field at the first head sample, mm */
    float hair;   /* stubble density at the pixel (0 off the head) */
    float brow;   /* eyebrow density */
} pixel_out;

/* Shades one ray: head if it hits, wall otherwise. */
static int shade_ray(float px, float py, vec3 *rgb, vec3 *hit_p) {
    float sx, sy, t;
    pixel_to_screen(px, py, &sx, &sy);
    if (!raycast(sx, sy, &t)) {
        *rgb = background(px, py);
        return 0;
    }
    vec3 p = ray_point(sx, sy, t);
    vec3 n = head_normal(p);
    float ndv = fmaxf(dot(n, cam_view), 0.05f);
    float footprint = 1.0f / (PX_PER_MM * ndv); /* mm of skin under one pixel */
    float st = stubble_density(p), br = eyebrow_density(p);
    *rgb = shade_skin(p, n, fminf(footprint, 1.0f), st, br);
    *hit_p = p;
    return 1;
}

/* One pixel: a single ray inside a region, 4x4 rays where the silhouette or a
 * fold crosses it (found from the neighbours' hits), averaged in linear light. */
static pixel_out shade_pixel(int x, int y, const float *tbuf) {
    pixel_out o;
    memset(&o, 0, sizeof o);
    float t0 = tbuf[(size_t)y * IMG_W + (size_t)x];
    int edge = 0;
    static const int nb[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    for (int k = 0; k < 4; k++) {
        int xx = x + nb[k][0], yy = y + nb[k][1];
        if (xx < 0 || yy < 0 || xx >= IMG_W || yy >= IMG_H) continue;
        float t1 = tbuf[(size_t)yy * IMG_W + (size_t)xx];
        if ((t0 < 0.0f) != (t1 < 0.0f) || (t0 >= 0.0f && fabsf(t1 - t0) > 3.0f)) edge = 1;
    }
    int n = edge ? 4 : 1;
    int have_p = 0;
    vec3 first = v3(0, 0, 0);
    vec3 sum = v3(0, 0, 0);
    int hits = 0;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            float px = (float)x + ((float)i + 0.5f) / (float)n;
            float py = (float)y + ((float)j + 0.5f) / (float)n;
            vec3 c, p;
            if (shade_ray(px, py, &c, &p)) {
                hits++;
                if (!have_p) {
                    first = p;
                    have_p = 1;
                }
            }
            sum = add(sum, c);
        }
    o.rgb = mul(sum, 1.0f / (float)(n * n));
    o.cover = (float)hits / (float)(n * n);
    if (have_p) {
        o.front = front_field(first);
        o.fringe = fringe_field(first);
        o.hair = stubble_density(first);
        o.brow = eyebrow_density(first);
    }
    return o;
}

/* ---------------------------------------------------------------- hairs */

typedef struct {
    float *rgb; /* linear RGB, 3 floats a pixel */
} canvas;

/* Draws a straight hair from (x0, y0) to (x1, y1), widths in px, with coverage
 * from the distance to the segment: a line thinner than a pixel becomes a
 * fainter one-pixel line, as a camera sensor would record it. mult != 0
 * multiplies instead of covering (for hair seen through the skin). */
static void draw_segment(canvas *cv, float x0, float y0, float x1, float y1, float w0, float w1,
                         vec3 col, float alpha, int mult) {
    float pad = 0.5f * fmaxf(w0, w1) + 1.5f;
    int xa = (int)floorf(fminf(x0, x1) - pad), xb = (int)ceilf(fmaxf(x0, x1) + pad);
    int ya = (int)floorf(fminf(y0, y1) - pad), yb = (int)ceilf(fmaxf(y0, y1) + pad);
    if (xa < 0) xa = 0;
    if (ya < 0) ya = 0;
    if (xb > IMG_W - 1) xb = IMG_W - 1;
    if (yb > IMG_H - 1) yb = IMG_H - 1;
    float dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
    for (int y = ya; y <= yb; y++)
        for (int x = xa; x <= xb; x++) {
            float cx = (float)x + 0.5f - x0, cy = (float)y + 0.5f - y0;
            float t = l2 > 1e-6f ? clampf((cx * dx + cy * dy) / l2, 0.0f, 1.0f) : 0.0f;
            float d = sqrtf(sq(cx - t * dx) + sq(cy - t * dy));
            float w = mixf(w0, w1, t);
            float cov = w < 1.0f ? w * fmaxf(0.0f, 1.0f - d) : clampf(0.5f * w + 0.5f - d, 0.0f, 1.0f);
            float a = alpha * cov;
            if (a <= 0.0f) continue;
            float *px = cv->rgb + 3 * ((size_t)y * IMG_W + (size_t)x);
            if (mult) {
                px[0] *= 1.0f - a * (1.0f - col.x);
                px[1] *= 1.0f - a * (1.0f - col.y);
                px[2] *= 1.0f - a * (1.0f - col.z);
            } else {
                px[0] += a * (col.x - px[0]);
                px[1] += a * (col.y - px[1]);
                px[2] += a * (col.z - px[2]);
            }
        }
}

/* Rotates the tangent t about n by angle a. */
static vec3 rotate_about(vec3 t, vec3 n, float a) {
    return add(mul(t, cosf(a)), mul(cross(n, t), sinf(a)));
}

/* The direction stubble grows in: down and back, as hair on the sides and back
 * of a head does, with a slow swirl. */
static vec3 stubble_dir(vec3 p, vec3 n) {
    float swirl = 0.5f * noise(p, 35.0f, 71);
    vec3 g = v3(swirl + 0.15f * (p.x > 0 ? 1.0f : -1.0f), -0.55f, -1.0f);
    g = sub(g, mul(n, dot(g, n)));
    return normalize(g);
}

/* Eyebrow hairs point up and out at the inner end, then out, then out and down. */
static vec3 brow_dir(vec3 p, vec3 n) {
    float s = p.x > 0 ? 1.0f : -1.0f, ax = fabsf(p.x);
    float up = mixf(1.2f, -0.35f, smoothstepf(14.0f, 55.0f, ax));
    vec3 g = v3(s * 1.0f, 0.0f, up);
    g = sub(g, mul(n, dot(g, n)));
    return normalize(g);
}

/* Kajiya-Kay highlight of a hair with tangent t: brightest across the half vector. */
static float hair_sheen(vec3 t) {
    vec3 h = normalize(add(key_light_dir(), cam_view));
    float th = dot(t, h);
    return powf(fmaxf(0.0f, 1.0f - th * th), 30.0f);
}

/* Draws one hair rooted at p. kind 0 is stubble, 1 is eyebrow; density is the
 * local density (0-1), which also thins, shortens and lightens the hairs in the
 * thinning zone, as miniaturising hair does.
 *
 * The stubble is a fresh #0 clipper cut (0.5-1 mm): the clipper cuts every
 * hair at about the same height above the skin, so a hair that leaves the skin
 * at a shallow angle is cut longer along its shaft. What shows is the shaft
 * under the skin, a faint blue-grey smudge behind the exit point (the skin
 * scatters light over it), and a short, fine, dark stub with a blunt end. */
static void draw_hair(canvas *cv, vec3 p, vec3 n, int kind, float density, uint32_t id) {
    float r0 = u01(hash4(id, 1u, 0u, 9u)), r1 = u01(hash4(id, 2u, 0u, 9u));
    float r2 = u01(hash4(id, 3u, 0u, 9u)), r3 = u01(hash4(id, 4u, 0u, 9u));
    float length, elev, width, alpha;
    vec3 dir, col;
    if (kind == 0) {
        elev = deg(30.0f + 40.0f * r1);
        /* cut 0.2-0.6 mm above the skin (the blade rides the bumps of the
         * skin, and hairs grow back at different rates); fine, miniaturised
         * hairs grow back slower */
        float cut = (0.18f + 0.36f * r0 * r0) * (0.6f + 0.4f * density);
        length = cut / sinf(elev);
        width = 0.055f * (0.7f + 0.6f * r2) * (0.55f + 0.45f * density);
        alpha = 0.66f * (0.55f + 0.45f * density);
        dir = rotate_about(stubble_dir(p, n), n, (r3 - 0.5f) * 1.5f);
        col = v3(0.014f, 0.012f, 0.012f);
    } else {
        length = 3.5f + 3.5f * r0;
        elev = deg(10.0f + 12.0f * r1);
        width = 0.075f * (0.7f + 0.6f * r2);
        alpha = 0.95f;
        dir = rotate_about(brow_dir(p, n), n, (r3 - 0.5f) * 0.6f);
        col = v3(0.030f, 0.020f, 0.015f);
    }
    vec3 axis = normalize(add(mul(dir, cosf(elev)), mul(n, sinf(elev))));
    vec3 tip = add(p, mul(axis, length));
    float sh = hair_sheen(axis);
    col = add(col, mul(v3(0.16f, 0.15f, 0.15f), sh));
    float x0, y0, x1, y1;
    world_to_pixel(p, &x0, &y0);
    world_to_pixel(tip, &x1, &y1);
    if (kind == 0) {
        /* the shaft under the skin, seen to about 0.5 mm deep: a soft
         * blue-grey smudge from the exit point back along the follicle,
         * narrowing as it goes deeper */
        float under = (0.35f + 0.25f * u01(hash4(id, 5u, 0u, 9u))) / sinf(elev);
        float ux, uy;
        world_to_pixel(sub(p, mul(axis, under)), &ux, &uy);
        /* slanted skin hides the deeper part: no longer than 0.6 mm on screen */
        float ul = sqrtf(sq(ux - x0) + sq(uy - y0)), umax = 0.6f * PX_PER_MM;
        if (ul > umax) {
            ux = x0 + (ux - x0) * umax / ul;
            uy = y0 + (uy - y0) * umax / ul;
        }
        float a = 0.12f * alpha;
        draw_segment(cv, x0, y0, ux, uy, 0.26f * PX_PER_MM, 0.16f * PX_PER_MM, v3(0.80f, 0.88f, 0.98f), a, 1);
        draw_segment(cv, x0, y0, ux, uy, 0.12f * PX_PER_MM, 0.06f * PX_PER_MM, v3(0.68f, 0.76f, 0.90f), a, 1);
    } else {
        /* the shaft under the skin: a soft blue-grey dot at the follicle */
        float dot_w = (0.11f + 0.05f * r2) * PX_PER_MM;
        draw_segment(cv, x0, y0, x0, y0, dot_w, dot_w, v3(0.55f, 0.58f, 0.68f), 0.45f * alpha, 1);
    }
    float w = width * PX_PER_MM;
    draw_segment(cv, x0, y0, x1, y1, w, w * (kind ? 0.5f : 0.95f), col, alpha, 0);
}

/* Hair roots are placed as a Poisson process on the skin: screen cells get
 * candidates at the highest rate any cell can need, and each is kept with the
 * probability of the local density, corrected for how slanted the skin is
 * (a slanted patch holds more skin per pixel). Hash-keyed by cell and index. */
#define CELL 3
#define MIN_NDV 0.22f

static void hairs_draw(canvas *cv, const float *hairbuf) {
    const int cw = IMG_W / CELL, ch = IMG_H / CELL;
    unsigned char *active = calloc((size_t)cw * (size_t)ch, 1);
    if (!active) return;
    /* a cell is worth trying when hair is within a few pixels of it */
    for (int y = 0; y < IMG_H; y++)
        for (int x = 0; x < IMG_W; x++)
            if (hairbuf[(size_t)y * IMG_W + (size_t)x] > 0.001f) {
                int cx = x / CELL, cy = y / CELL;
                for (int j = -3; j <= 3; j++)
                    for (int i = -3; i <= 3; i++) {
                        int xx = cx + i, yy = cy + j;
                        if (xx >= 0 && yy >= 0 && xx < cw && yy < ch) active[(size_t)yy * (size_t)cw + (size_t)xx] = 1;
                    }
            }
    const float cell_mm2 = (float)(CELL * CELL) / (PX_PER_MM * PX_PER_MM);
    const float max_rate = fmaxf(STUBBLE_PER_MM2, BROW_PER_MM2) * cell_mm2 / MIN_NDV;
    const float e_neg = expf(-max_rate);
    for (int cy = 0; cy < ch; cy++)
        for (int cx = 0; cx < cw; cx++) {
            if (!active[(size_t)cy * (size_t)cw + (size_t)cx]) continue;
            /* Poisson count by multiplying uniforms (Knuth) */
            uint32_t k = 0;
            float prod = u01(hash4((uint32_t)cx, (uint32_t)cy, 0u, 3u));
            while (prod > e_neg && k < 32) {
                k++;
                prod *= u01(hash4((uint32_t)cx, (uint32_t)cy, k, 3u));
            }
            for (uint32_t i = 0; i < k; i++) {
                uint32_t id = hash4((uint32_t)cx, (uint32_t)cy, i, 5u);
                float px = (float)(cx * CELL) + (float)CELL * u01(hash4(id, 1u, 1u, 1u));
                float py = (float)(cy * CELL) + (float)CELL * u01(hash4(id, 2u, 2u, 2u));
                float sx, sy, t;
                pixel_to_screen(px, py, &sx, &sy);
                if (!raycast(sx, sy, &t)) continue;
                vec3 p = ray_point(sx, sy, t);
                vec3 n = head_normal(p);
                float ndv = fmaxf(dot(n, cam_view), MIN_NDV);
                float st = stubble_density(p);
                /* hairs grow in small groups: a fine noise makes the fringe less even */
                float clump = clampf(0.75f + 0.5f * noise(p, 1.2f, 81), 0.0f, 1.0f);
                float br = eyebrow_density(p);
                float rate = (STUBBLE_PER_MM2 * st * clump + BROW_PER_MM2 * br) * cell_mm2 / ndv;
                float u = u01(hash4(id, 3u, 3u, 3u)) * max_rate;
                if (u >= rate) continue;
                int kind = (u < BROW_PER_MM2 * br * cell_mm2 / ndv) ? 1 : 0;
                draw_hair(cv, p, n, kind, kind ? 1.0f : st, id);
            }
        }
    free(active);
}

/* ---------------------------------------------------------------- finishing */

/* Highlight shoulder so the oily sheen rolls off instead of clipping. */
static float tone(float x) {
    const float knee = 0.75f;
    if (x <= knee) return x;
    return knee + (1.0f - knee) * (1.0f - expf(-(x - knee) / (1.0f - knee)));
}

static uint8_t to_srgb8(float v) {
    v = clampf(v, 0.0f, 1.0f);
    float s = v <= 0.0031308f ? 12.92f * v : 1.055f * powf(v, 1.0f / 2.4f) - 0.055f;
    return (uint8_t)lrintf(s * 255.0f);
}

enum { BLUR_REACH = 6 };

/* One pass of a separable blur along rows (dx 1) or columns (dx 0), edges clamped. */
static void blur_pass(const float *src, float *dst, const float *k, int dx) {
PARALLEL_ROWS
    for (int y = 0; y < IMG_H; y++)
        for (int x = 0; x < IMG_W; x++)
            for (int ch = 0; ch < 3; ch++) {
                float acc = 0.0f;
                for (int i = -BLUR_REACH; i <= BLUR_REACH; i++) {
                    int xx = x + i * dx, yy = y + i * (1 - dx);
                    xx = xx < 0 ? 0 : xx >= IMG_W ? IMG_W - 1 : xx;
                    yy = yy < 0 ? 0 : yy >= IMG_H ? IMG_H - 1 : yy;
                    acc += k[i + BLUR_REACH] * src[3 * ((size_t)yy * IMG_W + (size_t)xx) + (size_t)ch];
                }
                dst[3 * ((size_t)y * IMG_W + (size_t)x) + (size_t)ch] = acc;
            }
}

/* Separable Gaussian blur of a linear RGB buffer (edges clamped). */
static void gaussian_blur(const float *src, float *dst, float *tmp, float sigma) {
    float k[2 * BLUR_REACH + 1], ksum = 0.0f;
    for (int i = -BLUR_REACH; i <= BLUR_REACH; i++) ksum += k[i + BLUR_REACH] = expf(-0.5f * sq((float)i / sigma));
    for (int i = 0; i <= 2 * BLUR_REACH; i++) k[i] /= ksum;
    blur_pass(src, tmp, k, 1);
    blur_pass(tmp, dst, k, 0);
}

/* How far out of focus a row is, 0-1. The camera focused on the top of the
 * head near the hairline; the crown (further away) and the brows (nearer) are
 * slightly soft, as with a phone at arm's length. Rows stand in for depth
 * because depth changes mostly from the top of this view to the bottom. */
static float defocus(int y) {
    float v = ((float)y + 0.5f) / (float)IMG_H;
    return smoothstepf(0.12f, 0.55f, fabsf(v - 0.6f));
}

/* Lens and sensor: softness (optics, demosaicing and a little defocus away from
 * the focal plane), vignetting and noise (mostly luminance, a little chroma),
 * then sRGB. soft and blurry are the image blurred by about one and two pixels. */
static void finish(const float *lin, const float *soft, const float *blurry, smp_image *img) {
PARALLEL_ROWS
    for (int y = 0; y < IMG_H; y++) {
        uint8_t *row = img->pixels + (size_t)y * img->stride;
        float dof = 0.8f * defocus(y);
        for (int x = 0; x < IMG_W; x++) {
            float c[3];
            for (int ch = 0; ch < 3; ch++) {
                size_t i = 3 * ((size_t)y * IMG_W + (size_t)x) + (size_t)ch;
                c[ch] = mixf(mixf(lin[i], soft[i], 0.5f), blurry[i], dof);
            }
            float u = ((float)x + 0.5f) / (float)IMG_W - 0.5f, v = ((float)y + 0.5f) / (float)IMG_H - 0.5f;
            float r2 = (u * u + v * v * 0.5625f) / 0.3164f; /* 1 at the corners */
            float vig = 1.0f - 0.28f * r2 * r2 + 0.02f;
            float luma_noise = gauss((uint32_t)x, (uint32_t)y, 11u);
            for (int ch = 0; ch < 3; ch++) {
                float s = (float)to_srgb8(tone(c[ch] * vig * 1.05f));
                float chroma = gauss((uint32_t)x, (uint32_t)y, 20u + (uint32_t)ch);
                float amp = 1.0f + 1.2f * sqrtf(s / 255.0f); /* shot noise grows with signal */
                s += amp * (luma_noise + 0.35f * chroma);
                row[4 * x + ch] = (uint8_t)clampf(s + 0.5f, 0.0f, 255.0f);
            }
            row[4 * x + 3] = 255;
        }
    }
}

/* ---------------------------------------------------------------- masks */

/* A field's value at a pixel converted to pixels of distance from its zero
 * line, using the field's change to the neighbours: gives anti-aliased edges
 * of the same width however slanted the skin is. */
static float field_to_px(const float *f, const float *cover, int x, int y) {
    size_t i = (size_t)y * IMG_W + (size_t)x;
    float gx = 0.0f, gy = 0.0f;
    if (x > 0 && x < IMG_W - 1 && cover[i - 1] > 0.0f && cover[i + 1] > 0.0f) gx = 0.5f * (f[i + 1] - f[i - 1]);
    if (y > 0 && y < IMG_H - 1 && cover[i - IMG_W] > 0.0f && cover[i + IMG_W] > 0.0f)
        gy = 0.5f * (f[i + IMG_W] - f[i - IMG_W]);
    float g = sqrtf(gx * gx + gy * gy);
    if (g < 1e-6f) g = 1.0f / PX_PER_MM;
    return f[i] / g;
}

static void masks_build(const float *front, const float *fringe, const float *hair, const float *cover,
                        smp_image *treat, smp_image *blend) {
PARALLEL_ROWS
    for (int y = 0; y < IMG_H; y++) {
        for (int x = 0; x < IMG_W; x++) {
            size_t i = (size_t)y * IMG_W + (size_t)x;
            float t = 0.0f, b = 0.0f;
            if (cover[i] > 0.0f) {
                const float ramp = 3.0f; /* px over which an edge goes from 0 to 255 */
                float a_front = clampf(0.5f + field_to_px(front, cover, x, y) / ramp, 0.0f, 1.0f);
                float a_fringe = clampf(0.5f + field_to_px(fringe, cover, x, y) / ramp, 0.0f, 1.0f);
                t = cover[i] * fminf(a_front, a_fringe);
                b = cover[i] * smoothstepf(0.08f, 0.7f, hair[i]);
            }
            uint8_t tv = (uint8_t)lrintf(t * 255.0f), bv = (uint8_t)lrintf(b * 255.0f);
            uint8_t *pt = treat->pixels + (size_t)y * treat->stride + 4 * (size_t)x;
            uint8_t *pb = blend->pixels + (size_t)y * blend->stride + 4 * (size_t)x;
            pt[0] = pt[1] = pt[2] = tv;
            pt[3] = 255;
            pb[0] = pb[1] = pb[2] = bv;
            pb[3] = 255;
        }
    }
}

/* ---------------------------------------------------------------- output */

static int save_image(const smp_image *img, const char *dir, const char *name, int quality) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    smp_save_settings s = {.jpeg_quality = quality};
    if (smp_image_save(img, path, &s) != SMP_OK) {
        fprintf(stderr, "make_sample_client: cannot write %s: %s\n", path, smp_last_error());
        return 0;
    }
    return 1;
}

static int write_json(const char *dir) {
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/client.json", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "make_sample_client: cannot write %s\n", path);
        return 0;
    }
    fprintf(f,
            "{\n"
            "  \"format\": \"smp-sample-client\",\n"
            "  \"version\": 1,\n"
            "  \"name\": \"Sample client\",\n"
            "  \"photo\": \"photo.jpg\",\n"
            "  \"mask\": \"treatment_mask.png\",\n"
            "  \"blend_mask\": \"blend_mask.png\",\n"
            "  \"px_per_mm\": %.2f,\n"
            "  \"notes\": \"Generated, not a real person: a balding head (horseshoe of stubble, "
            "freshly clippered to a #0 (0.5-1 mm), at the sides and back) seen from above and in "
            "front, forehead at the bottom, crown at the top. The treatment mask starts at a "
            "hairline %.0f mm above the glabella at the front centre and reaches %.0f mm into "
            "the stubble. px_per_mm is exact for skin facing the camera (orthographic view); "
            "slanted skin near the outline is foreshortened.\"\n"
            "}\n",
            (double)PX_PER_MM, (double)HAIRLINE_MM, (double)OVERLAP_MM);
    int ok = !ferror(f);
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        fprintf(stderr, "make_sample_client: cannot write %s\n", path);
        return 0;
    }
    return 1;
}

/* Prints where the design lies, for the README and the report. */
static void report_geometry(const float *front, const float *fringe, const float *cover) {
    int x = IMG_W / 2, top = -1, bottom = -1, line = -1, crown = -1;
    for (int y = 0; y < IMG_H; y++) {
        size_t i = (size_t)y * IMG_W + (size_t)x;
        if (cover[i] > 0.5f) {
            if (top < 0) top = y;
            bottom = y;
            if (crown < 0 && fringe[i] > 0.0f && front[i] > 0.0f) crown = y;
            if (front[i] < 0.0f && line < 0 && y > top) line = y;
        }
    }
    int left = -1, right = -1;
    for (int y = 0; y < IMG_H; y++)
        for (int xx = 0; xx < IMG_W; xx++)
            if (cover[(size_t)y * IMG_W + (size_t)xx] > 0.5f) {
                if (left < 0 || xx < left) left = xx;
                if (xx > right) right = xx;
            }
    vec3 g = surface_along(v3(0.0f, 1.0f, BROW_Z / 100.0f));
    float gx, gy;
    world_to_pixel(g, &gx, &gy);
    printf("head: x %d-%d, top of outline at y %d (centre column), bottom %d\n", left, right, top,
            bottom);
    printf("treatment on column %d: from y %d (crown, at the back fringe) to y %d (hairline)\n", x, crown, line);
    printf("glabella at (%.0f, %.0f); %.2f px per mm\n", (double)gx, (double)gy, (double)PX_PER_MM);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: make_sample_client OUT_DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    camera_init();
    arc_init();
    hairline_init();
    marks_init();

    const size_t npx = (size_t)IMG_W * IMG_H;
    float *tbuf = malloc(npx * sizeof *tbuf);
    float *lin = malloc(3 * npx * sizeof *lin);
    float *cover = malloc(npx * sizeof *cover), *front = malloc(npx * sizeof *front);
    float *fringe = malloc(npx * sizeof *fringe), *hair = malloc(npx * sizeof *hair);
    float *hairs_or_brows = malloc(npx * sizeof *hairs_or_brows);
    if (!tbuf || !lin || !cover || !front || !fringe || !hair || !hairs_or_brows) {
        fprintf(stderr, "make_sample_client: out of memory\n");
        return 1;
    }

    /* 1: where each pixel's centre ray meets the head (-1: the wall) */
PARALLEL_ROWS
    for (int y = 0; y < IMG_H; y++)
        for (int x = 0; x < IMG_W; x++) {
            float sx, sy, t;
            pixel_to_screen((float)x + 0.5f, (float)y + 0.5f, &sx, &sy);
            tbuf[(size_t)y * IMG_W + (size_t)x] = raycast(sx, sy, &t) ? t : -1.0f;
        }

    /* 2: shade skin and wall, and sample the fields the masks are made of */
PARALLEL_ROWS
    for (int y = 0; y < IMG_H; y++)
        for (int x = 0; x < IMG_W; x++) {
            size_t i = (size_t)y * IMG_W + (size_t)x;
            pixel_out o = shade_pixel(x, y, tbuf);
            lin[3 * i] = o.rgb.x;
            lin[3 * i + 1] = o.rgb.y;
            lin[3 * i + 2] = o.rgb.z;
            cover[i] = o.cover;
            front[i] = o.front;
            fringe[i] = o.fringe + OVERLAP_MM; /* the treatment reaches into the stubble */
            hair[i] = o.hair;
            hairs_or_brows[i] = fmaxf(o.hair, o.brow);
        }

    /* 3: stubble and eyebrows, in a fixed order */
    canvas cv = {lin};
    hairs_draw(&cv, hairs_or_brows);

    smp_image *photo = smp_image_create(IMG_W, IMG_H);
    smp_image *treat = smp_image_create(IMG_W, IMG_H);
    smp_image *blend = smp_image_create(IMG_W, IMG_H);
    if (!photo || !treat || !blend) {
        fprintf(stderr, "make_sample_client: %s\n", smp_last_error());
        return 1;
    }
    float *soft = malloc(3 * npx * sizeof *soft), *blurry = malloc(3 * npx * sizeof *blurry);
    float *tmp = malloc(3 * npx * sizeof *tmp);
    if (!soft || !blurry || !tmp) {
        fprintf(stderr, "make_sample_client: out of memory\n");
        return 1;
    }
    gaussian_blur(lin, soft, tmp, 0.8f);
    gaussian_blur(lin, blurry, tmp, 2.0f);
    finish(lin, soft, blurry, photo);
    free(soft);
    free(blurry);
    free(tmp);
    masks_build(front, fringe, hair, cover, treat, blend);
    report_geometry(front, fringe, cover);

    int ok = save_image(photo, dir, "photo.jpg", 90) && save_image(treat, dir, "treatment_mask.png", 0) &&
             save_image(blend, dir, "blend_mask.png", 0) && write_json(dir);

    smp_image_destroy(photo);
    smp_image_destroy(treat);
    smp_image_destroy(blend);
    free(tbuf);
    free(lin);
    free(cover);
    free(front);
    free(fringe);
    free(hair);
    free(hairs_or_brows);
    return ok ? 0 : 1;
}
