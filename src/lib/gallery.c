/*
 * index.html for big runs.  What keeps a page of 10,000 images fast:
 * thumbnails of about 320 px instead of the full images, each with its
 * size (no reflow as they arrive) and loaded lazily, and cards the
 * browser lays out only when near the screen (content-visibility).  The
 * one script is inline and allowed by its hash in the page's Content
 * Security Policy, so a prompt that escaped its escaping still could not
 * run anything, and the policy forbids every connection.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "archwrite.h"
#include "base64.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "gallery.h"
#include "layout.h"
#include "record.h"
#include "sha256.h"
#include "thumbnail.h"
#include "xalloc.h"

struct image {
	char		*member;
	char		*path;
	struct thumbjob	*job;		/* its thumbnail, being made */
	char		*thumb;		/* thumbs/MEMBER.jpg, or NULL */
	char		*why;		/* why there is no thumbnail */
	int		 width, height;	/* the thumbnail's */
	int		 index;		/* 1..4 for a quadrant, else 0 */
	int		 grid, video;
	long		 line;
};

/* A record whose cards wait for their thumbnails. */
struct pending {
	json_object	*rec;		/* a reference of our own */
	struct image	*img;
	size_t		 n;
	struct pending	*next;
};

struct gallery {
	FILE		*page;		/* index.html as it is written */
	struct image	*img;		/* the current record's files */
	size_t		 n, cap;
	struct thumbpool *pool;
	struct pending	*head, *tail;	/* in input order */
	size_t		 inflight;	/* thumbnails in the pool */
};

/*
 * Thumbnails in the pool at most: memory stays bounded.  A constant, not
 * a figure of the machine's cores: it decides where the thumbnails fall
 * among the members, which must not change from one machine to another.
 */
#define MAX_INFLIGHT	16

static const char script[] =
"(function(){var d=document,figs=d.querySelectorAll(\"main figure\"),"
"q=d.getElementById(\"q\"),s=d.getElementById(\"s\"),n=d.getElementById(\"n\"),"
"texts=null,seen={},timer,i,o,v;"
"for(i=0;i<figs.length;i++){v=figs[i].getAttribute(\"data-s\");"
"if(v&&!seen[v]){seen[v]=1;o=d.createElement(\"option\");o.value=v;"
"o.textContent=v;s.appendChild(o);}}"
"function apply(){var w=q.value.toLowerCase().split(/\\s+/).filter(Boolean),"
"st=s.value,shown=0,i,j,f,ok;"
"if(!texts&&w.length){texts=[];for(i=0;i<figs.length;i++)"
"texts.push(figs[i].textContent.toLowerCase());}"
"for(i=0;i<figs.length;i++){f=figs[i];"
"ok=!st||(st===\"!error\"?f.hasAttribute(\"data-e\"):"
"f.getAttribute(\"data-s\")===st);"
"for(j=0;ok&&j<w.length;j++)ok=texts[i].indexOf(w[j])>=0;"
"if(f.hidden===ok)f.hidden=!ok;if(ok)shown++;}"
"n.textContent=shown+\" of \"+figs.length+\" shown\";}"
"q.addEventListener(\"input\",function(){clearTimeout(timer);"
"timer=setTimeout(apply,150);});"
"s.addEventListener(\"change\",apply);apply();})();";

static const char head[] =
"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
"img-src 'self' file:; media-src 'self' file:; style-src 'unsafe-inline'; "
"script-src 'sha256-";

