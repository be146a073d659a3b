// Umbrella header for the GNU Linear Programming Kit (GLPK), read by the CGLPK module map.
//
// Swift imports everything the GLPK wrapper uses straight from glpk.h: the integer macros
// (GLP_MIN, GLP_ON, GLP_ETMLIM, ...) become Int32 constants and glp_prob and glp_tree become
// OpaquePointer. No cglpk_ accessor is needed yet; add one here, prefixed cglpk_, only for a
// macro or global that Swift cannot use directly.
#ifndef CGLPK_SHIM_H
#define CGLPK_SHIM_H

#include <glpk.h>

#endif
