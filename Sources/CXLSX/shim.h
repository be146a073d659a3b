// The parts of libxlsxwriter that the Reports module uses to write Excel workbooks.
#ifndef CXLSX_SHIM_H
#define CXLSX_SHIM_H

#include <xlsxwriter.h>

#endif
