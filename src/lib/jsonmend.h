/*
 * Strict JSON on the way out (mjpipe(7), "Strict JSON"): json_line()
 * (record.h) checks each line it writes with jsonstrict_valid(); these
 * turn what would not pass into what does.
 */
#ifndef MJ_JSONMEND_H
#define MJ_JSONMEND_H

#include <stddef.h>

#include <json-c/json.h>

/*
 * Turn each marked U+0000 in serialized text into its escape "\u0000"
 * (the mark becomes '\\', in place); returns how many.
 */
size_t		 jsonmend_unmark(char *s, size_t len);
/*
 * Make v serialize as strict JSON: text that is not UTF-8 (in strings,
 * and in keys outside marked U+0000) gets U+FFFD for each bad byte; a
 * double that is NaN or infinite without a JSON number's text becomes
 * null; a finite double whose text is not a JSON number is written from
 * its value.  v is changed in place (a top-level NaN cannot be: the
 * caller writes null).  Returns the number of values changed.
 */
size_t		 jsonmend_sanitize(json_object *v);

#endif
