/*
 * The window of submissions in flight: -j at first; a queue-full answer
 * halves it and holds sending, once for all those sent before it was
 * answered; tasks created grow it back, never above -j nor below 1.
 */
#include "congestion.h"
#include "tap.h"

int
main(void)
{
	struct congestion	 c;
	unsigned		 e, i;

	congestion_init(&c, 32);
	TAP_INT(congestion_room(&c), 32, "at first: -j");
	TAP_OK(!congestion_held(&c, 0), "... nothing held");
	e = congestion_epoch(&c);
	TAP_INT(congestion_full(&c, e, 1000, 500), 1, "a queue-full answer");
	TAP_INT(congestion_room(&c), 16, "... halves the window");
	TAP_OK(congestion_held(&c, 1000) && congestion_held(&c, 1499),
	    "... and holds sending for its delay");
	TAP_OK(!congestion_held(&c, 1500), "... until it is over");
	for (i = 0; i < 31; i++)
		TAP_INT(congestion_full(&c, e, 1100, 9000), 0,
		    "sent in the same epoch, refused too (%u): no more", i);
	TAP_INT(congestion_room(&c), 16, "... the window halved once");
	TAP_OK(!congestion_held(&c, 1500), "... the hold not made longer");
	for (i = 0; i < 8; i++)
		(void)congestion_full(&c, congestion_epoch(&c), 2000, 0);
	TAP_INT(congestion_room(&c), 1, "halved again and again: 1 at least");
	TAP_OK(!congestion_held(&c, 2000), "a hold of 0: none");
	congestion_accepted(&c);
	TAP_INT(congestion_room(&c), 2, "a task created at 1: 2");
	for (i = 0; i < 4; i++)
		congestion_accepted(&c);
	TAP_INT(congestion_room(&c), 3, "then one more a window's worth");
	for (i = 0; i < 10000; i++)
		congestion_accepted(&c);
	TAP_INT(congestion_room(&c), 32, "grown back to -j, never above");

	congestion_init(&c, 1);
	(void)congestion_full(&c, congestion_epoch(&c), 0, 10);
	TAP_INT(congestion_room(&c), 1, "-j 1: always 1");
	congestion_init(&c, 0);
	TAP_INT(congestion_room(&c), 1, "-j 0 (not an option): 1");
	return tap_done();
}
