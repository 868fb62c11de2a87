/* gpu.c: the shaders, the textures of the visible region and the labels, and drawing them. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "studio.h"

/* GLSL from shaders/, compiled into the binary by the build. */
extern const unsigned char smp_shader_view_vert[];
extern const unsigned char smp_shader_view_frag[];
extern const unsigned char smp_shader_loupe_frag[];
extern const unsigned char smp_shader_shape_vert[];
extern const unsigned char smp_shader_shape_frag[];

#define LABEL_SIZE_PT 22.0 /* window points: HiDPI multiplies them by gpu->scale */
#define LABEL_MARGIN_PT 14.0

/* The info log of a shader or program that failed; returns 0 so callers can return it. */
static GLuint report_gl_log(GLuint object, void (*get_log)(GLuint, GLsizei, GLsizei *, GLchar *), const char *what) {
    char log[1024] = "";
    get_log(object, sizeof log, NULL, log);
    studio_error(STUDIO_EXIT_INTERNAL, "%s: %s", what, log);
    return 0;
}

static GLuint compile(GLenum type, const char *source, const char *name) {
    GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, NULL);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok) return shader;
    report_gl_log(shader, glGetShaderInfoLog, name);
    glDeleteShader(shader);
    return 0;
}

static GLuint link_program(const unsigned char *vertex, const unsigned char *fragment, const char *name) {
    GLuint vs = compile(GL_VERTEX_SHADER, (const char *)vertex, name);
    GLuint fs = compile(GL_FRAGMENT_SHADER, (const char *)fragment, name);
    GLuint program = vs && fs ? glCreateProgram() : 0;
    if (program) {
        glAttachShader(program, vs);
        glAttachShader(program, fs);
        glLinkProgram(program);
        GLint ok = 0;
        glGetProgramiv(program, GL_LINK_STATUS, &ok);
        if (!ok) {
            report_gl_log(program, glGetProgramInfoLog, "shaders: cannot link");
            glDeleteProgram(program);
            program = 0;
        }
    }
    glDeleteShader(vs);
    glDeleteShader(fs);
    return program;
}

/* A texture's storage, width x height: for the engine's renders B, G, R, A,
 * the order llvmpipe draws as a copy (Mesa stores the unsized GL_RGBA given
 * as GL_BGRA so; any sized format it stores as R, G, B, A); for labels RGBA8. */
static void allocate(GLuint texture, int bgra, int width, int height) {
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexImage2D(GL_TEXTURE_2D, 0, bgra ? GL_RGBA : GL_RGBA8, width, height, 0, bgra ? GL_BGRA : GL_RGBA,
                 GL_UNSIGNED_BYTE, NULL);
}

static GLuint make_texture(void) {
    GLuint texture;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    /* The engine renders at screen resolution, so texels map 1:1 to pixels;
     * 8 bits a channel (not sRGB) keeps the engine's bytes exactly as they are. */
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return texture;
}

static void storage_size(GLint *width, GLint *height) {
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, width);
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_HEIGHT, height);
}

/* Binds the texture, its storage grown to hold width x height if it does not. */
static void fit_storage(GLuint texture, int bgra, int width, int height) {
    glBindTexture(GL_TEXTURE_2D, texture);
    GLint have_width = 0, have_height = 0;
    storage_size(&have_width, &have_height);
    if (have_width < width || have_height < height)
        allocate(texture, bgra, have_width > width ? have_width : width, have_height > height ? have_height : height);
}

/* Into the corner of the texture's storage, which grows to fit and never
 * shrinks: panning past the photo's edge changes the picture's size every
 * frame, and new storage costs Mesa a fresh mapping, each page faulted in
 * (15-20 ms a 1080p frame on this project's VMs). bgra: the image's pixels
 * are B, G, R, A (rendered so), as allocate stores them, so the upload is a copy. */
static void upload(GLuint texture, int bgra, const smp_image *image) {
    fit_storage(texture, bgra, image->width, image->height);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, (GLint)(image->stride / 4));
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, image->width, image->height, bgra ? GL_BGRA : GL_RGBA,
                    GL_UNSIGNED_BYTE, image->pixels);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
}