static const char head2[] = "'; form-action 'none'; base-uri 'none'\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<title>mjpipe gallery</title>\n<style>\n"
"body{font-family:system-ui,sans-serif;margin:0;padding:1rem;"
"background:#f4f4f2;color:#222}\n"
"header{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:center;"
"margin:0 0 1rem}\n"
"h1{font-size:1.3rem;margin:0}\n"
"input,select{font:inherit;padding:.3rem .5rem}\n"
"input{flex:1 1 16rem;max-width:36rem}\n"
"output{color:#666;font-size:.85rem}\n"
".grid{display:grid;gap:1rem;"
"grid-template-columns:repeat(auto-fill,minmax(220px,1fr))}\n"
"figure{margin:0;background:#fff;border-radius:8px;overflow:hidden;"
"box-shadow:0 1px 3px rgba(0,0,0,.15);content-visibility:auto;"
"contain-intrinsic-size:auto 320px}\n"
"figure[hidden]{display:none}\n"
"figure img,figure video{display:block;width:100%;height:auto;"
"aspect-ratio:1/1;object-fit:cover;background:#ddd}\n"
".quads{display:grid;grid-template-columns:1fr 1fr;gap:2px;background:#fff}\n"
".none{display:flex;align-items:center;justify-content:center;"
"aspect-ratio:1/1;background:#ddd;color:#555;font-size:.8rem;padding:.5rem}\n"
"figcaption{padding:.6rem;font-size:.85rem;overflow-wrap:anywhere}\n"
".prompt{margin:0 0 .4rem;white-space:pre-wrap}\n"
".meta{color:#666;font-size:.75rem}\n"
".err{color:#a00}\n"
"@media (max-width:480px){.grid{grid-template-columns:1fr 1fr}}\n"
"</style>\n</head>\n<body>\n<header><h1>mjpipe gallery</h1>\n"
"<input id=\"q\" type=\"search\" aria-label=\"filter\" autocomplete=\"off\" "
"placeholder=\"filter: words of the prompts, ids, seeds, errors\">\n"
"<select id=\"s\" aria-label=\"status\"><option value=\"\">every status"
"</option><option value=\"!error\">with an error</option></select>\n"
"<output id=\"n\"></output></header>\n<main class=\"grid\">\n";

static const char tail[] = "</main>\n<script>%s</script>\n</body>\n</html>\n";

/* One worker a core: a thumbnail's decoding uses about one. */
static int
threads(void)
{
	long	n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

struct gallery *
gallery_new(void)
{
	struct gallery	*g = xcalloc(1, sizeof(*g));
	unsigned char	 digest[SHA256_DIGEST_LEN];
	struct buf	 hash = BUF_INIT;
	struct sha256	 h;

	if ((g->page = tmpfile()) == NULL)
		diag_fatal(1, "a temporary file: %s", strerror(errno));
	g->pool = thumbpool_new(threads());
	sha256_init(&h);
	sha256_update(&h, script, strlen(script));
	sha256_final(&h, digest);
	base64_append(&hash, digest, sizeof(digest));
	fputs(head, g->page);
	fputs(buf_str(&hash), g->page);
	buf_free(&hash);
	fputs(head2, g->page);
	return g;
}

/* HTML text: every character that could mean markup is escaped. */
static void
esc(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&':  fputs("&amp;", f); break;
		case '<':  fputs("&lt;", f); break;
		case '>':  fputs("&gt;", f); break;
		case '"':  fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:   fputc(*s, f); break;
		}
	}
}

/* A member name as a relative URL: each path component percent-encoded. */
static void
href(FILE *f, const char *member)
{
	char	*copy = xstrdup(member), *comp, *save = NULL, *enc;
	int	 first = 1;

	for (comp = strtok_r(copy, "/", &save); comp != NULL;
	    comp = strtok_r(NULL, "/", &save)) {
		enc = api_percent_encode(comp);
		fprintf(f, "%s%s", first ? "" : "/", enc);
		free(enc);
		first = 0;
	}
	free(copy);
}

static int
is_image(json_object *file, const char *member)
{
	const char	*type = json_get_string(file, "type");

	if (type == NULL || strncmp(type, "image/", 6) != 0)
		type = fsutil_ext_mime(member);
	return strncmp(type, "image/", 6) == 0;
}

void
gallery_file(struct gallery *g, json_object *files, json_object *file,
    const char *member, long line)
{
	const char		*path = json_get_string(file, "path");
	struct image		*im;
	json_object		*v;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 8;
		g->img = xreallocarray(g->img, g->cap, sizeof(*g->img));
	}
	im = &g->img[g->n++];
	memset(im, 0, sizeof(*im));
	im->member = xstrdup(member);
	im->line = line;
	if (layout_is_quadrant(file) &&
	    json_object_object_get_ex(file, "index", &v))
		im->index = json_object_get_int(v);
	if (json_object_object_get_ex(file, "grid", &v))
		im->grid = json_object_get_boolean(v);
	im->video = strncmp(fsutil_ext_mime(member), "video/", 6) == 0;
	if (im->video || !is_image(file, member) || path == NULL ||
	    (im->grid && layout_is_split(files)))
		return;
	im->path = xstrdup(path);
	im->job = xcalloc(1, sizeof(*im->job));
	im->job->path = im->path;
	im->job->size = GALLERY_THUMB_SIZE;
	thumbpool_put(g->pool, im->job);
	g->inflight++;
}

