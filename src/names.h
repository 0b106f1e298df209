/* names.h — logical IDs, Terraform names and physical names.
 *
 * Logical IDs derive from source names only (CamelCase for CloudFormation,
 * the name itself for Terraform), with a fixed suffix for derived
 * resources, so they are stable across edits (each backend spells them:
 * cfn_names.c, tf_names.c). A registry of claimed IDs reports two sources
 * that map to one ID, naming both. */
#ifndef STACKC_NAMES_H
#define STACKC_NAMES_H

#include "compile.h"
#include "ir.h"

/* "photo_pipeline" → "PhotoPipeline"; "s3_in" → "S3In". */
const char *names_camel(Compilation *c, const char *snake);
/* "Photo_Uploads" → "photo-uploads": S3's lowercase, dash-separated form. */
const char *names_kebab(Compilation *c, const char *snake);

/* The words of an HTTP path: "/photos/{id}" gives "PhotosId" (camel) and
 * "photos_id" (snake); "/" gives "Root" and "root". */
void names_path_words(Compilation *c, const char *path, const char **camel, const char **snake);
/* The number that tells apart the second and later of several resources
 * named alike ("2", "3"...); "" for the first (0 or 1). */
const char *names_number(Compilation *c, unsigned number);

typedef struct NameClaim NameClaim;

typedef struct NameRegistry {
  NameClaim **table;     /* open hashing on (space, id) */
  uint32_t size;         /* power of two */
  uint32_t count;
} NameRegistry;

/* "<prefix><kind> '<name>'": how a collision names a declaration, or a
 * resource it brings ("the role of function 'resize'"). */
const char *names_describe(Compilation *c, const char *prefix, const IrRes *res);

/* Claims `id` in namespace `space` ("cfn" for logical IDs, or a Terraform
 * resource type) for `what` (e.g. "the role of function 'resize'"), written
 * at `origin`. A second claim of the same ID is an error naming both, and
 * false. Each backend claims the names it emits, as it emits them. */
bool names_claim(Compilation *c, NameRegistry *r, const char *space, const char *id,
                 Span origin, const char *what);

#endif
