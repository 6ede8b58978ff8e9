#ifndef BOXOFFICE_CCAIRO_SHIM_H
#define BOXOFFICE_CCAIRO_SHIM_H
// cairo's types and constants come from its own headers; its functions are looked up at run time (see
// module.modulemap for why). Each pointer has the exact type of the function it points to (__typeof__ of the
// header's declaration), so a wrong signature cannot be written by hand here.
#include <dlfcn.h>
#include <stddef.h>
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>

#define BO_CAIRO_FUNCTIONS(X) \
    X(cairo_version_string) \
    X(cairo_pdf_surface_create_for_stream) \
    X(cairo_pdf_surface_set_metadata) \
    X(cairo_surface_finish) \
    X(cairo_surface_status) \
    X(cairo_surface_destroy) \
    X(cairo_create) \
    X(cairo_destroy) \
    X(cairo_status) \
    X(cairo_status_to_string) \
    X(cairo_show_page) \
    X(cairo_set_source_rgb) \
    X(cairo_set_line_width) \
    X(cairo_set_dash) \
    X(cairo_rectangle) \
    X(cairo_fill) \
    X(cairo_stroke) \
    X(cairo_move_to) \
    X(cairo_line_to) \
    X(cairo_select_font_face) \
    X(cairo_set_font_size) \
    X(cairo_text_extents) \
    X(cairo_show_text)

typedef struct {
#define BO_CAIRO_FIELD(name) __typeof__(name) *name;
    BO_CAIRO_FUNCTIONS(BO_CAIRO_FIELD)
#undef BO_CAIRO_FIELD
} bo_cairo_api;

// Fills `api` from libcairo.so.2. Returns NULL on success, else what failed (dlerror's text or a missing name).
static inline const char *bo_cairo_load(bo_cairo_api *api) {
    void *lib = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) { const char *why = dlerror(); return why != NULL ? why : "libcairo.so.2 could not be loaded"; }
#define BO_CAIRO_LOAD(name) \
    if ((api->name = (__typeof__(name) *)dlsym(lib, #name)) == NULL) return #name " is missing from libcairo.so.2";
    BO_CAIRO_FUNCTIONS(BO_CAIRO_LOAD)
#undef BO_CAIRO_LOAD
    return NULL;
}
#endif