/* The thumbnail made for im, added to the archive. */
static void
take_thumb(struct gallery *g, struct archwrite *w, struct image *im)
{
	struct thumbjob	*j = im->job;
	char		 err[512];

	if (j == NULL)
		return;
	thumbpool_wait(g->pool, j);
	g->inflight--;
	if (j->rc == -1) {
		diag_warn("line %ld: no thumbnail: %s", im->line, j->err);
		im->why = xstrdup(j->err);
	} else {
		im->thumb = xasprintf("thumbs/%s.jpg", im->member);
		im->width = j->t.width;
		im->height = j->t.height;
		if (archwrite_add_mem(w, im->thumb, j->t.data, j->t.len, err,
		    sizeof(err)) == -1) {
			free(im->thumb);
			im->thumb = NULL;
		}
		thumbnail_free(&j->t);
	}
	free(j);
	im->job = NULL;
}

/* The picture of an image: its thumbnail, linking to the full file. */
static void
picture(FILE *f, const struct image *im, const char *alt)
{
	fputs("<a href=\"", f);
	href(f, im->member);
	fputs("\">", f);
	if (im->video) {
		fputs("<video controls preload=\"none\" src=\"", f);
		href(f, im->member);
		fputs("\"></video>", f);
	} else if (im->thumb != NULL) {
		fputs("<img loading=\"lazy\" decoding=\"async\" src=\"", f);
		href(f, im->thumb);
		fprintf(f, "\" width=\"%d\" height=\"%d\" alt=\"", im->width,
		    im->height);
		esc(f, alt);
		fputs("\">", f);
	} else {
		fputs("<span class=\"none\">", f);
		esc(f, im->why != NULL ? im->why : "no preview");
		fputs("</span>", f);
	}
	fputs("</a>", f);
}

/* The caption: prompt, task, status, action, seed, error; the grid. */
static void
caption(FILE *f, json_object *rec, const struct image *im,
    const struct image *grid)
{
	json_object	*task = json_object_object_get(rec, "task");
	json_object	*err = json_object_object_get(rec, "error");
	const char	*prompt = layout_prompt(rec), *v;
	const char	*base;

	fputs("<figcaption><p class=\"prompt\">", f);
	esc(f, prompt != NULL ? prompt : "(no prompt)");
	fputs("</p><div class=\"meta\">", f);
	if (task != NULL) {
		fputs("task ", f);
		esc(f, json_get_string(task, "id"));
		fputs(" &middot; ", f);
		esc(f, json_get_string(task, "status"));
		if ((v = json_get_string(task, "action")) != NULL) {
			fputs(" &middot; ", f);
			esc(f, v);
		}
		if ((v = json_get_string(task, "seed")) != NULL) {
			fputs(" &middot; seed ", f);
			esc(f, v);
		}
	}
	if (im != NULL && grid == NULL) {
		base = strrchr(im->member, '/');
		fputs(" &middot; ", f);
		/* never a quadrant: cards() captions those together */
		esc(f, base != NULL ? base + 1 : im->member);
	}
	if (grid != NULL) {
		fputs(" &middot; <a href=\"", f);
		href(f, grid->member);
		fputs("\">grid</a>", f);
	}
	if (err != NULL) {
		fputs(" <span class=\"err\">", f);
		esc(f, json_get_string(err, "stage"));
		fputs(": ", f);
		esc(f, json_get_string(err, "message"));
		fputs("</span>", f);
	}
	fputs("</div></figcaption>", f);
}

static void
figure_open(FILE *f, json_object *rec, const char *class)
{
	const char	*status = json_get_string(json_object_object_get(rec,
			    "task"), "status");

	fprintf(f, "<figure%s%s%s data-s=\"", class != NULL ? " class=\"" : "",
	    class != NULL ? class : "", class != NULL ? "\"" : "");
	esc(f, status != NULL ? status : "none");
	fputs(json_object_object_get_ex(rec, "error", NULL) ?
	    "\" data-e=\"1\">" : "\">", f);
}

