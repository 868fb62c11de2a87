/* script_steps.h: a parsed script, shared by script_parse.c (reading) and script.c (playing). */
#ifndef SMP_STUDIO_SCRIPT_STEPS_H
#define SMP_STUDIO_SCRIPT_STEPS_H

#include <stddef.h>

#include "studio.h"

#define SCRIPT_MAX_STEPS 10000
#define SCRIPT_MAX_WAIT 600 /* frames: 10 s at 60 Hz */
#define SCRIPT_MAX_COORDINATE 100000

typedef enum step_kind {
    STEP_KEY,
    STEP_MOVE,
    STEP_DRAG,
    STEP_WHEEL,
    STEP_WAIT,
    STEP_STYLE,
    STEP_AGE,
    STEP_SCREENSHOT,
    STEP_TYPE
} step_kind;

typedef struct script_step {
    step_kind kind;
    int line;
    SDL_Keycode key;
    Uint16 mod;       /* KMOD_LCTRL for "ctrl+..." */
    double v[4];      /* coordinates (window points), clicks, frames, or the style value */
    size_t field;     /* STEP_STYLE: offset of the double in smp_style, or SIZE_MAX for the hairline */
    smp_look look;    /* STEP_AGE */
    char *path;       /* STEP_SCREENSHOT: the file; STEP_TYPE: the text typed */
} script_step;

struct studio_script {
    int count;
    script_step steps[];
};

#endif