/* Binds the texture to draw with p, its picture width x height texels from its storage's corner. */
static void bind_picture(const studio_rect_program *p, GLuint texture, int width, int height) {
    glBindTexture(GL_TEXTURE_2D, texture);
    GLint storage_width = 1, storage_height = 1;
    storage_size(&storage_width, &storage_height);
    glUniform2f(p->u_part, (float)width / (float)storage_width, (float)height / (float)storage_height);
}

/* A label: light text (lines split at '\n') on a dark, translucent plate. */
int studio_gpu_label(studio_gpu *gpu, int which, const char *text) {
    double size = LABEL_SIZE_PT * gpu->scale;
    int pad = (int)(10.0 * gpu->scale), line_height = (int)(size * 1.6), lines = 1;
    double widest = 0.0;
    char line[256];
    for (const char *at = text; *at; lines++) {
        size_t n = strcspn(at, "\n");
        snprintf(line, sizeof line, "%.*s", (int)n, at);
        double w = smp_text_width(gpu->font, size, line);
        widest = w > widest ? w : widest;
        at += n + (at[n] == '\n');
        if (!*at) break;
    }
    smp_image *plate = smp_image_create((int)widest + 2 * pad, lines * line_height);
    if (!plate) return studio_status_error(SMP_ERR_OUT_OF_MEMORY);
    for (int y = 0; y < plate->height; y++)
        for (int x = 0; x < plate->width; x++)
            memcpy(plate->pixels + (size_t)y * plate->stride + 4 * (size_t)x, (const uint8_t[4]){24, 26, 30, 200}, 4);
    const char *at = text;
    for (int i = 0; i < lines; i++) {
        size_t n = strcspn(at, "\n");
        snprintf(line, sizeof line, "%.*s", (int)n, at);
        smp_text_draw(plate, gpu->font, pad, line_height * (i + 0.72), size, line,
                      (const uint8_t[4]){240, 240, 236, 255});
        at += n + (at[n] == '\n');
    }
    studio_gpu_label_image(gpu, which, plate);
    smp_image_destroy(plate);
    return STUDIO_EXIT_OK;
}

void studio_gpu_label_image(studio_gpu *gpu, int which, const smp_image *image) {
    if (!gpu->labels[which]) {
        gpu->labels[which] = make_texture();
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    }
    upload(gpu->labels[which], 0, image);
    gpu->label_width[which] = image->width;
    gpu->label_height[which] = image->height;
}

void studio_gpu_style_panel_at(const studio_gpu *gpu, const studio_view *view, int *x, int *y) {
    int margin = (int)(LABEL_MARGIN_PT * gpu->scale);
    *x = view->window_width - margin - gpu->label_width[STUDIO_LABEL_STYLE];
    *y = 2 * margin + gpu->label_height[STUDIO_LABEL_AFTER];
}

static int link_rect_program(const unsigned char *fragment, const char *name, studio_rect_program *p) {
    p->program = link_program(smp_shader_view_vert, fragment, name);
#define UNIFORM_(name) p->name = glGetUniformLocation(p->program, #name)
    UNIFORM_(u_rect);
    UNIFORM_(u_window);
    UNIFORM_(u_texture);
    UNIFORM_(u_mirror);
    UNIFORM_(u_part);
    UNIFORM_(u_rim);
#undef UNIFORM_
    return p->program != 0;
}

