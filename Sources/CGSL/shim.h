// The parts of GNU Scientific Library (GSL) that the GSL Swift module uses.
//
// Swift 6 refuses GSL's type globals (`gsl_rng_mt19937`, `gsl_interp_cspline`, ...) because they
// are mutable C variables, that is shared mutable state. Each is read here through a
// `static inline` accessor prefixed `cgsl_`. Nothing else belongs in this file: every other GSL
// function is called from Swift directly.

#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_spline.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_qrng.h>

// Random number generation: the MT19937 generator type.
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }

// Interpolation: the types behind `Spline.Kind`.
static inline const gsl_interp_type *cgsl_interp_linear(void) { return gsl_interp_linear; }
static inline const gsl_interp_type *cgsl_interp_cspline(void) { return gsl_interp_cspline; }
static inline const gsl_interp_type *cgsl_interp_cspline_periodic(void) {
    return gsl_interp_cspline_periodic;
}
static inline const gsl_interp_type *cgsl_interp_akima(void) { return gsl_interp_akima; }
static inline const gsl_interp_type *cgsl_interp_steffen(void) { return gsl_interp_steffen; }

// One-dimensional root finding: Brent's bracketing solver.
static inline const gsl_root_fsolver_type *cgsl_root_fsolver_brent(void) {
    return gsl_root_fsolver_brent;
}

// Quasi-random sequences: Sobol.
static inline const gsl_qrng_type *cgsl_qrng_sobol(void) { return gsl_qrng_sobol; }

#endif
