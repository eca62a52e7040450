/*
 * Templates of record fields: "a {item} --ar 3:2".
 */
#ifndef MJ_TEMPLATE_H
#define MJ_TEMPLATE_H

#include <stddef.h>

#include "record.h"

/*
 * Expand "{field}" from the record's fields ("{{" is "{", "}}" is "}").
 * Caller frees; NULL with err set for a '{' without '}', a missing field
 * ("no field 'style' for {style}") or one holding U+0000.
 */
char	*template_expand(const char *tmpl, const struct record *, char *err,
	    size_t errlen);
/*
 * The text of a record field for a template: strings as they are, numbers
 * and booleans as JSON writes them; NULL otherwise.  Borrowed from rec.
 */
const char *template_field_text(const struct record *, const char *name);
/*
 * 1 if the field is a string holding U+0000 (JSON allows it): sent as a
 * C string it would be cut there, and the cut prompt paid for.
 */
int	 template_nul_field(const struct record *, const char *name);

#endif