int studio_gpu_create(studio_gpu *gpu, const char *font_path, double scale) {
    *gpu = (studio_gpu){.scale = scale};
    int linked = link_rect_program(smp_shader_view_frag, "shaders/view.*", &gpu->view);
    linked &= link_rect_program(smp_shader_loupe_frag, "shaders/view.vert, loupe.frag", &gpu->loupe_view);
    gpu->shape_program = link_program(smp_shader_shape_vert, smp_shader_shape_frag, "shaders/shape.*");
    if (!linked || !gpu->shape_program) return STUDIO_EXIT_INTERNAL;
    glGenVertexArrays(1, &gpu->vertex_array);
    glGenVertexArrays(1, &gpu->shape_array);
    glGenBuffers(1, &gpu->shape_buffer);
    glBindVertexArray(gpu->shape_array);
    glBindBuffer(GL_ARRAY_BUFFER, gpu->shape_buffer);
    GLsizei stride = (GLsizei)sizeof(studio_vertex);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, (const void *)offsetof(studio_vertex, x));
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride, (const void *)offsetof(studio_vertex, rgba));
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glBindVertexArray(0);
    gpu->u_shape_window = glGetUniformLocation(gpu->shape_program, "u_window");
    gpu->before = make_texture();
    gpu->after = make_texture();
    gpu->loupe = make_texture();
    smp_status status = smp_font_load(font_path, &gpu->font);
    if (status != SMP_OK) return studio_status_error(status);
    int code = studio_gpu_label(gpu, STUDIO_LABEL_BEFORE, "Before");
    return code == STUDIO_EXIT_OK ? studio_gpu_label(gpu, STUDIO_LABEL_AFTER, "After") : code;
}

void studio_gpu_destroy(studio_gpu *gpu) {
    GLuint textures[3] = {gpu->before, gpu->after, gpu->loupe};
    glDeleteTextures(3, textures);
    glDeleteTextures(STUDIO_LABELS, gpu->labels);
    smp_font_destroy(gpu->font);
    smp_image_destroy(gpu->view_canvas.store);
    smp_image_destroy(gpu->loupe_canvas.store);
    glDeleteVertexArrays(1, &gpu->vertex_array);
    glDeleteVertexArrays(1, &gpu->shape_array);
    glDeleteBuffers(1, &gpu->shape_buffer);
    glDeleteProgram(gpu->view.program);
    glDeleteProgram(gpu->loupe_view.program);
    glDeleteProgram(gpu->shape_program);
    *gpu = (studio_gpu){0};
}

/* A width x height image packed at the front of the canvas's pixels, which
 * grow to fit and never shrink (see upload): frames reuse them, and the
 * upload reads one run of memory. */
static smp_image *canvas_image(studio_canvas *canvas, int width, int height) {
    smp_image *store = canvas->store;
    if (!store || store->width < width || store->height < height) {
        int grown_width = store && store->width > width ? store->width : width;
        int grown_height = store && store->height > height ? store->height : height;
        smp_image_destroy(store);
        store = canvas->store = smp_image_create(grown_width, grown_height);
        if (!store) return NULL;
    }
    canvas->shown = (smp_image){width, height, (size_t)width * 4, store->pixels};
    return &canvas->shown;
}

/* Renders one side of the visible region (design NULL: the before) into
 * texture, in B, G, R, A, which uploads and draws as plain copies. */
static smp_status render_side(GLuint texture, studio_canvas *canvas, studio_document *doc, const smp_design *design,
                              const studio_visible *visible) {
    smp_image *image = canvas_image(canvas, visible->width, visible->height);
    if (!image) return SMP_ERR_OUT_OF_MEMORY;
    smp_view view = visible->photo;
    view.bgra = 1;
    smp_status status = smp_render(doc->renderer, design, &doc->look, &view, image, NULL, NULL);
    if (status == SMP_OK) upload(texture, 1, image);
    return status;
}

int studio_gpu_reserve(studio_gpu *gpu, int width, int height) {
    if (!canvas_image(&gpu->view_canvas, width, height)) return studio_status_error(SMP_ERR_OUT_OF_MEMORY);
    fit_storage(gpu->before, 1, width, height);
    fit_storage(gpu->after, 1, width, height);
    return STUDIO_EXIT_OK;
}

int studio_gpu_update(studio_gpu *gpu, studio_document *doc, const studio_visible *visible, int before) {
    if (!visible->width) return STUDIO_EXIT_OK;
    const smp_design *left = doc->comparing ? doc->other : NULL;
    smp_status status = before ? render_side(gpu->before, &gpu->view_canvas, doc, left, visible) : SMP_OK;
    if (status == SMP_OK) status = render_side(gpu->after, &gpu->view_canvas, doc, doc->design, visible);
    return status == SMP_OK ? STUDIO_EXIT_OK : studio_status_error(status);
}

