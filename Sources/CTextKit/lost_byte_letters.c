// The letter shares per language that the normalize stage's lost-byte repair reads
// (lost_byte_letters.bin, written by scripts/repair-lexicon/generate.py), compiled into the binary.
#include "ctextkit.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char letters[] __attribute__((aligned(8))) = {
#embed "lost_byte_letters.bin"
};

const unsigned char *ctk_lost_byte_letters(size_t *length) {
    *length = sizeof letters;
    return letters;
}
