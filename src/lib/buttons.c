/*
 * A task's buttons found by what a person would call them: a label, an
 * emoji, a name for emoji-only buttons, a customId or the kind in it.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "api.h"
#include "buf.h"

#define NORM_MAX	128	/* a button name, normalized */

/*
 * Buttons.  A name is compared in a normal form: ASCII lower case, runs of
 * spaces, '_', '-' and parentheses as one '_', no emoji variation
 * selector (U+FE0F): "Pan Left", "pan_left" and "pan-left" are one name,
 * "Upscale (Subtle)" is "upscale_subtle", "⬅️" is "⬅".
 */
static void
norm(const char *s, char *out, size_t size)
{
	size_t	n = 0;
	int	sep = 0;

	for (; *s != '\0' && n + 1 < size; s++) {
		if (strncmp(s, "\xef\xb8\x8f", 3) == 0) {
			s += 2;
			continue;
		}
		if (strchr(" _-()\t", *s) != NULL) {
			sep = n > 0;
			continue;
		}
		if (sep && n + 2 < size)
			out[n++] = '_';
		sep = 0;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
}

static int
same_name(const char *a, const char *b)
{
	char	na[NORM_MAX], nb[NORM_MAX];

	if (a == NULL || b == NULL)
		return 0;
	norm(a, na, sizeof(na));
	norm(b, nb, sizeof(nb));
	return *na != '\0' && strcmp(na, nb) == 0;
}

/*
 * The buttons of api.md section 4: what people call them and the kind in
 * their customId.  A kind is a list of "::" parts matched against the
 * customId after "MJ::" (and "JOB::"); '*' in a part matches any text.
 */
static const struct button_kind {
	const char	*label;		/* also the name in api_button_names */
	const char	*emoji;
	const char	*alias;
	const char	*kind;
} button_kinds[] = {
	{ "U1", NULL, NULL, "upsample::1" },
	{ "U2", NULL, NULL, "upsample::2" },
	{ "U3", NULL, NULL, "upsample::3" },
	{ "U4", NULL, NULL, "upsample::4" },
	{ "V1", NULL, NULL, "variation::1" },
	{ "V2", NULL, NULL, "variation::2" },
	{ "V3", NULL, NULL, "variation::3" },
	{ "V4", NULL, NULL, "variation::4" },
	{ "reroll", "\U0001F504", NULL, "reroll" },
	{ "Upscale (Subtle)", NULL, NULL, "upsample_*subtle" },
	{ "Upscale (Creative)", NULL, NULL, "upsample_*creative" },
	{ "Vary (Strong)", NULL, NULL, "high_variation" },
	{ "Vary (Subtle)", NULL, NULL, "low_variation" },
	{ "Vary (Region)", NULL, NULL, "Inpaint" },
	{ "Zoom Out 2x", NULL, NULL, "Outpaint::50" },
	{ "Zoom Out 1.5x", NULL, NULL, "Outpaint::75" },
	{ "Custom Zoom", NULL, NULL, "CustomZoom" },
	{ "Pan Left", "\u2B05\uFE0F", "left", "pan_left" },
	{ "Pan Right", "\u27A1\uFE0F", "right", "pan_right" },
	{ "Pan Up", "\u2B06\uFE0F", "up", "pan_up" },
	{ "Pan Down", "\u2B07\uFE0F", "down", "pan_down" },
	{ "bookmark", "\u2764\uFE0F", NULL, "BOOKMARK" },
	{ "Animate (High motion)", NULL, NULL, "animate_high" },
	{ "Animate (Low motion)", NULL, NULL, "animate_low" },
};

/* One part of a customId against one part of a kind, with one '*'. */
static int
part_matches(const char *part, size_t len, const char *pat, size_t plen)
{
	const char	*star = memchr(pat, '*', plen);
	size_t		 pre, suf;

	if (star == NULL)
		return len == plen && strncasecmp(part, pat, len) == 0;
	pre = (size_t)(star - pat);
	suf = plen - pre - 1;
	return len >= pre + suf && strncasecmp(part, pat, pre) == 0 &&
	    strncasecmp(part + len - suf, star + 1, suf) == 0;
}

/* Length of the "::"-separated part at s. */
static size_t
part_len(const char *s)
{
	const char	*e = strstr(s, "::");

	return e != NULL ? (size_t)(e - s) : strlen(s);
}

/* The customId's parts after "MJ::" and "JOB::" start with kind's. */
static int
kind_matches(const char *cid, const char *kind)
{
	size_t	cl, kl;

	if (strncmp(cid, "MJ::", 4) == 0)
		cid += 4;
	if (strncmp(cid, "JOB::", 5) == 0)
		cid += 5;
	for (;;) {
		cl = part_len(cid);
		kl = part_len(kind);
		if (kl == 0 || !part_matches(cid, cl, kind, kl))
			return 0;
		kind += kl;
		cid += cl;
		if (*kind == '\0')
			return 1;
		if (*cid == '\0')
			return 0;
		kind += 2;
		cid += 2;
	}
}

static json_object *
buttons_of(json_object *task)
{
	json_object	*b = api_member(task, "buttons");

	return b != NULL && json_object_is_type(b, json_type_array) ? b : NULL;
}

/* Button b's label or emoji is name, or its customId is. */
static int
label_is(json_object *b, const char *name)
{
	const char	*cid = api_member_text(b, "customId");

	return same_name(api_member_text(b, "label"), name) ||
	    same_name(api_member_text(b, "emoji"), name) ||
	    (cid != NULL && strcmp(cid, name) == 0);
}

/* Button b's customId is of kind. */
static int
kind_is(json_object *b, const char *kind)
{
	const char	*cid = api_member_text(b, "customId");

	return cid != NULL && kind_matches(cid, kind);
}

/* The first of buttons that is(b, what) says is the one. */
static json_object *
find_button(json_object *buttons, int (*is)(json_object *, const char *),
    const char *what)
{
	json_object	*b;
	size_t		 i, n = json_object_array_length(buttons);

	for (i = 0; i < n; i++)
		if (is(b = json_object_array_get_idx(buttons, i), what))
			return b;
	return NULL;
}

static int
kind_named(const struct button_kind *k, const char *name)
{
	return same_name(k->label, name) || same_name(k->emoji, name) ||
	    same_name(k->alias, name) || same_name(k->kind, name);
}

json_object *
api_find_button(json_object *task, const char *name)
{
	json_object	*buttons = buttons_of(task), *b;
	char		 trimmed[NORM_MAX * 2];
	size_t		 i, len;

	if (buttons == NULL || name == NULL)
		return NULL;
	while (isspace((unsigned char)*name))
		name++;
	len = strlen(name);
	while (len > 0 && isspace((unsigned char)name[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(trimmed))
		return NULL;
	memcpy(trimmed, name, len);
	trimmed[len] = '\0';
	if ((b = find_button(buttons, label_is, trimmed)) != NULL)
		return b;
	/* labels are empty for emoji-only buttons: go by the customId */
	for (i = 0; i < sizeof(button_kinds) / sizeof(button_kinds[0]); i++)
		if (kind_named(&button_kinds[i], trimmed) &&
		    (b = find_button(buttons, kind_is,
		    button_kinds[i].kind)) != NULL)
			return b;
	/* a kind as it is written in customIds: "upsample::1" */
	return find_button(buttons, kind_is, trimmed);
}

/* What to call a button: its label, else the name of its kind. */
static const char *
button_name(json_object *b)
{
	const char	*s, *cid;
	size_t		 i;

	if ((s = api_member_text(b, "label")) != NULL)
		return s;
	if ((cid = api_member_text(b, "customId")) != NULL)
		for (i = 0; i < sizeof(button_kinds) /
		    sizeof(button_kinds[0]); i++)
			if (kind_matches(cid, button_kinds[i].kind))
				return button_kinds[i].label;
	if ((s = api_member_text(b, "emoji")) != NULL)
		return s;
	return cid;
}

char *
api_button_names(json_object *task)
{
	json_object	*buttons = buttons_of(task);
	struct buf	 b = BUF_INIT;
	const char	*name;
	size_t		 i, n;

	buf_appends(&b, "");
	n = buttons != NULL ? json_object_array_length(buttons) : 0;
	for (i = 0; i < n; i++) {
		name = button_name(json_object_array_get_idx(buttons, i));
		if (name == NULL)
			continue;
		if (b.len > 0)
			buf_appends(&b, ", ");
		buf_appends(&b, name);
	}
	return buf_detach(&b, NULL);
}