int studio_gpu_update_loupe(studio_gpu *gpu, studio_document *doc, const smp_view *photo_view, int after) {
    studio_visible visible = {0, 0, photo_view->out_width, photo_view->out_height, *photo_view};
    smp_status status = render_side(gpu->loupe, &gpu->loupe_canvas, doc, after ? doc->design : NULL, &visible);
    return status == SMP_OK ? STUDIO_EXIT_OK : studio_status_error(status);
}

/* Makes p the current program, for a window of the view's size. */
static void use_rect_program(const studio_rect_program *p, const studio_view *view) {
    glUseProgram(p->program);
    glUniform2f(p->u_window, (float)view->window_width, (float)view->window_height);
    glUniform1i(p->u_texture, 0);
}

/* Two triangles (see shaders/view.vert): llvmpipe draws the picture's as a
 * copy when its texture is B, G, R, A and the window has no depth buffer. */
static void draw_rect(const studio_rect_program *p, int x, int y, int width, int height) {
    glUniform4f(p->u_rect, (float)x, (float)y, (float)width, (float)height);
    glDrawArrays(GL_TRIANGLES, 0, 6);
}

static void draw_label(const studio_gpu *gpu, int which, int x, int y) {
    bind_picture(&gpu->view, gpu->labels[which], gpu->label_width[which], gpu->label_height[which]);
    draw_rect(&gpu->view, x, y, gpu->label_width[which], gpu->label_height[which]);
}

static void draw_shapes(const studio_gpu *gpu, const studio_view *view, const studio_shapes *shapes) {
    glUseProgram(gpu->shape_program);
    glUniform2f(gpu->u_shape_window, (float)view->window_width, (float)view->window_height);
    glBindVertexArray(gpu->shape_array);
    glBindBuffer(GL_ARRAY_BUFFER, gpu->shape_buffer);
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(shapes->count * sizeof *shapes->vertices), shapes->vertices,
                 GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, (GLsizei)shapes->count);
    glBindVertexArray(gpu->vertex_array);
    glUseProgram(gpu->view.program);
}

/* The colour glClear fills with, as 8-bit codes. A quarter above each code,
 * so that llvmpipe's paths agree on it: one rounds, the copy path truncates. */
static void clear_colour(float red, float green, float blue) {
    glClearColor((red + 0.25f) / 255.0f, (green + 0.25f) / 255.0f, (blue + 0.25f) / 255.0f, 1.0f);
}

/* Window columns [x0, x1) by rows [y0, y1) (top-down), clipped to the window, as GL's scissor (bottom-up). */
static void scissor(const studio_view *view, int x0, int x1, int y0, int y1) {
    x0 = x0 < 0 ? 0 : x0, x1 = x1 > view->window_width ? view->window_width : x1;
    glScissor(x0, view->window_height - y1, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0);
}

/* The visible region (twice, side by side): the before left of the wipe and
 * the after right of it, each pixel reading one texture, and the divider
 * over the pixels whose centres lie within a pixel of the wipe. */
static void draw_picture(const studio_gpu *gpu, const studio_view *view, const studio_visible *visible) {
    int pane = studio_view_pane_width(view), side_by_side = view->show == STUDIO_SHOW_SIDE_BY_SIDE;
    double wipe = view->show == STUDIO_SHOW_BEFORE  ? view->window_width + 2.0
                  : view->show == STUDIO_SHOW_AFTER ? -2.0
                  : side_by_side                    ? pane
                                                    : view->wipe * view->window_width;
    int split = (int)ceil(wipe - 0.5); /* the first column of the after */
    int x = view->mirror ? pane - visible->x - visible->width : visible->x, top = visible->y;
    int bottom = visible->y + visible->height;
    glEnable(GL_SCISSOR_TEST);
    glUniform1i(gpu->view.u_mirror, view->mirror);
    for (int side = 0; side < 2; side++) {
        bind_picture(&gpu->view, side ? gpu->after : gpu->before, visible->width, visible->height);
        scissor(view, side ? split : 0, side ? view->window_width : split, 0, view->window_height);
        for (int p = 0; p <= side_by_side; p++)
            draw_rect(&gpu->view, x + p * pane, top, visible->width, visible->height);
    }
    glUniform1i(gpu->view.u_mirror, 0);
    clear_colour(245, 245, 240);
    int from = (int)floor(wipe - 1.5) + 1, to = (int)ceil(wipe + 0.5); /* the divider's columns [from, to) */
    for (int p = 0; p <= side_by_side; p++) {
        int left = x + p * pane, right = left + visible->width;
        scissor(view, from > left ? from : left, to < right ? to : right, top, bottom);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_SCISSOR_TEST);
}