static void
free_images(struct image *img, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(img[i].member);
		free(img[i].path);
		free(img[i].thumb);
		free(img[i].why);
		if (img[i].job != NULL && img[i].job->done &&
		    img[i].job->rc == 0)
			thumbnail_free(&img[i].job->t);
		free(img[i].job);
	}
	free(img);
}

/* The cards of a record whose thumbnails are made. */
static void
cards(FILE *f, json_object *rec, struct image *img, size_t n)
{
	const struct image	*grid = NULL;
	const char		*prompt = layout_prompt(rec);
	size_t			 i, quads = 0;
	char			 alt[16];

	for (i = 0; i < n; i++) {
		if (img[i].index > 0)
			quads++;
		else if (img[i].grid)
			grid = &img[i];
	}
	if (quads > 0) {
		/* a split grid: its quadrants in one card, the grid a link */
		figure_open(f, rec, "split");
		fputs("<div class=\"quads\">", f);
		for (i = 0; i < n; i++)
			if (img[i].index > 0) {
				snprintf(alt, sizeof(alt), "U%d",
				    img[i].index);
				picture(f, &img[i], alt);
			}
		fputs("</div>", f);
		caption(f, rec, NULL, grid != NULL ? grid : NULL);
		fputs("</figure>\n", f);
	}
	for (i = 0; i < n; i++) {
		if (quads > 0 && (img[i].index > 0 || &img[i] == grid))
			continue;
		figure_open(f, rec, NULL);
		picture(f, &img[i], prompt != NULL ? prompt :
		    img[i].member);
		caption(f, rec, &img[i], NULL);
		fputs("</figure>\n", f);
	}
	if (n == 0) {
		figure_open(f, rec, NULL);
		fputs("<div class=\"none\">no image</div>", f);
		caption(f, rec, NULL, NULL);
		fputs("</figure>\n", f);
	}
}

/* The oldest pending record: its thumbnails taken, its cards written. */
static void
finish_one(struct gallery *g, struct archwrite *w)
{
	struct pending	*p = g->head;
	size_t		 i;

	if ((g->head = p->next) == NULL)
		g->tail = NULL;
	for (i = 0; i < p->n; i++)
		take_thumb(g, w, &p->img[i]);
	cards(g->page, p->rec, p->img, p->n);
	free_images(p->img, p->n);
	json_object_put(p->rec);
	free(p);
}

void
gallery_record(struct gallery *g, struct archwrite *w, json_object *rec)
{
	struct pending	*p = xcalloc(1, sizeof(*p));

	p->rec = json_object_get(rec);
	p->img = g->img;
	p->n = g->n;
	g->img = NULL;
	g->n = g->cap = 0;
	if (g->tail != NULL)
		g->tail->next = p;
	else
		g->head = p;
	g->tail = p;
	/*
	 * The cards in input order, a few records behind the thumbnails in
	 * the works.  When to take them depends on counts alone, not on
	 * which thread was quick, so that the archive's members come in the
	 * same order every run (--mtime gives byte-identical archives).
	 */
	while (g->head != NULL && g->inflight > MAX_INFLIGHT)
		finish_one(g, w);
}

int
gallery_add_page(struct gallery *g, struct archwrite *w)
{
	while (g->head != NULL)
		finish_one(g, w);
	if (fprintf(g->page, tail, script) < 0 || ferror(g->page)) {
		if (w->failed == NULL)
			w->failed = xasprintf("index.html: %s",
			    strerror(errno));
		return -1;
	}
	return archwrite_add_tmp(w, "index.html", g->page);
}

void
gallery_free(struct gallery *g)
{
	struct pending	*p;

	if (g == NULL)
		return;
	/* the workers stop first: no job is in their hands after this */
	thumbpool_free(g->pool);
	while ((p = g->head) != NULL) {
		g->head = p->next;
		free_images(p->img, p->n);
		json_object_put(p->rec);
		free(p);
	}
	free_images(g->img, g->n);
	if (g->page != NULL)
		fclose(g->page);
	free(g);
}
