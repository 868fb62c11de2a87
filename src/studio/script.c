/* script.c: replaying a parsed script of input, for tests and demos without a person.
 * Every step is followed by a drawn frame. */
#include <stdint.h>
#include <string.h>

#include "script_steps.h"

#define DRAG_STEPS 8 /* motion events a drag step sends between press and release */

static void send_button(studio *s, Uint8 state, double x, double y) {
    SDL_Event e = {.button = {.type = state == SDL_PRESSED ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP,
                              .button = SDL_BUTTON_LEFT, .state = state, .x = (Sint32)x, .y = (Sint32)y}};
    studio_handle_event(s, &e);
}

static void send_motion(studio *s, double x, double y) {
    SDL_Event e = {.motion = {.type = SDL_MOUSEMOTION, .x = (Sint32)x, .y = (Sint32)y,
                              .xrel = (Sint32)x - s->mouse_x, .yrel = (Sint32)y - s->mouse_y}};
    studio_handle_event(s, &e);
}

/* Typed text as SDL sends it: UTF-8 in events of at most 31 bytes, never splitting a character. */
static void send_text(studio *s, const char *text) {
    size_t length = strlen(text);
    for (size_t at = 0; at < length;) {
        size_t n = length - at < 31 ? length - at : 31;
        while (n > 1 && ((unsigned char)text[at + n] & 0xC0) == 0x80) n--;
        SDL_Event e = {.text = {.type = SDL_TEXTINPUT}};
        memcpy(e.text.text, text + at, n);
        studio_handle_event(s, &e);
        at += n;
    }
}

static int set_style(studio *s, const script_step *step) {
    smp_style style = *smp_design_style(s->doc.design);
    if (step->field == SIZE_MAX) {
        style.hairline = (smp_hairline)step->v[0];
        style.feather_mm = 0.0; /* the new hairline's own default */
    } else {
        memcpy((char *)&style + step->field, &step->v[0], sizeof step->v[0]);
    }
    return studio_set_style(s, &style);
}

static int play(const script_step *step, studio *s) {
    switch (step->kind) {
    case STEP_KEY: /* v[0]: 0 key (press and release), 1 press, 2 release */
        if (step->v[0] != 2)
            studio_handle_event(s, &(SDL_Event){.key = {.type = SDL_KEYDOWN, .keysym = {.sym = step->key, .mod = step->mod}}});
        if (step->v[0] != 1)
            studio_handle_event(s, &(SDL_Event){.key = {.type = SDL_KEYUP, .keysym = {.sym = step->key, .mod = step->mod}}});
        break;
    case STEP_MOVE: send_motion(s, step->v[0], step->v[1]); break;
    case STEP_DRAG:
        send_motion(s, step->v[0], step->v[1]);
        send_button(s, SDL_PRESSED, step->v[0], step->v[1]);
        for (int i = 1; i <= DRAG_STEPS; i++)
            send_motion(s, step->v[0] + (step->v[2] - step->v[0]) * i / DRAG_STEPS,
                        step->v[1] + (step->v[3] - step->v[1]) * i / DRAG_STEPS);
        send_button(s, SDL_RELEASED, step->v[2], step->v[3]);
        break;
    case STEP_WHEEL:
        studio_handle_event(s, &(SDL_Event){.wheel = {.type = SDL_MOUSEWHEEL, .preciseY = (float)step->v[0],
                                                      .y = (Sint32)step->v[0]}});
        break;
    case STEP_STYLE: return set_style(s, step);
    case STEP_AGE: {
        smp_look look = s->doc.look;
        look.fresh = step->look.fresh, look.years = step->look.years;
        return studio_set_look(s, &look);
    }
    case STEP_TYPE: send_text(s, step->path); break;
    case STEP_WAIT:
    case STEP_SCREENSHOT: break;
    }
    return STUDIO_EXIT_OK;
}

int studio_script_run(const studio_script *script, studio *s, double *step_ms) {
    int code = STUDIO_EXIT_OK;
    for (int i = 0; i < script->count && code == STUDIO_EXIT_OK && !s->quit; i++) {
        const script_step *step = &script->steps[i];
        Uint64 start = SDL_GetPerformanceCounter();
        code = play(step, s);
        int frames = step->kind == STEP_WAIT ? (int)step->v[0] : 1;
        for (int f = 0; f < frames && code == STUDIO_EXIT_OK; f++) {
            code = studio_draw_frame(s);
            if (step_ms) glFinish(); /* timed: the frame is done when the GPU is */
            if (step_ms && f == 0)
                step_ms[i] = (double)(SDL_GetPerformanceCounter() - start) * 1e3 / (double)SDL_GetPerformanceFrequency();
            if (code == STUDIO_EXIT_OK && step->kind == STEP_SCREENSHOT) code = studio_save_screenshot(s, step->path);
            SDL_GL_SwapWindow(s->window);
        }
    }
    return code;
}
