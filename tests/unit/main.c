/* Runs every unit test suite; the exit status is the number of failures. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(buf_suite());

	srunner_add_suite(sr, arena_suite());
	srunner_add_suite(sr, form_suite());
	srunner_add_suite(sr, request_suite());
	srunner_add_suite(sr, domain_suite());
	srunner_add_suite(sr, names_suite());
	srunner_add_suite(sr, cli_suite());
	srunner_add_suite(sr, etag_suite());
	srunner_add_suite(sr, lang_suite());
	srunner_add_suite(sr, csp_suite());
	srunner_add_suite(sr, stats_suite());
	srunner_add_suite(sr, idna_suite());
	srunner_add_suite(sr, uts46_suite());
	srunner_add_suite(sr, dnsmsg_suite());
	srunner_add_suite(sr, config_suite());
	srunner_add_suite(sr, template_suite());
	srunner_add_suite(sr, render_suite());
	srunner_add_suite(sr, cells_suite());
	srunner_add_suite(sr, render_shared_suite());
	srunner_add_suite(sr, checks_suite());
	srunner_add_suite(sr, codec_suite());
	srunner_add_suite(sr, cache_suite());
	srunner_add_suite(sr, resolver_suite());
	srunner_add_suite(sr, lookup_suite());
	srunner_add_suite(sr, describe_suite());
	srunner_add_suite(sr, deleg_suite());
	srunner_add_suite(sr, probe_suite());
	srunner_add_suite(sr, report_suite());
	srunner_add_suite(sr, netaddr_suite());
	srunner_add_suite(sr, hints_suite());
	srunner_add_suite(sr, providers_suite());
	srunner_add_suite(sr, service_suite());
	srunner_add_suite(sr, ratelimit_suite());
	srunner_add_suite(sr, dnssec_suite());
	srunner_add_suite(sr, expect_suite());
	srunner_add_suite(sr, transfer_suite());
	srunner_add_suite(sr, rdata_suite());
	srunner_add_suite(sr, dissect_suite());
	srunner_add_suite(sr, drill_suite());
	srunner_add_suite(sr, log_suite());
	srunner_add_suite(sr, supervisor_suite());
	srunner_add_suite(sr, privs_suite());
	srunner_add_suite(sr, words_suite());
	srunner_add_suite(sr, zones_suite());
	srunner_add_suite(sr, fiber_suite());
	srunner_add_suite(sr, lane_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
