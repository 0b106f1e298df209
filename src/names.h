/* names.h — logical IDs, Terraform names and physical names.
 *
 * Logical IDs derive from source names only (CamelCase for CloudFormation,
 * the name itself for Terraform), with a fixed suffix for derived
 * resources, so they are stable across edits. A registry of claimed IDs
 * reports two sources that map to one ID, naming both. */
#ifndef STACKC_NAMES_H
#define STACKC_NAMES_H

#include "compile.h"

/* "photo_pipeline" → "PhotoPipeline"; "s3_in" → "S3In". */
const char *names_camel(Compilation *c, const char *snake);
/* "Photo_Uploads" → "photo-uploads": S3's lowercase, dash-separated form. */
const char *names_kebab(Compilation *c, const char *snake);

typedef struct NameClaim NameClaim;

typedef struct NameRegistry {
  NameClaim **table;     /* open hashing on (space, id) */
  uint32_t size;         /* power of two */
  uint32_t count;
} NameRegistry;

/* Claims `id` in namespace `space` ("cfn" for logical IDs, or a Terraform
 * resource type) for `what` (e.g. "the role of function 'resize'"), written
 * at `origin`. A second claim of the same ID is an error naming both. */
void names_claim(Compilation *c, NameRegistry *r, const char *space, const char *id,
                 Span origin, const char *what);

#endif