void studio_gpu_draw(const studio_gpu *gpu, const studio_view *view, const studio_visible *visible,
                     const studio_loupe *loupe, const studio_shapes *shapes) {
    glViewport(0, 0, view->window_width, view->window_height);
    clear_colour(28, 31, 33);
    glClear(GL_COLOR_BUFFER_BIT);
    glBindVertexArray(gpu->vertex_array);
    glActiveTexture(GL_TEXTURE0);
    use_rect_program(&gpu->view, view);
    if (visible->width) {
        draw_picture(gpu, view, visible);
        if (loupe->size) {
            use_rect_program(&gpu->loupe_view, view);
            glUniform4f(gpu->loupe_view.u_rim, 0.96f, 0.96f, 0.94f, 1.0f);
            bind_picture(&gpu->loupe_view, gpu->loupe, loupe->size, loupe->size);
            draw_rect(&gpu->loupe_view, loupe->x - loupe->size / 2, loupe->y - loupe->size / 2, loupe->size,
                      loupe->size);
            use_rect_program(&gpu->view, view);
        }
    }
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    if (shapes && shapes->count) draw_shapes(gpu, view, shapes);
    int margin = (int)(LABEL_MARGIN_PT * gpu->scale);
    if (view->show != STUDIO_SHOW_AFTER) draw_label(gpu, STUDIO_LABEL_BEFORE, margin, margin);
    if (view->show != STUDIO_SHOW_BEFORE)
        draw_label(gpu, STUDIO_LABEL_AFTER, view->window_width - margin - gpu->label_width[STUDIO_LABEL_AFTER],
                   margin);
    if (gpu->labels[STUDIO_LABEL_STATUS])
        draw_label(gpu, STUDIO_LABEL_STATUS, margin,
                   view->window_height - margin - gpu->label_height[STUDIO_LABEL_STATUS]);
    int top = 2 * margin + gpu->label_height[STUDIO_LABEL_AFTER];
    if (view->panel == STUDIO_PANEL_PLAN)
        draw_label(gpu, STUDIO_LABEL_PLAN, view->window_width - margin - gpu->label_width[STUDIO_LABEL_PLAN], top);
    if (view->panel == STUDIO_PANEL_STYLE) {
        int x, y;
        studio_gpu_style_panel_at(gpu, view, &x, &y);
        draw_label(gpu, STUDIO_LABEL_STYLE, x, y);
    }
    if (view->panel == STUDIO_PANEL_HELP)
        draw_label(gpu, STUDIO_LABEL_HELP, (view->window_width - gpu->label_width[STUDIO_LABEL_HELP]) / 2,
                   (view->window_height - gpu->label_height[STUDIO_LABEL_HELP]) / 2);
    glDisable(GL_BLEND);
}

int studio_gpu_read(const studio_view *view, smp_image **out) {
    smp_image *image = smp_image_create(view->window_width, view->window_height);
    if (!image) return studio_status_error(SMP_ERR_OUT_OF_MEMORY);
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    /* GL's rows run bottom-up; read each into its place top-down. */
    for (int y = 0; y < image->height; y++)
        glReadPixels(0, view->window_height - 1 - y, image->width, 1, GL_RGBA, GL_UNSIGNED_BYTE,
                     image->pixels + (size_t)y * image->stride);
    *out = image;
    return STUDIO_EXIT_OK;
}
