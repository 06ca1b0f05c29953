// The per-code-point tables of the Basic Multilingual Plane (character_tables.bin, written by
// scripts/generate-character-tables.sh from the code points' Unicode properties), compiled
// into the binary so that the stages need not work them out at start-up.
#include "ctextkit.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char tables[] = {
#embed "character_tables.bin"
};

const unsigned char *ctk_character_tables(size_t *length) {
    *length = sizeof tables;
    return tables;
}
