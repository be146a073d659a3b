// Only the header matters: it declares libFuzzer's driver to Swift.
#include "CFuzzer.h"
