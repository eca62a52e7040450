#!/bin/bash
# make check-long: 26 aimed kills in 22 cases of 40 prompts: the journal
# torn at writes across the whole run, mj-fetch inside a download and on
# both sides of its link, mj-pack inside the archive and on both sides of
# its rename, and chains of kills before the clean rerun.  40 prompts
# make at most 81 journal writes, 40 links and about 18 archive writes.
CASES="submit=write:journal:1
submit=write:journal:2
submit=write:journal:3
submit=write:journal:7
submit=write:journal:16
submit=write:journal:31
submit=write:journal:60
submit=write:journal:80
fetch=write:.part:1
fetch=write:.part:30
fetch=link:.part:1
fetch=link:.part:20
fetch=link:.part:40
fetch=link-after:.part:1
fetch=link-after:.part:25
pack=write:.part:1
pack=write:.part:10
pack=rename:.part:1
pack=rename-after:.part:1
submit=write:journal:5,submit=write:journal:5
submit=write:journal:20,fetch=link:.part:10,pack=rename:.part:1
fetch=link-after:.part:3,pack=rename-after:.part:1" \
N=40 TEST_TIMEOUT=1500 exec bash "$top_srcdir/tests/cli/rel-killat.sh"
