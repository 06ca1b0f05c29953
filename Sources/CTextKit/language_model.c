// The language stage's n-gram model (language_model.bin, written by
// scripts/language-model/generate.py), compiled into the binary so that it needs no resource
// bundle at run time.
#include "ctextkit.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char model[] __attribute__((aligned(8))) = {
#embed "language_model.bin"
};

const unsigned char *ctk_language_model(size_t *length) {
    *length = sizeof model;
    return model;
}
