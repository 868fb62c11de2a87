/* smp/smp.h: all of libsmp's public API in one include. */
#ifndef SMP_SMP_H
#define SMP_SMP_H

#include "smp/calibration.h"
#include "smp/design.h"
#include "smp/image.h"
#include "smp/mask.h"
#include "smp/project.h"
#include "smp/render.h"
#include "smp/sample.h"
#include "smp/shape.h"
#include "smp/sheet.h"
#include "smp/status.h"
#include "smp/style.h"
#include "smp/text.h"
#include "smp/version.h"

#endif
