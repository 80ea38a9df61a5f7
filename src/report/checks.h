/*
 * checks: what is wrong with a delegation and why it matters.
 *
 * Each check reads the lookup result and, when there is one, the
 * delegation report, and yields a finding with a stable id, a status and
 * sentences naming the servers involved, in the request's language, with
 * the id of that message and the values it names for machines. The
 * sentences are raw text; renderers escape them. The page links each id
 * to its explanation in the help text (#check-<id>).
 */
#ifndef NSCHECK_CHECKS_H
#define NSCHECK_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

struct lang;

struct ns_result;
struct report;

enum check_status { CHECK_PASS, CHECK_INFO, CHECK_WARN, CHECK_FAIL };

/* Most arguments a finding keeps, and the bytes of their values. */
#define FINDING_ARGS 64
#define FINDING_ARGTEXT 2048

/*
 * A value the message names, for machines: a string, or a number in
 * decimal. A list is one name given once per item, every item in order
 * (the message shows CHECKS_NAMES_LISTED of them); lists of one message
 * run in parallel (servers[i] has addresses[i]). value points into the
 * finding's argtext (so into the original, in a copy of the finding).
 */
struct finding_arg {
	const char *name;
	const char *value;
	bool number;
	bool item;          /* one item of the list called name */
};

struct finding {
	const char *id;
	const char *title;  /* an English msgid: the help text's heading */
	enum check_status status;
	const char *msg_id; /* which message: "<id>.<variant>" (below) */
	char message[4096]; /* fits CHECKS_NAMES_LISTED names of any length */
	struct finding_arg arg[FINDING_ARGS];
	size_t n_args;
	bool args_cut;      /* the store was full: later arguments left out */
	char argtext[FINDING_ARGTEXT];
	size_t argtext_used;
};

/*
 * The message ids, one per kind of message, and the arguments each one
 * names: a name with [] is a list, and the lists of one message run in
 * parallel. An id never changes with the wording. A sentence that may
 * follow the first is named by its argument ("+ skipped").
 *
 * ns_count.none            neither the parent nor the zone gave an NS set
 * ns_count.ok              count name servers, two or more on both sides
 * ns_count.parent_one      the parent names one server, the zone more:
 *                          parent_zone, server, zone_count
 * ns_count.zone_one        the zone names one server, the parent more:
 *                          server, parent_count
 * ns_count.single          one name server in all: server
 * parent_child_match.no_zone_set  no server gave its NS set to compare
 * parent_child_match.ok    both name the same servers: parent_zone, count
 * parent_child_match.only_parent  servers only the parent names:
 *                          parent_zone, parent_only[]
 * parent_child_match.only_zone    servers only the zone names:
 *                          parent_zone, zone_only[]
 * parent_child_match.only_both    both: parent_zone, parent_only[],
 *                          zone_only[]
 * ns_resolves.ok           every name server has an address
 * ns_resolves.missing_some        some have none: servers[], problems[]
 * ns_resolves.missing_some_glued  the same, all of them with glue
 * ns_resolves.missing_all_unreachable  none has one, and none answered
 * ns_resolves.missing_all_glued   none has one, glue leads to all
 * ns_resolves.missing_all_cached  none has one, yet the servers answered
 *                          (each: servers[], problems[]: nxdomain,
 *                          timeout, failed, no_records, parent_only)
 * ns_not_cname.ok          no name in the NS set is an alias
 * ns_not_cname.alias       names that are aliases: servers[], targets[]
 * lame.ok                  every server that answered serves the zone
 * lame.no_answer           no server answered
 * lame.lame                servers that do not serve the zone: servers[],
 *                          addresses[], problems[], rcodes[] (numbers)
 * lame.no_ns_records       all of them hold the zone without NS records
 *                          (problems: nxdomain, rcode, no_ns_records,
 *                          no_zone_data, not_authoritative)
 * responds.ok              every address asked answered: count
 *                          (+ skipped, limited: how many were not asked)
 * responds.none_asked      no address could be asked (+ skipped, limited)
 * responds.no_answer       addresses without an answer: servers[],
 *                          addresses[]
 * soa_serial.no_soa        no server gave an SOA record
 * soa_serial.ok            one serial everywhere: serial
 * soa_serial.differ        the serials differ: servers[], addresses[],
 *                          serials[]
 * glue.not_needed          no name server inside the zone
 * glue.ok                  glue for every name inside, the zone's addresses
 * glue.unknown             glue nothing could be compared with: servers[]
 * glue.wrong               missing or wrong glue: servers[], problems[],
 *                          addresses[] ("" where none is concerned)
 * glue.incomplete          addresses the glue leaves out: the same
 * glue.incomplete_family   the same, a whole family left out somewhere
 *                          (problems: alias, nxdomain_glued,
 *                          nxdomain_delegated, nxdomain_listed, no_glue,
 *                          glue_not_in_zone, address_not_in_glue)
 * tcp.ok                   every server that answered over UDP does over TCP
 * tcp.not_asked            no server could be asked over TCP
 * tcp.no_answer            no answer over TCP: servers[], addresses[],
 *                          problems[] (refused, timeout)
 * open_recursion.ok        no server recursed for nscheck
 * open_recursion.not_asked no server could be asked
 * open_recursion.open      servers open to recursion: servers[], addresses[]
 * ds_matches_dnskey.no_ds  no DS at the parent
 * ds_matches_dnskey.parent_not_asked   the parent could not be asked
 * ds_matches_dnskey.servers_not_asked  no server could be asked for keys
 * ds_matches_dnskey.no_key servers without the DS's key: servers[],
 *                          addresses[]
 * ds_matches_dnskey.unconfirmed_some   no usable DNSKEY answer from
 *                          some, others confirm: servers[], addresses[]
 * ds_matches_dnskey.unconfirmed_cut_short  none confirmed before the
 *                          report was cut short: servers[], addresses[]
 * ds_matches_dnskey.unconfirmed_all    none confirmed: servers[],
 *                          addresses[]
 * ds_matches_dnskey.ok     every server asked has the DS's key
 * subnet_diversity.no_address  no address to compare
 * subnet_diversity.ok      the addresses are spread over networks
 * subnet_diversity.one_network every server in one network: ipv4_address,
 *                          ipv4_count and/or ipv6_address, ipv6_count
 *                          (the family's first address, how many)
 * subnet_diversity.one_network_family  one family in one network: the same
 * ipv6.no_address          no address at all
 * ipv6.ok                  public IPv6 addresses: count
 * ipv6.special_only        IPv6 addresses, none of them public
 * ipv6.missing             no IPv6 address
 * public_addresses.ok      every address is public
 * public_addresses.special special-purpose addresses: servers[],
 *                          addresses[], kinds[] (the registry's name)
 * propagation.zone         no report: longest_ttl, zone_ttl
 * propagation.zone_and_delegation  longest_ttl, zone_ttl, parent_zone,
 *                          delegation_ttl
 * propagation.delegation   the zone's servers deny its NS set:
 *                          longest_ttl, parent_zone, delegation_ttl
 *                          (+ negative_ttl; every TTL in seconds)
 */

