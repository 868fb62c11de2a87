/* exif_orientation.c: the EXIF orientation tag of a JPEG, read with libexif. */
#include <libexif/exif-data.h>
#include <limits.h>

#include "internal.h"

int smp_exif_orientation(const uint8_t *data, size_t size) {
    if (size > UINT_MAX) return 0;
    ExifData *exif = exif_data_new();
    if (!exif) return 0;
    /* Following the specification would make libexif add the tags it finds
     * missing; only what the file itself says counts here. */
    exif_data_unset_option(exif, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(exif, data, (unsigned int)size);
    int orientation = 0;
    ExifEntry *entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (entry && entry->format == EXIF_FORMAT_SHORT && entry->components == 1 && entry->data) {
        int value = exif_get_short(entry->data, exif_data_get_byte_order(exif));
        if (value >= 1 && value <= 8) orientation = value;
    }
    exif_data_unref(exif);
    return orientation;
}
