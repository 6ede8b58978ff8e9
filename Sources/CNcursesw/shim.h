#ifndef BOXOFFICE_CNCURSESW_SHIM_H
#define BOXOFFICE_CNCURSESW_SHIM_H
// Wide-character curses: these must be defined before the header, or cchar_t and the *_wch calls vanish.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/ncurses.h>

// Macros Swift cannot import.
static inline attr_t bo_a_normal(void) { return A_NORMAL; }
static inline attr_t bo_a_bold(void) { return A_BOLD; }
static inline attr_t bo_a_reverse(void) { return A_REVERSE; }
static inline attr_t bo_a_underline(void) { return A_UNDERLINE; }
static inline attr_t bo_a_dim(void) { return A_DIM; }
static inline attr_t bo_color_pair(short pair) { return COLOR_PAIR(pair); }
static inline WINDOW *bo_stdscr(void) { return stdscr; }
static inline int bo_lines(void) { return LINES; }
static inline int bo_cols(void) { return COLS; }
static inline int bo_colors(void) { return COLORS; }
static inline void bo_set_escdelay(int ms) { set_escdelay(ms); }
#endif