/*
 * Every check, in the order the page shows them. Each row is the check's
 * id (its anchor #check-<id> in www/templates/help.html and its row in
 * README's table), whether it needs a finished delegation report, and
 * the function in checks.c that makes its finding (check_<fn>), and its
 * name for people, the heading of its explanation in the help text. A new
 * check is one row here and one function there. The titles are msgids
 * (N_): renderers translate them with tr().
 */
#define CHECKS_TABLE(X) \
	X(ns_count,           CHECK_ON_LOOKUP, ns_count,    N_("Number of name servers")) \
	X(parent_child_match, CHECK_ON_REPORT, match,       N_("Parent and zone agree")) \
	X(ns_resolves,        CHECK_ON_LOOKUP, ns_resolves, N_("Name servers have addresses")) \
	X(ns_not_cname,       CHECK_ON_LOOKUP, not_cname,   N_("Names, not aliases")) \
	X(lame,               CHECK_ON_REPORT, lame,        N_("Servers serve the zone")) \
	X(responds,           CHECK_ON_REPORT, responds,    N_("Servers answer")) \
	X(soa_serial,         CHECK_ON_REPORT, serial,      N_("Same version everywhere")) \
	X(glue,               CHECK_ON_REPORT, glue,        N_("Glue")) \
	X(tcp,                CHECK_ON_REPORT, tcp,         N_("TCP")) \
	X(open_recursion,     CHECK_ON_REPORT, recursion,   N_("Open recursion")) \
	X(ds_matches_dnskey,  CHECK_ON_REPORT, ds,          N_("DNSSEC after a move")) \
	X(subnet_diversity,   CHECK_ON_LOOKUP, subnets,     N_("Different networks")) \
	X(ipv6,               CHECK_ON_LOOKUP, ipv6,        N_("IPv6")) \
	X(public_addresses,   CHECK_ON_LOOKUP, public,      N_("Public addresses")) \
	X(propagation,        CHECK_ON_LOOKUP, propagation, N_("How long old answers live"))

/* What a check reads: the lookup (and the report when there is one), or
 * a finished report. */
enum check_needs { CHECK_ON_LOOKUP, CHECK_ON_REPORT };

#define CHECKS_ONE_(id, needs, fn, title) +1
enum { CHECKS_MAX = 0 CHECKS_TABLE(CHECKS_ONE_) };
#define CHECKS_NAMES_LISTED 3

/* The findings of one request, computed once and read by every renderer. */
struct check_list {
	size_t n;
	struct finding f[CHECKS_MAX];
};

/*
 * Runs every check that applies: the ones that need the report only when
 * rep is a finished report (rep may be NULL); none when the lookup found
 * nothing and the report did not get through.
 */
void checks_run(const struct lang *l, const struct ns_result *r, const struct report *rep,
		struct check_list *out);

/* The table's ids, titles and needs, by position (i < CHECKS_MAX). */
const char *check_id(size_t i);
const char *check_title(size_t i);
enum check_needs check_needs(size_t i);

const char *check_status_id(enum check_status s);   /* "pass", "warn", ... */
const char *check_status_word(const struct lang *l, enum check_status s); /* "Passed", "Warning", ... */

#endif
