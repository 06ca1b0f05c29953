// The close groups' rows of the language stage's n-gram model (language_close_rows.bin, written
// from language_model.bin by scripts/language-model/close-rows.py), compiled into the binary so
// that a run reads them instead of building them.
#include "ctextkit.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char rows[] __attribute__((aligned(8))) = {
#embed "language_close_rows.bin"
};

const unsigned char *ctk_language_close_rows(size_t *length) {
    *length = sizeof rows;
    return rows;
}
